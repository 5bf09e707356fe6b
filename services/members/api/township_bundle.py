"""Loading proposals and reports with everything their attribution needs, and deciding at
read time which liaison groups each belongs to (`attribution.item_attribution`).

Authors' group snapshots come from the events; a missing snapshot falls back to the
member's registration and group-change history in `directory`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Row, Select, exists, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql.elements import ColumnElement

from services.members.projections import Directory
from services.members.projections.attribution import (
    ItemFacts,
    Link,
    MembershipHistory,
    history_from,
    item_attribution,
)
from services.members.projections.township_proposals import TownshipProposalFacts
from services.members.projections.township_reports import TownshipReportFacts

TOWNSHIP_GOVERNMENT = "township_government"
CO_HANDLER = "co"
CLOSED = frozenset({"concluded", "withdrawn", "merged", "not_registered"})
Attribution = dict[str, tuple[str, ...]]


async def membership_history(
    conn: AsyncConnection, d: Directory, member_ids: Iterable[str]
) -> MembershipHistory:
    wanted = sorted(set(member_ids))
    if not wanted:
        return MembershipHistory([])
    m, c = d.members.c, d.changes.c
    members = await conn.execute(
        select(m.member_id, m.township_id, m.registered_at).where(m.member_id.in_(wanted))
    )
    changes = await conn.execute(
        select(c.member_id, c.from_value, c.to_value, c.changed_at).where(
            c.member_id.in_(wanted), c.kind == "liaison_group"
        )
    )
    return history_from(
        [(r.member_id, r.township_id, r.registered_at) for r in members],
        [(r.member_id, r.from_value, r.to_value, r.changed_at) for r in changes if r.to_value],
    )


async def _grouped(
    conn: AsyncConnection, stmt: Select[Any], key: str, ids: list[str]
) -> dict[str, list[Row[Any]]]:
    """The rows of `stmt` (about the items `ids`) by item; no query when there are none."""
    found: dict[str, list[Row[Any]]] = defaultdict(list)
    if not ids:
        return found
    for row in await conn.execute(stmt):
        found[row._mapping[key]].append(row)
    return found


def _with_directory_name(stmt: Select[Any], member_id: Any, d: Directory) -> Select[Any]:
    """`stmt` (an authors table) with each author's name in `directory` now, as
    `directory_name` (null when not registered there): the panels show those names, and
    so need no query of their own for them (`directory_names`)."""
    m = d.members.c
    return stmt.add_columns(m.name.label("directory_name")).outerjoin(
        d.members, m.member_id == member_id
    )


def directory_names(authors: Iterable[Row[Any]]) -> dict[str, str | None]:
    """{member_id: name in `directory`, or None when not registered} of author rows read
    with `_with_directory_name`."""
    return {a.member_id: a.directory_name for a in authors}


def is_overdue(task: Row[Any], as_of: date, status: str | None = None) -> bool:
    """A reply still owed whose due date (carried by the events) has passed — unless the
    proposal itself is closed (concluded, withdrawn, merged, not registered)."""
    if status in CLOSED:
        return False
    return bool(task.awaiting and task.due_on is not None and task.due_on < as_of)


def replies_to_proposer(task: Row[Any]) -> bool:
    """Lead, separate and sole units reply to the proposer; co-handlers never do (§2.5.2);
    an unknown (newer) role is treated as replying."""
    return bool(task.role != CO_HANDLER)


@dataclass
class ProposalBundle:
    rows: list[Row[Any]]
    authors: dict[str, list[Row[Any]]]
    places: dict[str, list[Row[Any]]]
    tasks: dict[str, list[Row[Any]]]
    government_of: dict[str, str]  # unit_id → township whose government it is
    attribution: dict[str, Attribution] = field(default_factory=dict)

    def handled_by(self, task: Row[Any]) -> str | None:
        if task.phase == "returned":
            return None
        if task.unit_kind == TOWNSHIP_GOVERNMENT and task.unit_township_id:
            return str(task.unit_township_id)
        return self.government_of.get(task.unit_id)

    def facts(self, row: Row[Any]) -> ItemFacts:
        pid = row.proposal_id
        return ItemFacts(
            at=row.submitted_at,
            links=tuple(Link(a.member_id, a.township_id) for a in self.authors[pid]),
            places=tuple((p.township_id, p.reason) for p in self.places[pid]),
            handled_by=tuple(t for t in map(self.handled_by, self.tasks[pid]) if t),
        )

    def of_group(self, township_id: str) -> list[tuple[Row[Any], tuple[str, ...]]]:
        return [
            (row, self.attribution[row.proposal_id][township_id])
            for row in self.rows
            if township_id in self.attribution[row.proposal_id]
        ]


async def government_units(conn: AsyncConnection, pf: TownshipProposalFacts) -> dict[str, str]:
    u = pf.units.c
    stmt = select(u.unit_id, u.township_id).where(u.kind == TOWNSHIP_GOVERNMENT)
    return {r.unit_id: r.township_id for r in await conn.execute(stmt) if r.township_id}


def _unknown_or(column: ColumnElement[Any], township_id: str) -> ColumnElement[bool]:
    """The snapshot names the group, or is missing (decided from the history in Python)."""
    return or_(column == township_id, column.is_(None), column == "")


def proposals_touching(
    pf: TownshipProposalFacts, township_id: str, government_of: dict[str, str]
) -> ColumnElement[bool]:
    """Every proposal `item_attribution` may attribute to the group (a superset: authors
    whose snapshot names it or is missing, its places, tasks of its township government),
    so that the whole county's proposals are not loaded to keep one group's."""
    p, a, pl, t = pf.proposals.c, pf.authors.c, pf.places.c, pf.tasks.c
    units = [unit for unit, town in government_of.items() if town == township_id]
    ours = (t.unit_kind == TOWNSHIP_GOVERNMENT) & (t.unit_township_id == township_id)
    return or_(
        exists().where(a.proposal_id == p.proposal_id, _unknown_or(a.township_id, township_id)),
        exists().where(pl.proposal_id == p.proposal_id, pl.township_id == township_id),
        exists().where(
            t.proposal_id == p.proposal_id, or_(ours, t.unit_id.in_(units)) if units else ours
        ),
    )


def reports_touching(rf: TownshipReportFacts, township_id: str) -> ColumnElement[bool]:
    """Every report `item_attribution` may attribute to the group (authors whose snapshot
    names it or is missing, its places): a superset, refined in Python."""
    r, a, pl = rf.reports.c, rf.authors.c, rf.places.c
    return or_(
        exists().where(a.report_id == r.report_id, _unknown_or(a.township_id, township_id)),
        exists().where(pl.report_id == r.report_id, pl.township_id == township_id),
    )


async def load_proposals(
    conn: AsyncConnection,
    pf: TownshipProposalFacts,
    d: Directory,
    where: ColumnElement[bool],
    government_of: dict[str, str] | None = None,
) -> ProposalBundle:
    """`government_of`: `government_units`, when the caller has it already."""
    p, a, pl, t = pf.proposals.c, pf.authors.c, pf.places.c, pf.tasks.c
    stmt = select(pf.proposals).where(where).order_by(p.submitted_at, p.proposal_id)
    rows = list((await conn.execute(stmt)).all())
    ids = [row.proposal_id for row in rows]
    order_a = (a.role.desc(), a.member_id)
    authors = _with_directory_name(select(pf.authors), a.member_id, d)
    bundle = ProposalBundle(
        rows=rows,
        authors=await _grouped(
            conn, authors.where(a.proposal_id.in_(ids)).order_by(*order_a), "proposal_id", ids
        ),
        places=await _grouped(
            conn, select(pf.places).where(pl.proposal_id.in_(ids)), "proposal_id", ids
        ),
        tasks=await _grouped(
            conn,
            select(pf.tasks).where(t.proposal_id.in_(ids)).order_by(t.assigned_on, t.task_id),
            "proposal_id",
            ids,
        ),
        government_of=(
            government_of if government_of is not None else await government_units(conn, pf)
        ),
    )
    unknown = [x.member_id for xs in bundle.authors.values() for x in xs if not x.township_id]
    history = await membership_history(conn, d, unknown)
    bundle.attribution = {r.proposal_id: item_attribution(bundle.facts(r), history) for r in rows}
    return bundle


@dataclass
class ReportBundle:
    rows: list[Row[Any]]
    authors: dict[str, list[Row[Any]]]
    places: dict[str, list[Row[Any]]]
    facts: dict[str, list[Row[Any]]]
    attribution: dict[str, Attribution] = field(default_factory=dict)

    def item(self, row: Row[Any]) -> ItemFacts:
        rid = row.report_id
        return ItemFacts(
            at=row.submitted_at,
            links=tuple(Link(a.member_id, a.township_id) for a in self.authors[rid]),
            places=tuple((p.township_id, p.reason) for p in self.places[rid]),
        )

    def of_group(self, township_id: str) -> list[tuple[Row[Any], tuple[str, ...]]]:
        return [
            (row, self.attribution[row.report_id][township_id])
            for row in self.rows
            if township_id in self.attribution[row.report_id]
        ]


async def load_reports(
    conn: AsyncConnection, rf: TownshipReportFacts, d: Directory, where: ColumnElement[bool]
) -> ReportBundle:
    r, a, pl, f = rf.reports.c, rf.authors.c, rf.places.c, rf.facts.c
    stmt = select(rf.reports).where(where).order_by(r.submitted_at, r.report_id)
    rows = list((await conn.execute(stmt)).all())
    ids = [row.report_id for row in rows]
    authors = _with_directory_name(select(rf.authors), a.member_id, d)
    bundle = ReportBundle(
        rows=rows,
        authors=await _grouped(
            conn, authors.where(a.report_id.in_(ids)).order_by(a.member_id), "report_id", ids
        ),
        places=await _grouped(
            conn, select(rf.places).where(pl.report_id.in_(ids)), "report_id", ids
        ),
        facts=await _grouped(
            conn,
            select(rf.facts).where(f.report_id.in_(ids)).order_by(f.kind, f.no),
            "report_id",
            ids,
        ),
    )
    unknown = [x.member_id for xs in bundle.authors.values() for x in xs if not x.township_id]
    history = await membership_history(conn, d, unknown)
    bundle.attribution = {r.report_id: item_attribution(bundle.item(r), history) for r in rows}
    return bundle
