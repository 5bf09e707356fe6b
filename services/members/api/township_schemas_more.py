"""Response bodies of the liaison-group panels (DOMAIN §6.3), continued: 社情民意,
consultations, livelihood & training, to-do, year summary, league table, dashboard."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from pydantic import BaseModel, Field

from services.members.api.schemas import (
    AdoptedSuggestionItem,
    ConsultationItem,
    DashboardOut,
)
from services.members.api.township_schemas import (
    AttendancePanel,
    Attributed,
    MembersPanel,
    PanelHead,
    ProposalsPanel,
    TownshipGovernmentPanel,
    VisitsPanel,
)

# --- 社情民意 ----------------------------------------------------------------------------


class ReportRow(Attributed):
    report_id: str
    serial_no: str | None
    title: str
    authors: list[str]
    author_ids: list[str]
    status: str
    status_label: str
    submitted_at: datetime
    adoption_levels: list[str]
    adoption_labels: list[str]
    instructions: int
    feedbacks: int
    awaiting_feedback: bool


class HeadQuotaRow(BaseModel):
    member_id: str
    member_name: str | None
    done: int
    quota: int
    met: bool


class PointRow(BaseModel):
    point_id: str
    name: str
    kind: str
    kind_label: str
    status: str
    status_label: str
    contact_person: str
    last_submission_at: datetime | None
    reports_this_year: int


class ReportCounters(BaseModel):
    submitted: int
    adopted: int = Field(description="至少被一级采用")
    instructed: int = Field(description="获领导批示")
    feedback_received: int
    awaiting_feedback: int = Field(description="已转送、获批示或被县委县政府采用但尚无落实反馈")


class ReportsPanel(PanelHead):
    counters: ReportCounters
    by_status: dict[str, int]
    adoption_by_level: dict[str, int]
    head_quota: int
    heads_configured: bool
    heads_note: str | None
    heads: list[HeadQuotaRow]
    points: list[PointRow]
    rows: list[ReportRow]


# --- consultations -----------------------------------------------------------------------


class ConsultationsPanel(PanelHead):
    total: int
    by_type: dict[str, int]
    by_reason: dict[str, int]
    suggestions: int
    adopted: int
    items: list[ConsultationItem]
    adopted_items: list[AdoptedSuggestionItem]
    note: str


# --- livelihood & training ---------------------------------------------------------------


class LivelihoodRow(BaseModel):
    record_id: str
    title: str | None
    kind: str
    kind_label: str
    on_date: date | None
    status: str
    status_label: str
    beneficiaries: int
    beneficiaries_description: str | None
    donation_yuan: Decimal | None
    in_kind: str | None
    participants: int
    attribution_reason: str
    attribution_label: str


class TrainingRow(BaseModel):
    training_id: str
    title: str | None
    kind: str
    kind_label: str
    start_date: date | None
    end_date: date | None
    county_level: bool
    attendees: int = Field(description="本组委员出勤人数（按出勤时所在联络组计）")
    full_attendance: int


class LivelihoodTrainingPanel(PanelHead):
    livelihood_total: int
    by_kind: dict[str, int]
    beneficiaries: int
    donation_yuan: Decimal
    livelihood: list[LivelihoodRow]
    trainings: list[TrainingRow]
    training_expected: int = Field(description="应参训人次：本组现有委员数 × 相关培训期数")
    training_attended: int
    training_attendance_rate: float | None


# --- to-do / alerts ----------------------------------------------------------------------


class AlertRow(BaseModel):
    kind: str
    kind_label: str
    message: str
    member_id: str | None
    ref_id: str | None
    due_on: date | None


class AlertsPanel(PanelHead):
    as_of: date
    total: int
    by_kind: dict[str, int]
    items: list[AlertRow]


# --- year summary, league, dashboard -----------------------------------------------------


class SummaryFacts(BaseModel):
    members: int
    standing: int
    visits: int
    constituent_visits: int
    leader_visits: int
    issues: int
    escalated: int
    proposals: int
    registered: int
    replied: int
    satisfied: int
    reports: int
    reports_adopted: int
    reports_instructed: int
    consultations: int
    suggestions_adopted: int
    livelihood: int
    beneficiaries: int
    donation_yuan: Decimal
    trainings: int
    training_attendance_rate: float | None
    meetings: int
    meeting_attendance_rate: float | None


class SummaryOut(BaseModel):
    township_id: str
    group_name: str
    township_name: str
    year: int
    text: str = Field(description="年度工作总结（自动生成的草稿，供联络组修改后上报）")
    facts: SummaryFacts


class LeagueRow(BaseModel):
    rank: int
    township_id: str
    group_name: str
    members: int
    visits: int = Field(description="本组委员开展的“两访”走访（按走访时所在联络组计）")
    visits_per_member: float
    proposals_registered: int
    reports_adopted: int
    consultations_held: int
    average_score: float | None


class LeagueOut(BaseModel):
    year: int
    order_by: str
    order_by_label: str
    rows: list[LeagueRow]


class PanelsOut(BaseModel):
    members: MembersPanel
    attendance: AttendancePanel
    visits: VisitsPanel
    proposals: ProposalsPanel
    township_government: TownshipGovernmentPanel
    reports: ReportsPanel
    consultations: ConsultationsPanel
    livelihood_training: LivelihoodTrainingPanel
    alerts: AlertsPanel


class TownshipDashboardOut(DashboardOut):
    """The earlier dashboard fields, plus every §6.3 panel and the year summary."""

    as_of: date
    panels: PanelsOut
    summary: SummaryOut
