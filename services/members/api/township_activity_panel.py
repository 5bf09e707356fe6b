"""Consultations and livelihood & training panels (DOMAIN §4, §5.5, §6.3).

Consultations: held in the township or with the group's members taking part (from the
consultation service's events). Inspections, research and democratic supervision are not
shown: the consultation service does not publish such events yet.
Livelihood: 三下乡/扶贫济困/捐资助学 … in the township or with the group's members, with
beneficiaries and amounts. Training: county-level sessions and the township's own, with
the group's attendance (a member counts for the group they belonged to when attending).
"""

from __future__ import annotations

import json
from collections import Counter
from decimal import Decimal
from typing import Any

from sqlalchemy import Row, case, func, or_, select

from services.members.api.dashboard import (
    adopted_items,
    consultation_items,
    of_year,
    year_counts,
    year_rows,
)
from services.members.api.labels import label
from services.members.api.township_access import PanelContext
from services.members.api.township_labels import ATTRIBUTION_LABELS, RECORD_STATUS_LABELS
from services.members.api.township_rules import rate
from services.members.api.township_schemas_more import (
    ConsultationsPanel,
    LivelihoodRow,
    LivelihoodTrainingPanel,
    TrainingRow,
)
from services.members.domain.activities.vocabulary import (
    LIVELIHOOD_KIND_LABELS,
    TRAINING_KIND_LABELS,
)
from services.members.projections import TownshipDashboard
from services.members.projections.activities import DutyActivities

OTHER_ACTIVITIES_NOTE = "视察、调研和民主监督活动：协商服务尚未发布相应事件，本栏暂不显示。"


async def build_consultations_panel(ctx: PanelContext) -> ConsultationsPanel:
    """Computed once per context (the dashboard's panel and its earlier fields share it)."""
    return await ctx.once("consultations", lambda: _consultations_panel(ctx))


async def _consultations_panel(ctx: PanelContext) -> ConsultationsPanel:
    """Counts in SQL over the year's consultations; `items` and `adopted_items` one page
    (not read when the page is past the end)."""
    t = ctx.of(TownshipDashboard)
    c, a = t.consultations.c, t.adopted.c
    conn, township, year, paging = ctx.conn, ctx.township_id, ctx.year, ctx.paging
    groups = await year_counts(conn, t.consultations, township, year, c.type, c.reason)
    by_type: Counter[str] = Counter()
    by_reason: Counter[str] = Counter()
    for row in groups:
        by_type[row.type] += int(row.n)
        by_reason[row.reason] += int(row.n)
    total = sum(by_type.values())
    suggestions = select(func.coalesce(func.sum(c.suggestions_count), 0)).where(
        of_year(t.consultations, township, year)
    )
    adopted_count = select(func.count()).select_from(t.adopted)
    adopted_count = adopted_count.where(of_year(t.adopted, township, year))
    both = select(suggestions.scalar_subquery(), adopted_count.scalar_subquery())
    suggested, adopted_total = (await conn.execute(both)).one()
    held = []
    if total > paging.offset:
        held_order = (c.held_on.desc(), c.consultation_id)
        held = await year_rows(conn, t.consultations, township, year, *held_order, paging=paging)
    adopted = []
    if adopted_total > paging.offset:
        adopted_order = (a.adopted_at, a.suggestion_id)
        adopted = await year_rows(conn, t.adopted, township, year, *adopted_order, paging=paging)
    return ConsultationsPanel(
        **ctx.head(),
        pages={"items": paging.page(total), "adopted_items": paging.page(adopted_total)},
        total=total,
        by_type=dict(by_type),
        by_reason=dict(by_reason),
        suggestions=int(suggested),
        adopted=int(adopted_total),
        items=consultation_items(held),
        adopted_items=adopted_items(adopted),
        note=OTHER_ACTIVITIES_NOTE,
    )


