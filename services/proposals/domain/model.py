"""The shape of a proposal's state: statuses, co-signers, handling tasks, replies, evaluations.

Folding lives in `state.py` (and the `fold_*` modules); this module only defines data.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum

from .events import (
    AuthorBody,
    AuthorKind,
    Category,
    Disposition,
    NotRegisteredReason,
    Period,
    ProposalBody,
)


class ProposalStatus(StrEnum):
    """Proposal-level states (DOMAIN §2.3). Labels: labels.STATUS_LABELS."""

    DRAFT = "draft"
    COSIGNING = "cosigning"
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    REGISTERED = "registered"
    NOT_REGISTERED = "not_registered"
    MERGED = "merged"
    WITHDRAWN = "withdrawn"
    ASSIGNED = "assigned"
    IN_HANDLING = "in_handling"
    REPLIED = "replied"
    REHANDLING = "rehandling"
    CONCLUDED = "concluded"


S = ProposalStatus
# No command changes a proposal in one of these states.
TERMINAL_STATUSES: frozenset[ProposalStatus] = frozenset(
    {S.NOT_REGISTERED, S.MERGED, S.WITHDRAWN, S.CONCLUDED}
)
# Under review in the broad sense: 立案 / 不予立案 may be decided from here (P8, P9).
REVIEWABLE_STATUSES: frozenset[ProposalStatus] = frozenset({S.SUBMITTED, S.UNDER_REVIEW})
# 撤案 is possible before 交办 (P11).
WITHDRAWABLE_STATUSES: frozenset[ProposalStatus] = frozenset(
    {S.SUBMITTED, S.UNDER_REVIEW, S.REGISTERED}
)
EDITABLE_STATUSES: frozenset[ProposalStatus] = frozenset({S.DRAFT, S.COSIGNING})
MERGEABLE_STATUSES: frozenset[ProposalStatus] = frozenset(
    {S.SUBMITTED, S.UNDER_REVIEW, S.REGISTERED}
)
# Registered and not yet finished: 重点提案 may be designated from here.
FILED_STATUSES: frozenset[ProposalStatus] = frozenset(
    {S.REGISTERED, S.ASSIGNED, S.IN_HANDLING, S.REPLIED, S.REHANDLING}
)
HANDLING_STATUSES: frozenset[ProposalStatus] = frozenset(
    {S.ASSIGNED, S.IN_HANDLING, S.REPLIED, S.REHANDLING}
)


class CosignStatus(StrEnum):
    INVITED = "invited"
    SIGNED = "signed"
    DECLINED = "declined"
    CANCELLED = "cancelled"
    DROPPED = "dropped"  # had not signed when the proposal was submitted


class TaskStatus(StrEnum):
    ASSIGNED = "assigned"
    ACCEPTED = "accepted"
    RETURN_REQUESTED = "return_requested"
    RETURNED = "returned"


class ReplyStatus(StrEnum):
    DRAFTING = "drafting"
    COSIGNING = "cosigning"
    IN_REVIEW = "in_review"
    ISSUED = "issued"


# Roles whose unit replies to the proposer (§2.5.2); `co` never does.
REPLY_ROLES = frozenset({"lead", "separate", "sole"})


@dataclass(frozen=True)
class Cosigner:
    member_id: str
    status: CosignStatus
    township_id: str | None
    name: str | None
    deadline_on: date
    signed_at: datetime | None = None


@dataclass(frozen=True)
class ReviewOpinion:
    stage: str
    opinion: str
    recorded_at: datetime


@dataclass(frozen=True)
class Task:
    task_id: str
    unit_id: str
    unit_name: str
    role: str
    status: TaskStatus
    assigned_at: datetime
    due_on: date
    return_due_on: date
    round: int = 1
    accepted_at: datetime | None = None
    return_reason: str | None = None
    co_opinion: str | None = None
    co_opinion_round: int = 0
    extension_pending: bool = False
    quality: str | None = None
    contacts: int = 0

    @property
    def active(self) -> bool:
        return self.status != TaskStatus.RETURNED

    @property
    def replies_to_proposer(self) -> bool:
        return self.role in REPLY_ROLES

    @property
    def reply_id(self) -> str:
        """Id of this task's reply in its current round, e.g. `t1-2`."""
        return f"{self.task_id}-{self.round}"


@dataclass(frozen=True)
class Evaluation:
    evaluator_id: str
    process: str
    result: str
    comment: str | None
    channel: str
    evaluated_at: datetime
    by_lead_author: bool


