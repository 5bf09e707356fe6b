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

    @property
    def is_cpc_member(self) -> bool:
        """党员委员 (derived from the political affiliation)."""
        return self.political_affiliation == "cpc"


INITIAL_MEMBER = MemberState()


def evolve_member(state: MemberState, event: DomainEvent) -> MemberState:
    if isinstance(event, MemberRegistered):
        return replace(
            state,
            registered=True,
            active=True,
            member_id=event.member_id,
            name=event.member_name,
            sector=event.sector,
            political_affiliation=event.political_affiliation,
            township_id=event.township_id,
            term_no=event.term_no,
            is_standing_member=event.is_standing_member,
            work_unit=event.work_unit,
        )
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
    return state


liaison_group_decider: Decider[LiaisonGroupState] = Decider(
    CONTEXT, LIAISON_GROUP, INITIAL_LIAISON_GROUP, evolve_group
)
member_decider: Decider[MemberState] = Decider(CONTEXT, MEMBER, INITIAL_MEMBER, evolve_member)
