"""Read model `meetings`: meetings, invitations with leave and attendance (DOMAIN §1.2).

One row per meeting and one per (meeting, invited member); counts per member, year and
kind are aggregated at query time, so a corrected attendance never leaves a stale count.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Integer,
    String,
    Text,
    bindparam,
    update,
)

from services.members.domain.meeting import (
    AttendanceRecorded,
    Invitee,
    LeaveApproved,
    LeaveRejected,
    LeaveRequested,
    MeetingClosed,
    MeetingScheduled,
    MembersInvited,
)
from services.members.projections.registry import read_registry
from shared.db import upsert
from shared.events import RecordedEvent
from shared.projection import Projection, Write

ID = String(64)
CODE = String(64)


class Meetings(Projection):
    name = "meetings"
    sources = ("MEMBERS",)
    registry = read_registry

    def define(self) -> None:
        self.meetings = self.table(
            "meetings",
            Column("meeting_id", ID, primary_key=True),
            Column("kind", CODE, nullable=False),
            Column("title", Text, nullable=False),
            Column("meeting_date", Date, nullable=False),
            Column("year", Integer, nullable=False, index=True),
            Column("township_id", ID, index=True),
            Column("place", Text),
            Column("closed", Boolean, nullable=False),
            Column("scheduled_at", DateTime(timezone=True), nullable=False),
            Column("closed_at", DateTime(timezone=True)),
        )
        self.invitations = self.table(
            "meeting_invitations",
            Column("meeting_id", ID, primary_key=True),
            Column("member_id", ID, primary_key=True),
            Column("member_township_id", ID, index=True),
            Column("leave_status", CODE),
            Column("leave_reason", Text),
            Column("leave_note", Text),
            Column("attendance", CODE),
            Column("automatic", Boolean, nullable=False),
            Column("invited_at", DateTime(timezone=True), nullable=False),
        )
        self._statements()

    def _statements(self) -> None:
        m, i = self.meetings, self.invitations
        self.put_meeting = upsert(self.dialect, m, ["meeting_id"])
        self.put_invitation = upsert(
            self.dialect, i, ["meeting_id", "member_id"], update=["member_township_id"]
        )
        self.close = (
            update(m)
            .where(m.c.meeting_id == bindparam("b_meeting_id"))
            .values(closed=True, closed_at=bindparam("b_at"))
        )
        key = (i.c.meeting_id == bindparam("b_meeting_id")) & (
            i.c.member_id == bindparam("b_member_id")
        )
        self.set_leave_request = (
            update(i)
            .where(key)
            .values(leave_status="requested", leave_reason=bindparam("b_reason"), leave_note=None)
        )
        self.set_leave_decision = (
            update(i)
            .where(key)
            .values(leave_status=bindparam("b_status"), leave_note=bindparam("b_note"))
        )
        self.set_attendance = (
            update(i)
            .where(key)
            .values(attendance=bindparam("b_status"), automatic=bindparam("b_automatic"))
        )
        self.on(MeetingScheduled, self.scheduled)
        self.on(MembersInvited, self.invited)
        self.on(LeaveRequested, self.leave_requested)
        self.on(LeaveApproved, self.leave_decided)
        self.on(LeaveRejected, self.leave_decided)
        self.on(AttendanceRecorded, self.attendance)
        self.on(MeetingClosed, self.closed)

    def _invitations(
        self, rec: RecordedEvent, meeting_id: str, invitees: tuple[Invitee, ...]
    ) -> list[Write]:
        return [
            (
                self.put_invitation,
                {
                    "meeting_id": meeting_id,
                    "member_id": inv.member_id,
                    "member_township_id": inv.township_id,
                    "leave_status": None,
                    "leave_reason": None,
                    "leave_note": None,
                    "attendance": None,
                    "automatic": False,
                    "invited_at": rec.time,
                },
            )
            for inv in invitees
        ]

    def scheduled(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, MeetingScheduled)
        row = {
            "meeting_id": e.meeting_id,
            "kind": e.kind,
            "title": e.title,
            "meeting_date": e.meeting_date,
            "year": e.meeting_date.year,
            "township_id": e.township_id,
            "place": e.place,
            "closed": False,
            "scheduled_at": rec.time,
            "closed_at": None,
        }
        return [(self.put_meeting, row), *self._invitations(rec, e.meeting_id, e.invitees)]

    def invited(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, MembersInvited)
        return self._invitations(rec, e.meeting_id, e.invitees)

    def leave_requested(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, LeaveRequested)
        params = {
            "b_meeting_id": e.meeting_id,
            "b_member_id": e.member_id,
            "b_reason": e.reason,
        }
        return [(self.set_leave_request, params)]

    def leave_decided(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, LeaveApproved | LeaveRejected)
        status = "approved" if isinstance(e, LeaveApproved) else "rejected"
        params = {
            "b_meeting_id": e.meeting_id,
            "b_member_id": e.member_id,
            "b_status": status,
            "b_note": e.note,
        }
        return [(self.set_leave_decision, params)]

    def attendance(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, AttendanceRecorded)
        params = {
            "b_meeting_id": e.meeting_id,
            "b_member_id": e.member_id,
            "b_status": e.status,
            "b_automatic": e.automatic,
        }
        return [(self.set_attendance, params)]

    def closed(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, MeetingClosed)
        return [(self.close, {"b_meeting_id": e.meeting_id, "b_at": rec.time})]
