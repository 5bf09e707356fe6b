"""Look-ups a duty-activity command needs before it can name its targets (e.g. which
member logged visit X). They read the `duty_activities` read model; a client that just
wrote may pass `?min_seq=` so the read model has caught up."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Row, select

from services.members.domain.activities.visit import IssueFact, VisitFacts
from services.members.projections.activities import DutyActivities
from shared.domain import NotFound
from shared.service import ServiceRuntime


def duty_activities(rt: ServiceRuntime) -> DutyActivities:
    return next(p for p in rt.runner.projections if isinstance(p, DutyActivities))


async def find_record(rt: ServiceRuntime, record_id: str, area: str) -> Row[Any] | None:
    p = duty_activities(rt)
    r = p.records.c
    stmt = select(p.records).where(r.record_id == record_id, r.area == area)
    async with rt.db.read() as conn:
        return (await conn.execute(stmt)).first()


async def find_visit(rt: ServiceRuntime, visit_id: str) -> VisitFacts:
    """The logged visit with its issues; 404 when the read model does not know it."""
    row = await find_record(rt, visit_id, "visit")
    if row is None:
        raise NotFound(
            f"走访记录 {visit_id} 不存在，请核对走访记录编号（刚登记的走访请带上 min_seq 参数）",
            code="visit_not_found",
        )
    p = duty_activities(rt)
    i = p.items.c
    stmt = (
        select(i.text, i.status)
        .where(i.record_id == visit_id, i.item_kind == "issue")
        .order_by(i.item_no)
    )
    m = p.members.c
    visitors = (
        select(m.member_id)
        .where(m.record_id == visit_id, m.role == "visitor")
        .order_by(m.member_id)
    )
    async with rt.db.read() as conn:
        issues = (await conn.execute(stmt)).all()
        visitor_ids = tuple((await conn.execute(visitors)).scalars())
    details = json.loads(row.details)
    return VisitFacts(
        visit_id=visit_id,
        member_id=row.owner_id,
        member_township_id=details.get("member_township_id"),
        visit_township_id=details["visit_township_id"],
        visit_kind=row.kind,
        visit_date=row.on_date,
        issues=tuple(
            IssueFact(text=x.text or "", resolved_on_site=x.status == "resolved_on_site")
            for x in issues
        ),
        visitor_ids=visitor_ids,
    )


async def link_owner(rt: ServiceRuntime, link_id: str) -> str:
    """The member whose constituent link this is."""
    row = await find_record(rt, link_id, "constituent_link")
    if row is None:
        raise NotFound(
            f"联系记录 {link_id} 不存在，请核对编号（刚登记的请带上 min_seq 参数）",
            code="link_not_found",
        )
    return str(row.owner_id)
