"""Rebuild: replay a projection's streams from sequence 1 into fresh tables, and compare.

Three things overlap: the stream is read with batched direct gets (ordered, no consumer,
no acks) on a lean connection (`shared.streamreader`) one chunk ahead; the next chunk's
events are decoded and turned into SQL rows (handlers are pure) while the database thread
still writes the previous chunk; each chunk is one transaction with its checkpoint (on
SQLite one job on a connection held for the replay: `sqlitebulk.Lane`). A projection with
read-before-write handlers (`on_async`) applies those chunks in the transaction instead.
The cyclic garbage collector is paused meanwhile (`collector_paused`), and the
projection's fingerprint is recorded at the end (`shared.readmodel_schema`).
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from sqlalchemy import Index, delete, select
from sqlalchemy.schema import CreateTable

from shared import sqlitebulk
from shared.db import Database
from shared.eventstore import RawMessage
from shared.projection import Projection, bookkeeping, checkpoints
from shared.readmodel_schema import fingerprint, store_fingerprint
from shared.streamreader import read_range
from shared.streams import StreamMissing, last_sequence

if TYPE_CHECKING:
    from shared.runner import Chunk, ProjectionRunner

ReadAhead = list[RawMessage] | BaseException | None


async def replay(
    runner: ProjectionRunner,
    projection: Projection,
    up_to: dict[str, int] | None = None,
    batch: int = 2000,
) -> dict[str, int]:
    """Drop the projection's tables and checkpoints and replay its streams up to `up_to`
    (default: each stream's last sequence). Returns the messages replayed per stream.

    The tables are created with their primary keys and unique indexes only (upserts need
    them); the other indexes are built once at the end, which is cheaper than keeping
    them up to date row by row."""
    db = runner.db
    await db.create(bookkeeping)
    await db.drop(list(projection.metadata.sorted_tables))
    deferred = await _create_for_bulk_load(db, projection)
    try:
        with collector_paused():
            counts = await _replay_streams(runner, projection, up_to, batch)
    finally:
        # Even after a failure: the tables must not stay without their indexes.
        await _create_indexes(db, deferred)
    if projection.replayable and not projection.prefix:
        # The tables now match the code: remember for which read model they were built.
        async with db.write() as conn:
            await store_fingerprint(
                conn,
                db.dialect,
                projection.checkpoint_name,
                fingerprint(projection, db.engine.dialect),
            )
    return counts


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off for the block, back on (as it was) after it.

    A replay allocates millions of short-lived objects and keeps a few chunks of them
    alive at a time, so the collector runs over and over through every object of the
    process and finds nothing: a third of a rebuild's CPU on a small machine. The
    replay's own objects hold no reference cycles (reference counting frees them);
    cycles made elsewhere meanwhile are collected once the block ends."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


async def _replay_streams(
    runner: ProjectionRunner, projection: Projection, up_to: dict[str, int] | None, batch: int
) -> dict[str, int]:
    from shared.runner import _Stream, prepare_chunk_yielding

    db = runner.db
    dialect = db.engine.dialect
    counts: dict[str, int] = {}
    for stream in projection.sources:
        async with db.write() as conn:
            await conn.execute(
                delete(checkpoints).where(
                    checkpoints.c.projection == projection.checkpoint_name,
                    checkpoints.c.stream == stream,
                )
            )
        target = (up_to or {}).get(stream)
        if target is None:
            try:
                target = await last_sequence(runner.nc, stream)
            except StreamMissing:  # its service has not created it yet: nothing to replay
                target = 0
        counts[stream] = 0
        if target == 0:
            continue
        state = _Stream(projection, stream, 0)
        chunks: asyncio.Queue[ReadAhead] = asyncio.Queue(2)
        reader = asyncio.create_task(_read(runner, stream, target, batch, chunks))
        writing: asyncio.Task[None] | None = None
        lane = await sqlitebulk.Lane.open(db.engine)
        try:
            while (item := await chunks.get()) is not None:
                if isinstance(item, BaseException):
                    raise item
                # CPU work for this chunk (decode, handlers, SQL rows) runs while the
                # database thread is still writing the previous one; the preparation
                # yields now and then so that the write task gets its turns to start.
                prepared = await prepare_chunk_yielding(state, item, dialect)
                if writing is not None:
                    await writing
                writing = asyncio.create_task(_write(runner, prepared, lane))
                counts[stream] += len(item)
            if writing is not None:
                await writing
                writing = None
        finally:
            for task in (reader, writing):
                if task is not None and not task.done():
                    task.cancel()
                    with contextlib.suppress(BaseException):
                        await task
            if lane is not None:
                await lane.close()
    return counts


async def _create_for_bulk_load(db: Database, projection: Projection) -> list[Index]:
    """Create the projection's tables and unique indexes; return the other indexes.
    A projection whose handlers read (`on_async`) gets every index at once: its reads
    during the replay need them."""
    deferred: list[Index] = []
    defer = not projection.reads_while_applying()

    def create(sync_conn: Any) -> None:
        for table in projection.metadata.sorted_tables:
            sync_conn.execute(CreateTable(table))
            for index in sorted(table.indexes, key=lambda i: str(i.name)):
                if index.unique or not defer:
                    index.create(sync_conn)
                else:
                    deferred.append(index)

    async with db.write() as conn:
        await conn.run_sync(create)
    return deferred


async def _create_indexes(db: Database, indexes: list[Index]) -> None:
    if not indexes:
        return

    def create(sync_conn: Any) -> None:
        for index in indexes:
            index.create(sync_conn, checkfirst=True)

    async with db.write() as conn:
        await conn.run_sync(create)


async def _write(runner: ProjectionRunner, chunk: Chunk, lane: sqlitebulk.Lane | None) -> None:
    """One chunk in one transaction, with the checkpoint: on the lane when every write of
    the chunk is a SQLite plan (one hop), else through SQLAlchemy."""
    steps = _all_planned(runner, chunk) if lane is not None else None
    if lane is not None and steps is not None:
        async with runner.db.write_lock:
            await lane.commit(steps)
    else:
        async with runner.db.write() as conn:
            await runner.apply_chunks(conn, [chunk])
    chunk.state.position = chunk.last


def _all_planned(runner: ProjectionRunner, chunk: Chunk) -> list[sqlitebulk.Prepared] | None:
    """The chunk's writes and checkpoint as SQLite plans, or None if one of them needs
    SQLAlchemy (a handler that reads, a statement without a plan) or the chunk starts
    after a gap (recorded through SQLAlchemy)."""
    from shared.runner import checkpoint_row, checkpoint_upsert

    state = chunk.state
    if chunk.steps is None or chunk.raws[0].seq != state.position + 1:
        return None
    planned: list[sqlitebulk.Prepared] = []
    for step in chunk.steps:
        if not isinstance(step[0], str):
            return None
        planned.append(step)
    db = runner.db
    mark = checkpoint_row(state.projection.checkpoint_name, state.stream, chunk.last)
    prepared = sqlitebulk.prepare(db.engine.dialect, checkpoint_upsert(db.dialect), [mark])
    if prepared is None:
        return None
    planned.append(prepared)
    return planned


async def _read(
    runner: ProjectionRunner, stream: str, target: int, batch: int, chunks: asyncio.Queue[ReadAhead]
) -> None:
    try:
        async for chunk in read_range(runner.nc, stream, 1, target, batch):
            await chunks.put(chunk)
        await chunks.put(None)
    except BaseException as exc:  # handed to the consumer, which raises it
        await chunks.put(exc)


async def compare_tables(
    db: Database, live: Projection, rebuilt: Projection
) -> dict[str, tuple[int, int, int]]:
    """Compare every table of two instances of a projection, row by row.

    Returns {table: (live_rows, rebuilt_rows, differing_rows)}; equal when all third
    numbers are 0 and the first two agree.
    """
    report: dict[str, tuple[int, int, int]] = {}
    async with db.read() as conn:
        for name, live_table in live.tables.items():
            other = rebuilt.tables[name]
            order = [c.name for c in live_table.primary_key.columns] or [
                c.name for c in live_table.c
            ]
            a = (
                await conn.execute(select(live_table).order_by(*[live_table.c[c] for c in order]))
            ).all()
            b = (await conn.execute(select(other).order_by(*[other.c[c] for c in order]))).all()
            differing = sum(1 for x, y in zip(a, b, strict=False) if tuple(x) != tuple(y))
            differing += abs(len(a) - len(b))
            report[name] = (len(a), len(b), differing)
    return report
