"""How a member's record folds the record events (profile, terms, committees, forgetting).

`evolve_record` is called by `state.evolve_member` for the events of `member_events`.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from services.members.domain.member_events import (
    MemberAppointed,
    MemberJoinedSpecialCommittee,
    MemberLeftSpecialCommittee,
    MemberPersonalDataForgotten,
    MemberPoliticalAffiliationChanged,
    MemberProfileUpdated,
    MemberSectorChanged,
    MemberTermEnded,
    MemberTypeChanged,
)
from services.members.domain.vocab import STANDING_TYPES
from shared.events import DomainEvent

if TYPE_CHECKING:
    from services.members.domain.state import MemberState


@dataclass(frozen=True)
class TermMembership:
    """届次任职: one term of office of a member."""

    term_no: int
    member_type: str
    joined_at: date | None
    ended: bool = False
    left_at: date | None = None
    exit_reason: str | None = None


def _replace_last(terms: tuple[TermMembership, ...], **changes: Any) -> tuple[TermMembership, ...]:
    if not terms:
        return terms
    return (*terms[:-1], replace(terms[-1], **changes))


def _profile(state: MemberState, e: MemberProfileUpdated) -> MemberState:
    changes: dict[str, Any] = {}
    for field in e.changed:
        key = "name" if field == "member_name" else field
        changes[key] = getattr(e, field)
    fields = (state.pii_fields | set(e.pii)) - set(e.pii_cleared)
    key_id = e.pii_key_id or state.pii_key_id
    return replace(state, **changes, pii_fields=frozenset(fields), pii_key_id=key_id)


def _appointed(state: MemberState, e: MemberAppointed) -> MemberState:
    term = TermMembership(e.term_no, e.member_type, e.joined_at)
    return replace(
        state,
        active=True,
        exit_reason=None,
        term_no=e.term_no,
        member_type=e.member_type,
        is_standing_member=e.member_type in STANDING_TYPES,
        terms=(*state.terms, term),
    )


def _type_changed(state: MemberState, e: MemberTypeChanged) -> MemberState:
    return replace(
        state,
        member_type=e.member_type,
        is_standing_member=e.member_type in STANDING_TYPES,
        terms=_replace_last(state.terms, member_type=e.member_type),
    )


def _term_ended(state: MemberState, e: MemberTermEnded) -> MemberState:
    terms = _replace_last(state.terms, ended=True, left_at=e.left_at, exit_reason=e.exit_reason)
    if e.exit_reason is None:
        return replace(state, terms=terms)
    return replace(state, terms=terms, active=False, exit_reason=e.exit_reason)


def evolve_record(state: MemberState, event: DomainEvent) -> MemberState | None:
    """The new state for a record event, or None when `event` is not one."""
    if isinstance(event, MemberProfileUpdated):
        return _profile(state, event)
    if isinstance(event, MemberSectorChanged):
        return replace(state, sector_id=event.sector_id, sector=event.sector)
    if isinstance(event, MemberPoliticalAffiliationChanged):
        return replace(state, political_affiliation=event.political_affiliation)
    if isinstance(event, MemberAppointed):
        return _appointed(state, event)
    if isinstance(event, MemberTypeChanged):
        return _type_changed(state, event)
    if isinstance(event, MemberTermEnded):
        return _term_ended(state, event)
    if isinstance(event, MemberJoinedSpecialCommittee):
        return replace(state, special_committees=state.special_committees | {event.committee})
    if isinstance(event, MemberLeftSpecialCommittee):
        return replace(state, special_committees=state.special_committees - {event.committee})
    if isinstance(event, MemberPersonalDataForgotten):
        return replace(state, pii_forgotten=True, pii_fields=frozenset())
    return None
