"""Reads of the `performance` read model into the pure scoring types (never the event store).

The township of each fact is resolved here, from the member's group history at the
fact's recorded time (scoring `township_at`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Row, Select, select
from sqlalchemy.ext.asyncio import AsyncConnection

from services.members.localtime import LOCAL_TZ
from services.members.projections.performance import Performance
from services.members.scoring import Fact, GroupSpell, MemberTerm, township_at
from shared.service import ServiceRuntime


def performance_of(rt: ServiceRuntime) -> Performance:
    return next(p for p in rt.runner.projections if isinstance(p, Performance))


def as_utc(moment: datetime) -> datetime:
    """SQLite gives naive datetimes back (stored as UTC); PostgreSQL aware ones."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def year_bounds(year: int) -> tuple[datetime, datetime]:
    """[start, end) of the county's calendar year, as UTC instants."""
    start = datetime(year, 1, 1, tzinfo=LOCAL_TZ).astimezone(UTC)
    end = datetime(year + 1, 1, 1, tzinfo=LOCAL_TZ).astimezone(UTC)
    return start, end


@dataclass(frozen=True)
class MemberInfo:
    member_id: str
    name: str | None
    township_id: str | None
    active: bool


@dataclass(frozen=True)
class Constraint:
    rule: str
    year: int
    evidence: tuple[str, ...]
    score: float | None
    detail: str
    ruleset_version: str
    recorded_at: datetime


@dataclass
class FileData:
    """What scoring needs of some members: roll, group history, terms, facts by year."""

    members: dict[str, MemberInfo] = field(default_factory=dict)
    history: dict[str, list[GroupSpell]] = field(default_factory=dict)
    terms: dict[str, list[MemberTerm]] = field(default_factory=dict)
    facts: dict[str, list[Fact]] = field(default_factory=dict)

    def facts_of(self, member_id: str, year: int) -> list[Fact]:
        return [f for f in self.facts.get(member_id, []) if f.year == year]


def _only(stmt: Select[Any], column: Any, ids: Collection[str] | None) -> Select[Any]:
    return stmt if ids is None else stmt.where(column.in_(sorted(ids)))


async def load_members(
    conn: AsyncConnection, p: Performance, ids: Collection[str] | None = None
) -> dict[str, MemberInfo]:
    m = p.members
    rows = await conn.execute(_only(select(m), m.c.member_id, ids).order_by(m.c.member_id))
    return {r.member_id: MemberInfo(r.member_id, r.name, r.township_id, r.active) for r in rows}


async def load_history(
    conn: AsyncConnection, p: Performance, ids: Collection[str] | None = None
) -> dict[str, list[GroupSpell]]:
    h = p.history
    stmt = _only(select(h), h.c.member_id, ids).order_by(h.c.member_id, h.c.seq)
    result: dict[str, list[GroupSpell]] = defaultdict(list)
    for r in await conn.execute(stmt):
        result[r.member_id].append(GroupSpell(as_utc(r.since), r.township_id))
    return dict(result)


async def load_terms(
    conn: AsyncConnection, p: Performance, ids: Collection[str] | None = None
) -> dict[str, list[MemberTerm]]:
    t = p.terms
    stmt = _only(select(t), t.c.member_id, ids).order_by(t.c.member_id, t.c.term_no)
    result: dict[str, list[MemberTerm]] = defaultdict(list)
    for r in await conn.execute(stmt):
        term = MemberTerm(term_no=r.term_no, joined_on=r.joined_on, left_on=r.left_on)
        result[r.member_id].append(term)
    return dict(result)


def to_fact(row: Row[Any], history: list[GroupSpell]) -> Fact:
    recorded = as_utc(row.recorded_at)
    return Fact(
        fact_id=row.fact_id,
        member_id=row.member_id,
        year=row.year,
        category=row.category,
        kind=row.kind,
        detail=row.detail,
        role=row.role,
        ref_id=row.ref_id,
        occurred_on=row.occurred_on,
        recorded_at=recorded,
        township_id=township_at(history, recorded, row.township_id),
        source_type=row.source_type,
        seq=row.seq,
        void_reason=row.void_reason,
        fixed_points=row.fixed_points,
        note=row.note,
    )


async def load_facts(
    conn: AsyncConnection,
    p: Performance,
    history: dict[str, list[GroupSpell]],
    ids: Collection[str] | None,
    years: range,
) -> dict[str, list[Fact]]:
    f = p.facts
    stmt = _only(select(f), f.c.member_id, ids).where(
        f.c.year >= years.start, f.c.year < years.stop
    )
    result: dict[str, list[Fact]] = defaultdict(list)
    for r in await conn.execute(stmt.order_by(f.c.member_id, f.c.occurred_on, f.c.fact_id)):
        result[r.member_id].append(to_fact(r, history.get(r.member_id, [])))
    return dict(result)


async def load_file(
    conn: AsyncConnection, p: Performance, ids: Collection[str] | None, years: range
) -> FileData:
    """Roll, history, terms and the facts of `years` of the members `ids` (None: all)."""
    history = await load_history(conn, p, ids)
    return FileData(
        members=await load_members(conn, p, ids),
        history=history,
        terms=await load_terms(conn, p, ids),
        facts=await load_facts(conn, p, history, ids, years),
    )


async def load_constraints(
    conn: AsyncConnection, p: Performance, member_id: str, year: int
) -> list[Constraint]:
    c = p.constraints
    stmt = select(c).where(c.c.member_id == member_id, c.c.year == year).order_by(c.c.seq)
    return [
        Constraint(
            rule=r.rule,
            year=r.year,
            evidence=tuple(json.loads(r.evidence)),
            score=r.score,
            detail=r.detail,
            ruleset_version=r.ruleset_version,
            recorded_at=as_utc(r.recorded_at),
        )
        for r in await conn.execute(stmt)
    ]
