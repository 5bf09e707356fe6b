"""两访三做 panel (DOMAIN §5.2, §6.3): the year's visits attributed to the group (by its
members — their group when the visit was logged — or in its township), by kind and
“三做” role; each member's progress on the constituent-visit quota; visits by chair-council
members received; the issues raised and what became of them.

Counters are SQL aggregates over all of the year's visits; `items` (newest first) and
`issue_items` are one page each, so the cost of a read does not grow with the history."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    CompoundSelect,
    Date,
    Integer,
    Row,
    Select,
    and_,
    bindparam,
    cast,
    exists,
    func,
    literal,
    null,
    or_,
    select,
    union_all,
)
from sqlalchemy.sql.elements import ColumnElement

from services.members.api.dashboard import VisitStats, visit_item
from services.members.api.schemas import VisitItem
from services.members.api.township_access import PanelContext, prepared
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


async def _visit_page(ctx: PanelContext, stats: VisitStats) -> tuple[list[Row[Any]], ListPage]:
    """The visits the viewer sees, newest first: one page, and how many in all (for the
    whole group that is the statistics' total; no second count)."""
    v = ctx.of(TownshipDashboard).visits
    where = [_of_group(ctx)]
    if ctx.viewer.member_id is None:
        total = stats.total
    else:
        where.append(_involves(ctx, ctx.viewer.member_id))
        total = await _count(ctx, select(func.count()).select_from(v).where(*where))
    rows: list[Row[Any]] = []
    if total > ctx.paging.offset:
        stmt = select(v).where(*where).order_by(v.c.visit_date.desc(), v.c.visit_id)
        rows = list((await ctx.conn.execute(ctx.paging.apply(stmt))).all())
    return rows, ctx.paging.page(total)


#: (visit kind, the member's role) pairs counted per member: the constituent-visit quota
#: (as visitor) and the chair-council visits received (as visited).
DUTIES = ((CONSTITUENTS, "visitor"), (LEADER, "visited"))


@dataclass(frozen=True)
class VisitAggregates:
    """Everything the panel counts over the group's visits of the year, read in one query."""

    stats: VisitStats
    duties: dict[tuple[str, str], dict[str, tuple[int, date | None]]]
    issues: IssueCounts
    verified: int


def _day(value: Any) -> date | None:
    """A `max(on_date)` read through UNION ALL: SQLite answers the ISO text."""
    return date.fromisoformat(value) if isinstance(value, str) else value


async def _aggregates(ctx: PanelContext) -> VisitAggregates:
    """One UNION ALL of (part, a, b, c, n, day) rows: the statistics by (reason, kind, role
    tags), the members' `DUTIES` counts, the issues by (status, target) and the verified
    visits — each part as its own GROUP BY would give it."""
    with_duties = bool(ctx.member_ids)
    key = "visit_aggregates" + (":duties" if with_duties else "")
    stmt = prepared(ctx.rt, key, lambda: _aggregates_query(ctx, with_duties))
    params: dict[str, Any] = {"township_id": ctx.township_id, "year": ctx.year}
    if with_duties:
        params["member_ids"] = ctx.member_ids
    stats: list[tuple[str, str, str, int]] = []
    duties: dict[tuple[str, str], dict[str, tuple[int, date | None]]] = {p: {} for p in DUTIES}
    statuses: Counter[str] = Counter()
    targets: Counter[str] = Counter()
    verified = 0
    for part, x, y, z, n, day in await ctx.conn.execute(stmt, params):
        if part == "stats":
            stats.append((x, y, z, int(n)))
        elif part == "issue":
            statuses[_status(x, y)] += int(n)
            if y:
                targets[y] += int(n)
        elif part == "verified":
            verified = int(n)
        else:
            duties[(x, y)][z] = (int(n), _day(day))
    issues = IssueCounts(
        raised=sum(statuses.values()),
        resolved_on_site=statuses["resolved_on_site"],
        escalated=statuses["escalated"],
        escalated_by_target=dict(targets),
        open=statuses["open"],
    )
    stats.sort()  # the order `visit_stats` reads them in (GROUP BY … ORDER BY)
    return VisitAggregates(VisitStats(stats), duties, issues, verified)


def _aggregates_query(ctx: PanelContext, duties: bool) -> CompoundSelect[*tuple[Any, ...]]:
    """`_aggregates`' statement, with the bind parameters `township_id`, `year` and (with
    `duties`) the expanding `member_ids`."""
    v, da = ctx.of(TownshipDashboard).visits, ctx.of(DutyActivities)
    i, r, m = da.items, da.records, da.members
    nothing, no_day = null(), cast(null(), Date)  # PostgreSQL types a UNION column pairwise
    year = bindparam("year", type_=Integer)
    of_group = and_(v.c.township_id == bindparam("township_id"), v.c.year == year)
    parts = [
        select(literal("stats"), v.c.reason, v.c.visit_kind, v.c.role_tags, func.count(), no_day)
        .where(of_group)
        .group_by(v.c.reason, v.c.visit_kind, v.c.role_tags),
        select(literal("issue"), i.c.status, i.c.target, nothing, func.count(), no_day)
        .select_from(v.join(i, i.c.record_id == v.c.visit_id))
        .where(of_group, i.c.item_kind == "issue")
        .group_by(i.c.status, i.c.target),
        select(literal("verified"), nothing, nothing, nothing, func.count(), no_day)
        .select_from(v.join(r, r.c.record_id == v.c.visit_id))
        .where(of_group, r.c.status == "verified"),
    ]
    if duties:
        pairs = or_(*(and_(r.c.kind == kind, m.c.role == role) for kind, role in DUTIES))
        # The `IN` list repeats what `pairs` says, so that the planner starts from the
        # members (index member_id, role) instead of every visit of the county's year.
        roles = m.c.role.in_(sorted({role for _, role in DUTIES}))
        parts.append(
            select(
                literal("duty"),
                r.c.kind,
                m.c.role,
                m.c.member_id,
                func.count(func.distinct(r.c.record_id)),
                func.max(r.c.on_date),
            )
            .join(r, r.c.record_id == m.c.record_id)
            .where(r.c.area == "visit", r.c.year == year, pairs)
            .where(m.c.member_id.in_(bindparam("member_ids", expanding=True)), roles)
            .group_by(r.c.kind, m.c.role, m.c.member_id)
        )
    return union_all(*parts)


async def _per_member(ctx: PanelContext, kind: str, role: str) -> dict[str, tuple[int, Any]]:
    """{member_id: (visits of `kind` this year in `role`, last date)} for the group."""
    return (await ctx.once("visit_aggregates", lambda: _aggregates(ctx))).duties[(kind, role)]


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


async def _issue_page(
    ctx: PanelContext, counts: IssueCounts, visits: list[Row[Any]]
) -> tuple[list[IssueRow], ListPage]:
    """One page of the issues the viewer sees; for the whole group their number is the
    counts' `raised` (no second count). The names of who logged the issues' visits are read
    with those of `visits` (the page of visits), in one query."""
    v, i = ctx.of(TownshipDashboard).visits, ctx.of(DutyActivities).items
    where = [_of_group(ctx), i.c.item_kind == "issue"]
    joined = v.join(i, i.c.record_id == v.c.visit_id)
    if ctx.viewer.member_id is None:
        total = counts.raised
    else:
        where.append(_issue_seen_by(ctx, ctx.viewer.member_id))
        total = await _count(ctx, select(func.count()).select_from(joined).where(*where))
    found: list[Row[Any]] = []
    if total > ctx.paging.offset:
        stmt = (
            select(i, v.c.visit_date, v.c.member_id)
            .select_from(joined)
            .where(*where)
            .order_by(i.c.record_id, i.c.item_no)
        )
        found = list((await ctx.conn.execute(ctx.paging.apply(stmt))).all())
    names = await ctx.names([*(row.member_id for row in found), *(v.member_id for v in visits)])
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


@dataclass(frozen=True)
class VisitsData:
    """The panel, the group's own visits by kind (for the year summary), and what the
    dashboard's earlier `visits` field is made of (statistics, the page's items)."""

    panel: VisitsPanel
    own_by_kind: dict[str, int]
    stats: VisitStats
    items: list[VisitItem]


async def visits_data(ctx: PanelContext) -> VisitsData:
    """Computed once per context (the dashboard's panels and earlier fields share it)."""
    return await ctx.once("visits", lambda: _visits_data(ctx))


async def _visits_data(ctx: PanelContext) -> VisitsData:
    aggregates = await ctx.once("visit_aggregates", lambda: _aggregates(ctx))
    stats, issues = aggregates.stats, aggregates.issues
    visits, visits_page = await _visit_page(ctx, stats)
    quota, quota_rows = await _quota(ctx)
    leaders = await _leader_visits(ctx)
    issue_items, issues_page = await _issue_page(ctx, issues, visits)
    names = await ctx.names(row.member_id for row in visits)
    items = [visit_item(row, names) for row in visits]
    sees = ctx.viewer.sees
    panel = VisitsPanel(
        **ctx.head(),
        pages={"items": visits_page, "issue_items": issues_page},
        as_of=ctx.as_of,
        total=stats.total,
        by_kind=stats.by_kind(),
        by_role_tag=stats.by_role_tag(),
        by_reason=stats.by_reason(),
        verified=aggregates.verified,
        constituent_quota=quota,
        quota=[row for row in quota_rows if sees([row.member_id])],
        below_quota=sum(1 for row in quota_rows if row.behind),
        leader_visits_received=[row for row in leaders if sees([row.member_id])],
        members_visited_by_leaders=len(leaders),
        issues=issues,
        issue_items=issue_items,
        items=items,
    )
    return VisitsData(panel, stats.by_kind(BY_MEMBER), stats, items)


async def build_visits_panel(ctx: PanelContext) -> VisitsPanel:
    return (await visits_data(ctx)).panel
