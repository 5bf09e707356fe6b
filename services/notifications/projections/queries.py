"""Queries over the inbox read model."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Table, and_, func, select, true
from sqlalchemy.engine import Row
from sqlalchemy.ext.asyncio import AsyncConnection


@dataclass(frozen=True)
class InboxQuery:
    """`recipients=None` means every recipient (county admin overview)."""

    recipients: Collection[str] | None
    unread_only: bool = False
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True)
class InboxResult:
    rows: list[Row[Any]]
    total: int
    unread: int


def _scope(table: Table, recipients: Collection[str] | None) -> ColumnElement[bool]:
    if recipients is None:
        return true()
    return table.c.recipient.in_(sorted(recipients))


async def inbox_page(conn: AsyncConnection, table: Table, query: InboxQuery) -> InboxResult:
    """One page, newest first; `total`/`unread` count the whole (filtered) inbox."""
    scope = _scope(table, query.recipients)
    unread = table.c.read_at.is_(None)
    where = and_(scope, unread) if query.unread_only else scope
    stmt = (
        select(table)
        .where(where)
        .order_by(table.c.sent_at.desc(), table.c.notification_id.desc())
        .limit(query.limit)
        .offset(query.offset)
    )
    rows = list((await conn.execute(stmt)).all())
    total = (await conn.execute(select(func.count()).select_from(table).where(where))).scalar_one()
    unread_count = (
        await conn.execute(select(func.count()).select_from(table).where(and_(scope, unread)))
    ).scalar_one()
    return InboxResult(rows=rows, total=int(total), unread=int(unread_count))
