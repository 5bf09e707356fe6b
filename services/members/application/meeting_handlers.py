"""Handlers for meetings and attendance (DOMAIN §1.2).

Who may act: the county office on every meeting; a township's staff on their own
township's 联络组活动 (schedule, invite their group's members, decide leave, record
attendance, close). A member requests leave for themself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from services.members.application.handlers import Data, accepted
from services.members.application.registry_runtime import member_refs
from services.members.domain import liaison_group_decider
from services.members.domain.meeting import (
    CloseMeeting,
    DecideLeave,
    Invitee,
    InviteMembers,
    MeetingState,
    RecordAttendance,
    RequestLeave,
    ScheduleMeeting,
    decide_close_meeting,
    decide_decide_leave,
    decide_invite_members,
    decide_record_attendance,
    decide_request_leave,
    decide_schedule_meeting,
    meeting_decider,
)
from services.members.domain.rules import is_canonical_uuid
from services.members.localtime import local_date, utc_now
from shared.auth import Forbidden, Principal
from shared.commands import Target
from shared.domain import Invalid, NotFound
from shared.events import DomainEvent
from shared.http import Accepted
from shared.ids import uuid7
from shared.service import ServiceRuntime

GROUP_MEETING = "liaison_group_meeting"


def may_manage(principal: Principal, kind: str | None, township_id: str | None) -> bool:
    if principal.is_admin:
        return True
    return kind == GROUP_MEETING and township_id is not None and township_id in principal.townships


def require_manage(principal: Principal, kind: str | None, township_id: str | None) -> None:
    if may_manage(principal, kind, township_id):
        return
    if principal.townships:
        raise Forbidden("乡镇工作人员只能办理本乡镇的联络组活动；其他会议由县政协机关办理。")
    principal.require("county_admin")


async def invitees(rt: ServiceRuntime, principal: Principal, ids: Iterable[str]) -> list[Invitee]:
    """Invitees with their liaison group now; unknown or departed members are refused."""
    wanted = list(dict.fromkeys(ids))
    refs = await member_refs(rt, [i for i in wanted if is_canonical_uuid(i)])
    result: list[Invitee] = []
    for member_id in wanted:
        ref = refs.get(member_id)
        if ref is None:
            raise Invalid(
                f"委员（编号 {member_id}）不存在，请核对委员编号", code="member_not_found"
            )
        if not ref.active:
            raise Invalid(f"委员 {ref.name} 已离任，不能邀请", code="member_inactive")
        if not principal.is_admin and ref.township_id not in principal.townships:
            raise Forbidden(f"您只能邀请本联络组的委员，委员 {ref.name} 不属于本联络组。")
        result.append(Invitee(member_id=member_id, township_id=ref.township_id))
    return result


async def schedule(rt: ServiceRuntime, principal: Principal, data: Data) -> Accepted:
    require_manage(principal, data.get("kind"), data.get("township_id"))
    meeting_id = uuid7()
    now = utc_now()
    fields = {k: v for k, v in data.items() if k != "invitee_ids"}
    people = await invitees(rt, principal, data.get("invitee_ids") or [])
    cmd = ScheduleMeeting(
        actor=principal.actor, at=now, meeting_id=meeting_id, invitees=people, **fields
    )

    def decide(states: list[Any]) -> list[DomainEvent]:
        return decide_schedule_meeting(cmd, states[0], states[1] if len(states) > 1 else None)

    targets = [Target(meeting_decider, meeting_id, new=True)]
    if cmd.township_id:
        targets.append(Target(liaison_group_decider, cmd.township_id))
    result = await rt.commands.execute(
        "schedule_meeting", targets, decide, rt.context(principal, now)
    )
    return accepted(meeting_id, result)


async def load_meeting(rt: ServiceRuntime, meeting_id: str) -> MeetingState:
    if is_canonical_uuid(meeting_id):
        loaded, _ = await rt.commands.state_of(Target(meeting_decider, meeting_id))
        state: MeetingState = loaded
        if state.scheduled:
            return state
    raise NotFound(f"会议（编号 {meeting_id}）不存在，请核对会议编号", code="meeting_not_found")


async def _execute(
    rt: ServiceRuntime,
    principal: Principal,
    name: str,
    cmd: Any,
    decide_fn: Callable[[Any, MeetingState], list[DomainEvent]],
) -> Accepted:
    def decide(states: list[Any]) -> list[DomainEvent]:
        return decide_fn(cmd, states[0])

    target = Target(meeting_decider, cmd.meeting_id)
    result = await rt.commands.execute(name, [target], decide, rt.context(principal, cmd.at))
    return accepted(cmd.meeting_id, result)


async def invite(rt: ServiceRuntime, principal: Principal, meeting_id: str, data: Data) -> Accepted:
    state = await load_meeting(rt, meeting_id)
    require_manage(principal, state.kind, state.township_id)
    people = await invitees(rt, principal, data["member_ids"])
    cmd = InviteMembers(actor=principal.actor, at=utc_now(), meeting_id=meeting_id, invitees=people)
    return await _execute(rt, principal, "invite_members", cmd, decide_invite_members)


async def request_leave(
    rt: ServiceRuntime, principal: Principal, meeting_id: str, data: Data
) -> Accepted:
    state = await load_meeting(rt, meeting_id)
    member_id = data.get("member_id") or principal.member_id
    if member_id is None:
        raise Invalid("请填写请假委员的编号（member_id）", code="member_required")
    if f"member:{member_id}" not in principal.roles:
        require_manage(principal, state.kind, state.township_id)
    cmd = RequestLeave(
        actor=principal.actor,
        at=utc_now(),
        meeting_id=meeting_id,
        member_id=member_id,
        reason=data["reason"],
    )
    return await _execute(rt, principal, "request_leave", cmd, decide_request_leave)


async def decide_leave(
    rt: ServiceRuntime, principal: Principal, meeting_id: str, member_id: str, data: Data
) -> Accepted:
    state = await load_meeting(rt, meeting_id)
    require_manage(principal, state.kind, state.township_id)
    cmd = DecideLeave(
        actor=principal.actor, at=utc_now(), meeting_id=meeting_id, member_id=member_id, **data
    )
    return await _execute(rt, principal, "decide_leave", cmd, decide_decide_leave)


async def record_attendance(
    rt: ServiceRuntime, principal: Principal, meeting_id: str, data: Data
) -> Accepted:
    state = await load_meeting(rt, meeting_id)
    require_manage(principal, state.kind, state.township_id)
    now = utc_now()
    cmd = RecordAttendance(
        actor=principal.actor,
        at=now,
        meeting_id=meeting_id,
        records=data["records"],
        today=local_date(now),
    )
    return await _execute(rt, principal, "record_attendance", cmd, decide_record_attendance)


async def close(rt: ServiceRuntime, principal: Principal, meeting_id: str) -> Accepted:
    state = await load_meeting(rt, meeting_id)
    require_manage(principal, state.kind, state.township_id)
    now = utc_now()
    cmd = CloseMeeting(actor=principal.actor, at=now, meeting_id=meeting_id, today=local_date(now))
    return await _execute(rt, principal, "close_meeting", cmd, decide_close_meeting)
