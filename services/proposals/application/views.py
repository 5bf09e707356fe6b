"""Queries over the read models, and who may see what.

- office (`proposal_office`, `county_admin`): every proposal;
- `township:<t>`: proposals attributed to t (any author in t's liaison group at submission);
- `member:<m>`: proposals m authored (lead or co-author).
The not-registered reason and disposition (and a withdrawal reason) are shown only to
the office and the proposal's authors (DOMAIN §6.3).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Row, false, func, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection

from services.proposals.projections.proposal_list import ProposalList
from shared.auth import Principal

from .access import OFFICE_ROLES


@dataclass(frozen=True)
class Viewer:
    office: bool
    townships: frozenset[str]
    member_ids: frozenset[str]

    @classmethod
    def of(cls, principal: Principal) -> Viewer:
        return cls(
            office=principal.has(*OFFICE_ROLES),
            townships=frozenset(principal.townships),
            member_ids=frozenset(principal.scoped("member")),
        )

    @property
    def may_list(self) -> bool:
        return self.office or bool(self.townships) or bool(self.member_ids)

    def may_see(self, authors: Sequence[Row[Any]]) -> bool:
        return self.office or any(
            a.member_id in self.member_ids or a.township_id in self.townships for a in authors
        )

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
    a = proj.authors
    owned = select(a.c.proposal_id).where(a.c.township_id.in_(sorted(township_ids)))
    return proj.proposals.c.proposal_id.in_(owned)


def authored_by(proj: ProposalList, member_ids: frozenset[str]) -> ColumnElement[bool]:
    a = proj.authors
    owned = select(a.c.proposal_id).where(a.c.member_id.in_(sorted(member_ids)))
    return proj.proposals.c.proposal_id.in_(owned)


def visible_to(proj: ProposalList, viewer: Viewer) -> ColumnElement[bool] | None:
    """The rows `viewer` may see (None = all)."""
    if viewer.office:
        return None
    parts: list[ColumnElement[bool]] = []
    if viewer.townships:
        parts.append(attributed_to(proj, viewer.townships))
    if viewer.member_ids:
        parts.append(authored_by(proj, viewer.member_ids))
    return or_(*parts) if parts else false()


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
        .where(attributed_to(proj, {township_id}))
        .group_by(t.c.status)
    )
    return {status: int(count) for status, count in (await conn.execute(stmt)).all()}
