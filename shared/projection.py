"""Projections: event handlers that write read-model tables.

A projection declares its tables (prefixable, so a rebuild can go into fresh tables beside
the live ones) and maps event classes to handlers. A handler returns writes
`(statement, params)`; the runner executes consecutive writes of one statement as a single
executemany, so a batch of events costs a few round trips, not one per event.
"""

from __future__ import annotations

import weakref
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    select,
)
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql import Executable, visitors

from shared import sqlitebulk
from shared.events import DomainEvent, EventRegistry, RecordedEvent

Write = tuple[Executable, dict[str, Any]]
Handler = Callable[[RecordedEvent], Iterable[Write]]
AsyncHandler = Callable[[AsyncConnection, RecordedEvent], Awaitable[None]]

# --- bookkeeping tables shared by every projection of a service ------------------------

bookkeeping = MetaData()

checkpoints = Table(
    "projection_checkpoints",
    bookkeeping,
    Column("projection", String(100), primary_key=True),
    Column("stream", String(64), primary_key=True),
    Column("last_seq", BigInteger, nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

dead_letters = Table(
    "projection_dead_letters",
    bookkeeping,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("projection", String(100), nullable=False, index=True),
    Column("stream", String(64), nullable=False),
    Column("seq", BigInteger, nullable=False),
    Column("subject", String(300), nullable=False),
    Column("event_type", String(200), nullable=False),
    Column("error", Text, nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("recorded_at", DateTime(timezone=True), nullable=False),
    Column("replayed_at", DateTime(timezone=True), nullable=True),
)

sequence_gaps = Table(
    "projection_gaps",
    bookkeeping,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("projection", String(100), nullable=False, index=True),
    Column("stream", String(64), nullable=False),
    Column("from_seq", BigInteger, nullable=False),
    Column("to_seq", BigInteger, nullable=False),
    Column("detected_at", DateTime(timezone=True), nullable=False),
)


def utcnow() -> datetime:
    return datetime.now(UTC)


class Projection:
    """Base class. Subclasses set `name`, `sources`, `registry`, define tables in
    `define(self)` with `self.table(...)`, and register handlers with `self.on(...)`."""

    name: ClassVar[str]
    sources: ClassVar[tuple[str, ...]]
    registry: ClassVar[EventRegistry]
    #: False for policies: their effects are commands, not tables to rebuild.
    replayable: ClassVar[bool] = True
    #: Raise it when the handlers write other rows for the same events: the next start
    #: rebuilds the tables (`shared.readmodel_schema`). A change of the tables' columns
    #: or unique keys is noticed without it.
    version: ClassVar[int] = 1

    def __init__(self, prefix: str = "", dialect: str = "sqlite") -> None:
        self.prefix = prefix
        self.dialect = dialect
        self.metadata = MetaData()
        self.tables: dict[str, Table] = {}
        self._handlers: dict[type[DomainEvent], Handler] = {}
        self._async_handlers: dict[type[DomainEvent], AsyncHandler] = {}
        self.define()

    @property
    def checkpoint_name(self) -> str:
        return f"{self.prefix}{self.name}"

    def define(self) -> None:
        raise NotImplementedError

    def clone(self, prefix: str) -> Projection:
        """The same projection writing into tables named `<prefix><table>`."""
        return type(self)(prefix=prefix, dialect=self.dialect)

    def table(self, name: str, *columns: Any, **kwargs: Any) -> Table:
        table = Table(f"{self.prefix}{name}", self.metadata, *columns, **kwargs)
        self.tables[name] = table
        return table

    def on(self, event_cls: type[DomainEvent], handler: Handler) -> None:
        self._handlers[event_cls] = handler

    def on_async(self, event_cls: type[DomainEvent], handler: AsyncHandler) -> None:
        """A handler that must read before it writes (runs after pending writes flush)."""
        self._async_handlers[event_cls] = handler

    def reads_while_applying(self) -> bool:
        """Does any handler read the tables (`on_async`)?"""
        return bool(self._async_handlers)

    def handles(self, event: DomainEvent) -> bool:
        return self.handles_type(type(event))

    def handles_type(self, cls: type[DomainEvent]) -> bool:
        return cls in self._handlers or cls in self._async_handlers

    async def apply(self, conn: AsyncConnection, events: Sequence[RecordedEvent]) -> None:
        """Apply events in order, batching consecutive writes of the same statement."""
        pending: list[Write] = []
        for recorded in events:
            cls = type(recorded.event)
            handler = self._handlers.get(cls)
            if handler is not None:
                pending.extend(handler(recorded))
                continue
            async_handler = self._async_handlers.get(cls)
            if async_handler is not None:
                await flush(conn, pending)
                pending = []
                await async_handler(conn, recorded)
        await flush(conn, pending)

    def writes_of(self, events: Sequence[RecordedEvent]) -> list[Write] | None:
        """The writes of `events`, computed without the database; None if one of them has
        a handler that must read first (`on_async`): then only `apply` can do it."""
        pending: list[Write] = []
        handlers = self._handlers
        for recorded in events:
            handler = handlers.get(type(recorded.event))
            if handler is not None:
                pending.extend(handler(recorded))
            elif type(recorded.event) in self._async_handlers:
                return None
        return pending


Group = tuple[Executable, list[dict[str, Any]]]


async def flush(conn: AsyncConnection, writes: Sequence[Write]) -> None:
    """Execute writes with one executemany per statement wherever order allows."""
    await run_steps(conn, plan_groups(conn.dialect, group_writes(writes)))


def group_writes(writes: Sequence[Write]) -> list[Group]:
    """Writes gathered into one batch per statement wherever order allows.

    A write joins the latest batch of its statement unless another statement touched the
    same table since: the order of writes *within each table* is kept exactly, while
    writes to different tables may be grouped apart. A statement without a table (text
    SQL) is its own barrier.
    """
    groups: list[Group] = []
    last_of_stmt: dict[int, int] = {}
    last_of_table: dict[int, int] = {}
    seen: dict[int, tuple[bool, int]] = {}  # id(stmt) → (multi-table?, id of its table)
    previous: Executable | None = None
    for stmt, params in writes:
        if stmt is previous:  # the common case: a run of the same statement
            groups[-1][1].append(params)
            continue
        entry = seen.get(id(stmt))
        if entry is None:
            table = getattr(stmt, "table", None)
            entry = seen[id(stmt)] = (
                _reads_other_tables(stmt),
                id(stmt if table is None else table),
            )
        multi, table_key = entry
        if multi:
            # It reads what earlier writes wrote, and later ones must not jump ahead of it.
            groups.append((stmt, [params]))
            last_of_stmt.clear()
            last_of_table.clear()
            previous = None
            continue
        index = last_of_stmt.get(id(stmt))
        if index is not None and last_of_table.get(table_key) == index:
            groups[index][1].append(params)
            continue
        groups.append((stmt, [params]))
        last_of_stmt[id(stmt)] = last_of_table[table_key] = len(groups) - 1
        previous = stmt
    return groups


#: A group ready to run: SQLite's SQL and rows (`sqlitebulk.Prepared`) or, for what only
#: SQLAlchemy can execute, the group itself.
Step = sqlitebulk.Prepared | Group


def plan_groups(dialect: Any, groups: Sequence[Group]) -> list[Step]:
    """Turn groups into steps without touching the database (CPU work only)."""
    steps: list[Step] = []
    for stmt, batch in groups:
        if len(batch) > 1 or sqlitebulk.known(stmt):
            prepared = sqlitebulk.prepare(dialect, stmt, batch)
            if prepared is not None:
                steps.append(prepared)
                continue
        steps.append((stmt, batch))
    return steps


async def run_steps(conn: AsyncConnection, steps: Sequence[Step]) -> None:
    fast: list[sqlitebulk.Prepared] = []  # consecutive steps SQLite takes in one hop
    for step in steps:
        if isinstance(step[0], str):
            fast.append(step)
            continue
        await sqlitebulk.run(conn, fast)
        fast = []
        stmt, batch = step
        await conn.execute(stmt, batch[0] if len(batch) == 1 else batch)
    await sqlitebulk.run(conn, fast)


_MULTI_TABLE: weakref.WeakKeyDictionary[Executable, bool] = weakref.WeakKeyDictionary()


def _reads_other_tables(stmt: Executable) -> bool:
    """Does the statement involve more than its own table (e.g. a subquery)? Cached."""
    known = _MULTI_TABLE.get(stmt)
    if known is None:
        tables = {id(t) for t in visitors.iterate(stmt) if isinstance(t, Table)}  # type: ignore[arg-type]
        known = len(tables) > 1 or getattr(stmt, "table", None) is None
        _MULTI_TABLE[stmt] = known
    return known


@dataclass(frozen=True)
class Position:
    projection: str
    stream: str
    last_seq: int


async def read_checkpoint(conn: AsyncConnection, projection: str, stream: str) -> int:
    row = await conn.execute(
        select(checkpoints.c.last_seq).where(
            checkpoints.c.projection == projection, checkpoints.c.stream == stream
        )
    )
    value = row.scalar_one_or_none()
    return int(value) if value is not None else 0


async def read_positions(conn: AsyncConnection) -> list[Position]:
    rows = await conn.execute(select(checkpoints).order_by(checkpoints.c.projection))
    return [Position(r.projection, r.stream, int(r.last_seq)) for r in rows]
