"""Reads of a member's record, member lists, sectors and group summaries (`directory`)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import Row, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from services.members.api.member_schemas import (
    ChangeOut,
    GroupSummaryOut,
    MemberDetailOut,
    MemberListItem,
    PersonalDataOut,
    SectorOut,
    TermOut,
)
from services.members.api.queries import member_out, require_group
from services.members.domain import political_affiliation_label
from services.members.domain.sector import SECTOR_KIND_LABELS
from services.members.domain.vocab import EXIT_REASON_LABELS, GENDER_LABELS, MEMBER_TYPE_LABELS
from services.members.projections import Directory


def _label(labels: dict[Any, str], code: str | None) -> str | None:
    return None if code is None else labels.get(code, code)


async def member_row(conn: AsyncConnection, d: Directory, member_id: str) -> Row[Any] | None:
    stmt = select(d.members).where(d.members.c.member_id == member_id)
    return (await conn.execute(stmt)).first()


async def member_rows(
    conn: AsyncConnection,
    d: Directory,
    *,
    township_id: str | None = None,
    sector_id: str | None = None,
    term_no: int | None = None,
    include_inactive: bool = False,
) -> list[Row[Any]]:
    m = d.members
    stmt = select(m).order_by(m.c.township_id, m.c.name, m.c.member_id)
    if township_id is not None:
        stmt = stmt.where(m.c.township_id == township_id)
    if sector_id is not None:
        stmt = stmt.where(m.c.sector_id == sector_id)
    if term_no is not None:
        stmt = stmt.where(m.c.term_no == term_no)
    if not include_inactive:
        stmt = stmt.where(m.c.active.is_(True))
    return list((await conn.execute(stmt)).all())


def list_item(row: Row[Any], pd: PersonalDataOut | None) -> MemberListItem:
    return MemberListItem(**member_out(row).model_dump(), personal_data=pd)


async def _terms(conn: AsyncConnection, d: Directory, member_id: str) -> list[TermOut]:
    t = d.terms
    rows = await conn.execute(select(t).where(t.c.member_id == member_id).order_by(t.c.term_no))
    return [
        TermOut(
            term_no=r.term_no,
            member_type=r.member_type,
            member_type_label=MEMBER_TYPE_LABELS.get(r.member_type, r.member_type),
            joined_at=r.joined_at,
            left_at=r.left_at,
            exit_reason=r.exit_reason,
            exit_reason_label=_label(EXIT_REASON_LABELS, r.exit_reason),
        )
        for r in rows
    ]


async def _changes(conn: AsyncConnection, d: Directory, member_id: str) -> list[ChangeOut]:
    c = d.changes
    stmt = select(c).where(c.c.member_id == member_id).order_by(c.c.changed_at, c.c.event_id)
    return [ChangeOut.model_validate(r._mapping) for r in await conn.execute(stmt)]


async def _committees(conn: AsyncConnection, d: Directory, member_id: str) -> list[str]:
    c = d.committees
    stmt = select(c.c.committee).where(c.c.member_id == member_id).order_by(c.c.committee)
    return list((await conn.execute(stmt)).scalars())


async def member_detail(
    conn: AsyncConnection, d: Directory, row: Row[Any], pd: PersonalDataOut | None
) -> MemberDetailOut:
    return MemberDetailOut(
        **list_item(row, pd).model_dump(),
        exit_reason=row.exit_reason,
        exit_reason_label=_label(EXIT_REASON_LABELS, row.exit_reason),
        left_at=row.left_at,
        gender=row.gender,
        gender_label=_label(GENDER_LABELS, row.gender),
        ethnicity=row.ethnicity,
        birth_date=row.birth_date,
        position=row.position,
        is_non_public_economy=row.is_non_public_economy,
        is_new_social_stratum=row.is_new_social_stratum,
        enterprise_name=row.enterprise_name,
        special_committees=await _committees(conn, d, row.member_id),
        terms=await _terms(conn, d, row.member_id),
        changes=await _changes(conn, d, row.member_id),
    )


async def sectors(conn: AsyncConnection, d: Directory, include_retired: bool) -> list[SectorOut]:
    s, m = d.sectors, d.members
    counts = (
        select(m.c.sector_id, func.count().label("n"))
        .where(m.c.active.is_(True))
        .group_by(m.c.sector_id)
        .subquery()
    )
    stmt = (
        select(s, func.coalesce(counts.c.n, 0).label("member_count"))
        .outerjoin(counts, counts.c.sector_id == s.c.sector_id)
        .order_by(s.c.sort, s.c.name, s.c.sector_id)
    )
    if not include_retired:
        stmt = stmt.where(s.c.retired.is_(False))
    return [
        SectorOut(
            **{k: v for k, v in r._mapping.items() if k in SectorOut.model_fields},
            kind_label=SECTOR_KIND_LABELS.get(r.kind, r.kind),
        )
        for r in await conn.execute(stmt)
    ]


async def group_summary(conn: AsyncConnection, d: Directory, township_id: str) -> GroupSummaryOut:
    group = await require_group(conn, d, township_id)
    rows = await member_rows(conn, d, township_id=township_id)
    return GroupSummaryOut(
        township_id=township_id,
        group_name=group.group_name,
        member_count=len(rows),
        standing_member_count=sum(1 for r in rows if r.is_standing_member),
        by_sector=dict(Counter(r.sector for r in rows)),
        by_political_affiliation=dict(
            Counter(political_affiliation_label(r.political_affiliation) for r in rows)
        ),
        by_member_type=dict(
            Counter(MEMBER_TYPE_LABELS.get(r.member_type, r.member_type) for r in rows)
        ),
        by_gender=dict(Counter(_label(GENDER_LABELS, r.gender) or "未填" for r in rows)),
    )
