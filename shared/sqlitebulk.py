"""executemany on SQLite without SQLAlchemy's per-row work.

A projection's writes are a few statements repeated with many parameter dicts. SQLAlchemy
builds every row's parameters generically (a dict per row, the bind processors looked up
per row); on a small machine that costs more than SQLite's own insert. Here a statement
is compiled once per set of keys into a *plan* — the SQL text, a generated function that
lays a row's dict out in placeholder order, and the bind processors SQLAlchemy would apply
(dates and datetimes to text, booleans to 0/1) — and the rows go to the driver's
`executemany` on the same connection, inside the same transaction — or, for an INSERT
with many rows, as a few `INSERT … VALUES (…), (…), …` statements (see `_note_multirow`).

A statement the plan cannot express exactly (defaults computed at execution, expanding
or callable parameters, RETURNING, renamed parameters) answers `None` and the caller uses
SQLAlchemy as usual.
"""

from __future__ import annotations

import re
import sqlite3
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import chain
from typing import Any

from sqlalchemy.dialects import sqlite
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql import Executable

Processor = Callable[[Any], Any]


@dataclass(frozen=True)
class Plan:
    sql: str
    names: tuple[str, ...]  # the parameter each placeholder takes, in order
    constants: dict[str, Any]  # parameters fixed in the statement itself
    processors: tuple[tuple[int, Processor], ...]  # (placeholder index, processor)
    build: Callable[[dict[str, Any]], tuple[Any, ...]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        object.__setattr__(self, "build", _row_builder(self.names, self.processors))

    def rows(self, params: Sequence[dict[str, Any]]) -> list[tuple[Any, ...]]:
        """Positional rows; KeyError if a row lacks a parameter the statement needs."""
        if self.constants:
            params = [{**self.constants, **p} for p in params]
        return list(map(self.build, params))


def _row_builder(
    names: tuple[str, ...], processors: tuple[tuple[int, Processor], ...]
) -> Callable[[dict[str, Any]], tuple[Any, ...]]:
    """A function laying one row's dict out in placeholder order, processors applied
    (None stays None). Generated once per plan, so that a row costs one call instead of
    a loop over its values."""
    processed = dict(processors)
    namespace: dict[str, Any] = {}
    lines = ["def build(p):"]
    items = []
    for index, name in enumerate(names):
        key = repr(name)  # a str literal whatever the name holds
        if index in processed:
            namespace[f"f{index}"] = processed[index]
            lines.append(f"    v{index} = p[{key}]")
            items.append(f"(None if v{index} is None else f{index}(v{index}))")
        else:
            items.append(f"p[{key}]")
    lines.append(f"    return ({', '.join(items)}{',' if len(items) == 1 else ''})")
    exec("\n".join(lines), namespace)  # the names enter as repr() literals: nothing else
    build: Callable[[dict[str, Any]], tuple[Any, ...]] = namespace["build"]
    return build


_NO_PLAN = Plan("", (), {}, ())
_PLANS: weakref.WeakKeyDictionary[Executable, dict[tuple[str, ...], Plan]] = (
    weakref.WeakKeyDictionary()
)


def known(stmt: Executable) -> bool:
    """Has `stmt` been planned before (so a single row costs no compilation)?"""
    return stmt in _PLANS


def plan_for(stmt: Executable, keys: tuple[str, ...], dialect: Any) -> Plan | None:
    """The cached plan of `stmt` for rows with these keys, or None if it needs SQLAlchemy."""
    by_keys = _PLANS.get(stmt)
    if by_keys is None:
        by_keys = _PLANS[stmt] = {}
    plan = by_keys.get(keys)
    if plan is None:
        plan = by_keys[keys] = _compile(stmt, keys, dialect)
    return None if plan is _NO_PLAN else plan


def _compile(stmt: Executable, keys: tuple[str, ...], dialect: Any) -> Plan:
    element: Any = stmt
    compiled: Any = element.compile(dialect=dialect, column_keys=list(keys), for_executemany=True)
    if (
        compiled.positiontup is None
        or compiled.insert_prefetch
        or compiled.update_prefetch
        or compiled.literal_execute_params
        or compiled.post_compile_params
        or compiled.escaped_bind_names
        or getattr(compiled, "effective_returning", None)
    ):
        return _NO_PLAN
    names = tuple(compiled.positiontup)
    constants: dict[str, Any] = {}
    for name in set(names):
        bind = compiled.binds[name]
        if bind.expanding or bind.callable is not None:
            return _NO_PLAN
        if name not in keys:
            if bind.value is None:  # a value SQLAlchemy would compute or demand
                return _NO_PLAN
            constants[name] = bind.value
    found = compiled._bind_processors
    processors = tuple(
        (i, _faster(compiled.binds[name].type, dialect, found[name]))
        for i, name in enumerate(names)
        if name in found
    )
    _note_multirow(compiled.string, len(names))
    return Plan(compiled.string, names, constants, processors)


# --- many rows in one INSERT statement ------------------------------------------------------

#: `INSERT … VALUES (?, …) [ON CONFLICT …]` text → the parts of its many-rows form.
_MULTIROW: dict[str, tuple[str, str, str]] = {}
_VALUES = re.compile(r"\) VALUES (\(\?(?:, \?)*\))")
#: Fewer rows than this go to plain executemany.
MULTIROW_MIN = 8
#: At most this many rows per statement (SQLite compiles each row into its program).
MULTIROW_MAX = 1000
#: SQLite's default cap on placeholders per statement since 3.32 (999 before).
_MAX_VARIABLES = 32766 if sqlite3.sqlite_version_info >= (3, 32, 0) else 999


def _note_multirow(sql: str, width: int) -> None:
    """Remember how to write this INSERT's rows as one `VALUES (…), (…), …` statement.

    Why: the driver releases Python's GIL while SQLite works, but takes it back for every
    row of an executemany, and a thread waiting for the GIL while the event loop is busy
    waits up to the switch interval (5 ms) per row. With many rows in one statement the
    database thread takes the GIL once per statement, and SQLite inserts the rows in order,
    one at a time, upserts included, exactly as executemany does."""
    if not sql.startswith("INSERT INTO ") or width == 0 or sql.count("?") != width:
        return
    match = _VALUES.search(sql)
    if match is None or match.group(1).count("?") != width:
        return
    _MULTIROW[sql] = (sql[: match.start()] + ") VALUES ", match.group(1), sql[match.end() :])


def _execute(sqlite_conn: Any, sql: str, rows: list[tuple[Any, ...]]) -> None:
    """executemany, or for a known INSERT with enough rows, a few many-rows statements."""
    multirow = _MULTIROW.get(sql)
    if multirow is None or len(rows) < MULTIROW_MIN:
        sqlite_conn.executemany(sql, rows).close()
        return
    head, group, tail = multirow
    width = len(rows[0])
    size = max(1, min(MULTIROW_MAX, _MAX_VARIABLES // width))
    for start in range(0, len(rows), size):
        piece = rows[start : start + size]
        text = head + ", ".join([group] * len(piece)) + tail
        sqlite_conn.execute(text, list(chain.from_iterable(piece))).close()


_DATETIME_TEXT = (
    "%(year)04d-%(month)02d-%(day)02d %(hour)02d:%(minute)02d:%(second)02d.%(microsecond)06d"
)
_DATE_TEXT = "%(year)04d-%(month)02d-%(day)02d"


#: The last datetime written as default-format text, and that text: the rows of one event,
#: in any of its tables, share the event's time. Every such processor writes the same text.
_LAST_DATETIME: list[tuple[Any, str]] = [(None, "")]


def _faster(type_: Any, dialect: Any, processor: Processor) -> Processor:
    """SQLite's default DATETIME and DATE storage formats written with `isoformat`, which
    gives the same text several times faster; anything else keeps SQLAlchemy's processor."""
    impl = type_.dialect_impl(dialect)
    if getattr(impl, "_reg", None) is not None:
        return processor
    storage = getattr(impl, "_storage_format", None)
    if isinstance(impl, sqlite.DATETIME) and storage == _DATETIME_TEXT:

        def datetime_text(value: Any) -> Any:
            seen, text = _LAST_DATETIME[0]
            if value is seen:
                return text
            if type(value) is datetime:
                text = value.replace(tzinfo=None).isoformat(" ", "microseconds")
                _LAST_DATETIME[0] = (value, text)  # one assignment: threads may share it
                return text
            return processor(value)

        return datetime_text
    if isinstance(impl, sqlite.DATE) and storage == _DATE_TEXT:

        def date_text(value: Any) -> Any:
            if type(value) is date:
                return value.isoformat()
            return processor(value)

        return date_text
    return processor


Prepared = tuple[str, list[tuple[Any, ...]]]


def prepare(dialect: Any, stmt: Executable, params: Sequence[dict[str, Any]]) -> Prepared | None:
    """The SQL and positional rows for `stmt` over `params` (`dialect`: a connection's or
    engine's), or None when the statement or the rows need SQLAlchemy's own path."""
    if dialect.name != "sqlite" or not params:
        return None
    plan = plan_for(stmt, tuple(params[0]), dialect)
    if plan is None:
        return None
    try:
        return plan.sql, plan.rows(params)
    except KeyError:  # rows with other keys than the first: SQLAlchemy reports it properly
        return None


async def run(conn: AsyncConnection, prepared: Sequence[Prepared]) -> None:
    """Execute prepared statements in order, on the transaction's own driver connection:
    all of them in one hop to aiosqlite's thread where its API allows it."""
    if not prepared:
        return
    raw = await conn.get_raw_connection()
    driver: Any = raw.driver_connection
    submit = getattr(driver, "_execute", None)
    sqlite_conn = getattr(driver, "_conn", None)
    if submit is None or sqlite_conn is None:  # another aiosqlite: one hop per statement
        for sql, rows in prepared:
            cursor = await driver.executemany(sql, rows)
            await cursor.close()
        return

    def execute_all() -> None:
        for sql, rows in prepared:
            _execute(sqlite_conn, sql, rows)

    await submit(execute_all)


class Lane:
    """One connection of the engine held for a bulk load (a rebuild), on which each
    `commit(prepared)` runs BEGIN, the statements and COMMIT as a single job on aiosqlite's
    thread: one hop per transaction instead of three (statements, commit, the pool's reset
    on return), each of which waits for the event loop and the GIL while the loop is busy
    preparing the next chunk. SQLAlchemy never sees a transaction on this connection."""

    def __init__(self, conn: AsyncConnection, submit: Any, sqlite_conn: Any) -> None:
        self._conn = conn
        self._submit = submit
        self._sqlite = sqlite_conn

    @classmethod
    async def open(cls, engine: Any) -> Lane | None:
        """A lane on `engine`, or None where it cannot be had (not SQLite, or an aiosqlite
        without the one-hop API): then the caller writes through SQLAlchemy as usual."""
        if engine.dialect.name != "sqlite":
            return None
        conn = await engine.connect()
        raw = await conn.get_raw_connection()
        driver: Any = raw.driver_connection
        submit = getattr(driver, "_execute", None)
        sqlite_conn = getattr(driver, "_conn", None)
        if submit is None or sqlite_conn is None:
            await conn.close()
            return None
        return cls(conn, submit, sqlite_conn)

    async def commit(self, prepared: Sequence[Prepared]) -> None:
        """The statements in one transaction: all of them, or (on an error) none."""
        sqlite_conn = self._sqlite

        def transaction() -> None:
            if not sqlite_conn.in_transaction:
                sqlite_conn.execute("BEGIN")
            try:
                for sql, rows in prepared:
                    _execute(sqlite_conn, sql, rows)
            except BaseException:
                sqlite_conn.rollback()
                raise
            sqlite_conn.commit()

        await self._submit(transaction)

    async def close(self) -> None:
        await self._conn.close()
