"""County league table of the liaison groups (county_admin): per group its members, its
members' visits (per member), proposals registered and reports adopted (the group's own
work: by its members where they were members at the time, or by the group), and
consultations held in the township; ranked by one metric (ties share a rank)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from services.members.api.labels import label
from services.members.api.queries import directory_of
from services.members.api.township_access import projection_of
from services.members.api.township_bundle import load_proposals, load_reports
from services.members.api.township_labels import LEAGUE_ORDER_LABELS
from services.members.api.township_rules import per
from services.members.api.township_schemas_more import LeagueOut, LeagueRow
from services.members.api.township_scores import member_scores
from services.members.projections import TownshipDashboard
from services.members.projections.attribution import BY_MEMBER, IN_TOWNSHIP, OWN_WORK
from services.members.projections.township_proposals import TownshipProposalFacts
from services.members.projections.township_reports import TownshipReportFacts
from shared.service import ServiceRuntime


def own_counts(
    attribution: dict[str, dict[str, tuple[str, ...]]], ids: Iterable[str]
) -> Counter[str]:
    """How many of the items `ids` each group counts as its own work."""
    counts: Counter[str] = Counter()
    for item_id in ids:
        for township, reasons in attribution[item_id].items():
            if OWN_WORK & set(reasons):
                counts[township] += 1
    return counts


async def _grouped_count(
    conn: AsyncConnection, table: Any, key: str, year: int, reason: str
) -> Counter[str]:
    stmt = (
        select(table.c.township_id, func.count(func.distinct(table.c[key])))
        .where(table.c.year == year, table.c.reason == reason)
        .group_by(table.c.township_id)
    )
    return Counter({row[0]: int(row[1]) for row in await conn.execute(stmt)})


async def _averages(
    rt: ServiceRuntime, conn: AsyncConnection, members: dict[str, list[str]], year: int
) -> dict[str, float | None]:
    scores = await member_scores(rt, conn, [m for ms in members.values() for m in ms], year)
    out: dict[str, float | None] = {}
    for township, ids in members.items():
        values = [s.score for m in ids if (s := scores.get(m)) is not None and s.score is not None]
        out[township] = round(sum(values) / len(values), 2) if values else None
    return out


def rank(rows: list[LeagueRow], order_by: str) -> list[LeagueRow]:
    """Best first by `order_by` (no value last), ties share a rank (1, 2, 2, 4)."""

    def value(row: LeagueRow) -> float:
        v = getattr(row, order_by)
        return float("-inf") if v is None else float(v)

    ordered = sorted(rows, key=lambda r: (-value(r), r.township_id))
    ranked: list[LeagueRow] = []
    for index, row in enumerate(ordered):
        same = ranked and value(ranked[-1]) == value(row)
        ranked.append(row.model_copy(update={"rank": ranked[-1].rank if same else index + 1}))
    return ranked


async def build_league(
    rt: ServiceRuntime, conn: AsyncConnection, year: int, order_by: str
) -> LeagueOut:
    d = directory_of(rt)
    t = projection_of(rt, TownshipDashboard)
    pf, rf = projection_of(rt, TownshipProposalFacts), projection_of(rt, TownshipReportFacts)
    groups = list((await conn.execute(select(d.groups).order_by(d.groups.c.township_id))).all())
    m = d.members.c
    members: dict[str, list[str]] = defaultdict(list)
    for row in await conn.execute(select(m.member_id, m.township_id).where(m.active.is_(True))):
        members[row.township_id].append(row.member_id)
    visits = await _grouped_count(conn, t.visits, "visit_id", year, BY_MEMBER)
    held = await _grouped_count(conn, t.consultations, "consultation_id", year, IN_TOWNSHIP)
    proposals = await load_proposals(conn, pf, d, pf.proposals.c.year == year)
    registered = own_counts(
        proposals.attribution, [p.proposal_id for p in proposals.rows if p.registered]
    )
    reports = await load_reports(conn, rf, d, rf.reports.c.year == year)
    adopted_ids = [
        r.report_id
        for r in reports.rows
        if any(f.kind == "adoption" for f in reports.facts[r.report_id])
    ]
    adopted = own_counts(reports.attribution, adopted_ids)
    averages = await _averages(rt, conn, members, year)
    rows = [
        LeagueRow(
            rank=0,
            township_id=g.township_id,
            group_name=g.group_name,
            members=len(members[g.township_id]),
            visits=visits[g.township_id],
            visits_per_member=per(visits[g.township_id], len(members[g.township_id])),
            proposals_registered=registered[g.township_id],
            reports_adopted=adopted[g.township_id],
            consultations_held=held[g.township_id],
            average_score=averages.get(g.township_id),
        )
        for g in groups
    ]
    return LeagueOut(
        year=year,
        order_by=order_by,
        order_by_label=label(LEAGUE_ORDER_LABELS, order_by),
        rows=rank(rows, order_by),
    )
