"""两访三做 panel (DOMAIN §5.2, §6.3): the year's visits attributed to the group (by its
members — their group when the visit was logged — or in its township), by kind and
“三做” role; each member's progress on the constituent-visit quota; visits by chair-council
members received; the issues raised and what became of them."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import Row, func, select

from services.members.api.dashboard import visit_item
from services.members.api.township_access import PanelContext
from services.members.api.township_labels import ESCALATION_LABELS, ISSUE_STATUS_LABELS, optional
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

CONSTITUENTS = "member_visits_constituents"
LEADER = "leader_visits_member"


async def _visits(ctx: PanelContext) -> list[Row[Any]]:
    v = ctx.of(TownshipDashboard).visits
    stmt = (
        select(v)
        .where(v.c.township_id == ctx.township_id, v.c.year == ctx.year)
        .order_by(v.c.visit_date.desc(), v.c.visit_id)
    )
    return list((await ctx.conn.execute(stmt)).all())


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


async def _issues(ctx: PanelContext, visits: list[Row[Any]]) -> list[IssueRow]:
    da = ctx.of(DutyActivities)
    i = da.items.c
    by_id = {row.visit_id: row for row in visits}
    stmt = (
        select(da.items)
        .where(i.record_id.in_(list(by_id)), i.item_kind == "issue")
        .order_by(i.record_id, i.item_no)
    )
    names = await ctx.names(row.member_id for row in visits)
    out = []
    for item in await ctx.conn.execute(stmt):
        visit = by_id[item.record_id]
        status = "escalated" if item.target else item.status
        out.append(
            IssueRow(
                visit_id=item.record_id,
                visit_date=visit.visit_date,
                member_id=visit.member_id,
                member_name=names.get(visit.member_id),
                text=item.text,
                status=status,
                status_label=ISSUE_STATUS_LABELS.get(status, status),
                escalated_to=item.target,
                escalated_to_label=optional(ESCALATION_LABELS, item.target),
                draft_id=item.ref_id,
            )
        )
    return out


def _issue_counts(issues: list[IssueRow]) -> IssueCounts:
    statuses = Counter(row.status for row in issues)
    return IssueCounts(
        raised=len(issues),
        resolved_on_site=statuses["resolved_on_site"],
        escalated=statuses["escalated"],
        escalated_by_target=dict(Counter(r.escalated_to for r in issues if r.escalated_to)),
        open=statuses["open"],
    )


async def _involved(ctx: PanelContext, visit_ids: list[str]) -> dict[str, set[str]]:
    """{visit_id: members taking part or visited} (to show a member their own visits)."""
    m = ctx.of(DutyActivities).members.c
    stmt = select(m.record_id, m.member_id).where(m.record_id.in_(visit_ids))
    found: dict[str, set[str]] = {}
    for row in await ctx.conn.execute(stmt):
        found.setdefault(row.record_id, set()).add(row.member_id)
    return found


async def _verified(ctx: PanelContext, visit_ids: list[str]) -> int:
    r = ctx.of(DutyActivities).records.c
    stmt = select(func.count()).where(r.record_id.in_(visit_ids), r.status == "verified")
    return int((await ctx.conn.execute(stmt)).scalar_one())


async def build_visits_panel(ctx: PanelContext) -> VisitsPanel:
    visits = await _visits(ctx)
    ids = [row.visit_id for row in visits]
    quota, quota_rows = await _quota(ctx)
    leaders = await _leader_visits(ctx)
    issues = await _issues(ctx, visits)
    involved = await _involved(ctx, ids)
    names = await ctx.names(row.member_id for row in visits)
    sees = ctx.viewer.sees
    return VisitsPanel(
        **ctx.head(),
        as_of=ctx.as_of,
        total=len(visits),
        by_kind=dict(Counter(row.visit_kind for row in visits)),
        by_role_tag=dict(Counter(t for row in visits for t in row.role_tags.split(",") if t)),
        by_reason=dict(Counter(row.reason for row in visits)),
        verified=await _verified(ctx, ids),
        constituent_quota=quota,
        quota=[row for row in quota_rows if sees([row.member_id])],
        below_quota=sum(1 for row in quota_rows if row.behind),
        leader_visits_received=[row for row in leaders if sees([row.member_id])],
        members_visited_by_leaders=len(leaders),
        issues=_issue_counts(issues),
        issue_items=[i for i in issues if sees(involved.get(i.visit_id, {i.member_id}))],
        items=[
            visit_item(row, names)
            for row in visits
            if sees({row.member_id} | involved.get(row.visit_id, set()))
        ],
    )
