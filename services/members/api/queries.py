"""Reads of the `directory` read model (never the event store)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from services.members.api.schemas import LiaisonGroupOut, MemberOut
from services.members.domain import political_affiliation_label
from services.members.domain.vocab import MEMBER_TYPE_LABELS
from services.members.projections import Directory, TownshipDashboard
from shared.domain import NotFound
from shared.service import ServiceRuntime


def directory_of(rt: ServiceRuntime) -> Directory:
    return next(p for p in rt.runner.projections if isinstance(p, Directory))


def dashboard_of(rt: ServiceRuntime) -> TownshipDashboard:
    return next(p for p in rt.runner.projections if isinstance(p, TownshipDashboard))


def member_out(row: Row[Any]) -> MemberOut:
    return MemberOut(
        member_id=row.member_id,
        name=row.name,
        sector=row.sector,
        political_affiliation=row.political_affiliation,
        political_affiliation_label=political_affiliation_label(row.political_affiliation),
        township_id=row.township_id,
        term_no=row.term_no,
        is_standing_member=row.is_standing_member,
        work_unit=row.work_unit,
        registered_at=row.registered_at,
        sector_id=row.sector_id,
        member_type=row.member_type,
        member_type_label=MEMBER_TYPE_LABELS.get(row.member_type, row.member_type),
        active=row.active,
    )


async def list_groups(
    conn: AsyncConnection, d: Directory, only: set[str] | None = None
) -> list[LiaisonGroupOut]:
    """Every liaison group (or only those in `only`) with its count of active members."""
    g, m = d.groups, d.members
    counts = (
        select(m.c.township_id, func.count().label("n"))
        .where(m.c.active.is_(True))
        .group_by(m.c.township_id)
        .subquery()
    )
    stmt = (
        select(g, func.coalesce(counts.c.n, 0).label("member_count"))
        .outerjoin(counts, counts.c.township_id == g.c.township_id)
        .order_by(g.c.township_id)
    )
    if only is not None:
        stmt = stmt.where(g.c.township_id.in_(sorted(only)))
    rows = (await conn.execute(stmt)).all()
    return [LiaisonGroupOut.model_validate(row._mapping) for row in rows]


async def require_group(conn: AsyncConnection, d: Directory, township_id: str) -> Row[Any]:
    row = (
        await conn.execute(select(d.groups).where(d.groups.c.township_id == township_id))
    ).first()
    if row is None:
        raise NotFound(
            f"乡镇“{township_id}”尚未设立政协联络组，请核对乡镇编号",
            code="liaison_group_not_found",
        )
    return row


async def find_member(conn: AsyncConnection, d: Directory, member_id: str) -> MemberOut | None:
    stmt = select(d.members).where(d.members.c.member_id == member_id)
    row = (await conn.execute(stmt)).first()
    return member_out(row) if row is not None else None


async def township_members(
    conn: AsyncConnection, d: Directory, township_id: str
) -> list[MemberOut]:
    """The group's current (active) members."""
    m = d.members
    stmt = (
        select(m)
        .where(m.c.township_id == township_id, m.c.active.is_(True))
        .order_by(m.c.name, m.c.member_id)
    )
    return [member_out(row) for row in (await conn.execute(stmt)).all()]


async def member_names(
    conn: AsyncConnection, d: Directory, member_ids: Iterable[str | None]
) -> dict[str, str]:
    wanted = sorted({m for m in member_ids if m})
    if not wanted:
        return {}
    m = d.members
    rows = await conn.execute(select(m.c.member_id, m.c.name).where(m.c.member_id.in_(wanted)))
    return {row.member_id: row.name for row in rows}
