"""Commands of 交办, handling, replies and evaluation (DOMAIN §2.5–2.7).

Commands on a task name it by `task_id` (local to the proposal: `t1`, `t2`, …). Which
principal may act for which unit is checked by the application layer.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from .commands import ProposalCommand


class UnitAssignment(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    unit_id: str
    role: str  # lead | co | separate | sole


class AssignProposal(ProposalCommand):
    """交办 (A1). `lead_work_unit`: the lead author's work unit, for the 回娘家 warning."""

    assignments: list[UnitAssignment]
    lead_work_unit: str | None = None


class TaskCommand(ProposalCommand):
    task_id: str


class AcceptTask(TaskCommand):
    """签收 (A2)."""


class RequestReturn(TaskCommand):
    """申请退办 (A3)."""

    reason: str
    suggested_units: list[str] = Field(default_factory=list)


class ApproveReturn(TaskCommand):
    """同意退办 and (optionally) reassign (A4)."""

    reassign_to: list[UnitAssignment] = Field(default_factory=list)
    note: str | None = None


class RejectReturn(TaskCommand):
    """驳回退办 (A5)."""

    reason: str


class SubmitCoOpinion(TaskCommand):
    """会办意见 (R1)."""

    opinion: str


class DraftReply(TaskCommand):
    """起草答复 (R2) by a lead / separate / sole unit."""

    doc_no: str
    body: str
    result_class: str
    contact_person: str
    contact_phone: str
    signed_by: str


class RequestReplyCosign(TaskCommand):
    """请会办单位会签 (R3)."""


class CosignReply(TaskCommand):
    """会签 (R4): `task_id` is the co-handler's own task."""

    note: str | None = None


class SubmitReplyForReview(TaskCommand):
    """报送审核 (R5)."""


class ApproveReply(TaskCommand):
    """审核通过 (R6); `result_class` set = the supervising office changes the class."""

    result_class: str | None = None
    note: str | None = None


class RejectReply(TaskCommand):
    reason: str


class RequestExtension(TaskCommand):
    months: int = 1
    reason: str


class GrantExtension(TaskCommand):
    months: int | None = None  # None: the configured extension


class RecordHandlingContact(TaskCommand):
    kind: str  # pre | mid | post
    mode: str  # face_to_face | phone | online
    contacted_on: date
    note: str | None = None


class RateProposalQuality(TaskCommand):
    quality: str
    comment: str | None = None


class EvaluateReply(ProposalCommand):
    """评价答复 (E1): online by the author, or a paper form entered by the office."""

    reply_id: str
    evaluator_id: str
    process_satisfaction: str | None = None
    result_satisfaction: str
    comment: str | None = None
    channel: str = "online"
    by_office: bool = False


class RecordEvaluationLapsed(ProposalCommand):
    """The evaluation window passed (issued by the system's timer, or by the office)."""

    reply_id: str


class OrderRehandling(ProposalCommand):
    """商请重新办理 (E2, by the committee)."""

    reply_id: str
    note: str | None = None


class ConcludeProposal(ProposalCommand):
    """办结 by the committee (E4 override)."""

    note: str | None = None


__all__ = [
    "AcceptTask",
    "ApproveReply",
    "ApproveReturn",
    "AssignProposal",
    "ConcludeProposal",
    "CosignReply",
    "DraftReply",
    "EvaluateReply",
    "GrantExtension",
    "OrderRehandling",
    "RateProposalQuality",
    "RecordEvaluationLapsed",
    "RecordHandlingContact",
    "RejectReply",
    "RejectReturn",
    "RequestExtension",
    "RequestReplyCosign",
    "RequestReturn",
    "SubmitCoOpinion",
    "SubmitReplyForReview",
    "TaskCommand",
    "UnitAssignment",
]
