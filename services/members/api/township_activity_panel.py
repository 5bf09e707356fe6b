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
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    CompoundSelect,
    Row,
    Select,
    and_,
    case,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)

from services.members.api.dashboard import (
    adopted_items,
    consultation_items,
    of_year,
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
    """Counts in SQL over the year's consultations (one query for the counts by type and
    reason, the suggestions and the adoptions); `items` and `adopted_items` one page (not
    read when the page is past the end)."""
    t = ctx.of(TownshipDashboard)
    c, a = t.consultations.c, t.adopted.c
    conn, township, year, paging = ctx.conn, ctx.township_id, ctx.year, ctx.paging
    by_type: Counter[str] = Counter()
    by_reason: Counter[str] = Counter()
    suggested = adopted_total = 0
    for part, kind, reason, n, suggestions in await conn.execute(_consultation_counts(t, ctx)):
        if part == "adopted":
            adopted_total = int(n)
            continue
        by_type[kind] += int(n)
        by_reason[reason] += int(n)
        suggested += int(suggestions or 0)
    total = sum(by_type.values())
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


def _consultation_counts(
    t: TownshipDashboard, ctx: PanelContext
) -> CompoundSelect[*tuple[Any, ...]]:
    """(part, type, reason, n, suggestions) rows: the year's consultations by (type, reason)
    in that order (what `year_counts` answers), then the adopted suggestions' count."""
    c = t.consultations.c
    groups = (
        select(
            literal("consultations").label("part"),
            c.type.label("kind"),
            c.reason.label("reason"),
            func.count().label("n"),
            func.sum(c.suggestions_count).label("suggestions"),
        )
        .where(of_year(t.consultations, ctx.township_id, ctx.year))
        .group_by(c.type, c.reason)
    )
    adopted = select(literal("adopted"), null(), null(), func.count(), null()).where(
        of_year(t.adopted, ctx.township_id, ctx.year)
    )
    return union_all(groups, adopted).order_by("part", "kind", "reason")


LIVELIHOOD, TRAINING = "livelihood", "training"


@dataclass(frozen=True)
class _Activities:
    """The group's livelihood activities of the year (newest first) with their attribution
    reason and participants, and the trainings open to it with its attendance."""

    livelihood: list[tuple[Row[Any], str, set[str]]]
    trainings: list[Row[Any]]
    attended: dict[str, tuple[int, int]]  # training → (the group's attendees, full attendance)


async def _activities(ctx: PanelContext) -> _Activities:
    """Both lists in one query on the records (each in its own order), and the people of
    both in one more: every participant of a livelihood activity (whichever group), and
    the group's attendees counted per training."""
    da = ctx.of(DutyActivities)
    r, t = da.records.c, da.townships.c
    here = and_(t.record_id == r.record_id, t.township_id == ctx.township_id)
    livelihood = and_(r.area == LIVELIHOOD, t.township_id.is_not(None))
    training = and_(r.area == TRAINING, or_(r.open_to_all.is_(True), t.reason == "in_township"))
    stmt = (
        select(da.records, t.reason)
        .outerjoin(da.townships, here)
        .where(r.year == ctx.year, r.area.in_((LIVELIHOOD, TRAINING)), or_(livelihood, training))
        .order_by(  # livelihood: newest first; trainings: in date order
            r.area,
            case((r.area == TRAINING, r.on_date)),
            case((r.area == LIVELIHOOD, r.on_date)).desc(),
            r.record_id,
        )
    )
    rows = list((await ctx.conn.execute(stmt)).all())
    found = [row for row in rows if row.area == LIVELIHOOD]
    trainings = [row for row in rows if row.area == TRAINING]
    who: dict[str, set[str]] = {}
    attended: dict[str, tuple[int, int]] = {}
    people = _people(ctx, [row.record_id for row in found], [row.record_id for row in trainings])
    if people is not None:
        for part, record_id, member_id, n, full in await ctx.conn.execute(people):
            if part == LIVELIHOOD:
                who.setdefault(record_id, set()).add(member_id)
            else:
                attended[record_id] = (int(n), int(full or 0))
    livelihood_rows = [(row, row.reason, who.get(row.record_id, set())) for row in found]
    return _Activities(livelihood_rows, trainings, attended)


def _people(
    ctx: PanelContext, livelihood: list[str], trainings: list[str]
) -> Select[Any] | CompoundSelect[*tuple[Any, ...]] | None:
    """(part, record, member, n, full attendance) rows; None when there is nothing to read."""
    m = ctx.of(DutyActivities).members.c
    parts: list[Select[Any]] = []
    if livelihood:
        parts.append(
            select(literal(LIVELIHOOD), m.record_id, m.member_id, null(), null()).where(
                m.record_id.in_(livelihood)
            )
        )
    if trainings:
        parts.append(
            select(
                literal(TRAINING),
                m.record_id,
                null(),
                func.count(),
                func.sum(case((m.full_attendance.is_(True), 1), else_=0)),
            )
            .where(m.record_id.in_(trainings), m.role == "attendee")
            .where(m.township_id == ctx.township_id)
            .group_by(m.record_id)
        )
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else union_all(*parts)


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


def _training_row(row: Row[Any], attended: tuple[int, int]) -> TrainingRow:
    return TrainingRow(
        training_id=row.record_id,
        title=row.title,
        kind=row.kind,
        kind_label=label(TRAINING_KIND_LABELS, row.kind),
        start_date=row.on_date,
        end_date=row.end_date,
        county_level=row.open_to_all,
        attendees=attended[0],
        full_attendance=attended[1],
    )


async def build_livelihood_training_panel(ctx: PanelContext) -> LivelihoodTrainingPanel:
    """Computed once per context (the dashboard's panel and the summary share it)."""
    return await ctx.once("livelihood_training", lambda: _livelihood_training_panel(ctx))


async def _livelihood_training_panel(ctx: PanelContext) -> LivelihoodTrainingPanel:
    activities = await _activities(ctx)
    found = activities.livelihood
    rows = [_livelihood_row(row, reason, who) for row, reason, who in found]
    shown = [r for r, (_, _, who) in zip(rows, found, strict=True) if ctx.viewer.sees(who)]
    page = ctx.paging.page(len(shown))
    trainings = [
        _training_row(row, activities.attended.get(row.record_id, (0, 0)))
        for row in activities.trainings
    ]
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
