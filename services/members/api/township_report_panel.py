"""社情民意 panel (DOMAIN §3, §6.3): reports by the group's members, written by the group or
about its township — status, adoption levels, instructions, feedback; the group heads'
yearly quota; the township's direct report points with their last submission."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Row, case, func, select

from services.members.api.labels import label
from services.members.api.queries import directory_of
from services.members.api.township_access import PanelContext
from services.members.api.township_bundle import (
    ReportBundle,
    directory_names,
    load_reports,
    reports_touching,
)
from services.members.api.township_config import township_config
from services.members.api.township_labels import (
    ADOPTION_LEVEL_LABELS,
    ATTRIBUTION_LABELS,
    POINT_KIND_LABELS,
    POINT_STATUS_LABELS,
    REPORT_STATUS_LABELS,
    labels,
)
from services.members.api.township_schemas_more import (
    HeadQuotaRow,
    PointRow,
    ReportCounters,
    ReportRow,
    ReportsPanel,
)
from services.members.projections.township_reports import TownshipReportFacts

LEVELS = tuple(ADOPTION_LEVEL_LABELS)
#: Steps after which the info office expects the departments' implementation feedback.
FEEDBACK_EXPECTED_LEVELS = frozenset({"county_party_gov"})
NO_HEADS = "未设置组长：请县政协机关在配置文件 [township.group_heads] 中登记本联络组组长。"


def _levels(facts: list[Row[Any]]) -> list[str]:
    found = {f.level for f in facts if f.kind == "adoption" and f.level}
    return sorted(found, key=lambda lv: (LEVELS.index(lv) if lv in LEVELS else len(LEVELS), lv))


def awaits_feedback(status: str, facts: list[Row[Any]]) -> bool:
    kinds = Counter(f.kind for f in facts)
    expected = (
        status == "forwarded"
        or kinds["instruction"] > 0
        or any(f.level in FEEDBACK_EXPECTED_LEVELS for f in facts if f.kind == "adoption")
    )
    return expected and kinds["feedback"] == 0 and status != "closed"


def _row(
    b: ReportBundle, row: Row[Any], reasons: tuple[str, ...], names: dict[str, str]
) -> ReportRow:
    facts = b.facts[row.report_id]
    authors = b.authors[row.report_id]
    kinds = Counter(f.kind for f in facts)
    levels = _levels(facts)
    return ReportRow(
        report_id=row.report_id,
        serial_no=row.serial_no,
        title=row.title,
        authors=[names.get(a.member_id) or a.name or a.member_id for a in authors],
        author_ids=[a.member_id for a in authors],
        status=row.status,
        status_label=label(REPORT_STATUS_LABELS, row.status),
        submitted_at=row.submitted_at,
        adoption_levels=levels,
        adoption_labels=labels(ADOPTION_LEVEL_LABELS, levels),
        instructions=kinds["instruction"],
        feedbacks=kinds["feedback"],
        awaiting_feedback=awaits_feedback(row.status, facts),
        attribution_reason=reasons[0],
        attribution_reasons=list(reasons),
        attribution_labels=labels(ATTRIBUTION_LABELS, reasons),
    )


async def report_rows(ctx: PanelContext, bundle: ReportBundle) -> list[ReportRow]:
    mine = bundle.of_group(ctx.township_id)
    authors = [a for row, _ in mine for a in bundle.authors[row.report_id]]
    ctx.learn_names(directory_names(authors))
    names = await ctx.names(a.member_id for a in authors)
    return [_row(bundle, row, reasons, names) for row, reasons in mine]


def _counters(rows: list[ReportRow]) -> ReportCounters:
    return ReportCounters(
        submitted=len(rows),
        adopted=sum(1 for r in rows if r.adoption_levels),
        instructed=sum(1 for r in rows if r.instructions),
        feedback_received=sum(1 for r in rows if r.feedbacks),
        awaiting_feedback=sum(1 for r in rows if r.awaiting_feedback),
    )


async def _written(ctx: PanelContext, member_ids: list[str]) -> Counter[str]:
    """How many of the year's reports (wherever attributed) each of `member_ids` wrote."""
    if not member_ids:
        return Counter()
    rf = ctx.of(TownshipReportFacts)
    a, r = rf.authors.c, rf.reports.c
    stmt = (
        select(a.member_id, func.count())
        .join(rf.reports, r.report_id == a.report_id)
        .where(a.member_id.in_(member_ids), r.year == ctx.year)
        .group_by(a.member_id)
    )
    return Counter({row[0]: int(row[1]) for row in await ctx.conn.execute(stmt)})


