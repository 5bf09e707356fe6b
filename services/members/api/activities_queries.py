"""Reads of the `duty_activities` read model, with the access rule of every area:

- `county_admin` sees everything;
- `township:<t>` sees records in or of its township (a row in `activity_townships`);
- `member:<id>` sees records it takes part in (a row in `activity_members`);
- county-level training sessions (`open_to_all`) are visible to all of these;
- any other principal gets 403.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Row, Select, and_, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncConnection

from services.members.api.activities_out import (
    AREA_LABELS,
    KIND_LABELS,
    STATUS_LABELS,
    ActivityOut,
    item_out,
    label,
    member_out,
    township_out,
)
from services.members.projections.activities import DutyActivities
from shared.auth import Forbidden, Principal
from shared.domain import NotFound

NOT_FOUND = {
    "visit": "走访记录",
    "constituent_link": "联系记录",
    "training": "培训班",
    "livelihood": "民生实事",
    "enterprise_visit": "走访委员企业记录",
    "liaison_contact": "联谊联系记录",
    "excellence": "争先创优推荐",
}


@dataclass(frozen=True)
class Filters:
    year: int | None = None
    township_id: str | None = None
    member_id: str | None = None
    kind: str | None = None
    status: str | None = None
    owner_id: str | None = None
    limit: int = 200
    offset: int = 0


def require_reader(principal: Principal) -> None:
    if not (principal.is_admin or principal.townships or principal.scoped("member")):
        raise Forbidden("您的账号无权查看委员履职活动记录。")


def visible(p: DutyActivities, principal: Principal) -> ColumnElement[bool]:
    """The records `principal` may see (call `require_reader` first)."""
    if principal.is_admin:
        return true()
    r, t, m = p.records.c, p.townships.c, p.members.c
    conditions: list[ColumnElement[bool]] = [r.open_to_all.is_(True)]
    if principal.townships:
        ids = select(t.record_id).where(t.township_id.in_(sorted(principal.townships)))
        conditions.append(r.record_id.in_(ids))
    members = principal.scoped("member")
    if members:
        ids = select(m.record_id).where(m.member_id.in_(sorted(members)))
        conditions.append(r.record_id.in_(ids))
    return or_(*conditions)


def _filtered(p: DutyActivities, area: str, f: Filters) -> Select[Any]:
    r, t, m = p.records.c, p.townships.c, p.members.c
    where: list[ColumnElement[bool]] = [r.area == area]
    if f.year is not None:
        where.append(r.year == f.year)
    if f.kind is not None:
        where.append(r.kind == f.kind)
    if f.status is not None:
        where.append(r.status == f.status)
    if f.owner_id is not None:
        where.append(r.owner_id == f.owner_id)
    if f.township_id is not None:
        where.append(r.record_id.in_(select(t.record_id).where(t.township_id == f.township_id)))
    if f.member_id is not None:
        where.append(r.record_id.in_(select(m.record_id).where(m.member_id == f.member_id)))
    return select(p.records).where(and_(*where))


def check_filters(principal: Principal, f: Filters) -> None:
    """Asking for another township's records is refused rather than answered empty."""
    if f.township_id is not None and not principal.is_admin:
        principal.require_township(f.township_id)


async def list_records(
    conn: AsyncConnection,
    p: DutyActivities,
    area: str,
    principal: Principal,
    f: Filters,
    *,
    authorized: bool = False,
) -> list[ActivityOut]:
    """Records of `area` matching `f` that `principal` may see (`authorized`: the caller
    has already decided that the principal may see every record matching `f`)."""
    r = p.records.c
    stmt = _filtered(p, area, f)
    if not authorized:
        require_reader(principal)
        check_filters(principal, f)
        stmt = stmt.where(visible(p, principal))
    stmt = (
        stmt.order_by(r.on_date.desc(), r.recorded_at.desc(), r.record_id)
        .limit(f.limit)
        .offset(f.offset)
    )
    rows = list((await conn.execute(stmt)).all())
    return await hydrate(conn, p, rows)


async def get_record(
    conn: AsyncConnection, p: DutyActivities, area: str, record_id: str, principal: Principal
) -> ActivityOut:
    require_reader(principal)
    r = p.records.c
    base = select(p.records).where(r.record_id == record_id, r.area == area)
    row = (await conn.execute(base)).first()
    if row is None:
        what = NOT_FOUND.get(area, "记录")
        raise NotFound(f"{what}（编号 {record_id}）不存在，请核对编号", code="not_found")
    if (await conn.execute(base.where(visible(p, principal)))).first() is None:
        raise Forbidden(
            f"您无权查看该{NOT_FOUND.get(area, '记录')}：仅县政协机关、相关乡镇联络组和"
            "参与的委员可以查看。"
        )
    [out] = await hydrate(conn, p, [row])
    return out


async def hydrate(
    conn: AsyncConnection, p: DutyActivities, rows: Sequence[Row[Any]]
) -> list[ActivityOut]:
    ids = [row.record_id for row in rows]
    if not ids:
        return []
    t, m, i = p.townships.c, p.members.c, p.items.c
    towns = await _group(
        conn, select(p.townships).where(t.record_id.in_(ids)).order_by(t.township_id)
    )
    members = await _group(
        conn, select(p.members).where(m.record_id.in_(ids)).order_by(m.role, m.member_id)
    )
    items = await _group(
        conn, select(p.items).where(i.record_id.in_(ids)).order_by(i.item_kind, i.item_no)
    )
    return [
        _out(row, towns[row.record_id], members[row.record_id], items[row.record_id])
        for row in rows
    ]


async def _group(conn: AsyncConnection, stmt: Select[Any]) -> dict[str, list[Row[Any]]]:
    grouped: dict[str, list[Row[Any]]] = defaultdict(list)
    for row in await conn.execute(stmt):
        grouped[row.record_id].append(row)
    return grouped


def _out(
    row: Row[Any], towns: list[Row[Any]], members: list[Row[Any]], items: list[Row[Any]]
) -> ActivityOut:
    return ActivityOut(
        record_id=row.record_id,
        area=row.area,
        area_label=label(AREA_LABELS, row.area),
        kind=row.kind,
        kind_label=label(KIND_LABELS.get(row.area, {}), row.kind),
        title=row.title,
        on_date=row.on_date,
        end_date=row.end_date,
        year=row.year,
        township_id=row.township_id,
        owner_id=row.owner_id,
        status=row.status,
        status_label=label(STATUS_LABELS, row.status),
        recorded_at=row.recorded_at,
        status_at=row.status_at,
        status_by=row.status_by,
        status_note=row.status_note,
        details=json.loads(row.details),
        townships=[township_out(x) for x in towns],
        members=[member_out(x) for x in members],
        items=[item_out(x) for x in items],
    )


async def count_records(conn: AsyncConnection, p: DutyActivities, area: str, f: Filters) -> int:
    stmt = select(func.count()).select_from(_filtered(p, area, f).subquery())
    return int((await conn.execute(stmt)).scalar_one())
