"""Proposals panels (DOMAIN §6.3): proposals by the group's members, written by the group,
about its township or handled by its township government — with status, handling units,
due dates, overdue flags, result classes and satisfaction; and the tasks of the township
government itself."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Row, Select, and_, or_, select

from services.members.api.labels import PROPOSAL_CATEGORY_LABELS, label
from services.members.api.queries import directory_of
from services.members.api.township_access import PanelContext
from services.members.api.township_bundle import (
    TOWNSHIP_GOVERNMENT,
    ProposalBundle,
    directory_names,
    is_overdue,
    load_proposals,
    proposals_touching,
    replies_to_proposer,
)
from services.members.api.township_labels import (
    ATTRIBUTION_LABELS,
    AUTHOR_ROLE_LABELS,
    DISPOSITION_LABELS,
    SATISFACTION_LABELS,
    SATISFIED,
    STATUS_LABELS,
    TASK_PHASE_LABELS,
    UNIT_ROLE_LABELS,
    labels,
    optional,
)
from services.members.api.township_schemas import (
    AuthorOut,
    ProposalCounters,
    ProposalRow,
    ProposalsPanel,
    TaskOut,
    TownshipGovernmentPanel,
)
from services.members.projections.township_proposals import TownshipProposalFacts


def task_out(task: Row[Any], as_of: date, status: str | None) -> TaskOut:
    return TaskOut(
        task_id=task.task_id,
        proposal_id=task.proposal_id,
        unit_id=task.unit_id,
        unit_name=task.unit_name,
        role=task.role,
        role_label=label(UNIT_ROLE_LABELS, task.role),
        phase=task.phase,
        phase_label=label(TASK_PHASE_LABELS, task.phase),
        assigned_on=task.assigned_on,
        due_on=task.due_on,
        overdue=is_overdue(task, as_of, status),
        replied_on=task.replied_on,
        on_time=task.on_time,
        result_class=task.result_class,
        result_class_label=task.result_class_label,
        satisfaction=task.satisfaction,
        satisfaction_label=optional(SATISFACTION_LABELS, task.satisfaction),
    )


def satisfaction_of(tasks: Iterable[Row[Any]]) -> str | None:
    """The least favourable of the lead author's evaluations of the replies."""
    given = [t.satisfaction for t in tasks if replies_to_proposer(t) and t.satisfaction]
    order = ["dissatisfied", "basically_satisfied", "satisfied"]
    known = [s for s in given if s in order]
    return min(known, key=order.index) if known else (given[0] if given else None)


def _row(
    ctx: PanelContext,
    b: ProposalBundle,
    row: Row[Any],
    reasons: tuple[str, ...],
    names: dict[str, str],
) -> ProposalRow:
    tasks = b.tasks[row.proposal_id]
    replying = [t for t in tasks if replies_to_proposer(t)]
    open_dues = [t.due_on for t in replying if t.awaiting and t.due_on is not None]
    satisfaction = satisfaction_of(tasks)
    authors = b.authors[row.proposal_id]
    return ProposalRow(
        proposal_id=row.proposal_id,
        serial_no=row.serial_no,
        title=row.title,
        category=row.category,
        category_label=optional(PROPOSAL_CATEGORY_LABELS, row.category),
        lead_author_id=row.lead_author_id,
        lead_author_name=_name(row.lead_author_id, authors, names),
        authors=[
            AuthorOut(
                member_id=a.member_id,
                name=_name(a.member_id, authors, names),
                role=a.role,
                role_label=label(AUTHOR_ROLE_LABELS, a.role),
            )
            for a in authors
        ],
        status=row.status,
        status_label=label(STATUS_LABELS, row.status),
        submitted_at=row.submitted_at,
        registered=row.registered,
        replied_on=row.replied_on,
        converted=row.converted_report_id is not None or row.disposition == "to_public_opinion",
        is_key=row.is_key,
        disposition=row.disposition,
        disposition_label=optional(DISPOSITION_LABELS, row.disposition),
        units=[task_out(t, ctx.as_of, row.status) for t in tasks],
        due_on=min(open_dues) if open_dues else None,
        overdue=any(is_overdue(t, ctx.as_of, row.status) for t in replying),
        result_classes=[t.result_class for t in replying if t.result_class],
        satisfaction=satisfaction,
        satisfaction_label=optional(SATISFACTION_LABELS, satisfaction),
        attribution_reason=reasons[0],
        attribution_reasons=list(reasons),
        attribution_labels=labels(ATTRIBUTION_LABELS, reasons),
    )


