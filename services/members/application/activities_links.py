"""Commands on constituent links (联系界别群众): the member's link book is written, the
member aggregate is read (exists, in office, current liaison group)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from services.members.application.activities_common import (
    accepted,
    acts_in,
    is_self,
    member_ref,
    require_staff_or_member,
    require_uuid,
)
from services.members.application.activities_config import activities_config
from services.members.application.activities_lookup import link_owner
from services.members.domain import member_decider
from services.members.domain.activities.common import MemberRef
from services.members.domain.activities.constituent_link import (
    EndConstituentLink,
    EstablishConstituentLink,
    constituent_link_decider,
    decide_end_constituent_link,
    decide_establish_constituent_link,
)
from services.members.localtime import utc_now
from shared.auth import Forbidden, Principal
from shared.commands import Target
from shared.events import DomainEvent
from shared.http import Accepted
from shared.ids import uuid7
from shared.service import ServiceRuntime

Data = Mapping[str, Any]


def authorize_link(principal: Principal, member: MemberRef) -> None:
    """The member itself, staff of the member's current liaison group, or the admin."""
    if is_self(principal, member.member_id) or acts_in(principal, [member.township_id]):
        return
    raise Forbidden(
        "只有委员本人、委员所属联络组或县政协机关可以登记或结束委员联系界别群众的记录。"
    )


def _targets(member_id: str) -> list[Target]:
    return [Target(constituent_link_decider, member_id), Target(member_decider, member_id)]


async def establish_link(rt: ServiceRuntime, principal: Principal, data: Data) -> Accepted:
    require_staff_or_member(principal)
    member_id = require_uuid(str(data["member_id"]), "委员")
    now = utc_now()
    link_id = uuid7()
    fields = {k: v for k, v in data.items() if k != "member_id"}
    cmd = EstablishConstituentLink(
        actor=principal.actor, at=now, member_id=member_id, link_id=link_id, **fields
    )
    config = activities_config(rt)

    def decide(states: list[Any]) -> list[DomainEvent]:
        member = member_ref(states[1], member_id)
        if member.registered:
            authorize_link(principal, member)
        return decide_establish_constituent_link(cmd, states[0], member, config)

    result = await rt.commands.execute(
        "establish_constituent_link", _targets(member_id), decide, rt.context(principal, now)
    )
    return accepted(link_id, result)


async def end_link(rt: ServiceRuntime, principal: Principal, link_id: str, data: Data) -> Accepted:
    require_staff_or_member(principal)
    member_id = await link_owner(rt, require_uuid(link_id, "联系记录"))
    now = utc_now()
    cmd = EndConstituentLink(
        actor=principal.actor,
        at=now,
        member_id=member_id,
        link_id=link_id,
        reason=data.get("reason"),
    )

    def decide(states: list[Any]) -> list[DomainEvent]:
        member = member_ref(states[1], member_id)
        authorize_link(principal, member)
        return decide_end_constituent_link(cmd, states[0], member)

    result = await rt.commands.execute(
        "end_constituent_link", _targets(member_id), decide, rt.context(principal, now)
    )
    return accepted(link_id, result)
