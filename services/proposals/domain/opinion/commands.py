"""Commands of 社情民意: reports, 《社情民意》 issues and direct report points.

Code-list fields are plain strings: the deciders check them and answer with a Chinese
message listing the allowed values.
"""

from __future__ import annotations

from datetime import date

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from .events import ReportBody


class OpinionCommand(BaseModel):
    """Base: the acting principal and the time."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    actor: str
    at: AwareDatetime


class ReportCommand(OpinionCommand):
    report_id: str


class SubmitReport(ReportCommand):
    """报送 (O1). `author_township_ids` / `author_names`: the member-authors' liaison
    groups and names from the member roll (filled in by the application)."""

    reporter_kind: str
    author_ids: list[str] = Field(default_factory=list)
    reporter_name: str | None = None
    contact_phone: str | None = None
    title: str
    body: ReportBody
    info_nature: str
    category: str
    urgency: str = "normal"
    source_channel: str
    township_ids: list[str] = Field(default_factory=list)
    direct_report_point_id: str | None = None
    liaison_group_id: str | None = None
    series_id: str | None = None
    author_township_ids: dict[str, str] = Field(default_factory=dict)
    author_names: dict[str, str] = Field(default_factory=dict)


class CreateReportFromProposal(ReportCommand):
    """提案转社情民意信息 (O1b), issued by the policy on `proposal.converted_to_public_opinion`."""

    origin_proposal_id: str
    title: str
    body: ReportBody
    category: str
    author_ids: list[str] = Field(default_factory=list)
    author_names: dict[str, str] = Field(default_factory=dict)
    author_township_ids: dict[str, str] = Field(default_factory=dict)
    township_id: str | None = None


class StartEditing(ReportCommand):
    """开始编辑 (O2)."""


class EditReport(ReportCommand):
    """编辑加工 (while editing)."""

    edited_title: str | None = None
    edited_body: ReportBody | None = None
    editor_notes: str | None = None


class ReturnReport(ReportCommand):
    """退回修改 (O3)."""

    reason: str


class ResubmitReport(ReportCommand):
    """修改后重新报送; title/body None = unchanged."""

    title: str | None = None
    body: ReportBody | None = None


class AcceptReport(ReportCommand):
    """拟采用 (O4)."""

    use_mode: str


class ArchiveReport(ReportCommand):
    """存档不用 (O5)."""

    reason: str


class ForwardReport(ReportCommand):
    """原稿转送有关部门 (O7)."""

    departments: list[str]


class ReportUpward(ReportCommand):
    """向上级报送 (O8)."""

    level: str
    recipient: str | None = None


class RecordAdoption(ReportCommand):
    """登记采用 (O9)."""

    level: str
    adopting_body: str
    vehicle: str | None = None
    mode: str
    adopted_on: date


class RecordInstruction(ReportCommand):
    """登记领导批示 (O10)."""

    leader: str
    level: str
    text: str
    instructed_on: date
    principal: bool = False


class RecordFeedback(ReportCommand):
    """登记落实反馈 (O11)."""

    department: str
    text: str
    received_on: date


class CloseReport(ReportCommand):
    """办结 (O12)."""

    note: str | None = None


# --- bulletin issues --------------------------------------------------------------------


class IssueCommand(OpinionCommand):
    issue_id: str


class CreateIssue(IssueCommand):
    """新建一期: takes the next number of the series + year."""

    series: str = "sqmy"
    year: int
    title: str | None = None
    classification: str = "内部"


class AddIssueItem(IssueCommand):
    """编入一篇已采用的信息; order None = after the last item."""

    report_id: str
    order: int | None = None
    edited_title: str | None = None
    mode: str = "single"


class RemoveIssueItem(IssueCommand):
    report_id: str


class SubmitIssueForApproval(IssueCommand):
    """送审."""


class ApproveIssue(IssueCommand):
    """审批 (the approver is the actor)."""


class PublishIssue(IssueCommand):
    """印发 to the recipients; publishes every report in the issue."""

    recipients: list[str]


class DistributeIssue(IssueCommand):
    note: str | None = None


# --- direct report points -----------------------------------------------------------------


class PointCommand(OpinionCommand):
    point_id: str


class EstablishPoint(PointCommand):
    point_name: str
    kind: str
    township_id: str
    address: str | None = None
    contact_person: str
    contact_phone: str
    linked_member_ids: list[str] = Field(default_factory=list)
    known_member_ids: list[str] = Field(default_factory=list)  # of the linked, on the roll


class ChangePointContact(PointCommand):
    contact_person: str
    contact_phone: str


class SuspendPoint(PointCommand):
    reason: str
