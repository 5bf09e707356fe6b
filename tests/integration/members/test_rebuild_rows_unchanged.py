"""The fast handlers of `duty_activities` and `township_dashboard` write exactly the rows
the earlier handlers wrote (tests/integration/members/rows_reference.py): a rebuild from
the stream over a varied event set leaves the same tables, value for value — the stored
text of every column, JSON key order and local dates included — and every handler's
writes equal the reference's key for key, with the same value types."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pytest
from nats.aio.client import Client as NATS
from sqlalchemy import text

from services.members.projections.activities import DutyActivities
from services.members.projections.dashboard import TownshipDashboard
from services.members.projections.registry import read_registry
from shared.db import Database
from shared.events import RecordedEvent
from shared.eventstore import EventStore, PendingEvent, decode
from shared.projection import Projection, Write, flush
from shared.runner import ProjectionRunner, compare_tables
from shared.streamreader import read_range
from shared.streams import ensure_stream, last_sequence, stream_for
from tests.integration.members import rows_events, rows_reference

Reference = Callable[[Any, RecordedEvent], list[Write]]
CASES: list[tuple[type[Projection], Reference]] = [
    (DutyActivities, rows_reference.activities_writes),
    (TownshipDashboard, rows_reference.dashboard_writes),
]
STREAMS = {
    "members": rows_events.members_events,
    "proposals": rows_events.proposal_events,
    "consultation": rows_events.consultation_events,
}


async def _fill(nc: NATS) -> None:
    for context, make in STREAMS.items():
        spec = stream_for(context)
        await ensure_stream(nc, spec)
        store = EventStore(nc, spec, read_registry, service="test")
        for planned in make():
            await store.append(
                [PendingEvent(planned.aggregate_id, planned.event, planned.meta)], {}
            )


async def _read_back(nc: NATS, stream: str, projection: Projection) -> list[RecordedEvent]:
    """The stream's events as a rebuild decodes them (meta parsed from the headers)."""
    events: list[RecordedEvent] = []
    last = await last_sequence(nc, stream)
    if last == 0:
        return events
    async for chunk in read_range(nc, stream, 1, last):
        for raw in chunk:
            decoded = decode(projection.registry, stream, raw)
            if isinstance(decoded, RecordedEvent) and projection.handles(decoded.event):
                events.append(decoded)
    return events


def _typed(params: dict[str, Any]) -> list[tuple[str, type, Any]]:
    return [(key, type(value), value) for key, value in params.items()]


async def _stored(db: Database, projection: Projection) -> dict[str, list[tuple[Any, ...]]]:
    """Every table's rows as the database holds them (no SQLAlchemy type conversion)."""
    dump: dict[str, list[tuple[Any, ...]]] = {}
    async with db.read() as conn:
        for name, table in projection.tables.items():
            keys = ", ".join(c.name for c in table.primary_key.columns)
            result = await conn.execute(text(f"SELECT * FROM {table.name} ORDER BY {keys}"))
            dump[name] = [tuple((type(v).__name__, v) for v in row) for row in result]
    return dump


@pytest.mark.parametrize(("cls", "reference"), CASES, ids=lambda c: getattr(c, "__name__", ""))
async def test_rebuild_writes_the_rows_of_the_old_handlers(
    cls: type[Projection], reference: Reference, nc: NATS, db_url: str
) -> None:
    await _fill(nc)
    db = Database(db_url)
    try:
        rebuilt = cls(dialect=db.dialect)
        runner = ProjectionRunner(nc, db, [rebuilt])
        await runner.setup()
        counts = await runner.rebuild(rebuilt)
        assert counts["MEMBERS"] > 0

        # The reference: the same decoded events through the old handlers, into a clone.
        expected = rebuilt.clone("ref_")
        await db.create(expected.metadata)
        handled: set[str] = set()
        for stream in rebuilt.sources:
            events = await _read_back(nc, stream, rebuilt)
            writes: list[Write] = []
            for recorded in events:
                handled.add(type(recorded.event).__name__)
                old = reference(rebuilt, recorded)
                new = rebuilt._handlers[type(recorded.event)](recorded)
                assert [(s, _typed(p)) for s, p in new] == [(s, _typed(p)) for s, p in old]
                writes += reference(expected, recorded)
            async with db.write() as conn:
                await flush(conn, writes)
        assert handled == {c.__name__ for c in rebuilt._handlers}  # every kind was seen

        report = await compare_tables(db, expected, rebuilt)
        assert all(a == b and diff == 0 for a, b, diff in report.values()), report
        assert all(a > 0 for a, _, _ in report.values()), report  # every table has rows
        assert await _stored(db, rebuilt) == await _stored(db, expected)
    finally:
        await db.dispose()


def test_reference_handlers_cover_every_kind() -> None:
    """A handler added later without a reference would make the test above fail loudly."""
    events: Sequence[rows_events.Planned] = [
        *rows_events.members_events(),
        *rows_events.proposal_events(),
        *rows_events.consultation_events(),
    ]
    kinds = {type(p.event) for p in events}
    for cls, _ in CASES:
        assert set(cls()._handlers) <= kinds, cls.name