def _name(member_id: str | None, authors: list[Row[Any]], names: dict[str, str]) -> str | None:
    if not member_id:
        return None
    snapshot = next((a.name for a in authors if a.member_id == member_id), None)
    return names.get(member_id) or snapshot


def on_time(row: ProposalRow) -> bool:
    """Replied, and every unit that replied to the proposer did so by its due date."""
    replies = [u for u in row.units if u.replied_on is not None and u.role != "co"]
    return row.replied_on is not None and all(u.on_time for u in replies)


def counters(rows: list[ProposalRow]) -> ProposalCounters:
    return ProposalCounters(
        submitted=len(rows),
        registered=sum(1 for r in rows if r.registered),
        not_registered=sum(1 for r in rows if r.status == "not_registered"),
        converted=sum(1 for r in rows if r.converted),
        replied=sum(1 for r in rows if r.replied_on is not None),
        on_time=sum(1 for r in rows if on_time(r)),
        satisfied=sum(1 for r in rows if r.satisfaction in SATISFIED),
        overdue=sum(1 for r in rows if r.overdue),
    )


async def proposal_rows(ctx: PanelContext, bundle: ProposalBundle) -> list[ProposalRow]:
    mine = bundle.of_group(ctx.township_id)
    authors = [a for row, _ in mine for a in bundle.authors[row.proposal_id]]
    ctx.learn_names(directory_names(authors))
    names = await ctx.names(a.member_id for a in authors)
    return [_row(ctx, bundle, row, reasons, names) for row, reasons in mine]


def _authored_by(row: ProposalRow, member_id: str | None) -> bool:
    return member_id is None or any(a.member_id == member_id for a in row.authors)


async def _government_unit_rows(ctx: PanelContext) -> list[Row[Any]]:
    """Every township government unit (id, township, name), read once per context."""
    u = ctx.of(TownshipProposalFacts).units.c
    stmt = select(u.unit_id, u.township_id, u.unit_name).where(u.kind == TOWNSHIP_GOVERNMENT)
    return await ctx.once("government_unit_rows", lambda: _all(ctx, stmt))


async def _all(ctx: PanelContext, stmt: Select[Any]) -> list[Row[Any]]:
    return list((await ctx.conn.execute(stmt)).all())


async def township_governments(ctx: PanelContext) -> dict[str, str]:
    """`government_units` (unit → the township whose government it is), read once per
    context with the units' names (`_government_unit_rows`)."""
    return {r.unit_id: r.township_id for r in await _government_unit_rows(ctx) if r.township_id}


@dataclass(frozen=True)
class GroupProposals:
    """The group's proposals of the year, and those of any year with a reply overdue at
    `as_of` (for the alerts) — one load for both."""

    of_year: list[ProposalRow]
    overdue: list[ProposalRow]


