"""Events of the reply sub-flow (DOMAIN §2.6.2 R2–R7): draft → co-sign → review → issued."""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from .events import ProposalEvent, registry


class _ReplyEvent(ProposalEvent):
    reply_id: str  # `<task_id>-<round>`
    task_id: str
    unit_id: str


@registry.register
class ReplyDrafted(_ReplyEvent):
    """起草答复 (re-drafting replaces the draft of the same round)."""

    name: ClassVar[str] = "reply_drafted"

    unit_name: str
    role: str
    round: int
    doc_no: str
    body: str
    result_class: str
    contact_person: str
    contact_phone: str
    signed_by: str
    drafted_at: datetime


@registry.register
class ReplyCosignRequested(_ReplyEvent):
    """主办单位请会办单位会签."""

    name: ClassVar[str] = "reply_cosign_requested"

    co_task_ids: tuple[str, ...]
    co_unit_ids: tuple[str, ...]
    requested_at: datetime


@registry.register
class ReplyCosigned(_ReplyEvent):
    """会签 by a co-handler: `task_id`/`unit_id` are the co-handler's, `reply_id` the lead's."""

    name: ClassVar[str] = "reply_cosigned"

    lead_task_id: str
    note: str | None
    cosigned_at: datetime


@registry.register
class ReplySubmittedForReview(_ReplyEvent):
    """报送督办部门审核 (only when every co-handler has co-signed)."""

    name: ClassVar[str] = "reply_submitted_for_review"

    submitted_at: datetime


@registry.register
class ReplyApproved(_ReplyEvent):
    """审核通过; the supervising office may change the result class."""

    name: ClassVar[str] = "reply_approved"

    result_class: str
    changed_class_from: str | None
    note: str | None
    approved_at: datetime


@registry.register
class ReplyRejected(_ReplyEvent):
    """审核退回: back to drafting; co-signatures must be given again."""

    name: ClassVar[str] = "reply_rejected"

    reason: str
    rejected_at: datetime


@registry.register
class ProposalReplied(_ReplyEvent):
    """答复已发出 to the proposer (委员未评价): the evaluation window starts."""

    name: ClassVar[str] = "replied"

    unit_name: str
    role: str
    round: int
    doc_no: str
    result_class: str
    result_class_label: str
    serial_no: str | None
    title: str
    lead_author_id: str
    co_author_ids: tuple[str, ...]
    issued_at: datetime
    evaluation_due_on: date
    evaluation_deadline_at: datetime


@registry.register
class ProposalAllRepliesIssued(ProposalEvent):
    """Every lead/separate/sole unit has replied in its current round (→ replied)."""

    name: ClassVar[str] = "all_replies_issued"

    reply_ids: tuple[str, ...]
    serial_no: str | None
    title: str
    lead_author_id: str
    issued_at: datetime


__all__ = [
    "ProposalAllRepliesIssued",
    "ProposalReplied",
    "ReplyApproved",
    "ReplyCosignRequested",
    "ReplyCosigned",
    "ReplyDrafted",
    "ReplyRejected",
    "ReplySubmittedForReview",
]
