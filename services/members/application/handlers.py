"""Command handlers of the members service: authorise → load → decide → append.

The edge supplies what the pure domain may not make itself: ids (UUIDv7), the clock
(`now` in UTC, `today` in the county's calendar) and the acting principal. `data` is the
validated request body (field names as in the domain commands).
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from services.members.application.personal_data import Sealed, discard, seal, split_personal
from services.members.application.registry_runtime import registry_config_of, resolve_sector
from services.members.domain import (
    ChangeMemberLiaisonGroup,
    EstablishLiaisonGroup,
    LiaisonGroupState,
    LogVisit,
    MemberState,
    RegisterMember,
    decide_change_member_liaison_group,
    decide_establish_liaison_group,
    decide_log_visit,
    decide_register_member,
    liaison_group_decider,
    member_decider,
)
from services.members.domain.sector import sector_decider
from services.members.domain.vocab import PROFILE_FIELD_LABELS
from services.members.localtime import local_date, utc_now
from shared.auth import Forbidden, Principal
from shared.commands import CommandResult, Target
from shared.domain import DomainError, NotFound
from shared.events import DomainEvent
from shared.http import Accepted
from shared.ids import uuid7
from shared.service import ServiceRuntime

Data = Mapping[str, Any]

REGISTER_FIELDS = frozenset(
    {
        "name",
        "sector",
        "sector_id",
        "political_affiliation",
        "township_id",
        "term_no",
        "is_standing_member",
        "member_type",
        "work_unit",
    }
)
PROFILE_FIELDS = frozenset(PROFILE_FIELD_LABELS) - {"member_name", "work_unit"}


def accepted(aggregate_id: str, result: CommandResult) -> Accepted:
    return Accepted(
        id=aggregate_id, stream=result.stream, seq=result.last_seq, event_ids=result.event_ids
    )


def member_not_found(member_id: str) -> NotFound:
    return NotFound(f"委员（编号 {member_id}）不存在，请核对委员编号", code="member_not_found")


def require_member_id(member_id: str) -> str:
    """A member id is a canonical UUID; anything else names no member (and no subject)."""
    try:
        if str(uuid.UUID(member_id)) == member_id:
            return member_id
    except ValueError:
        pass
    raise member_not_found(member_id)


def require_registered(state: MemberState, member_id: str) -> MemberState:
    if not state.registered:
        raise member_not_found(member_id)
    return state


# --- liaison groups ----------------------------------------------------------------------


async def establish_liaison_group(rt: ServiceRuntime, principal: Principal, data: Data) -> Accepted:
    principal.require("county_admin")
    now = utc_now()
    cmd = EstablishLiaisonGroup(actor=principal.actor, at=now, **data)

    def decide(states: list[Any]) -> list[DomainEvent]:
        return decide_establish_liaison_group(cmd, states[0])

    target = Target(liaison_group_decider, cmd.township_id)
    result = await rt.commands.execute(
        "establish_liaison_group", [target], decide, rt.context(principal, now)
    )
    return accepted(cmd.township_id, result)


# --- members -----------------------------------------------------------------------------


def authorize_register(principal: Principal, township_id: str) -> None:
    if principal.is_admin or township_id in principal.townships:
        return
    if principal.townships:
        raise Forbidden(f"您只能在本乡镇联络组登记委员，无权在联络组“{township_id}”登记委员。")
    principal.require("county_admin")


def _register_command(
    principal: Principal, member_id: str, data: Data, sealed: Sealed, now: datetime
) -> RegisterMember:
    fields = {k: v for k, v in data.items() if k in REGISTER_FIELDS and v is not None}
    profile = {k: v for k, v in data.items() if k in PROFILE_FIELDS and v is not None}
    return RegisterMember(
        actor=principal.actor,
        at=now,
        **fields,
        member_id=member_id,
        joined_at=data.get("joined_at") or local_date(now),
        profile=profile,
        pii={f: b for f, b in sealed.blobs.items() if b is not None},
        pii_key_id=sealed.key_id,
    )


async def register_member(rt: ServiceRuntime, principal: Principal, data: Data) -> Accepted:
    """`member_id` may come from the client (e.g. carried over from another system).
    Personal data (phone, id_number, address) is encrypted here under a new data key."""
    authorize_register(principal, data["township_id"])
    supplied = data.get("member_id")
    member_id = supplied or uuid7()
    now = utc_now()
    fields, personal = split_personal(data)
    sector_id = await resolve_sector(rt, fields.get("sector_id"), fields.get("sector"))
    sealed = await seal(rt, member_id, None, personal)
    require_sector = registry_config_of(rt).require_established_sector

    def decide(states: list[Any]) -> list[DomainEvent]:
        member, group, sector = states
        cmd = _register_command(principal, member_id, fields, sealed, now)
        return decide_register_member(
            cmd, member, group, sector, require_established_sector=require_sector
        )

    targets = [
        Target(member_decider, member_id, new=supplied is None),
        Target(liaison_group_decider, data["township_id"]),
        Target(sector_decider, sector_id),
    ]
    try:
        result = await rt.commands.execute(
            "register_member", targets, decide, rt.context(principal, now)
        )
    except DomainError:  # refused: the new key is of no use (unknown outcomes keep it)
        await discard(rt, sealed)
        raise
    return accepted(member_id, result)


async def change_liaison_group(
    rt: ServiceRuntime, principal: Principal, member_id: str, data: Data
) -> Accepted:
    principal.require("county_admin")
    require_member_id(member_id)
    now = utc_now()
    cmd = ChangeMemberLiaisonGroup(actor=principal.actor, at=now, member_id=member_id, **data)

    def decide(states: list[Any]) -> list[DomainEvent]:
        member: MemberState = require_registered(states[0], member_id)
        group: LiaisonGroupState = states[1]
        return decide_change_member_liaison_group(cmd, member, group)

    targets = [Target(member_decider, member_id), Target(liaison_group_decider, cmd.to_township_id)]
    result = await rt.commands.execute(
        "change_member_liaison_group", targets, decide, rt.context(principal, now)
    )
    return accepted(member_id, result)


# --- visits (两访三做) -------------------------------------------------------------------


def may_log_visits(principal: Principal, member_id: str) -> bool:
    """Cheap gate before loading: admin, the member itself, or some township's staff."""
    return (
        principal.is_admin or f"member:{member_id}" in principal.roles or bool(principal.townships)
    )


