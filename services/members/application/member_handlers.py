"""Handlers for a member's record: profile (with personal data), sector, political
affiliation, terms, exit, special committees, and forgetting personal data.

Who may act: the county office for everything; the member's own liaison group and the
member themself for the profile (a member may not rename themself).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from services.members.application.handlers import (
    Data,
    accepted,
    require_member_id,
    require_registered,
)
from services.members.application.personal_data import discard, seal, split_personal
from services.members.application.registry_runtime import (
    keystore_of,
    registry_config_of,
    resolve_sector,
)
from services.members.domain import (
    AppointMember,
    ChangeMemberSector,
    ChangePoliticalAffiliation,
    ExitMember,
    ForgetPersonalData,
    JoinSpecialCommittee,
    LeaveSpecialCommittee,
    MemberCommand,
    MemberState,
    UpdateMemberProfile,
    decide_appoint_member,
    decide_change_member_sector,
    decide_change_political_affiliation,
    decide_exit_member,
    decide_forget_personal_data,
    decide_join_special_committee,
    decide_leave_special_committee,
    decide_update_member_profile,
    member_decider,
)
from services.members.domain.sector import sector_decider
from services.members.localtime import local_date, utc_now
from shared.auth import Forbidden, Principal
from shared.commands import Target
from shared.domain import DomainError
from shared.events import DomainEvent
from shared.http import Accepted
from shared.service import ServiceRuntime

Decide = Callable[[Any, MemberState], list[DomainEvent]]


def authorize_profile(principal: Principal, member_id: str, state: MemberState, data: Data) -> None:
    if principal.is_admin or state.township_id in principal.townships:
        return
    if f"member:{member_id}" in principal.roles:
        if "member_name" in data:
            raise Forbidden("委员本人不能修改姓名，请联系所属联络组或县政协机关。")
        return
    raise Forbidden("您无权修改该委员的信息：仅县政协机关、所属联络组和委员本人可以修改。")


async def _load(rt: ServiceRuntime, member_id: str) -> MemberState:
    require_member_id(member_id)
    state, _ = await rt.commands.state_of(Target(member_decider, member_id))
    return require_registered(state, member_id)


async def update_profile(
    rt: ServiceRuntime, principal: Principal, member_id: str, data: Data
) -> Accepted:
    """Only the fields present in `data` change; null clears a field."""
    state = await _load(rt, member_id)
    authorize_profile(principal, member_id, state, data)
    now = utc_now()
    profile, personal = split_personal(data)
    sealed = await seal(rt, member_id, state.pii_key_id, personal)
    cmd = UpdateMemberProfile(
        actor=principal.actor,
        at=now,
        member_id=member_id,
        profile=profile,
        pii=sealed.blobs,
        pii_key_id=sealed.key_id,
        today=local_date(now),
    )

    def decide(states: list[Any]) -> list[DomainEvent]:
        return decide_update_member_profile(cmd, require_registered(states[0], member_id))

    try:
        result = await rt.commands.execute(
            "update_member_profile",
            [Target(member_decider, member_id)],
            decide,
            rt.context(principal, now),
        )
    except DomainError:  # refused: the new key is of no use (unknown outcomes keep it)
        await discard(rt, sealed)
        raise
    return accepted(member_id, result)


async def _admin_command(
    rt: ServiceRuntime,
    principal: Principal,
    name: str,
    cmd: MemberCommand,
    decide_fn: Decide,
) -> Accepted:
    """A county-office command on one member."""
    principal.require("county_admin")
    member_id = require_member_id(cmd.member_id)

    def decide(states: list[Any]) -> list[DomainEvent]:
        return decide_fn(cmd, require_registered(states[0], member_id))

    target = Target(member_decider, member_id)
    result = await rt.commands.execute(name, [target], decide, rt.context(principal, cmd.at))
    return accepted(member_id, result)


def _command(cls: type[MemberCommand], principal: Principal, member_id: str, **data: Any) -> Any:
    return cls(actor=principal.actor, at=utc_now(), member_id=member_id, **data)


async def change_sector(
    rt: ServiceRuntime, principal: Principal, member_id: str, data: Data
) -> Accepted:
    principal.require("county_admin")
    require_member_id(member_id)
    cmd = _command(ChangeMemberSector, principal, member_id, **data)
    sector_id = await resolve_sector(rt, cmd.sector_id, cmd.sector)
    require = registry_config_of(rt).require_established_sector

    def decide(states: list[Any]) -> list[DomainEvent]:
        member = require_registered(states[0], member_id)
        return decide_change_member_sector(
            cmd, member, states[1], require_established_sector=require
        )

    targets = [Target(member_decider, member_id), Target(sector_decider, sector_id)]
    result = await rt.commands.execute(
        "change_member_sector", targets, decide, rt.context(principal, cmd.at)
    )
    return accepted(member_id, result)


async def change_affiliation(
    rt: ServiceRuntime, principal: Principal, member_id: str, data: Data
) -> Accepted:
    cmd = _command(ChangePoliticalAffiliation, principal, member_id, **data)
    return await _admin_command(
        rt, principal, "change_political_affiliation", cmd, decide_change_political_affiliation
    )


async def appoint(rt: ServiceRuntime, principal: Principal, member_id: str, data: Data) -> Accepted:
    now = utc_now()
    fields = {**data, "joined_at": data.get("joined_at") or local_date(now)}
    cmd = _command(AppointMember, principal, member_id, **fields)
    return await _admin_command(rt, principal, "appoint_member", cmd, decide_appoint_member)


async def exit_member(
    rt: ServiceRuntime, principal: Principal, member_id: str, data: Data
) -> Accepted:
    today = local_date(utc_now())
    fields = {**data, "left_at": data.get("left_at") or today, "today": today}
    cmd = _command(ExitMember, principal, member_id, **fields)
    return await _admin_command(rt, principal, "exit_member", cmd, decide_exit_member)


async def special_committee(
    rt: ServiceRuntime, principal: Principal, member_id: str, data: Data
) -> Accepted:
    if data.get("action", "join") == "leave":
        cmd = _command(LeaveSpecialCommittee, principal, member_id, committee=data["committee"])
        return await _admin_command(
            rt, principal, "leave_special_committee", cmd, decide_leave_special_committee
        )
    cmd = _command(JoinSpecialCommittee, principal, member_id, committee=data["committee"])
    return await _admin_command(
        rt, principal, "join_special_committee", cmd, decide_join_special_committee
    )


async def forget(rt: ServiceRuntime, principal: Principal, member_id: str) -> Accepted:
    """Destroy the member's data key first (the actual forgetting), then record it."""
    principal.require("county_admin")
    state = await _load(rt, member_id)
    cmd = ForgetPersonalData(
        actor=principal.actor, at=utc_now(), member_id=member_id, pii_key_id=state.pii_key_id
    )
    decide_forget_personal_data(cmd, state)  # reject early: nothing destroyed on a 409
    if state.pii_key_id:
        await keystore_of(rt).destroy(state.pii_key_id)
    return await _admin_command(
        rt, principal, "forget_personal_data", cmd, decide_forget_personal_data
    )
