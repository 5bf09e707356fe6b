"""Reads of the `meetings` read model, filtered to what a principal may see."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any

from sqlalchemy import Row, exists, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql.elements import ColumnElement

from services.members.api.meeting_schemas import (
    AttendanceItem,
    InvitationOut,
    MeetingDetailOut,
    MeetingOut,
    MemberAttendanceOut,
)
from services.members.api.queries import member_names
from services.members.domain.meeting import (
    ATTENDANCE_LABELS,
    LEAVE_STATUS_LABELS,
    MEETING_KIND_LABELS,
)
from services.members.projections import Directory, Meetings
from shared.auth import Forbidden, Principal


def _label(labels: dict[Any, str], code: str | None) -> str | None:
    return None if code is None else labels.get(code, code)


def invitation_filter(mt: Meetings, principal: Principal) -> ColumnElement[bool] | None:
    """Which invitations the principal sees (None = all)."""
    i = mt.invitations
    if principal.is_admin:
        return None
    own_groups = sorted(principal.townships)
    own_members = sorted(principal.scoped("member"))
    if not own_groups and not own_members:
        raise Forbidden("会议和出勤信息仅限县政协机关、联络组和受邀委员查看。")
    return or_(i.c.member_township_id.in_(own_groups), i.c.member_id.in_(own_members))


def meeting_filter(mt: Meetings, principal: Principal) -> ColumnElement[bool] | None:
    seen = invitation_filter(mt, principal)
    if seen is None:
        return None
    m, i = mt.meetings, mt.invitations
    invited = exists().where(i.c.meeting_id == m.c.meeting_id, seen)
    return or_(m.c.township_id.in_(sorted(principal.townships)), invited)


async def _counts(
    conn: AsyncConnection, mt: Meetings, meeting_id: str, seen: ColumnElement[bool] | None
) -> tuple[int, dict[str, int]]:
    i = mt.invitations
    stmt = select(i.c.attendance).where(i.c.meeting_id == meeting_id)
    if seen is not None:
        stmt = stmt.where(seen)
    statuses = list((await conn.execute(stmt)).scalars())
    return len(statuses), dict(Counter(s for s in statuses if s))


async def _meeting_out(
    conn: AsyncConnection, mt: Meetings, row: Row[Any], seen: ColumnElement[bool] | None
) -> MeetingOut:
    invited, counts = await _counts(conn, mt, row.meeting_id, seen)
    return MeetingOut(
        **{k: v for k, v in row._mapping.items() if k in MeetingOut.model_fields},
        kind_label=MEETING_KIND_LABELS.get(row.kind, row.kind),
        invited_count=invited,
        attendance_counts=counts,
    )


async def list_meetings(
    conn: AsyncConnection, mt: Meetings, principal: Principal, year: int, kind: str | None
) -> list[MeetingOut]:
    m = mt.meetings
    stmt = select(m).where(m.c.year == year).order_by(m.c.meeting_date, m.c.meeting_id)
    if kind is not None:
        stmt = stmt.where(m.c.kind == kind)
    visible = meeting_filter(mt, principal)
    if visible is not None:
        stmt = stmt.where(visible)
    seen = invitation_filter(mt, principal)
    rows = (await conn.execute(stmt)).all()
    return [await _meeting_out(conn, mt, row, seen) for row in rows]


async def meeting_detail(
    conn: AsyncConnection, mt: Meetings, d: Directory, principal: Principal, row: Row[Any]
) -> MeetingDetailOut:
    seen = invitation_filter(mt, principal)
    if row.township_id is not None and row.township_id in principal.townships:
        seen = None  # a township's own meeting: its staff see every invitation
    i = mt.invitations
    stmt = select(i).where(i.c.meeting_id == row.meeting_id).order_by(i.c.member_id)
    if seen is not None:
        stmt = stmt.where(seen)
    rows = (await conn.execute(stmt)).all()
    names = await member_names(conn, d, [r.member_id for r in rows])
    base = await _meeting_out(conn, mt, row, seen)
    return MeetingDetailOut(**base.model_dump(), invitations=[_invitation(r, names) for r in rows])


def _invitation(r: Row[Any], names: dict[str, str]) -> InvitationOut:
    return InvitationOut(
        member_id=r.member_id,
        member_name=names.get(r.member_id),
        member_township_id=r.member_township_id,
        leave_status=r.leave_status,
        leave_status_label=_label(LEAVE_STATUS_LABELS, r.leave_status),
        leave_reason=r.leave_reason,
        leave_note=r.leave_note,
        attendance=r.attendance,
        attendance_label=_label(ATTENDANCE_LABELS, r.attendance),
        automatic=r.automatic,
    )


async def visible_meeting(
    conn: AsyncConnection, mt: Meetings, principal: Principal, meeting_id: str
) -> tuple[Row[Any] | None, bool]:
    """(the meeting row or None, whether the principal may see it)."""
    m = mt.meetings
    row = (await conn.execute(select(m).where(m.c.meeting_id == meeting_id))).first()
    if row is None:
        return None, False
    visible = meeting_filter(mt, principal)
    if visible is None:
        return row, True
    stmt = select(m.c.meeting_id).where(m.c.meeting_id == meeting_id, visible)
    return row, (await conn.execute(stmt)).first() is not None


async def member_attendance(
    conn: AsyncConnection, mt: Meetings, member_id: str, year: int
) -> MemberAttendanceOut:
    m, i = mt.meetings, mt.invitations
    stmt = (
        select(m, i.c.leave_status, i.c.attendance)
        .join(i, i.c.meeting_id == m.c.meeting_id)
        .where(i.c.member_id == member_id, m.c.year == year)
        .order_by(m.c.meeting_date, m.c.meeting_id)
    )
    rows = (await conn.execute(stmt)).all()
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    items = []
    for r in rows:
        if r.attendance:
            counts[r.kind][r.attendance] += 1
        items.append(
            AttendanceItem(
                meeting_id=r.meeting_id,
                title=r.title,
                kind=r.kind,
                kind_label=MEETING_KIND_LABELS.get(r.kind, r.kind),
                meeting_date=r.meeting_date,
                leave_status=r.leave_status,
                attendance=r.attendance,
                attendance_label=_label(ATTENDANCE_LABELS, r.attendance),
            )
        )
    by_kind = {kind: dict(c) for kind, c in counts.items()}
    return MemberAttendanceOut(member_id=member_id, year=year, items=items, counts=by_kind)
