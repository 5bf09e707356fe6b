"""executemany on SQLite without SQLAlchemy's per-row work.

A projection's writes are a few statements repeated with many parameter dicts. SQLAlchemy
builds every row's parameters generically (a dict per row, the bind processors looked up
per row); on a small machine that costs more than SQLite's own insert. Here a statement
is compiled once per set of keys into a *plan* — the SQL text, an `itemgetter` that lays a
row's dict out in placeholder order, and the bind processors SQLAlchemy would apply
(dates and datetimes to text, booleans to 0/1) — and the rows go to the driver's
`executemany` on the same connection, inside the same transaction.

A statement the plan cannot express exactly (defaults computed at execution, expanding
or callable parameters, RETURNING, renamed parameters) answers `None` and the caller uses
SQLAlchemy as usual.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from operator import itemgetter
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

    def rows(self, params: Sequence[dict[str, Any]]) -> list[tuple[Any, ...]]:
        """Positional rows; KeyError if a row lacks a parameter the statement needs."""
        if self.constants:
            params = [{**self.constants, **p} for p in params]
        if len(self.names) == 1:
            only = self.names[0]
            rows: list[Any] = [(p[only],) for p in params]
        else:
            rows = list(map(itemgetter(*self.names), params)) if self.names else [()] * len(params)
        if not self.processors:
            return rows
        out = []
        for row in rows:
            values = list(row)
            for index, process in self.processors:
                value = values[index]
                if value is not None:
                    values[index] = process(value)
            out.append(tuple(values))
        return out


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
    return Plan(compiled.string, names, constants, processors)


_DATETIME_TEXT = (
    "%(year)04d-%(month)02d-%(day)02d %(hour)02d:%(minute)02d:%(second)02d.%(microsecond)06d"
)
_DATE_TEXT = "%(year)04d-%(month)02d-%(day)02d"


def _faster(type_: Any, dialect: Any, processor: Processor) -> Processor:
    """SQLite's default DATETIME and DATE storage formats written with `isoformat`, which
    gives the same text several times faster; anything else keeps SQLAlchemy's processor."""
    impl = type_.dialect_impl(dialect)
    if getattr(impl, "_reg", None) is not None:
        return processor
    storage = getattr(impl, "_storage_format", None)
    if isinstance(impl, sqlite.DATETIME) and storage == _DATETIME_TEXT:

        def datetime_text(value: Any) -> Any:
            if type(value) is datetime:
                return value.replace(tzinfo=None).isoformat(" ", "microseconds")
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
            sqlite_conn.executemany(sql, rows).close()

    await submit(execute_all)