async def _livelihood(ctx: PanelContext) -> list[tuple[Row[Any], str, set[str]]]:
    da = ctx.of(DutyActivities)
    r, t, m = da.records.c, da.townships.c, da.members.c
    stmt = (
        select(da.records, t.reason)
        .join(da.townships, t.record_id == r.record_id)
        .where(r.area == "livelihood", r.year == ctx.year, t.township_id == ctx.township_id)
        .order_by(r.on_date.desc(), r.record_id)
    )
    rows = list((await ctx.conn.execute(stmt)).all())
    ids = [row.record_id for row in rows]
    who: dict[str, set[str]] = {}
    if ids:
        stmt = select(m.record_id, m.member_id).where(m.record_id.in_(ids))
        for p in await ctx.conn.execute(stmt):
            who.setdefault(p.record_id, set()).add(p.member_id)
    return [(row, row.reason, who.get(row.record_id, set())) for row in rows]


def _livelihood_row(row: Row[Any], reason: str, participants: set[str]) -> LivelihoodRow:
    details = json.loads(row.details)
    beneficiaries = details.get("beneficiaries") or {}
    donation = details.get("donation") or {}
    amount = donation.get("amount_yuan")
    return LivelihoodRow(
        record_id=row.record_id,
        title=row.title,
        kind=row.kind,
        kind_label=label(LIVELIHOOD_KIND_LABELS, row.kind),
        on_date=row.on_date,
        status=row.status,
        status_label=label(RECORD_STATUS_LABELS, row.status),
        beneficiaries=int(beneficiaries.get("count") or 0),
        beneficiaries_description=beneficiaries.get("description"),
        donation_yuan=Decimal(str(amount)) if amount is not None else None,
        in_kind=donation.get("in_kind"),
        participants=len(participants),
        attribution_reason=reason,
        attribution_label=label(ATTRIBUTION_LABELS, reason),
    )


async def _trainings(ctx: PanelContext) -> list[TrainingRow]:
    da = ctx.of(DutyActivities)
    r, t, m = da.records.c, da.townships.c, da.members.c
    held_here = select(t.record_id).where(
        t.township_id == ctx.township_id, t.reason == "in_township"
    )
    stmt = (
        select(da.records)
        .where(r.area == "training", r.year == ctx.year)
        .where(or_(r.open_to_all.is_(True), r.record_id.in_(held_here)))
        .order_by(r.on_date, r.record_id)
    )
    rows = list((await ctx.conn.execute(stmt)).all())
    if not rows:
        return []
    ours = (
        select(
            m.record_id,
            func.count(),
            func.sum(case((m.full_attendance.is_(True), 1), else_=0)),
        )
        .where(m.record_id.in_([row.record_id for row in rows]), m.role == "attendee")
        .where(m.township_id == ctx.township_id)
        .group_by(m.record_id)
    )
    attended = {x[0]: (int(x[1]), int(x[2] or 0)) for x in await ctx.conn.execute(ours)}
    return [
        TrainingRow(
            training_id=row.record_id,
            title=row.title,
            kind=row.kind,
            kind_label=label(TRAINING_KIND_LABELS, row.kind),
            start_date=row.on_date,
            end_date=row.end_date,
            county_level=row.open_to_all,
            attendees=attended.get(row.record_id, (0, 0))[0],
            full_attendance=attended.get(row.record_id, (0, 0))[1],
        )
        for row in rows
    ]


async def build_livelihood_training_panel(ctx: PanelContext) -> LivelihoodTrainingPanel:
    """Computed once per context (the dashboard's panel and the summary share it)."""
    return await ctx.once("livelihood_training", lambda: _livelihood_training_panel(ctx))


async def _livelihood_training_panel(ctx: PanelContext) -> LivelihoodTrainingPanel:
    found = await _livelihood(ctx)
    rows = [_livelihood_row(row, reason, who) for row, reason, who in found]
    shown = [r for r, (_, _, who) in zip(rows, found, strict=True) if ctx.viewer.sees(who)]
    page = ctx.paging.page(len(shown))
    trainings = await _trainings(ctx)
    expected = len(trainings) * len(ctx.members)
    attended = sum(t.attendees for t in trainings)
    return LivelihoodTrainingPanel(
        **ctx.head(),
        pages={"livelihood": page},
        livelihood_total=len(rows),
        by_kind=dict(Counter(r.kind for r in rows)),
        beneficiaries=sum(r.beneficiaries for r in rows),
        donation_yuan=sum((r.donation_yuan or Decimal(0) for r in rows), Decimal(0)),
        livelihood=ctx.paging.cut(shown),
        trainings=trainings,
        training_expected=expected,
        training_attended=attended,
        training_attendance_rate=rate(min(attended, expected), expected),
    )
