"""Queries over the 社情民意 read models, scoped to what the viewer may see."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Row, Table, false, func, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection

from services.proposals.projections.opinion_reports import OpinionReportList

from .opinion_access import OpinionViewer

Rows = list[Row[Any]]


@dataclass(frozen=True)
class ReportFilters:
    status: str | None = None
    adopted_level: str | None = None
    info_nature: str | None = None
    township_id: str | None = None
    reporter_kind: str | None = None
    author_id: str | None = None
    year: int | None = None


@dataclass(frozen=True)
class ReportPage:
    total: int
    rows: Rows
    authors: dict[str, Rows] = field(default_factory=dict)
    levels: dict[str, list[str]] = field(default_factory=dict)
    reasons: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class ReportDetail:
    row: Row[Any]
    authors: Rows
    townships: Rows
    adoptions: Rows
    instructions: Rows
    feedbacks: Rows


def attributed_to(proj: OpinionReportList, townships: Sequence[str]) -> ColumnElement[bool]:
    t = proj.townships
    owned = select(t.c.report_id).where(t.c.township_id.in_(sorted(townships)))
    return proj.reports.c.report_id.in_(owned)


def authored_by(proj: OpinionReportList, member_ids: Sequence[str]) -> ColumnElement[bool]:
    a = proj.authors
    owned = select(a.c.report_id).where(a.c.member_id.in_(sorted(member_ids)))
    return proj.reports.c.report_id.in_(owned)


def visible_to(proj: OpinionReportList, viewer: OpinionViewer) -> ColumnElement[bool] | None:
    """The reports `viewer` may see (None = all)."""
    if viewer.office:
        return None
    parts: list[ColumnElement[bool]] = []
    if viewer.townships:
        parts.append(attributed_to(proj, sorted(viewer.townships)))
    if viewer.member_ids:
        parts.append(authored_by(proj, sorted(viewer.member_ids)))
    return or_(*parts) if parts else false()


def filtered(proj: OpinionReportList, f: ReportFilters) -> list[ColumnElement[bool]]:
    c = proj.reports.c
    where: list[ColumnElement[bool]] = []
    for column, value in (
        (c.status, f.status),
        (c.info_nature, f.info_nature),
        (c.reporter_kind, f.reporter_kind),
        (c.year, f.year),
    ):
        if value is not None:
            where.append(column == value)
    if f.township_id is not None:
        where.append(attributed_to(proj, [f.township_id]))
    if f.author_id is not None:
        where.append(authored_by(proj, [f.author_id]))
    if f.adopted_level is not None:
        a = proj.adoptions
        adopted = select(a.c.report_id).where(a.c.level == f.adopted_level)
        where.append(c.report_id.in_(adopted))
    return where


async def report_page(
    conn: AsyncConnection,
    proj: OpinionReportList,
    where: Sequence[ColumnElement[bool]],
    page: int,
    page_size: int,
    township_id: str | None = None,
) -> ReportPage:
    t = proj.reports
    total_stmt = select(func.count()).select_from(t).where(*where)
    total = int((await conn.execute(total_stmt)).scalar_one())
    stmt = (
        select(t)
        .where(*where)
        .order_by(t.c.submitted_at.desc(), t.c.report_id.desc())
        .limit(page_size)
        .offset((page - 1) * page_size)
    )
    rows = list((await conn.execute(stmt)).all())
    ids = [r.report_id for r in rows]
    authors = await _children(conn, proj.authors, ids, "position")
    adoptions = await _children(conn, proj.adoptions, ids, "adoption_no")
    levels = {rid: list(dict.fromkeys(a.level for a in found)) for rid, found in adoptions.items()}
    reasons: dict[str, list[str]] = {}
    if township_id is not None:
        places = await _children(conn, proj.townships, ids, "reason")
        reasons = {
            rid: [p.reason for p in found if p.township_id == township_id]
            for rid, found in places.items()
        }
    return ReportPage(total, rows, authors, levels, reasons)


async def report_detail(
    conn: AsyncConnection, proj: OpinionReportList, report_id: str
) -> ReportDetail | None:
    t = proj.reports
    row = (await conn.execute(select(t).where(t.c.report_id == report_id))).first()
    if row is None:
        return None
    ids = [report_id]
    return ReportDetail(
        row=row,
        authors=(await _children(conn, proj.authors, ids, "position"))[report_id],
        townships=(await _children(conn, proj.townships, ids, "township_id"))[report_id],
        adoptions=(await _children(conn, proj.adoptions, ids, "adoption_no"))[report_id],
        instructions=(await _children(conn, proj.instructions, ids, "instruction_no"))[report_id],
        feedbacks=(await _children(conn, proj.feedbacks, ids, "feedback_no"))[report_id],
    )


async def status_counts(
    conn: AsyncConnection, proj: OpinionReportList, township_id: str
) -> dict[str, int]:
    t = proj.reports
    stmt = (
        select(t.c.status, func.count())
        .where(attributed_to(proj, [township_id]))
        .group_by(t.c.status)
    )
    return {status: int(count) for status, count in (await conn.execute(stmt)).all()}


async def reports_by_id(
    conn: AsyncConnection, proj: OpinionReportList, report_ids: Sequence[str]
) -> dict[str, Row[Any]]:
    if not report_ids:
        return {}
    t = proj.reports
    rows = (await conn.execute(select(t).where(t.c.report_id.in_(list(report_ids))))).all()
    return {r.report_id: r for r in rows}


async def _children(
    conn: AsyncConnection, table: Table, report_ids: Sequence[str], order: str
) -> dict[str, Rows]:
    found: dict[str, Rows] = {rid: [] for rid in report_ids}
    if not report_ids:
        return found
    stmt = (
        select(table)
        .where(table.c.report_id.in_(list(report_ids)))
        .order_by(table.c.report_id, table.c[order])
    )
    for row in (await conn.execute(stmt)).all():
        found[row.report_id].append(row)
    return found