def authorize_visit(
    principal: Principal, member_id: str, member: MemberState, visit_township: str
) -> None:
    """Admin and the member itself may log anywhere; township staff only for members of
    their township, and only visits in a township they may act in."""
    if principal.is_admin or f"member:{member_id}" in principal.roles:
        return
    if member.township_id not in principal.townships:
        raise Forbidden(
            f"委员 {member.name} 不属于您所在的联络组，您无权为其登记走访；"
            "请由委员本人或其所属联络组登记。"
        )
    if visit_township not in principal.townships:
        raise Forbidden(
            f"您只能登记在本乡镇开展的走访，无权登记在乡镇“{visit_township}”开展的走访。"
        )


def _visit_command(
    principal: Principal, member: MemberState, ids: tuple[str, str], data: Data, now: datetime
) -> LogVisit:
    member_id, visit_id = ids
    fields = {**data, "township_id": data.get("township_id") or member.township_id}
    return LogVisit(
        actor=principal.actor,
        at=now,
        member_id=member_id,
        visit_id=visit_id,
        today=local_date(now),
        **fields,
    )


async def log_visit(
    rt: ServiceRuntime, principal: Principal, member_id: str, data: Data
) -> Accepted:
    """登记走访 on the member's aggregate. `township_id` defaults to the member's group."""
    if not may_log_visits(principal, member_id):
        principal.require("county_admin")
    require_member_id(member_id)
    now = utc_now()
    visit_id = uuid7()  # made once: a retry after a conflict keeps the same id

    def decide(states: list[Any]) -> list[DomainEvent]:
        member = require_registered(states[0], member_id)
        cmd = _visit_command(principal, member, (member_id, visit_id), data, now)
        authorize_visit(principal, member_id, member, cmd.township_id)
        return decide_log_visit(cmd, member)

    target = Target(member_decider, member_id)
    result = await rt.commands.execute("log_visit", [target], decide, rt.context(principal, now))
    return accepted(visit_id, result)
