"""Commands on livelihood activities (民生实事): record (admin, staff of a township where it
took place, or a participating member) and verify (admin or such township staff)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from services.members.application.activities_common import (
    accepted,
    acts_in,
    group_targets,
    is_self,
    member_targets,
    not_your_township,
    refs_of,
    require_uuid,
)
from services.members.domain.activities.livelihood import (
    LivelihoodState,
    RecordLivelihoodActivity,
    VerifyLivelihoodActivity,
    decide_record_livelihood_activity,
    decide_verify_livelihood_activity,
    livelihood_decider,
)
from services.members.localtime import local_date, utc_now
from shared.auth import Forbidden, Principal
from shared.commands import Target
from shared.events import DomainEvent
from shared.http import Accepted
from shared.ids import uuid7
from shared.service import ServiceRuntime

Data = Mapping[str, Any]


def authorize_record(principal: Principal, townships: list[str], participants: list[str]) -> None:
    if acts_in(principal, townships) or any(is_self(principal, m) for m in participants):
        return
    if principal.townships:
        raise not_your_township("民生实事", townships)
    raise Forbidden(
        "民生实事由参加活动的委员本人、活动所在乡镇的联络组或县政协机关登记，您的账号无权登记。"
    )


def authorize_verify(principal: Principal, state: LivelihoodState) -> None:
    townships = list(state.last.township_ids) if state.last is not None else []
    if acts_in(principal, townships):
        return
    if principal.townships:
        raise not_your_township("民生实事核实", townships)
    raise Forbidden("民生实事由活动所在乡镇的联络组或县政协机关核实，您的账号无权核实。")


async def record_livelihood_activity(
    rt: ServiceRuntime, principal: Principal, data: Data
) -> Accepted:
    townships = list(data["township_ids"])
    participants = list(data["participant_member_ids"])
    authorize_record(principal, townships, participants)
    now = utc_now()
    activity_id = uuid7()
    cmd = RecordLivelihoodActivity(
        actor=principal.actor, at=now, activity_id=activity_id, today=local_date(now), **data
    )
    refs = [*group_targets(townships), *member_targets(participants)]

    def decide(states: list[Any]) -> list[DomainEvent]:
        groups, members = refs_of(states[1:], refs)
        return decide_record_livelihood_activity(cmd, states[0], groups, members)

    targets = [Target(livelihood_decider, activity_id, new=True), *refs]
    result = await rt.commands.execute(
        "record_livelihood_activity", targets, decide, rt.context(principal, now)
    )
    return accepted(activity_id, result)


async def verify_livelihood_activity(
    rt: ServiceRuntime, principal: Principal, activity_id: str, data: Data
) -> Accepted:
    if not (principal.is_admin or principal.townships):
        raise Forbidden("民生实事由活动所在乡镇的联络组或县政协机关核实，您的账号无权核实。")
    require_uuid(activity_id, "民生实事")
    now = utc_now()
    cmd = VerifyLivelihoodActivity(
        actor=principal.actor, at=now, activity_id=activity_id, note=data.get("note")
    )

    def decide(states: list[Any]) -> list[DomainEvent]:
        state: LivelihoodState = states[0]
        if state.recorded:
            authorize_verify(principal, state)
        return decide_verify_livelihood_activity(cmd, state)

    targets = [Target(livelihood_decider, activity_id)]
    result = await rt.commands.execute(
        "verify_livelihood_activity", targets, decide, rt.context(principal, now)
    )
    return accepted(activity_id, result)
