"""Read-model queries of the lifecycle: filters of the proposal list, the parts of a
proposal's detail (co-signers, review opinions, tasks, replies, evaluations), and the
handling units' task inboxes. Overdue = an open task whose stored due date < `as_of`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Row, and_, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from services.proposals.projections.handling_tasks import HandlingTasks
from services.proposals.projections.handling_units import HandlingUnits
from services.proposals.projections.proposal_list import ProposalList
from services.proposals.projections.proposal_replies import ProposalReplies
from services.proposals.projections.proposal_review import ProposalReviewBoard
from shared.service import ServiceRuntime

from .lookup import projection

CLOSED_PHASES = ("returned", "concluded")


@dataclass(frozen=True)
class Reads:
    proposals: ProposalList
    tasks: HandlingTasks
    replies: ProposalReplies
    review: ProposalReviewBoard
    units: HandlingUnits

    @classmethod
    def of(cls, rt: ServiceRuntime) -> Reads:
        return cls(
            projection(rt, ProposalList),
            projection(rt, HandlingTasks),
            projection(rt, ProposalReplies),
            projection(rt, ProposalReviewBoard),
            projection(rt, HandlingUnits),
        )


def overdue_task(reads: Reads, as_of: date) -> ColumnElement[bool]:
    """An open task past its due date: no reply (or no co-handler opinion) yet."""
    t = reads.tasks.tasks.c
    not_done = and_(t.replied.is_(False), t.co_opinion.is_(None) | (t.role != "co"))
    return and_(t.phase.not_in(CLOSED_PHASES), not_done, t.due_on < as_of)


def _with_task(reads: Reads, *conditions: ColumnElement[bool]) -> ColumnElement[bool]:
    t = reads.tasks.tasks
    owned = select(t.c.proposal_id).where(*conditions)
    return reads.proposals.proposals.c.proposal_id.in_(owned)


def unit_filter(reads: Reads, unit_id: str) -> ColumnElement[bool]:
    t = reads.tasks.tasks.c
    return _with_task(reads, t.unit_id == unit_id, t.phase != "returned")


def class_filter(reads: Reads, result_class: str) -> ColumnElement[bool]:
    t = reads.tasks.tasks.c
    return _with_task(reads, t.result_class == result_class, t.phase != "returned")


def overdue_filter(reads: Reads, as_of: date, overdue: bool) -> ColumnElement[bool]:
    condition = _with_task(reads, overdue_task(reads, as_of))
    return condition if overdue else ~condition


async def overdue_ids(
    conn: AsyncConnection, reads: Reads, proposal_ids: Sequence[str], as_of: date
) -> set[str]:
    if not proposal_ids:
        return set()
    t = reads.tasks.tasks
    stmt = select(t.c.proposal_id).where(
        t.c.proposal_id.in_(list(proposal_ids)), overdue_task(reads, as_of)
    )
    return {r.proposal_id for r in (await conn.execute(stmt)).all()}


@dataclass(frozen=True)
class DetailParts:
    cosigners: list[Row[Any]] = field(default_factory=list)
    opinions: list[Row[Any]] = field(default_factory=list)
    tasks: list[Row[Any]] = field(default_factory=list)
    replies: list[Row[Any]] = field(default_factory=list)
    cosigns: dict[str, list[Row[Any]]] = field(default_factory=dict)
    evaluations: dict[str, list[Row[Any]]] = field(default_factory=dict)
    overdue_tasks: set[str] = field(default_factory=set)

    @property
    def unit_ids(self) -> list[str]:
        return [t.unit_id for t in self.tasks]

    @property
    def invitee_ids(self) -> list[str]:
        return [c.member_id for c in self.cosigners]


async def parts_of(
    conn: AsyncConnection, reads: Reads, proposal_id: str, as_of: date
) -> DetailParts:
    c, o = reads.review.cosigners, reads.review.opinions
    t, r = reads.tasks.tasks, reads.replies.replies
    cs, ev = reads.replies.cosigns, reads.replies.evaluations

    async def rows(table: Any, *order: Any) -> list[Row[Any]]:
        stmt = select(table).where(table.c.proposal_id == proposal_id).order_by(*order)
        return list((await conn.execute(stmt)).all())

    tasks = await rows(t, t.c.task_id)
    overdue = select(t.c.task_id).where(t.c.proposal_id == proposal_id, overdue_task(reads, as_of))
    return DetailParts(
        cosigners=await rows(c, c.c.invited_at, c.c.member_id),
        opinions=await rows(o, o.c.position),
        tasks=sorted(tasks, key=lambda row: int(row.task_id[1:])),
        replies=await rows(r, r.c.task_id, r.c.round),
        cosigns=_grouped(await rows(cs, cs.c.reply_id, cs.c.task_id)),
        evaluations=_grouped(await rows(ev, ev.c.reply_id, ev.c.evaluated_at)),
        overdue_tasks={row.task_id for row in (await conn.execute(overdue)).all()},
    )


def _grouped(rows: list[Row[Any]]) -> dict[str, list[Row[Any]]]:
    grouped: dict[str, list[Row[Any]]] = {}
    for row in rows:
        grouped.setdefault(row.reply_id, []).append(row)
    return grouped


async def unit_tasks(
    conn: AsyncConnection,
    reads: Reads,
    unit_id: str,
    where: Sequence[ColumnElement[bool]],
    page: int,
    page_size: int,
) -> tuple[int, list[Row[Any]]]:
    t = reads.tasks.tasks
    conditions = [t.c.unit_id == unit_id, *where]
    total = int(
        (await conn.execute(select(func.count()).select_from(t).where(*conditions))).scalar_one()
    )
    stmt = (
        select(t)
        .where(*conditions)
        .order_by(t.c.due_on, t.c.proposal_id, t.c.task_id)
        .limit(page_size)
        .offset((page - 1) * page_size)
    )
    return total, list((await conn.execute(stmt)).all())


async def unit_row(conn: AsyncConnection, reads: Reads, unit_id: str) -> Row[Any] | None:
    u = reads.units.units
    return (await conn.execute(select(u).where(u.c.unit_id == unit_id))).first()


async def all_units(conn: AsyncConnection, reads: Reads, active_only: bool) -> list[Row[Any]]:
    u = reads.units.units
    stmt = select(u).order_by(u.c.kind, u.c.unit_id)
    if active_only:
        stmt = stmt.where(u.c.active.is_(True))
    return list((await conn.execute(stmt)).all())
