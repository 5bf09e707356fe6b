"""Queries over the read models, and who may see what.

- office (`proposal_office`, `county_admin`): every proposal;
- `township:<t>`: proposals attributed to t (any author in t's liaison group at submission);
- `member:<m>`: proposals m authored (lead or co-author), or was invited to co-sign;
- `assigning_office`, `supervising_office`: every submitted proposal;
- `handling_unit:<u>`: proposals with a task for u.
A draft never submitted is seen by its authors (and invitees) only, and by the office
that may draft for a member. The not-registered reason and disposition (and a
withdrawal reason) are shown only to the office and the proposal's authors (DOMAIN §6.3).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Row, false, func, or_, select, true
from sqlalchemy.ext.asyncio import AsyncConnection

from services.proposals.projections.handling_tasks import HandlingTasks
from services.proposals.projections.proposal_list import ProposalList
from services.proposals.projections.proposal_review import ProposalReviewBoard
from shared.auth import Principal

from .access import OFFICE_ROLES, STAFF_ROLES


@dataclass(frozen=True)
class Viewer:
    office: bool
    townships: frozenset[str]
    member_ids: frozenset[str]
    staff: bool = False
    unit_ids: frozenset[str] = frozenset()

    @classmethod
    def of(cls, principal: Principal) -> Viewer:
        return cls(
            office=principal.has(*OFFICE_ROLES),
            townships=frozenset(principal.townships),
            member_ids=frozenset(principal.scoped("member")),
            staff=principal.has(*STAFF_ROLES),
            unit_ids=frozenset(principal.scoped("handling_unit")),
        )

    @property
    def may_list(self) -> bool:
        return self.staff or bool(self.townships or self.member_ids or self.unit_ids)

    def may_see(
        self,
        authors: Sequence[Row[Any]],
        row: Row[Any] | None = None,
        unit_ids: Sequence[str] = (),
        invitees: Sequence[str] = (),
    ) -> bool:
        """`row` None: only the author rule (the first release's behaviour)."""
        if any(a.member_id in self.member_ids for a in authors):
            return True
        if self.member_ids.intersection(invitees):
            return True
        if row is not None and row.submitted_at is None:
            return self.office  # a draft: its authors, invitees and the office
        if self.staff or self.unit_ids.intersection(unit_ids):
            return True
        townships = {a.township_id for a in authors}
        if row is not None:
            townships.add(row.township_id)
        return bool(self.townships.intersection(townships))

    def sees_decision(self, authors: Sequence[Row[Any]]) -> bool:
        return self.office or any(a.member_id in self.member_ids for a in authors)


@dataclass(frozen=True)
class Page:
    total: int
    rows: list[Row[Any]]
    authors: dict[str, list[Row[Any]]] = field(default_factory=dict)


def attributed_to(
    proj: ProposalList, township_ids: set[str] | frozenset[str]
) -> ColumnElement[bool]:
    """Any author from the township at submission, or a 联络组提案 of its group."""
    a, t = proj.authors, proj.proposals
    owned = select(a.c.proposal_id).where(a.c.township_id.in_(sorted(township_ids)))
    group = (t.c.author_kind == "liaison_group") & t.c.township_id.in_(sorted(township_ids))
    return or_(t.c.proposal_id.in_(owned), group)


def authored_by(proj: ProposalList, member_ids: frozenset[str]) -> ColumnElement[bool]:
    a = proj.authors
    owned = select(a.c.proposal_id).where(a.c.member_id.in_(sorted(member_ids)))
    return proj.proposals.c.proposal_id.in_(owned)


def invited(review: ProposalReviewBoard, proj: ProposalList, member_ids: frozenset[str]) -> Any:
    c = review.cosigners
    owned = select(c.c.proposal_id).where(c.c.member_id.in_(sorted(member_ids)))
    return proj.proposals.c.proposal_id.in_(owned)


def handled_by(tasks: HandlingTasks, proj: ProposalList, unit_ids: frozenset[str]) -> Any:
    t = tasks.tasks
    owned = select(t.c.proposal_id).where(t.c.unit_id.in_(sorted(unit_ids)))
    return proj.proposals.c.proposal_id.in_(owned)


def visible_to(
    proj: ProposalList,
    viewer: Viewer,
    tasks: HandlingTasks | None = None,
    review: ProposalReviewBoard | None = None,
) -> ColumnElement[bool] | None:
    """The rows `viewer` may see (None = all). Drafts: authors and invitees only."""
    submitted = proj.proposals.c.submitted_at.is_not(None)
    own: list[ColumnElement[bool]] = []
    if viewer.member_ids:
        own.append(authored_by(proj, viewer.member_ids))
        if review is not None:
            own.append(invited(review, proj, viewer.member_ids))
    others: list[ColumnElement[bool]] = []
    if viewer.staff:
        others.append(true())
    if viewer.townships:
        others.append(attributed_to(proj, viewer.townships))
    if viewer.unit_ids and tasks is not None:
        others.append(handled_by(tasks, proj, viewer.unit_ids))
    if others:
        own.append(submitted & or_(*others))
    return or_(*own) if own else false()


async def list_page(
    conn: AsyncConnection,
    proj: ProposalList,
    where: Sequence[ColumnElement[bool]],
    page: int,
    page_size: int,
) -> Page:
    t = proj.proposals
    total_stmt = select(func.count()).select_from(t).where(*where)
    total = int((await conn.execute(total_stmt)).scalar_one())
    stmt = (
        select(t)
        .where(*where)
        .order_by(t.c.submitted_at.desc(), t.c.proposal_id.desc())
        .limit(page_size)
        .offset((page - 1) * page_size)
    )
    rows = list((await conn.execute(stmt)).all())
    authors = await authors_of(conn, proj, [r.proposal_id for r in rows])
    return Page(total, rows, authors)


async def authors_of(
    conn: AsyncConnection, proj: ProposalList, proposal_ids: Sequence[str]
) -> dict[str, list[Row[Any]]]:
    if not proposal_ids:
        return {}
    a = proj.authors
    stmt = (
        select(a)
        .where(a.c.proposal_id.in_(list(proposal_ids)))
        .order_by(a.c.proposal_id, a.c.position)
    )
    found: dict[str, list[Row[Any]]] = {pid: [] for pid in proposal_ids}
    for row in (await conn.execute(stmt)).all():
        found[row.proposal_id].append(row)
    return found


async def get_one(
    conn: AsyncConnection, proj: ProposalList, proposal_id: str
) -> tuple[Row[Any], list[Row[Any]]] | None:
    t = proj.proposals
    row = (await conn.execute(select(t).where(t.c.proposal_id == proposal_id))).first()
    if row is None:
        return None
    authors = await authors_of(conn, proj, [proposal_id])
    return row, authors[proposal_id]


async def status_counts(
    conn: AsyncConnection, proj: ProposalList, township_id: str
) -> dict[str, int]:
    t = proj.proposals
    stmt = (
        select(t.c.status, func.count())
        .where(attributed_to(proj, {township_id}), t.c.submitted_at.is_not(None))
        .group_by(t.c.status)
    )
    return {status: int(count) for status, count in (await conn.execute(stmt)).all()}
