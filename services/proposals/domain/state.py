"""State of a proposal and of a serial-number register, folded from their events.

`evolve` dispatches on the event class: the submission/review events of the first release
are folded here, the rest by the `fold_*` modules (each exports a `FOLDS` table).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from shared.events import DomainEvent

from .deadlines.fold import FOLDS as DEADLINE_FOLDS
from .events import (
    Period,
    ProposalNotRegistered,
    ProposalRegistered,
    ProposalReviewStarted,
    ProposalSubmitted,
    ProposalWithdrawn,
    SerialNumberAllocated,
)
from .fold_handling import FOLDS as HANDLING_FOLDS
from .fold_reply import FOLDS as REPLY_FOLDS
from .fold_submission import FOLDS as SUBMISSION_FOLDS
from .model import (
    EDITABLE_STATUSES,
    FILED_STATUSES,
    HANDLING_STATUSES,
    MERGEABLE_STATUSES,
    REPLY_ROLES,
    REVIEWABLE_STATUSES,
    TERMINAL_STATUSES,
    WITHDRAWABLE_STATUSES,
    Cosigner,
    CosignStatus,
    Evaluation,
    ProposalState,
    ProposalStatus,
    Reply,
    ReplyStatus,
    ReviewOpinion,
    Task,
    TaskStatus,
)


def _submitted(state: ProposalState, event: ProposalSubmitted) -> ProposalState:
    dropped = set(event.dropped_cosigner_ids)
    cosigners = tuple(
        replace(c, status=CosignStatus.DROPPED) if c.member_id in dropped else c
        for c in state.cosigners
    )
    return replace(
        state,
        proposal_id=event.proposal_id,
        status=ProposalStatus.SUBMITTED,
        author_kind=event.author_kind,
        author_body=event.author_body,
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
        author_names={**state.author_names, **event.author_names},
        cosigners=cosigners,
        returned_reason=None,
        submitted_at=event.submitted_at,
    )


def _review_started(state: ProposalState, event: ProposalReviewStarted) -> ProposalState:
    return replace(
        state, status=ProposalStatus.UNDER_REVIEW, review_started_at=event.review_started_at
    )


def _registered(state: ProposalState, event: ProposalRegistered) -> ProposalState:
    return replace(
        state,
        status=ProposalStatus.REGISTERED,
        serial_no=event.serial_no,
        category=event.category,
        registered_at=event.registered_at,
    )


def _not_registered(state: ProposalState, event: ProposalNotRegistered) -> ProposalState:
    return replace(
        state,
        status=ProposalStatus.NOT_REGISTERED,
        not_registered_reason=event.reason,
        disposition=event.disposition,
        decision_note=event.note,
        decided_at=event.decided_at,
    )


def _withdrawn(state: ProposalState, event: ProposalWithdrawn) -> ProposalState:
    return replace(
        state,
        status=ProposalStatus.WITHDRAWN,
        withdrawn_at=event.withdrawn_at,
        withdrawal_reason=event.reason,
    )


Fold = Callable[[ProposalState, Any], ProposalState]
_FOLDS: dict[type[DomainEvent], Fold] = {
    ProposalSubmitted: _submitted,
    ProposalReviewStarted: _review_started,
    ProposalRegistered: _registered,
    ProposalNotRegistered: _not_registered,
    ProposalWithdrawn: _withdrawn,
    **SUBMISSION_FOLDS,
    **HANDLING_FOLDS,
    **REPLY_FOLDS,
    **DEADLINE_FOLDS,
}


def evolve(state: ProposalState, event: DomainEvent) -> ProposalState:
    """Fold one proposal event. Unknown events leave the state unchanged."""
    fold = _FOLDS.get(type(event))
    return state if fold is None else fold(state, event)


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


__all__ = [
    "EDITABLE_STATUSES",
    "FILED_STATUSES",
    "HANDLING_STATUSES",
    "MERGEABLE_STATUSES",
    "PERIOD_SERIAL_CODES",
    "REPLY_ROLES",
    "REVIEWABLE_STATUSES",
    "TERMINAL_STATUSES",
    "WITHDRAWABLE_STATUSES",
    "CosignStatus",
    "Cosigner",
    "Evaluation",
    "ProposalState",
    "ProposalStatus",
    "RegisterState",
    "Reply",
    "ReplyStatus",
    "ReviewOpinion",
    "Task",
    "TaskStatus",
    "evolve",
    "evolve_register",
    "format_serial_no",
    "register_id",
]
