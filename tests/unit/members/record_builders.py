"""Builders for member-record, sector and meeting commands (given events / when command)."""

from __future__ import annotations

from datetime import date
from typing import Any

from services.members.domain import (
    AppointMember,
    ExitMember,
    UpdateMemberProfile,
)
from services.members.domain.meeting import (
    AttendanceEntry,
    CloseMeeting,
    DecideLeave,
    Invitee,
    InviteMembers,
    MeetingState,
    RecordAttendance,
    RequestLeave,
    ScheduleMeeting,
    decide_schedule_meeting,
    meeting_decider,
)
from shared.events import DomainEvent
from tests.unit.members.builders import (
    ACTOR,
    AT,
    MEMBER_ID,
    OTHER_MEMBER_ID,
    THIRD_MEMBER_ID,
    TODAY,
    given_group,
)

MEETING_ID = "0190a6c5-0000-7000-8000-000000000001"
KEY_ID = "0190a6c6-0000-7000-8000-000000000001"
BLOB = "bm9uY2Vub25jZTEyY2lwaGVydGV4dA=="


def profile(**overrides: Any) -> UpdateMemberProfile:
    data: dict[str, Any] = {"member_id": MEMBER_ID, "actor": ACTOR, "at": AT, "today": TODAY}
    data.update(overrides)
    return UpdateMemberProfile(**data)


def appoint(**overrides: Any) -> AppointMember:
    data: dict[str, Any] = {
        "member_id": MEMBER_ID,
        "term_no": 10,
        "member_type": "standing_member",
        "joined_at": date(2025, 2, 1),
        "actor": ACTOR,
        "at": AT,
    }
    data.update(overrides)
    return AppointMember(**data)


def exit_(**overrides: Any) -> ExitMember:
    data: dict[str, Any] = {
        "member_id": MEMBER_ID,
        "exit_reason": "resigned",
        "left_at": date(2025, 2, 20),
        "note": "个人原因",
        "today": TODAY,
        "actor": ACTOR,
        "at": AT,
    }
    data.update(overrides)
    return ExitMember(**data)


def invitee(member_id: str = MEMBER_ID, township_id: str = "chengguan") -> Invitee:
    return Invitee(member_id=member_id, township_id=township_id)


def schedule(**overrides: Any) -> ScheduleMeeting:
    data: dict[str, Any] = {
        "meeting_id": MEETING_ID,
        "kind": "liaison_group_meeting",
        "title": "城关镇联络组一季度活动",
        "meeting_date": date(2025, 2, 25),
        "township_id": "chengguan",
        "place": "城关镇政府三楼会议室",
        "invitees": [invitee(), invitee(OTHER_MEMBER_ID)],
        "actor": ACTOR,
        "at": AT,
    }
    data.update(overrides)
    return ScheduleMeeting(**data)


def given_meeting(*more: DomainEvent, **overrides: Any) -> MeetingState:
    events = decide_schedule_meeting(schedule(**overrides), meeting_decider.initial, given_group())
    return meeting_decider.fold([*events, *more])


def invite(*member_ids: str) -> InviteMembers:
    people = [invitee(m) for m in (member_ids or (THIRD_MEMBER_ID,))]
    return InviteMembers(meeting_id=MEETING_ID, invitees=people, actor=ACTOR, at=AT)


def leave(member_id: str = MEMBER_ID, reason: str = "外出学习") -> RequestLeave:
    return RequestLeave(
        meeting_id=MEETING_ID,
        member_id=member_id,
        reason=reason,
        actor=f"member:{member_id}",
        at=AT,
    )


def decide(
    member_id: str = MEMBER_ID, approve: bool = True, note: str | None = None
) -> DecideLeave:
    return DecideLeave(
        meeting_id=MEETING_ID, member_id=member_id, approve=approve, note=note, actor=ACTOR, at=AT
    )


def attendance(*records: tuple[str, str], today: date = TODAY) -> RecordAttendance:
    entries = [AttendanceEntry(member_id=m, status=s) for m, s in records]
    return RecordAttendance(meeting_id=MEETING_ID, records=entries, today=today, actor=ACTOR, at=AT)


def close(today: date = TODAY) -> CloseMeeting:
    return CloseMeeting(meeting_id=MEETING_ID, today=today, actor=ACTOR, at=AT)
