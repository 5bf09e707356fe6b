"""两访三做 panel (DOMAIN §5.2, §6.3): the year's visits attributed to the group (by its
members — their group when the visit was logged — or in its township), by kind and
“三做” role; each member's progress on the constituent-visit quota; visits by chair-council
members received; the issues raised and what became of them.

Counters are SQL aggregates over all of the year's visits; `items` (newest first) and
`issue_items` are one page each, so the cost of a read does not grow with the history."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, Select, and_, exists, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from services.members.api.dashboard import visit_item, visit_stats
from services.members.api.township_access import PanelContext
from services.members.api.township_labels import ESCALATION_LABELS, ISSUE_STATUS_LABELS, optional
from services.members.api.township_paging import ListPage
from services.members.api.township_rules import expected_by
from services.members.api.township_schemas import (
    IssueCounts,
    IssueRow,
    LeaderVisitRow,
    QuotaRow,
    VisitsPanel,
)
from services.members.application.activities_config import activities_config
from services.members.projections import TownshipDashboard
from services.members.projections.activities import DutyActivities
from services.members.projections.attribution import BY_MEMBER

CONSTITUENTS = "member_visits_constituents"
LEADER = "leader_visits_member"


def _of_group(ctx: PanelContext) -> ColumnElement[bool]:
    v = ctx.of(TownshipDashboard).visits.c
    return and_(v.township_id == ctx.township_id, v.year == ctx.year)


def _involves(ctx: PanelContext, member_id: str) -> ColumnElement[bool]:
    """The visit is the member's: logged by them, or they took part or were visited."""
    v = ctx.of(TownshipDashboard).visits.c
    m = ctx.of(DutyActivities).members.c
    took_part = exists().where(m.record_id == v.visit_id, m.member_id == member_id)
    return or_(v.member_id == member_id, took_part)


def _issue_seen_by(ctx: PanelContext, member_id: str) -> ColumnElement[bool]:
    """An issue is the member's when they took part in (or were visited on) the visit; a
    visit without participant rows falls back to whoever logged it."""
    v = ctx.of(TownshipDashboard).visits.c
    m = ctx.of(DutyActivities).members.c
    took_part = exists().where(m.record_id == v.visit_id, m.member_id == member_id)
    anyone = exists().where(m.record_id == v.visit_id)
    return or_(took_part, and_(~anyone, v.member_id == member_id))


async def _count(ctx: PanelContext, stmt: Select[Any]) -> int:
    return int((await ctx.conn.execute(stmt)).scalar_one())


async def _visit_page(ctx: PanelContext) -> tuple[list[Row[Any]], ListPage]:
    """The visits the viewer sees, newest first: one page, and how many in all."""
    v = ctx.of(TownshipDashboard).visits
    where = [_of_group(ctx)]
    if ctx.viewer.member_id is not None:
        where.append(_involves(ctx, ctx.viewer.member_id))
    stmt = select(v).where(*where).order_by(v.c.visit_date.desc(), v.c.visit_id)
    rows = list((await ctx.conn.execute(ctx.paging.apply(stmt))).all())
    total = await _count(ctx, select(func.count()).select_from(v).where(*where))
    return rows, ctx.paging.page(total)


async def _per_member(ctx: PanelContext, kind: str, role: str) -> dict[str, tuple[int, Any]]:
    """{member_id: (visits of `kind` this year in `role`, last date)} for the group."""
    da = ctx.of(DutyActivities)
    m, r = da.members.c, da.records.c
    stmt = (
        select(m.member_id, func.count(func.distinct(r.record_id)), func.max(r.on_date))
        .join(da.records, r.record_id == m.record_id)
        .where(r.area == "visit", r.kind == kind, r.year == ctx.year, m.role == role)
        .where(m.member_id.in_(ctx.member_ids))
        .group_by(m.member_id)
    )
    return {row[0]: (int(row[1]), row[2]) for row in await ctx.conn.execute(stmt)}


async def _quota(ctx: PanelContext) -> tuple[int, list[QuotaRow]]:
    quota = activities_config(ctx.rt).constituent_visits_per_year
    expected = expected_by(quota, ctx.year, ctx.as_of)
    done = await _per_member(ctx, CONSTITUENTS, "visitor")
    names = await ctx.names(ctx.member_ids)
    rows = [
        QuotaRow(
            member_id=mid,
            member_name=names.get(mid),
            done=(n := done.get(mid, (0, None))[0]),
            quota=quota,
            expected_by_now=expected,
            met=n >= quota,
            behind=n < expected,
        )
        for mid in ctx.member_ids
    ]
    return quota, rows


