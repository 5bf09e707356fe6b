"""Commands of the `meeting` aggregate. Invitees come with their liaison group, looked
up at the edge (the group snapshot travels on the events)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field

from services.members.domain.commands import Command
from services.members.domain.meeting.events import Invitee


class MeetingCommand(Command):
    meeting_id: str


class ScheduleMeeting(MeetingCommand):
    """安排会议."""

    kind: str
    title: str
    meeting_date: date
    township_id: str | None = None
    place: str | None = None
    invitees: list[Invitee] = Field(default_factory=list)


class InviteMembers(MeetingCommand):
    """邀请委员."""

    invitees: list[Invitee]


class RequestLeave(MeetingCommand):
    """委员请假."""

    member_id: str
    reason: str


class DecideLeave(MeetingCommand):
    """审批请假."""

    member_id: str
    approve: bool
    note: str | None = None


class AttendanceEntry(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    member_id: str
    status: str


class RecordAttendance(MeetingCommand):
    """登记出勤 (one or more members)."""

    records: list[AttendanceEntry]
    today: date


class CloseMeeting(MeetingCommand):
    """结束会议: approved leaves without a record become `leave_approved`."""

    today: date
