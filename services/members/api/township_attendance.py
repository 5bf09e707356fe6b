"""Attendance panel (DOMAIN §6.3): per meeting of the year, how the group's invited
members answered (present / leave / absent), the members with an unexcused absence, and
the meetings to come. A member counts for the group they belonged to when invited."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import Row, and_, exists, or_, select
from sqlalchemy.sql.elements import ColumnElement

from services.members.api.township_access import PanelContext
from services.members.api.township_schemas import (
    AbsenteeRow,
    AttendancePanel,
    MeetingAttendance,
    UpcomingMeeting,
)
from services.members.domain.meeting import MEETING_KIND_LABELS
from services.members.projections import Meetings

PRESENT = frozenset({"present", "late", "left_early"})
BUCKETS = ("present", "leave", "absent", "pending")


def bucket(attendance: str | None) -> str:
    if attendance is None:
        return "pending"
    if attendance in PRESENT:
        return "present"
    return "leave" if attendance == "leave_approved" else "absent"


def _ours(mt: Meetings, township_id: str) -> ColumnElement[bool]:
    m, i = mt.meetings.c, mt.invitations.c
    invited = exists().where(i.meeting_id == m.meeting_id, i.member_township_id == township_id)
    return or_(m.township_id == township_id, invited)


def _meeting(row: Row[Any], answers: Counter[str]) -> MeetingAttendance:
    return MeetingAttendance(
        meeting_id=row.meeting_id,
        title=row.title,
        kind=row.kind,
        kind_label=MEETING_KIND_LABELS.get(row.kind, row.kind),
        meeting_date=row.meeting_date,
        closed=row.closed,
        invited=sum(answers.values()),
        **{b: answers[b] for b in BUCKETS},
    )


async def build_attendance_panel(ctx: PanelContext) -> AttendancePanel:
    """Computed once per context (the dashboard's panel, alerts and summary share it)."""
    return await ctx.once("attendance", lambda: _attendance_panel(ctx))


async def _attendance_panel(ctx: PanelContext) -> AttendancePanel:
    """The year's meetings and those to come, read together (one query for the meetings,
    one for the group's invitations to any of them)."""
    mt = ctx.of(Meetings)
    m, i = mt.meetings.c, mt.invitations.c
    coming = and_(m.meeting_date >= ctx.as_of, m.closed.is_(False))
    stmt = (
        select(mt.meetings)
        .where(_ours(mt, ctx.township_id), or_(m.year == ctx.year, coming))
        .order_by(m.meeting_date, m.meeting_id)
    )
    found = list((await ctx.conn.execute(stmt)).all())
    meetings = [row for row in found if row.year == ctx.year]
    upcoming = [row for row in found if row.meeting_date >= ctx.as_of and not row.closed]
    ids = [row.meeting_id for row in found]
    inv = select(mt.invitations).where(
        i.meeting_id.in_(ids), i.member_township_id == ctx.township_id
    )
    invitations = list((await ctx.conn.execute(inv)).all()) if ids else []
    of_year = {row.meeting_id for row in meetings}
    answers: dict[str, Counter[str]] = defaultdict(Counter)
    absences: dict[str, list[str]] = defaultdict(list)
    invited: Counter[str] = Counter()
    titles = {row.meeting_id: row.title for row in meetings}
    for row in invitations:
        invited[row.meeting_id] += 1
        if row.meeting_id not in of_year:
            continue
        answers[row.meeting_id][bucket(row.attendance)] += 1
        if row.attendance == "absent_unexcused":
            absences[row.member_id].append(titles[row.meeting_id])
    totals = Counter({b: 0 for b in BUCKETS})
    for counter in answers.values():
        totals.update(counter)
    answered = totals["present"] + totals["leave"] + totals["absent"]
    names = await ctx.names(absences)
    return AttendancePanel(
        **ctx.head(),
        as_of=ctx.as_of,
        meetings=[_meeting(row, answers[row.meeting_id]) for row in meetings],
        totals=dict(totals),
        attendance_rate=round(totals["present"] / answered, 4) if answered else None,
        absentees=[
            AbsenteeRow(member_id=mid, member_name=names.get(mid), absences=len(t), meetings=t)
            for mid, t in sorted(absences.items(), key=lambda kv: (-len(kv[1]), kv[0]))
            if ctx.viewer.sees([mid])
        ],
        upcoming=[_upcoming(r, invited[r.meeting_id]) for r in upcoming],
    )


def _upcoming(r: Row[Any], invited: int) -> UpcomingMeeting:
    return UpcomingMeeting(
        meeting_id=r.meeting_id,
        title=r.title,
        kind=r.kind,
        kind_label=MEETING_KIND_LABELS.get(r.kind, r.kind),
        meeting_date=r.meeting_date,
        place=r.place,
        invited=invited,
    )
