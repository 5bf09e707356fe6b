"""Response bodies of the 社情民意 API."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from shared.http import Accepted


class Labelled(BaseModel):
    code: str
    label: str


class IssueAccepted(Accepted):
    issue_no: int = Field(description="期号")
    label: str = Field(description="如 2026年第3期")


class ReportAuthorOut(BaseModel):
    member_id: str
    name: str | None
    township_id: str | None


class AdoptionOut(BaseModel):
    adoption_no: int
    level: Labelled
    adopting_body: str
    vehicle: str | None
    mode: Labelled
    adopted_on: date


class InstructionOut(BaseModel):
    instruction_no: int
    leader: str
    level: Labelled
    text: str
    instructed_on: date
    principal: bool


class FeedbackOut(BaseModel):
    feedback_no: int
    department: str
    text: str
    received_on: date


class BodyOut(BaseModel):
    situation: str
    analysis: str
    suggestions: str


class ReportItem(BaseModel):
    report_id: str
    serial_no: str
    year: int
    title: str = Field(description="编辑后的标题（如有），否则原标题")
    original_title: str
    status: Labelled
    reporter_kind: Labelled
    reporter_name: str | None
    lead_author_id: str | None
    lead_author_name: str | None
    authors: list[ReportAuthorOut]
    township_id: str | None
    direct_report_point_id: str | None
    info_nature: Labelled
    category: Labelled
    urgency: Labelled
    source_channel: Labelled
    origin_proposal_id: str | None
    submitted_at: datetime | None
    accepted_at: datetime | None
    published_at: datetime | None
    issue_label: str | None
    adoption_levels: list[Labelled]
    adoption_count: int
    instruction_count: int
    feedback_count: int
    attribution: list[str] | None = Field(
        default=None,
        description="乡镇面板：author 本乡镇委员 / about 涉及本乡镇 / reporter 本乡镇报送",
    )


class ReportDetailOut(ReportItem):
    body: BodyOut
    edited_body: BodyOut | None
    editor_notes: str | None = Field(description="编辑意见（仅信息中心可见）")
    use_mode: Labelled | None
    return_reason: str | None
    archive_reason: str | None
    forwarded_to: list[str]
    upward_levels: list[Labelled]
    township_ids: list[str] = Field(description="涉及乡镇")
    adoptions: list[AdoptionOut]
    instructions: list[InstructionOut]
    feedbacks: list[FeedbackOut]
    closed_at: datetime | None


class ReportPageOut(BaseModel):
    total: int
    page: int
    page_size: int
    items: list[ReportItem]


class IssueItemOut(BaseModel):
    report_id: str
    order: int
    serial_no: str
    title: str
    mode: Labelled


class IssueOut(BaseModel):
    issue_id: str
    series: Labelled
    year: int
    issue_no: int
    label: str
    heading: str = Field(description="如 《社情民意》2026年第3期")
    title: str | None
    classification: str
    status: Labelled
    item_count: int
    editor_id: str | None
    approver_id: str | None
    recipients: list[str]
    created_at: datetime | None
    approved_at: datetime | None
    published_at: datetime | None
    distributed_at: datetime | None


class IssueDetailOut(IssueOut):
    items: list[IssueItemOut]


class IssuePageOut(BaseModel):
    total: int
    page: int
    page_size: int
    items: list[IssueOut]


class PointOut(BaseModel):
    point_id: str
    point_name: str
    kind: Labelled
    township_id: str
    address: str | None
    contact_person: str
    contact_phone: str
    linked_member_ids: list[str]
    status: Labelled
    established_at: datetime | None
    submission_count: int
    last_submission_at: datetime | None


class MemberStatsOut(BaseModel):
    member_id: str
    year: int
    submitted: int
    accepted: int
    archived: int
    published: int
    adopted: dict[str, int] = Field(description="各层级采用篇数（每篇每层级计一次）")
    instructions: int


class StatusCount(BaseModel):
    status: str
    label: str
    count: int


class TownshipOpinionPanel(BaseModel):
    township_id: str
    total: int = Field(description="归属本乡镇的社情民意信息总数")
    counts: list[StatusCount]
    page: ReportPageOut
    direct_report_points: list[PointOut]
