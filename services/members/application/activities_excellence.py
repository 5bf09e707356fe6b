"""Commands of the excellence campaign (争先创优): nominate (admin; a township for its own
members and its own liaison group) and award (admin only)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from services.members.application.activities_common import (
    accepted,
    group_targets,
    member_targets,
    refs_of,
    require_slug,
    require_uuid,
)
from services.members.domain.activities.excellence import (
    AwardExcellence,
    NominateExcellence,
    NomineeRefs,
    credited_ids,
    decide_award_excellence,
    decide_nominate_excellence,
    excellence_decider,
)
from services.members.domain.activities.vocabulary import NOMINEE_KIND_OF
from services.members.localtime import local_date, utc_now
from shared.auth import Forbidden, Principal
from shared.commands import Target
from shared.events import DomainEvent
from shared.http import Accepted
from shared.ids import uuid7
from shared.service import ServiceRuntime

Data = Mapping[str, Any]

TOWNSHIP_CATEGORIES = ("excellent_member", "excellent_liaison_group")


def authorize_nomination(principal: Principal, category: str, township: str | None) -> None:
    """Township staff nominate only their own members and their own liaison group."""
    if principal.is_admin:
        return
    if not principal.townships:
        raise Forbidden("争先创优由县政协机关或乡镇联络组推荐，您的账号无权推荐。")
    if category not in TOWNSHIP_CATEGORIES:
        raise Forbidden("乡镇联络组只能推荐本组的优秀委员和优秀联络组，其他类别由县政协机关推荐。")
    if township not in principal.townships:
        raise Forbidden(f"您只能推荐本乡镇联络组的委员或联络组，被推荐对象属于“{township}”。")


def _refs(cmd: NominateExcellence) -> list[Target]:
    kind = NOMINEE_KIND_OF.get(cmd.category)
    if kind == "liaison_group":
        return group_targets([require_slug(cmd.nominee_id, "联络组")])
    if kind == "member":
        return member_targets([require_uuid(cmd.nominee_id, "委员")])
    return member_targets(credited_ids(cmd))


def _nominee_refs(cmd: NominateExcellence, states: list[Any], refs: list[Target]) -> NomineeRefs:
    groups, members = refs_of(states, refs)
    kind = NOMINEE_KIND_OF.get(cmd.category)
    if kind == "member":
        return NomineeRefs(member=members[0])
    if kind == "liaison_group":
        return NomineeRefs(group=groups[0])
    return NomineeRefs(credited=tuple(members))


def _exists(refs: NomineeRefs) -> bool:
    if refs.member is not None:
        return refs.member.registered
    if refs.group is not None:
        return refs.group.established
    return True


def _nominee_township(cmd: NominateExcellence, refs: NomineeRefs) -> str | None:
    if refs.member is not None:
        return refs.member.township_id
    if refs.group is not None:
        return refs.group.township_id
    return cmd.township_id


async def nominate(rt: ServiceRuntime, principal: Principal, year: int, data: Data) -> Accepted:
    if not (principal.is_admin or principal.townships):
        raise Forbidden("争先创优由县政协机关或乡镇联络组推荐，您的账号无权推荐。")
    now = utc_now()
    nomination_id = uuid7()
    cmd = NominateExcellence(
        actor=principal.actor,
        at=now,
        year=year,
        nomination_id=nomination_id,
        today=local_date(now),
        **data,
    )
    refs = _refs(cmd)

    def decide(states: list[Any]) -> list[DomainEvent]:
        nominee = _nominee_refs(cmd, states[1:], refs)
        if _exists(nominee):  # an unknown nominee is 404 for everyone
            authorize_nomination(principal, cmd.category, _nominee_township(cmd, nominee))
        return decide_nominate_excellence(cmd, states[0], nominee)

    targets = [Target(excellence_decider, str(year)), *refs]
    result = await rt.commands.execute(
        "nominate_excellence", targets, decide, rt.context(principal, now)
    )
    return accepted(nomination_id, result)


async def award(
    rt: ServiceRuntime, principal: Principal, year: int, nomination_id: str, data: Data
) -> Accepted:
    principal.require("county_admin")
    require_uuid(nomination_id, "争先创优推荐")
    now = utc_now()
    cmd = AwardExcellence(
        actor=principal.actor, at=now, year=year, nomination_id=nomination_id, **data
    )

    def decide(states: list[Any]) -> list[DomainEvent]:
        return decide_award_excellence(cmd, states[0])

    targets = [Target(excellence_decider, str(year))]
    result = await rt.commands.execute(
        "award_excellence", targets, decide, rt.context(principal, now)
    )
    return accepted(nomination_id, result)