async def _group_proposals(ctx: PanelContext) -> GroupProposals:
    pf = ctx.of(TownshipProposalFacts)
    p, t = pf.proposals.c, pf.tasks.c
    governments = await township_governments(ctx)
    late = select(t.proposal_id).where(t.awaiting.is_(True), t.due_on < ctx.as_of)
    wanted = and_(
        or_(p.year == ctx.year, p.proposal_id.in_(late)),
        proposals_touching(pf, ctx.township_id, governments),
    )
    bundle = await load_proposals(ctx.conn, pf, directory_of(ctx.rt), wanted, governments)
    rows = await proposal_rows(ctx, bundle)
    this_year = {row.proposal_id for row in bundle.rows if row.year == ctx.year}
    return GroupProposals(
        of_year=[r for r in rows if r.proposal_id in this_year],
        overdue=[r for r in rows if r.overdue],
    )


async def group_proposals(ctx: PanelContext) -> GroupProposals:
    """Computed once per context (the proposals panel, the alerts and the summary)."""
    return await ctx.once("proposals", lambda: _group_proposals(ctx))


@dataclass(frozen=True)
class ProposalsData:
    """The panel (one page of rows) and every row of the group (for the year summary)."""

    panel: ProposalsPanel
    rows: list[ProposalRow]


async def proposals_data(ctx: PanelContext) -> ProposalsData:
    rows = (await group_proposals(ctx)).of_year
    shown = [r for r in rows if _authored_by(r, ctx.viewer.member_id)]
    panel = ProposalsPanel(
        **ctx.head(),
        pages={"rows": ctx.paging.page(len(shown))},
        as_of=ctx.as_of,
        counters=counters(rows),
        by_status=dict(Counter(r.status for r in rows)),
        by_reason=dict(Counter(reason for r in rows for reason in r.attribution_reasons)),
        rows=ctx.paging.cut(shown),
    )
    return ProposalsData(panel, rows)


async def build_proposals_panel(ctx: PanelContext) -> ProposalsPanel:
    return (await proposals_data(ctx)).panel


async def build_government_panel(ctx: PanelContext) -> TownshipGovernmentPanel:
    pf = ctx.of(TownshipProposalFacts)
    t, p = pf.tasks.c, pf.proposals.c
    units = [u for u, town in (await township_governments(ctx)).items() if town == ctx.township_id]
    ours = or_(
        t.unit_id.in_(units),
        (t.unit_kind == "township_government") & (t.unit_township_id == ctx.township_id),
    )
    stmt = (
        select(pf.tasks, p.serial_no, p.title, p.status.label("proposal_status"))
        .join(pf.proposals, p.proposal_id == t.proposal_id)
        .where(ours, t.phase != "returned", p.year == ctx.year)
        .order_by(t.assigned_on, t.task_id)
    )
    tasks = list((await ctx.conn.execute(stmt)).all())
    authored = await _authored(ctx, [task.proposal_id for task in tasks])
    out = [task_out(task, ctx.as_of, task.proposal_status) for task in tasks]
    shown = [x for x in out if ctx.viewer.member_id is None or x.proposal_id in authored]
    unit_names = [r.unit_name for r in await _government_unit_rows(ctx) if r.unit_id in units]
    names = sorted({task.unit_name for task in tasks} | set(unit_names))
    return TownshipGovernmentPanel(
        **ctx.head(),
        pages={"rows": ctx.paging.page(len(shown))},
        as_of=ctx.as_of,
        units=names,
        total=len(out),
        replied=sum(1 for x in out if x.replied_on is not None),
        on_time=sum(1 for x in out if x.on_time),
        overdue=sum(1 for x in out if x.overdue),
        satisfied=sum(1 for x in out if x.satisfaction in SATISFIED),
        rows=ctx.paging.cut(shown),
        titles={task.proposal_id: task.title for task in tasks},
    )


async def _authored(ctx: PanelContext, proposal_ids: list[str]) -> set[str]:
    if ctx.viewer.member_id is None:
        return set(proposal_ids)
    a = ctx.of(TownshipProposalFacts).authors.c
    stmt = select(a.proposal_id).where(
        a.proposal_id.in_(proposal_ids), a.member_id == ctx.viewer.member_id
    )
    return set((await ctx.conn.execute(stmt)).scalars())
