"""The facts statistics are computed from, read in a few queries from the read models:
proposals of a session with their authors, handling tasks (deadline of the first reply,
face-to-face contacts), issued replies with the lead author's evaluation, and the roll.

Computing happens in `stats.py` (pure); a county session has hundreds of proposals, so
reading them once and counting in Python keeps the rules readable and the same for every
breakdown (overall, by category, by township).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.ext.asyncio import AsyncConnection

from services.proposals.projections.member_reference import MemberReference
from services.proposals.projections.proposal_list import ProposalList
from services.proposals.projections.proposal_replies import ProposalReplies
from services.proposals.projections.stats import ProposalStatsTasks
from shared.service import ServiceRuntime

from .lookup import projection
from .views import attributed_to

# Statuses of a proposal that is not (or no longer) with the office: not counted as received.
UNSUBMITTED = ("draft", "cosigning")
PROPOSAL_COLUMNS = (
    "proposal_id",
    "serial_no",
    "title",
    "category",
    "author_kind",
    "status",
    "period",
    "township_id",
    "author_body_name",
    "registered_at",
    "is_key",
    "disposition",
    "replied_at",
)


@dataclass(frozen=True)
class Scope:
    """Which proposals: a session (term + session, optionally a period) and/or a township."""

    term_no: int | None = None
    session_no: int | None = None
    period: str | None = None
    township_id: str | None = None


@dataclass(frozen=True)
class AuthorFact:
    member_id: str
    township_id: str | None  # at submission
    name: str | None


@dataclass(frozen=True)
class TaskFact:
    task_id: str
    unit_id: str
    unit_name: str
    role: str
    returned: bool
    deadline_at: datetime
    first_replied_at: datetime | None
    face_to_face: int


@dataclass(frozen=True)
class ReplyFact:
    task_id: str
    round: int
    result_class: str
    lead_result: str | None


@dataclass(frozen=True)
class ProposalFact:
    proposal_id: str
    serial_no: str | None
    title: str
    category: str
    author_kind: str
    status: str
    period: str
    township_id: str | None
    author_body_name: str | None
    registered: bool
    is_key: bool
    disposition: str | None
    replied: bool
    authors: tuple[AuthorFact, ...]  # lead author first
    tasks: tuple[TaskFact, ...] = ()
    replies: tuple[ReplyFact, ...] = ()

    def attributed_to(self, township_id: str) -> bool:
        """The proposal list's rule: an author from the township, or its group's proposal."""
        if any(a.township_id == township_id for a in self.authors):
            return True
        return self.author_kind == "liaison_group" and self.township_id == township_id


@dataclass(frozen=True)
class Facts:
    proposals: tuple[ProposalFact, ...]
    members: tuple[tuple[str, str], ...] = field(default=())  # (member_id, township)


def utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; the projections store UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def _where(proj: ProposalList, scope: Scope) -> list[ColumnElement[bool]]:
    t = proj.proposals.c
    where: list[ColumnElement[bool]] = [t.submitted_at.is_not(None), t.status.not_in(UNSUBMITTED)]
    if scope.term_no is not None:
        where.append(t.term_no == scope.term_no)
    if scope.session_no is not None:
        where.append(t.session_no == scope.session_no)
    if scope.period is not None:
        where.append(t.period == scope.period)
    if scope.township_id is not None:
        where.append(attributed_to(proj, {scope.township_id}))
    return where


async def load_facts(rt: ServiceRuntime, conn: AsyncConnection, scope: Scope) -> Facts:
    proj = projection(rt, ProposalList)
    t = proj.proposals
    columns = [t.c[name] for name in PROPOSAL_COLUMNS]
    rows = (await conn.execute(select(*columns).where(*_where(proj, scope)))).all()
    ids = [r.proposal_id for r in rows]
    authors = await _authors(conn, proj, ids)
    tasks = await _tasks(conn, projection(rt, ProposalStatsTasks), ids)
    replies = await _replies(conn, projection(rt, ProposalReplies), ids)
    proposals = tuple(
        ProposalFact(
            proposal_id=r.proposal_id,
            serial_no=r.serial_no,
            title=r.title,
            category=r.category,
            author_kind=r.author_kind,
            status=r.status,
            period=r.period,
            township_id=r.township_id,
            author_body_name=r.author_body_name,
            registered=r.registered_at is not None,
            is_key=bool(r.is_key),
            disposition=r.disposition,
            replied=r.replied_at is not None,
            authors=tuple(authors.get(r.proposal_id, ())),
            tasks=tuple(tasks.get(r.proposal_id, ())),
            replies=tuple(replies.get(r.proposal_id, ())),
        )
        for r in rows
    )
    roll = projection(rt, MemberReference).members
    stmt = select(roll.c.member_id, roll.c.township_id).order_by(roll.c.member_id)
    if scope.township_id is not None:
        stmt = stmt.where(roll.c.township_id == scope.township_id)
    members = tuple((m.member_id, m.township_id) for m in (await conn.execute(stmt)).all())
    return Facts(proposals=proposals, members=members)


def _chunks(ids: Sequence[str], size: int = 500) -> list[list[str]]:
    return [list(ids[i : i + size]) for i in range(0, len(ids), size)]


async def _rows(conn: AsyncConnection, table: Any, ids: Sequence[str], *order: Any) -> list[Any]:
    found: list[Any] = []
    for chunk in _chunks(ids):
        stmt = select(table).where(table.c.proposal_id.in_(chunk)).order_by(*order)
        found.extend((await conn.execute(stmt)).all())
    return found


async def _authors(
    conn: AsyncConnection, proj: ProposalList, ids: Sequence[str]
) -> dict[str, list[AuthorFact]]:
    a = proj.authors
    found: dict[str, list[AuthorFact]] = {}
    for row in await _rows(conn, a, ids, a.c.proposal_id, a.c.position):
        fact = AuthorFact(row.member_id, row.township_id, row.member_name)
        found.setdefault(row.proposal_id, []).append(fact)
    return found


async def _tasks(
    conn: AsyncConnection, proj: ProposalStatsTasks, ids: Sequence[str]
) -> dict[str, list[TaskFact]]:
    t = proj.tasks
    found: dict[str, list[TaskFact]] = {}
    for row in await _rows(conn, t, ids, t.c.proposal_id, t.c.task_id):
        deadline = utc(row.deadline_at)
        assert deadline is not None
        fact = TaskFact(
            task_id=row.task_id,
            unit_id=row.unit_id,
            unit_name=row.unit_name,
            role=row.role,
            returned=bool(row.returned),
            deadline_at=deadline,
            first_replied_at=utc(row.first_replied_at),
            face_to_face=int(row.face_to_face),
        )
        found.setdefault(row.proposal_id, []).append(fact)
    return found


async def _replies(
    conn: AsyncConnection, proj: ProposalReplies, ids: Sequence[str]
) -> dict[str, list[ReplyFact]]:
    r = proj.replies
    found: dict[str, list[ReplyFact]] = {}
    for row in await _rows(conn, r, ids, r.c.proposal_id, r.c.task_id, r.c.round):
        if row.status != "issued":
            continue
        fact = ReplyFact(
            task_id=row.task_id,
            round=int(row.round),
            result_class=row.result_class,
            lead_result=row.lead_result,
        )
        found.setdefault(row.proposal_id, []).append(fact)
    return found
