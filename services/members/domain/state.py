"""Aggregate states of the members context and their `evolve` functions (pure)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from services.members.domain.events import (
    CONTEXT,
    LIAISON_GROUP,
    MEMBER,
    LiaisonGroupEstablished,
    MemberLiaisonGroupChanged,
    MemberRegistered,
    VisitLogged,
)
from services.members.domain.member_state import TermMembership, evolve_record
from services.members.domain.vocab import STANDING_TYPES
from shared.domain import Decider
from shared.events import DomainEvent

# --- liaison group -----------------------------------------------------------------------


@dataclass(frozen=True)
class LiaisonGroupState:
    established: bool = False
    township_id: str | None = None
    group_name: str | None = None
    township_name: str | None = None


INITIAL_LIAISON_GROUP = LiaisonGroupState()


def evolve_group(state: LiaisonGroupState, event: DomainEvent) -> LiaisonGroupState:
    if isinstance(event, LiaisonGroupEstablished):
        return replace(
            state,
            established=True,
            township_id=event.township_id,
            group_name=event.group_name,
            township_name=event.township_name,
        )
    return state


# --- member ------------------------------------------------------------------------------


@dataclass(frozen=True)
class LiaisonGroupChange:
    """One entry of a member's liaison-group history."""

    from_township_id: str | None
    to_township_id: str
    reason: str | None = None


@dataclass(frozen=True)
class MemberState:
    registered: bool = False
    active: bool = False
    member_id: str | None = None
    name: str | None = None
    sector: str | None = None
    political_affiliation: str | None = None
    township_id: str | None = None
    term_no: int | None = None
    is_standing_member: bool = False
    work_unit: str | None = None
    visit_ids: frozenset[str] = frozenset()
    visit_count: int = 0
    last_visit_date: date | None = None
    liaison_group_history: tuple[LiaisonGroupChange, ...] = ()
    sector_id: str | None = None
    member_type: str | None = None
    terms: tuple[TermMembership, ...] = ()
    exit_reason: str | None = None
    gender: str | None = None
    ethnicity: str | None = None
    birth_date: date | None = None
    position: str | None = None
    is_non_public_economy: bool = False
    is_new_social_stratum: bool = False
    enterprise_name: str | None = None
    special_committees: frozenset[str] = frozenset()
    pii_key_id: str | None = None
    pii_fields: frozenset[str] = frozenset()
    pii_forgotten: bool = False

    @property
    def open_term(self) -> TermMembership | None:
        """The current term membership, if it has not ended."""
        if self.terms and not self.terms[-1].ended:
            return self.terms[-1]
        return None

    @property
    def is_cpc_member(self) -> bool:
        """党员委员 (derived from the political affiliation)."""
        return self.political_affiliation == "cpc"


INITIAL_MEMBER = MemberState()


def _registered(state: MemberState, e: MemberRegistered) -> MemberState:
    member_type = e.member_type or ("standing_member" if e.is_standing_member else "member")
    return replace(
        state,
        registered=True,
        active=True,
        member_id=e.member_id,
        name=e.member_name,
        sector=e.sector,
        sector_id=e.sector_id,
        political_affiliation=e.political_affiliation,
        township_id=e.township_id,
        term_no=e.term_no,
        member_type=member_type,
        is_standing_member=e.is_standing_member or member_type in STANDING_TYPES,
        terms=(TermMembership(e.term_no, member_type, e.joined_at),),
        work_unit=e.work_unit,
        gender=e.gender,
        ethnicity=e.ethnicity,
        birth_date=e.birth_date,
        position=e.position,
        is_non_public_economy=e.is_non_public_economy,
        is_new_social_stratum=e.is_new_social_stratum,
        enterprise_name=e.enterprise_name,
        pii_key_id=e.pii_key_id,
        pii_fields=frozenset(e.pii),
    )


def evolve_member(state: MemberState, event: DomainEvent) -> MemberState:
    if isinstance(event, MemberRegistered):
        return _registered(state, event)
    if isinstance(event, VisitLogged):
        if event.visit_id in state.visit_ids:
            return state  # idempotent: a duplicate delivery changes nothing
        last = state.last_visit_date
        return replace(
            state,
            visit_ids=state.visit_ids | {event.visit_id},
            visit_count=state.visit_count + 1,
            last_visit_date=event.visit_date if last is None else max(last, event.visit_date),
        )
    if isinstance(event, MemberLiaisonGroupChanged):
        change = LiaisonGroupChange(
            from_township_id=event.from_township_id,
            to_township_id=event.to_township_id,
            reason=event.reason,
        )
        return replace(
            state,
            township_id=event.to_township_id,
            liaison_group_history=(*state.liaison_group_history, change),
        )
    return evolve_record(state, event) or state


liaison_group_decider: Decider[LiaisonGroupState] = Decider(
    CONTEXT, LIAISON_GROUP, INITIAL_LIAISON_GROUP, evolve_group
)
member_decider: Decider[MemberState] = Decider(CONTEXT, MEMBER, INITIAL_MEMBER, evolve_member)
