"""State of a proposal and of a serial-number register, folded from their events."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import StrEnum

from shared.events import DomainEvent

from .events import (
    AuthorKind,
    Category,
    Disposition,
    NotRegisteredReason,
    Period,
    ProposalBody,
    ProposalNotRegistered,
    ProposalRegistered,
    ProposalReviewStarted,
    ProposalSubmitted,
    ProposalWithdrawn,
    SerialNumberAllocated,
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


# No command changes a proposal in one of these states.
TERMINAL_STATUSES: frozenset[ProposalStatus] = frozenset(
    {
        ProposalStatus.NOT_REGISTERED,
        ProposalStatus.MERGED,
        ProposalStatus.WITHDRAWN,
        ProposalStatus.CONCLUDED,
    }
)
# Under review in the broad sense: 立案 / 不予立案 may be decided from here (P8, P9).
REVIEWABLE_STATUSES: frozenset[ProposalStatus] = frozenset(
    {ProposalStatus.SUBMITTED, ProposalStatus.UNDER_REVIEW}
)
# 撤案 is possible before 交办 (P11).
WITHDRAWABLE_STATUSES: frozenset[ProposalStatus] = frozenset(
    {ProposalStatus.SUBMITTED, ProposalStatus.UNDER_REVIEW, ProposalStatus.REGISTERED}
)


@dataclass(frozen=True)
class ProposalState:
    """One proposal. `status is None` means it does not exist yet."""

    proposal_id: str = ""
    status: ProposalStatus | None = None
    author_kind: AuthorKind | None = None
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
    submitted_at: datetime | None = None
    review_started_at: datetime | None = None
    serial_no: str | None = None
    registered_at: datetime | None = None
    not_registered_reason: NotRegisteredReason | None = None
    disposition: Disposition | None = None
    decision_note: str | None = None
    decided_at: datetime | None = None
    withdrawn_at: datetime | None = None
    withdrawal_reason: str | None = None

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


def evolve(state: ProposalState, event: DomainEvent) -> ProposalState:
    """Fold one proposal event. Unknown events leave the state unchanged."""
    match event:
        case ProposalSubmitted():
            return replace(
                state,
                proposal_id=event.proposal_id,
                status=ProposalStatus.SUBMITTED,
                author_kind=event.author_kind,
                lead_author_id=event.lead_author_id,
                co_author_ids=event.co_author_ids,
                title=event.title,
                body=event.body,
                category=event.category,
                term_no=event.term_no,
                session_no=event.session_no,
                period=event.period,
                suggested_units=event.suggested_units,
                township_id=event.township_id,
                author_township_ids=dict(event.author_township_ids),
                submitted_at=event.submitted_at,
            )
        case ProposalReviewStarted():
            return replace(
                state,
                status=ProposalStatus.UNDER_REVIEW,
                review_started_at=event.review_started_at,
            )
        case ProposalRegistered():
            return replace(
                state,
                status=ProposalStatus.REGISTERED,
                serial_no=event.serial_no,
                category=event.category,
                registered_at=event.registered_at,
            )
        case ProposalNotRegistered():
            return replace(
                state,
                status=ProposalStatus.NOT_REGISTERED,
                not_registered_reason=event.reason,
                disposition=event.disposition,
                decision_note=event.note,
                decided_at=event.decided_at,
            )
        case ProposalWithdrawn():
            return replace(
                state,
                status=ProposalStatus.WITHDRAWN,
                withdrawn_at=event.withdrawn_at,
                withdrawal_reason=event.reason,
            )
        case _:
            return state


@dataclass(frozen=True)
class RegisterState:
    """Serial-number register of one term + session + period.

    `last_seq` is the last number handed out (0 = none yet); numbers are gapless.
    """

    register_id: str = ""
    term_no: int = 0
    session_no: int = 0
    period: Period | None = None
    last_seq: int = 0
    last_serial_no: str | None = None

    @property
    def next_seq(self) -> int:
        return self.last_seq + 1


def evolve_register(state: RegisterState, event: DomainEvent) -> RegisterState:
    """Fold one register event. Unknown events leave the state unchanged."""
    match event:
        case SerialNumberAllocated():
            return replace(
                state,
                register_id=register_id(event.term_no, event.session_no, event.period),
                term_no=event.term_no,
                session_no=event.session_no,
                period=event.period,
                last_seq=event.seq,
                last_serial_no=event.serial_no,
            )
        case _:
            return state


def register_id(term_no: int, session_no: int, period: str) -> str:
    """Aggregate id of the serial-number register, e.g. `10-3-plenary`."""
    return f"{term_no}-{session_no}-{period}"


PERIOD_SERIAL_CODES: Mapping[str, str] = {"plenary": "D", "interim": "P"}


def format_serial_no(term_no: int, session_no: int, period: str, seq: int) -> str:
    """提案号 per DOMAIN §8.3: `{term}-{session}-{D|P}{seq:03d}`, e.g. `10-3-D045`."""
    return f"{term_no}-{session_no}-{PERIOD_SERIAL_CODES[period]}{seq:03d}"
