"""State of the `meeting` aggregate and its `evolve` (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from services.members.domain.events import CONTEXT
from services.members.domain.meeting.events import (
    MEETING,
    AttendanceRecorded,
    Invitee,
    LeaveApproved,
    LeaveRejected,
    LeaveRequested,
    MeetingClosed,
    MeetingScheduled,
    MembersInvited,
)
from shared.domain import Decider
from shared.events import DomainEvent


@dataclass(frozen=True)
class MeetingState:
    scheduled: bool = False
    meeting_id: str | None = None
    kind: str | None = None
    title: str | None = None
    meeting_date: date | None = None
    township_id: str | None = None
    closed: bool = False
    #: member id → the member's liaison group when invited
    invitees: Mapping[str, str | None] = field(default_factory=dict)
    #: member id → requested | approved | rejected
    leave: Mapping[str, str] = field(default_factory=dict)
    #: member id → attendance status
    attendance: Mapping[str, str] = field(default_factory=dict)


INITIAL_MEETING = MeetingState()


def _invite(state: MeetingState, invitees: tuple[Invitee, ...]) -> MeetingState:
    added = {i.member_id: i.township_id for i in invitees if i.member_id not in state.invitees}
    return replace(state, invitees={**state.invitees, **added})


def _leave(state: MeetingState, member_id: str, status: str) -> MeetingState:
    return replace(state, leave={**state.leave, member_id: status})


def evolve_meeting(state: MeetingState, event: DomainEvent) -> MeetingState:
    if isinstance(event, MeetingScheduled):
        scheduled = replace(
            state,
            scheduled=True,
            meeting_id=event.meeting_id,
            kind=event.kind,
            title=event.title,
            meeting_date=event.meeting_date,
            township_id=event.township_id,
        )
        return _invite(scheduled, event.invitees)
    if isinstance(event, MembersInvited):
        return _invite(state, event.invitees)
    if isinstance(event, LeaveRequested):
        return _leave(state, event.member_id, "requested")
    if isinstance(event, LeaveApproved):
        return _leave(state, event.member_id, "approved")
    if isinstance(event, LeaveRejected):
        return _leave(state, event.member_id, "rejected")
    if isinstance(event, AttendanceRecorded):
        return replace(state, attendance={**state.attendance, event.member_id: event.status})
    if isinstance(event, MeetingClosed):
        return replace(state, closed=True)
    return state


meeting_decider: Decider[MeetingState] = Decider(CONTEXT, MEETING, INITIAL_MEETING, evolve_meeting)