async def _heads(ctx: PanelContext) -> tuple[int, list[HeadQuotaRow], bool]:
    config = township_config(ctx.rt)
    heads = config.group_heads.get(ctx.township_id, [])
    quota = config.head_report_quota
    written = await _written(ctx, heads)
    names = await ctx.names(heads)
    rows = [
        HeadQuotaRow(
            member_id=h,
            member_name=names.get(h),
            done=written[h],
            quota=quota,
            met=written[h] >= quota,
        )
        for h in heads
        if ctx.viewer.sees([h])
    ]
    return quota, rows, bool(heads)


async def _points(ctx: PanelContext) -> list[PointRow]:
    rf = ctx.of(TownshipReportFacts)
    pt, r = rf.points.c, rf.reports.c
    this_year = func.sum(case((r.year == ctx.year, 1), else_=0))
    stmt = (
        select(rf.points, func.max(r.submitted_at).label("last"), this_year.label("n"))
        .outerjoin(rf.reports, r.point_id == pt.point_id)
        .where(pt.township_id == ctx.township_id)
        .group_by(*rf.points.c)
        .order_by(pt.point_name, pt.point_id)
    )
    return [
        PointRow(
            point_id=p.point_id,
            name=p.point_name,
            kind=p.kind,
            kind_label=label(POINT_KIND_LABELS, p.kind),
            status=p.status,
            status_label=label(POINT_STATUS_LABELS, p.status),
            contact_person=p.contact_person,
            last_submission_at=p.last,
            reports_this_year=int(p.n or 0),
        )
        for p in await ctx.conn.execute(stmt)
    ]


@dataclass(frozen=True)
class ReportsData:
    """The panel (one page of rows) and every row the viewer sees (alerts, summary)."""

    panel: ReportsPanel
    rows: list[ReportRow]


async def reports_data(ctx: PanelContext) -> ReportsData:
    """Computed once per context (the reports panel, the alerts and the summary)."""
    return await ctx.once("reports", lambda: _reports_data(ctx))


async def _reports_data(ctx: PanelContext) -> ReportsData:
    rf = ctx.of(TownshipReportFacts)
    wanted = (rf.reports.c.year == ctx.year) & reports_touching(rf, ctx.township_id)
    bundle = await load_reports(ctx.conn, rf, directory_of(ctx.rt), wanted)
    rows = await report_rows(ctx, bundle)
    quota, heads, configured = await _heads(ctx)
    by_level = Counter(level for r in rows for level in r.adoption_levels)
    me = ctx.viewer.member_id
    shown = [r for r in rows if me is None or me in r.author_ids]
    panel = ReportsPanel(
        **ctx.head(),
        pages={"rows": ctx.paging.page(len(shown))},
        counters=_counters(rows),
        by_status=dict(Counter(r.status for r in rows)),
        adoption_by_level=dict(by_level),
        head_quota=quota,
        heads_configured=configured,
        heads_note=None if configured else NO_HEADS,
        heads=heads,
        points=await _points(ctx),
        rows=ctx.paging.cut(shown),
    )
    return ReportsData(panel, shown)


async def build_reports_panel(ctx: PanelContext) -> ReportsPanel:
    return (await reports_data(ctx)).panel
