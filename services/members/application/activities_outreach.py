"""Commands recording outreach: enterprise visits (走访委员和委员企业) and liaison contacts
(在外乡贤, 非公有制经济人士, 新的社会阶层人士). Recorded by the admin, by staff of the
township concerned, or by a member taking part."""

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
)
from services.members.domain.activities.enterprise_visit import (
    RecordEnterpriseVisit,
    decide_record_enterprise_visit,
    enterprise_visit_decider,
)
from services.members.domain.activities.liaison_contact import (
    RecordLiaisonContact,
    decide_record_liaison_contact,
    liaison_contact_decider,
)
from services.members.localtime import local_date, utc_now
from shared.auth import Forbidden, Principal
from shared.commands import Target
from shared.events import DomainEvent
from shared.http import Accepted
from shared.ids import uuid7
from shared.service import ServiceRuntime

Data = Mapping[str, Any]


def authorize_outreach(
    principal: Principal, township_id: str, member_ids: list[str], what: str
) -> None:
    if acts_in(principal, [township_id]) or any(is_self(principal, m) for m in member_ids):
        return
    if principal.townships:
        raise not_your_township(what, [township_id])
    raise Forbidden(f"{what}由参加的委员本人、所在乡镇的联络组或县政协机关登记，您的账号无权登记。")


async def record_enterprise_visit(rt: ServiceRuntime, principal: Principal, data: Data) -> Accepted:
    township_id = str(data["township_id"])
    members = [*data["visited_member_ids"], *data.get("visitor_member_ids", [])]
    authorize_outreach(principal, township_id, members, "走访委员企业记录")
    now = utc_now()
    visit_id = uuid7()
    cmd = RecordEnterpriseVisit(
        actor=principal.actor, at=now, enterprise_visit_id=visit_id, today=local_date(now), **data
    )
    refs = [*group_targets([township_id]), *member_targets(members)]

    def decide(states: list[Any]) -> list[DomainEvent]:
        groups, refs_members = refs_of(states[1:], refs)
        return decide_record_enterprise_visit(cmd, states[0], groups[0], refs_members)

    targets = [Target(enterprise_visit_decider, visit_id, new=True), *refs]
    result = await rt.commands.execute(
        "record_enterprise_visit", targets, decide, rt.context(principal, now)
    )
    return accepted(visit_id, result)


async def record_liaison_contact(rt: ServiceRuntime, principal: Principal, data: Data) -> Accepted:
    township_id = str(data["township_id"])
    members = list(data["member_ids"])
    authorize_outreach(principal, township_id, members, "联谊联系记录")
    now = utc_now()
    contact_id = uuid7()
    cmd = RecordLiaisonContact(
        actor=principal.actor, at=now, contact_id=contact_id, today=local_date(now), **data
    )
    refs = [*group_targets([township_id]), *member_targets(members)]

    def decide(states: list[Any]) -> list[DomainEvent]:
        groups, refs_members = refs_of(states[1:], refs)
        return decide_record_liaison_contact(cmd, states[0], groups[0], refs_members)

    targets = [Target(liaison_contact_decider, contact_id, new=True), *refs]
    result = await rt.commands.execute(
        "record_liaison_contact", targets, decide, rt.context(principal, now)
    )
    return accepted(contact_id, result)
