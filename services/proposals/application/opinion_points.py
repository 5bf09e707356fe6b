"""Command handlers of direct report points (社情民意直报点).

Governance (DOMAIN §9.11, our default — docs/decisions/0006): the info office (or the
county office) establishes and suspends points; the info office or the point's township
staff may change its contact person.
"""

from __future__ import annotations

from typing import Any

from services.proposals.domain.opinion import (
    ChangePointContact,
    EstablishPoint,
    PointState,
    SuspendPoint,
    decide_change_point_contact,
    decide_establish_point,
    decide_suspend_point,
    point_decider,
)
from services.proposals.projections.member_reference import MemberReference
from shared.auth import Principal
from shared.commands import Target
from shared.events import DomainEvent
from shared.http import Accepted
from shared.service import ServiceRuntime

from .lookup import projection
from .opinion_access import is_editor, require_editor
from .opinion_common import accepted, run


async def establish(rt: ServiceRuntime, principal: Principal, cmd: EstablishPoint) -> Accepted:
    require_editor(principal, "设立社情民意直报点")
    async with rt.db.read() as conn:
        refs = await projection(rt, MemberReference).lookup(conn, cmd.linked_member_ids)
    cmd = cmd.model_copy(update={"known_member_ids": sorted(refs)})
    result = await run(
        rt,
        principal,
        "establish_direct_report_point",
        [Target(point_decider, cmd.point_id, new=True)],
        lambda states: decide_establish_point(cmd, states[0]),
        cmd.at,
    )
    return accepted(cmd.point_id, result)


async def change_contact(
    rt: ServiceRuntime, principal: Principal, cmd: ChangePointContact
) -> Accepted:
    def decide(states: list[Any]) -> list[DomainEvent]:
        point: PointState = states[0]
        if point.exists and not is_editor(principal):
            principal.require_township(point.township_id)
        return decide_change_point_contact(cmd, point)

    if not is_editor(principal) and not principal.townships:
        require_editor(principal, "更换直报点联系人")
    targets = [Target(point_decider, cmd.point_id)]
    result = await run(rt, principal, "change_point_contact", targets, decide, cmd.at)
    return accepted(cmd.point_id, result)


async def suspend(rt: ServiceRuntime, principal: Principal, cmd: SuspendPoint) -> Accepted:
    require_editor(principal, "暂停社情民意直报点")
    result = await run(
        rt,
        principal,
        "suspend_direct_report_point",
        [Target(point_decider, cmd.point_id)],
        lambda states: decide_suspend_point(cmd, states[0]),
        cmd.at,
    )
    return accepted(cmd.point_id, result)
