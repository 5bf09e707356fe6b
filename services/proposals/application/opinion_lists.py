"""Queries over the issue, direct-report-point and member-statistics read models."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Row, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from services.proposals.projections.opinion_bulletins import BulletinIssues
from services.proposals.projections.opinion_points import DirectReportPoints
from services.proposals.projections.opinion_reports import OpinionReportList
from services.proposals.projections.opinion_stats import MemberReportStats

from .opinion_views import reports_by_id


@dataclass(frozen=True)
class IssueDetail:
    row: Row[Any]
    items: list[Row[Any]]
    reports: dict[str, Row[Any]]


async def issue_page(
    conn: AsyncConnection,
    proj: BulletinIssues,
    where: Sequence[ColumnElement[bool]],
    page: int,
    page_size: int,
) -> tuple[int, list[Row[Any]], dict[str, int]]:
    t = proj.issues
    total = int(
        (await conn.execute(select(func.count()).select_from(t).where(*where))).scalar_one()
    )
    stmt = (
        select(t)
        .where(*where)
        .order_by(t.c.year.desc(), t.c.series, t.c.issue_no.desc())
        .limit(page_size)
        .offset((page - 1) * page_size)
    )
    rows = list((await conn.execute(stmt)).all())
    i = proj.items
    count_stmt = (
        select(i.c.issue_id, func.count())
        .where(i.c.issue_id.in_([r.issue_id for r in rows]))
        .group_by(i.c.issue_id)
    )
    counts = {issue_id: int(n) for issue_id, n in (await conn.execute(count_stmt)).all()}
    return total, rows, counts


async def issue_detail(
    conn: AsyncConnection, proj: BulletinIssues, reports: OpinionReportList, issue_id: str
) -> IssueDetail | None:
    t = proj.issues
    row = (await conn.execute(select(t).where(t.c.issue_id == issue_id))).first()
    if row is None:
        return None
    i = proj.items
    stmt = select(i).where(i.c.issue_id == issue_id).order_by(i.c.position, i.c.report_id)
    items = list((await conn.execute(stmt)).all())
    found = await reports_by_id(conn, reports, [it.report_id for it in items])
    return IssueDetail(row, items, found)


async def points_of(
    conn: AsyncConnection, proj: DirectReportPoints, township_id: str | None
) -> list[Row[Any]]:
    t = proj.points
    stmt = select(t).order_by(t.c.township_id, t.c.point_name, t.c.point_id)
    if township_id is not None:
        stmt = stmt.where(t.c.township_id == township_id)
    return list((await conn.execute(stmt)).all())


async def point_by_id(
    conn: AsyncConnection, proj: DirectReportPoints, point_id: str
) -> Row[Any] | None:
    t = proj.points
    return (await conn.execute(select(t).where(t.c.point_id == point_id))).first()


async def member_stats(
    conn: AsyncConnection, proj: MemberReportStats, year: int | None, member_id: str | None
) -> list[Row[Any]]:
    t = proj.stats
    stmt = select(t).order_by(t.c.year.desc(), t.c.member_id)
    if year is not None:
        stmt = stmt.where(t.c.year == year)
    if member_id is not None:
        stmt = stmt.where(t.c.member_id == member_id)
    return list((await conn.execute(stmt)).all())
