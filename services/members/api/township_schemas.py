"""Response bodies of the liaison-group panels (DOMAIN §6.3): members, attendance,
两访三做, proposals and proposals handled by the township government. Every row that
belongs to the group says why (`attribution_reason`, Chinese `attribution_label`)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from services.members.api.schemas import VisitItem
from services.members.api.township_paging import ListPage


class PanelHead(BaseModel):
    township_id: str
    year: int
    rows_scope: Literal["group", "self"] = Field(
        description="group：本组全部记录；self：本组委员查看时，名单类只显示本人的记录"
    )
    rows_scope_label: str
    pages: dict[str, ListPage] = Field(
        default_factory=dict,
        description=(
            "本栏目各明细列表的分页情况：列表字段名 → 总条数、offset、limit、是否还有下一页。"
            "统计数字始终按全部记录计算，只有明细列表分页"
        ),
    )


class Attributed(BaseModel):
    attribution_reason: str = Field(description="归属本组的主要原因")
    attribution_reasons: list[str]
    attribution_labels: list[str]


# --- members -----------------------------------------------------------------------------


class RosterRow(BaseModel):
    member_id: str
    name: str
    sector: str
    political_affiliation: str
    political_affiliation_label: str
    is_standing_member: bool
    member_type: str
    member_type_label: str
    special_committees: list[str]
    phone: str | None = Field(description="联系电话：本人和县政协机关看到原文，联络组看到打码")
    phone_visibility: Literal["full", "masked"] | None
    proposals: int = Field(description="本年度提出（含联名）的提案件数")
    reports: int = Field(description="本年度报送的社情民意信息篇数")
    activities: int = Field(description="本年度参加的履职活动次数（走访、民生实事、培训等）")
    visits: int = Field(description="本年度参加的“两访”走访次数")
    last_visit_date: date | None
    score: float | None = Field(description="本年度履职考评得分（考评尚未计算时为空）")
    grade: str | None
    grade_label: str | None


class MembersPanel(PanelHead):
    total: int
    standing: int
    by_sector: dict[str, int]
    by_party: dict[str, int]
    scores_available: bool
    rows: list[RosterRow]


# --- attendance --------------------------------------------------------------------------


class MeetingAttendance(BaseModel):
    meeting_id: str
    title: str
    kind: str
    kind_label: str
    meeting_date: date
    closed: bool
    invited: int = Field(description="本组受邀委员人数（按受邀时所在联络组计）")
    present: int = Field(description="出席（含迟到、早退）")
    leave: int = Field(description="请假")
    absent: int = Field(description="无故缺席")
    pending: int = Field(description="尚未登记出勤")


class AbsenteeRow(BaseModel):
    member_id: str
    member_name: str | None
    absences: int
    meetings: list[str]


class UpcomingMeeting(BaseModel):
    meeting_id: str
    title: str
    kind: str
    kind_label: str
    meeting_date: date
    place: str | None
    invited: int


class AttendancePanel(PanelHead):
    as_of: date
    meetings: list[MeetingAttendance]
    totals: dict[str, int]
    attendance_rate: float | None = Field(description="出席率（出席/已登记出勤人次）")
    absentees: list[AbsenteeRow] = Field(description="本年度有无故缺席的委员（重点提示）")
    upcoming: list[UpcomingMeeting]


# --- 两访三做 ----------------------------------------------------------------------------


class QuotaRow(BaseModel):
    member_id: str
    member_name: str | None
    done: int
    quota: int
    expected_by_now: int = Field(description="按月份进度此时应完成的次数")
    met: bool = Field(description="已完成全年任务")
    behind: bool = Field(description="落后于进度")


class LeaderVisitRow(BaseModel):
    member_id: str
    member_name: str | None
    times: int
    last_date: date | None


class IssueRow(BaseModel):
    visit_id: str
    visit_date: date | None
    member_id: str | None
    member_name: str | None
    text: str | None
    status: str
    status_label: str
    escalated_to: str | None
    escalated_to_label: str | None
    draft_id: str | None


class IssueCounts(BaseModel):
    raised: int
    resolved_on_site: int
    escalated: int
    escalated_by_target: dict[str, int]
    open: int


class VisitsPanel(PanelHead):
    as_of: date
    total: int
    by_kind: dict[str, int]
    by_role_tag: dict[str, int]
    by_reason: dict[str, int]
    verified: int
    constituent_quota: int
    quota: list[QuotaRow]
    below_quota: int
    leader_visits_received: list[LeaderVisitRow]
    members_visited_by_leaders: int
    issues: IssueCounts
    issue_items: list[IssueRow]
    items: list[VisitItem]


# --- proposals ---------------------------------------------------------------------------


class AuthorOut(BaseModel):
    member_id: str
    name: str | None
    role: str
    role_label: str


class TaskOut(BaseModel):
    task_id: str
    proposal_id: str
    unit_id: str
    unit_name: str
    role: str
    role_label: str
    phase: str
    phase_label: str
    assigned_on: date
    due_on: date | None
    overdue: bool
    replied_on: date | None
    on_time: bool | None
    result_class: str | None
    result_class_label: str | None
    satisfaction: str | None
    satisfaction_label: str | None


class ProposalRow(Attributed):
    proposal_id: str
    serial_no: str | None
    title: str
    category: str | None
    category_label: str | None
    lead_author_id: str | None
    lead_author_name: str | None
    authors: list[AuthorOut]
    status: str
    status_label: str
    submitted_at: datetime
    registered: bool
    replied_on: date | None = Field(description="全部答复已发出的日期")
    converted: bool = Field(description="不予立案后转为社情民意信息")
    is_key: bool
    disposition: str | None
    disposition_label: str | None
    units: list[TaskOut]
    due_on: date | None = Field(description="尚未答复的承办任务中最早的答复期限")
    overdue: bool
    result_classes: list[str]
    satisfaction: str | None
    satisfaction_label: str | None


class ProposalCounters(BaseModel):
    submitted: int
    registered: int
    not_registered: int
    converted: int = Field(description="不予立案后转为社情民意信息")
    replied: int
    on_time: int = Field(description="按期答复（全部承办单位均在期限内答复）")
    satisfied: int = Field(description="提案者对答复满意或基本满意")
    overdue: int


class ProposalsPanel(PanelHead):
    as_of: date
    counters: ProposalCounters
    by_status: dict[str, int]
    by_reason: dict[str, int]
    rows: list[ProposalRow]


class TownshipGovernmentPanel(PanelHead):
    as_of: date
    units: list[str] = Field(description="登记为本乡镇人民政府的承办单位")
    total: int
    replied: int
    on_time: int
    overdue: int
    satisfied: int
    rows: list[TaskOut]
    titles: dict[str, str] = Field(description="提案编号 → 案由")
