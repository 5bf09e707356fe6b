"""Command handlers: load → decide → append through `runtime.commands.execute`.

Ids (UUIDv7) and "today" (Asia/Shanghai local date) are made here, at the edge; the domain
stays pure. Existence is checked before permissions, permissions before input.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TypeVar
from zoneinfo import ZoneInfo

from services.consultation.application.access import require_may_act
from services.consultation.application.lookups import (
    lookup_members,
    referenced_members,
    require_registered,
    require_unused,
    suggestion_ids_in_use,
    with_townships,
)
from services.consultation.domain.commands import (
    AdoptSuggestion,
    CancelConsultation,
    HoldConsultation,
    PostponeConsultation,
    ScheduleConsultation,
)
from services.consultation.domain.decide import (
    decide_adopt_suggestion,
    decide_cancel_consultation,
    decide_hold_consultation,
    decide_postpone_consultation,
    decide_schedule_consultation,
    require_exists,
)
from services.consultation.domain.state import ConsultationState, consultation_decider
from services.consultation.domain.values import (
    Adoption,
    ConsultationType,
    Participant,
    Suggestion,
)
from services.consultation.projections.consultations import ConsultationBoard
from services.consultation.projections.members import MemberDirectory
from shared.auth import Principal
from shared.commands import CommandContext, Target
from shared.events import DomainEvent
from shared.http import Accepted
from shared.ids import uuid7
from shared.projection import Projection
from shared.service import ServiceRuntime

COUNTY_TZ = ZoneInfo("Asia/Shanghai")
P = TypeVar("P", bound=Projection)
DecideOne = Callable[[ConsultationState], list[DomainEvent]]


def local_today(now: datetime) -> date:
    """The county's calendar date at `now` (Asia/Shanghai)."""
    return now.astimezone(COUNTY_TZ).date()


def find_projection(rt: ServiceRuntime, cls: type[P]) -> P:
    for projection in rt.runner.projections:
        if isinstance(projection, cls):
            return projection
    raise LookupError(f"projection {cls.__name__} is not running")


def new_suggestion_id() -> str:
    return uuid7()


async def _execute(
    rt: ServiceRuntime,
    principal: Principal,
    ctx: CommandContext,
    name: str,
    consultation_id: str,
    decide_one: DecideOne,
) -> Accepted:
    """Run a command on an existing consultation: 404 → 403 → domain decision."""

    def decide(states: list[ConsultationState]) -> list[DomainEvent]:
        state = states[0]
        require_exists(state)
        require_may_act(principal, state.township_id)
        return decide_one(state)

    target = Target(consultation_decider, consultation_id)
    result = await rt.commands.execute(name, [target], decide, ctx)
    return Accepted(
        id=consultation_id, stream=result.stream, seq=result.last_seq, event_ids=result.event_ids
    )


async def schedule_consultation(
    rt: ServiceRuntime,
    principal: Principal,
    *,
    type: ConsultationType,
    topic: str,
    township_id: str | None,
    organizer: str,
    planned_date: date,
) -> Accepted:
    require_may_act(principal, township_id)
    consultation_id = uuid7()
    ctx = rt.context(principal)
    command = ScheduleConsultation(
        consultation_id=consultation_id,
        actor=ctx.actor,
        at=ctx.now,
        type=type,
        topic=topic,
        township_id=township_id,
        organizer=organizer,
        planned_date=planned_date,
    )
    target = Target(consultation_decider, consultation_id, new=True)
    result = await rt.commands.execute(
        "schedule_consultation",
        [target],
        lambda states: decide_schedule_consultation(command, states[0]),
        ctx,
    )
    return Accepted(
        id=consultation_id, stream=result.stream, seq=result.last_seq, event_ids=result.event_ids
    )


async def hold_consultation(
    rt: ServiceRuntime,
    principal: Principal,
    consultation_id: str,
    *,
    held_on: date,
    participants: list[Participant],
    suggestions: list[Suggestion],
    minutes_summary: str | None,
) -> Accepted:
    member_ids = referenced_members(participants, suggestions)
    known = await lookup_members(rt.db, find_projection(rt, MemberDirectory), member_ids)
    board = find_projection(rt, ConsultationBoard)
    in_use = await suggestion_ids_in_use(rt.db, board, suggestions, consultation_id)
    ctx = rt.context(principal)

    def decide_one(state: ConsultationState) -> list[DomainEvent]:
        require_registered(member_ids, known)
        require_unused(in_use)
        command = HoldConsultation(
            consultation_id=consultation_id,
            actor=ctx.actor,
            at=ctx.now,
            held_on=held_on,
            participants=with_townships(participants, known),
            suggestions=suggestions,
            minutes_summary=minutes_summary,
            today=local_today(ctx.now),
        )
        return decide_hold_consultation(command, state)

    return await _execute(rt, principal, ctx, "hold_consultation", consultation_id, decide_one)


async def adopt_suggestion(
    rt: ServiceRuntime,
    principal: Principal,
    consultation_id: str,
    suggestion_id: str,
    *,
    adopted_by: str,
    adoption: Adoption,
    note: str | None,
) -> Accepted:
    ctx = rt.context(principal)
    command = AdoptSuggestion(
        consultation_id=consultation_id,
        actor=ctx.actor,
        at=ctx.now,
        suggestion_id=suggestion_id,
        adopted_by=adopted_by,
        adoption=adoption,
        note=note,
    )
    return await _execute(
        rt,
        principal,
        ctx,
        "adopt_suggestion",
        consultation_id,
        lambda state: decide_adopt_suggestion(command, state),
    )


async def postpone_consultation(
    rt: ServiceRuntime,
    principal: Principal,
    consultation_id: str,
    *,
    new_planned_date: date,
    reason: str,
) -> Accepted:
    ctx = rt.context(principal)
    command = PostponeConsultation(
        consultation_id=consultation_id,
        actor=ctx.actor,
        at=ctx.now,
        new_planned_date=new_planned_date,
        reason=reason,
    )
    return await _execute(
        rt,
        principal,
        ctx,
        "postpone_consultation",
        consultation_id,
        lambda state: decide_postpone_consultation(command, state),
    )


async def cancel_consultation(
    rt: ServiceRuntime, principal: Principal, consultation_id: str, *, reason: str
) -> Accepted:
    ctx = rt.context(principal)
    command = CancelConsultation(
        consultation_id=consultation_id, actor=ctx.actor, at=ctx.now, reason=reason
    )
    return await _execute(
        rt,
        principal,
        ctx,
        "cancel_consultation",
        consultation_id,
        lambda state: decide_cancel_consultation(command, state),
    )