@dataclass(frozen=True)
class Reply:
    reply_id: str
    task_id: str
    unit_id: str
    round: int
    status: ReplyStatus
    doc_no: str
    body: str
    result_class: str
    contact_person: str
    contact_phone: str
    signed_by: str
    cosigned_by: frozenset[str] = frozenset()  # task ids of co-handlers who signed
    issued_at: datetime | None = None
    evaluation_due_on: date | None = None
    evaluations: Mapping[str, Evaluation] = field(default_factory=dict)
    lapsed: bool = False
    rehandling_ordered: bool = False

    @property
    def lead_evaluation(self) -> Evaluation | None:
        return next((e for e in self.evaluations.values() if e.by_lead_author), None)


@dataclass(frozen=True)
class DeadlineMark:
    """A deadline reminder already recorded (`threshold_days` None = overdue): one per
    task, deadline kind, round, due date and threshold (domain/deadlines)."""

    task_id: str
    kind: str  # reply | co_opinion | sign_in
    round: int
    due_on: date
    threshold_days: int | None = None


@dataclass(frozen=True)
class ProposalState:
    """One proposal. `status is None` means it does not exist yet."""

    proposal_id: str = ""
    status: ProposalStatus | None = None
    author_kind: AuthorKind | None = None
    author_body: AuthorBody | None = None
    lead_author_id: str = ""
    co_author_ids: tuple[str, ...] = ()
    title: str = ""
    body: ProposalBody = field(default_factory=ProposalBody)
    category: Category | None = None
    term_no: int = 0
    session_no: int = 0
    period: Period | None = None
    suggested_units: tuple[str, ...] = ()
    township_id: str | None = None
    author_township_ids: Mapping[str, str] = field(default_factory=dict)
    author_names: Mapping[str, str] = field(default_factory=dict)
    drafted_at: datetime | None = None
    cosigners: tuple[Cosigner, ...] = ()
    returned_reason: str | None = None
    submitted_at: datetime | None = None
    review_started_at: datetime | None = None
    review_opinions: tuple[ReviewOpinion, ...] = ()
    serial_no: str | None = None
    registered_at: datetime | None = None
    not_registered_reason: NotRegisteredReason | None = None
    disposition: Disposition | None = None
    decision_note: str | None = None
    decided_at: datetime | None = None
    withdrawn_at: datetime | None = None
    withdrawal_reason: str | None = None
    merged_into: str | None = None
    merged_from: tuple[str, ...] = ()
    is_key: bool = False
    key_leader_ids: tuple[str, ...] = ()
    assigned_at: datetime | None = None
    tasks: tuple[Task, ...] = ()
    replies: Mapping[str, Reply] = field(default_factory=dict)
    concluded_at: datetime | None = None
    conclusion: str | None = None
    deadline_marks: frozenset[DeadlineMark] = frozenset()

    @property
    def exists(self) -> bool:
        return self.status is not None

    @property
    def is_terminal(self) -> bool:
        return self.status in TERMINAL_STATUSES

    @property
    def author_ids(self) -> tuple[str, ...]:
        """Lead author first, then co-authors."""
        return (self.lead_author_id, *self.co_author_ids) if self.lead_author_id else ()

    def cosigner(self, member_id: str) -> Cosigner | None:
        return next((c for c in self.cosigners if c.member_id == member_id), None)

    def task(self, task_id: str) -> Task | None:
        return next((t for t in self.tasks if t.task_id == task_id), None)

    @property
    def active_tasks(self) -> tuple[Task, ...]:
        return tuple(t for t in self.tasks if t.active)

    @property
    def reply_tasks(self) -> tuple[Task, ...]:
        """Active tasks that owe the proposer a reply (lead / separate / sole)."""
        return tuple(t for t in self.active_tasks if t.replies_to_proposer)

    @property
    def co_tasks(self) -> tuple[Task, ...]:
        return tuple(t for t in self.active_tasks if t.role == "co")

    def current_reply(self, task: Task) -> Reply | None:
        return self.replies.get(task.reply_id)

    @property
    def all_replies_issued(self) -> bool:
        tasks = self.reply_tasks
        return bool(tasks) and all(
            (r := self.current_reply(t)) is not None and r.status == ReplyStatus.ISSUED
            for t in tasks
        )

    def lead_task(self) -> Task | None:
        return next((t for t in self.active_tasks if t.role == "lead"), None)
