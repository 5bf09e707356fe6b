"""Tables and row builders of the `performance` projection (one fact per row)."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    Index,
    Integer,
    String,
    Text,
)

from services.members.localtime import local_date
from shared.events import RecordedEvent

ID = String(64)
CODE = String(64)
FACT_ID = String(200)
TIME = DateTime(timezone=True)


def fact_columns() -> list[Any]:
    return [
        Column("fact_id", FACT_ID, primary_key=True),
        Column("member_id", ID, nullable=False),
        Column("year", Integer, nullable=False),
        Column("category", CODE, nullable=False),
        Column("kind", CODE, nullable=False),
        Column("detail", CODE),
        Column("role", CODE),
        Column("ref_id", ID, index=True),
        Column("occurred_on", Date, nullable=False),
        Column("recorded_at", TIME, nullable=False),
        Column("township_id", ID),
        Column("source_type", String(200), nullable=False),
        Column("stream", String(32), nullable=False),
        Column("seq", BigInteger, nullable=False),
        Column("void_reason", CODE),
        Column("fixed_points", Float),
        Column("note", Text),
    ]


def fact_indexes(prefix: str) -> list[Index]:
    return [Index(f"ix_{prefix}perf_facts_member_year", "member_id", "year")]


def history_columns() -> list[Any]:
    return [
        Column("member_id", ID, primary_key=True),
        Column("seq", BigInteger, primary_key=True),
        Column("since", TIME, nullable=False),
        Column("township_id", ID, nullable=False),
    ]


def member_columns() -> list[Any]:
    return [
        Column("member_id", ID, primary_key=True),
        Column("name", Text),
        Column("township_id", ID, index=True),
        Column("registered_at", TIME, nullable=False),
        Column("active", Boolean, nullable=False),
    ]


def term_columns() -> list[Any]:
    return [
        Column("member_id", ID, primary_key=True),
        Column("term_no", Integer, primary_key=True),
        Column("joined_on", Date),
        Column("left_on", Date),
        Column("exit_reason", CODE),
    ]


def author_columns() -> list[Any]:
    return [
        Column("proposal_id", ID, primary_key=True),
        Column("member_id", ID, primary_key=True),
        Column("role", CODE, nullable=False),
    ]


def escalation_columns() -> list[Any]:
    return [
        Column("draft_id", ID, primary_key=True),
        Column("visit_id", ID, nullable=False),
        Column("member_id", ID, nullable=False),
        Column("township_id", ID),
        Column("target", CODE, nullable=False),
    ]


def constraint_columns() -> list[Any]:
    return [
        Column("member_id", ID, primary_key=True),
        Column("year", Integer, primary_key=True),
        Column("rule", CODE, primary_key=True),
        Column("evidence", Text, nullable=False),
        Column("score", Float),
        Column("detail", Text, nullable=False),
        Column("ruleset_version", CODE, nullable=False),
        Column("township_id", ID),
        Column("recorded_at", TIME, nullable=False),
        Column("seq", BigInteger, nullable=False),
    ]


def day(value: date | None, rec: RecordedEvent) -> date:
    """The business date, else the county's calendar date when the event was recorded."""
    return value if value is not None else local_date(rec.time)


def fact_row(
    rec: RecordedEvent,
    fact_id: str,
    member_id: str,
    category: str,
    kind: str,
    on: date,
    **extra: Any,
) -> dict[str, Any]:
    """A fact row; `extra` may set year (default: the year of `on`), detail, role, ref_id,
    township_id (snapshot carried by the event), fixed_points and note."""
    row: dict[str, Any] = {
        "fact_id": fact_id,
        "member_id": member_id,
        "year": on.year,
        "category": category,
        "kind": kind,
        "detail": None,
        "role": None,
        "ref_id": None,
        "occurred_on": on,
        "recorded_at": rec.time,
        "township_id": None,
        "source_type": rec.ce_type or rec.event.ce_type(),
        "stream": rec.stream,
        "seq": rec.seq,
        "void_reason": None,
        "fixed_points": None,
        "note": None,
    }
    unknown = set(extra) - set(row)
    if unknown:
        raise KeyError(f"unknown fact columns: {sorted(unknown)}")
    row.update(extra)
    return row