async def _leader_visits(ctx: PanelContext) -> list[LeaderVisitRow]:
    received = await _per_member(ctx, LEADER, "visited")
    names = await ctx.names(received)
    return [
        LeaderVisitRow(member_id=mid, member_name=names.get(mid), times=n, last_date=last)
        for mid, (n, last) in sorted(received.items())
    ]


def _status(status: str, target: str | None) -> str:
    return "escalated" if target else status


async def _issue_counts(ctx: PanelContext) -> IssueCounts:
    """Issues raised on the group's visits of the year, counted in SQL by status."""
    v, i = ctx.of(TownshipDashboard).visits, ctx.of(DutyActivities).items
    stmt = (
        select(i.c.status, i.c.target, func.count())
        .select_from(v.join(i, i.c.record_id == v.c.visit_id))
        .where(_of_group(ctx), i.c.item_kind == "issue")
        .group_by(i.c.status, i.c.target)
    )
    statuses: Counter[str] = Counter()
    targets: Counter[str] = Counter()
    for status, target, n in await ctx.conn.execute(stmt):
        statuses[_status(status, target)] += int(n)
        if target:
            targets[target] += int(n)
    return IssueCounts(
        raised=sum(statuses.values()),
        resolved_on_site=statuses["resolved_on_site"],
        escalated=statuses["escalated"],
        escalated_by_target=dict(targets),
        open=statuses["open"],
    )


async def _issue_page(ctx: PanelContext) -> tuple[list[IssueRow], ListPage]:
    v, i = ctx.of(TownshipDashboard).visits, ctx.of(DutyActivities).items
    where = [_of_group(ctx), i.c.item_kind == "issue"]
    if ctx.viewer.member_id is not None:
        where.append(_issue_seen_by(ctx, ctx.viewer.member_id))
    joined = v.join(i, i.c.record_id == v.c.visit_id)
    stmt = (
        select(i, v.c.visit_date, v.c.member_id)
        .select_from(joined)
        .where(*where)
        .order_by(i.c.record_id, i.c.item_no)
    )
    found = list((await ctx.conn.execute(ctx.paging.apply(stmt))).all())
    total = await _count(ctx, select(func.count()).select_from(joined).where(*where))
    names = await ctx.names(row.member_id for row in found)
    out = []
    for item in found:
        status = _status(item.status, item.target)
        out.append(
            IssueRow(
                visit_id=item.record_id,
                visit_date=item.visit_date,
                member_id=item.member_id,
                member_name=names.get(item.member_id),
                text=item.text,
                status=status,
                status_label=ISSUE_STATUS_LABELS.get(status, status),
                escalated_to=item.target,
                escalated_to_label=optional(ESCALATION_LABELS, item.target),
                draft_id=item.ref_id,
            )
        )
    return out, ctx.paging.page(total)


async def _verified(ctx: PanelContext) -> int:
    v, r = ctx.of(TownshipDashboard).visits, ctx.of(DutyActivities).records
    stmt = (
        select(func.count())
        .select_from(v.join(r, r.c.record_id == v.c.visit_id))
        .where(_of_group(ctx), r.c.status == "verified")
    )
    return await _count(ctx, stmt)


@dataclass(frozen=True)
class VisitsData:
    """The panel, and the group's own visits by kind (for the year summary)."""

    panel: VisitsPanel
    own_by_kind: dict[str, int]


async def visits_data(ctx: PanelContext) -> VisitsData:
    stats = await visit_stats(ctx.conn, ctx.of(TownshipDashboard), ctx.township_id, ctx.year)
    visits, visits_page = await _visit_page(ctx)
    quota, quota_rows = await _quota(ctx)
    leaders = await _leader_visits(ctx)
    issue_items, issues_page = await _issue_page(ctx)
    names = await ctx.names(row.member_id for row in visits)
    sees = ctx.viewer.sees
    panel = VisitsPanel(
        **ctx.head(),
        pages={"items": visits_page, "issue_items": issues_page},
        as_of=ctx.as_of,
        total=stats.total,
        by_kind=stats.by_kind(),
        by_role_tag=stats.by_role_tag(),
        by_reason=stats.by_reason(),
        verified=await _verified(ctx),
        constituent_quota=quota,
        quota=[row for row in quota_rows if sees([row.member_id])],
        below_quota=sum(1 for row in quota_rows if row.behind),
        leader_visits_received=[row for row in leaders if sees([row.member_id])],
        members_visited_by_leaders=len(leaders),
        issues=await _issue_counts(ctx),
        issue_items=issue_items,
        items=[visit_item(row, names) for row in visits],
    )
    return VisitsData(panel, stats.by_kind(BY_MEMBER))


async def build_visits_panel(ctx: PanelContext) -> VisitsPanel:
    return (await visits_data(ctx)).panel
