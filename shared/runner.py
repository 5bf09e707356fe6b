"""The projection runner: JetStream → read models with exactly-once effect.

The service's projections are grouped by source stream. Per group: ONE durable pull
consumer, and per fetched batch ONE database transaction that applies the batch to every
projection of the group (each skipping what is at or below its own checkpoint) and stores
every projection's checkpoint; commit, then ack. A crash anywhere loses nothing and counts
nothing twice; the consumer is recreated at the lowest checkpoint + 1 on every (re)start
so stream order is kept (decision 0002).

A batch that fails falls back to one projection and one event at a time: the failing event
is retried in order with back-off; after `max_deliver` attempts — counted by the server
across crashes too — it goes to the dead-letter table and the projection moves on.
Sequence gaps are recorded and reported.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import structlog
from nats.aio.client import Client as NATS
from nats.aio.msg import Msg
from nats.errors import MsgAlreadyAckdError
from nats.js.errors import NotFoundError
from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql import Executable

from shared import metrics
from shared.db import Database, upsert
from shared.events import RecordedEvent
from shared.eventstore import RawMessage, decode
from shared.projection import (
    Projection,
    Step,
    Write,
    bookkeeping,
    checkpoints,
    dead_letters,
    group_writes,
    plan_groups,
    read_checkpoint,
    run_steps,
    sequence_gaps,
    utcnow,
)
from shared.pull import PullBatch
from shared.readmodel_schema import fingerprint, store_fingerprint, stored_fingerprint
from shared.rebuild import compare_tables, replay

log = structlog.get_logger(__name__)


class InjectedCrash(Exception):
    """Raised by a fault hook in tests to simulate a process dying at a given point."""


@dataclass
class RunnerConfig:
    batch: int = 500
    fetch_timeout: float = 1.0
    max_deliver: int = 5
    backoff: tuple[float, ...] = (0.1, 0.5, 2.0, 5.0)
    ack_wait: float = 30.0
    inactive_threshold: float = 7 * 24 * 3600.0
    # Test hook: called with "before_commit" / "after_commit"; may raise InjectedCrash.
    fault: Callable[[str], None] | None = None


@dataclass
class _Stream:
    """One projection reading one stream: its committed position."""

    projection: Projection
    stream: str
    position: int = 0
    changed: asyncio.Condition = field(default_factory=asyncio.Condition)


@dataclass
class _Group:
    """All of the runner's projections reading one stream: one consumer, one loop."""

    stream: str
    members: list[_Stream]
    task: asyncio.Task[None] | None = None

    @property
    def floor(self) -> int:
        return min(m.position for m in self.members)


Item = tuple[Msg, RawMessage]


class ProjectionRunner:
    """Runs a service's projections against its database."""

    def __init__(
        self,
        nc: NATS,
        db: Database,
        projections: Sequence[Projection],
        config: RunnerConfig | None = None,
        service: str = "",
    ) -> None:
        self.service = service
        self.nc = nc
        self.js = nc.jetstream()
        self.db = db
        self.projections = list(projections)
        self.config = config or RunnerConfig()
        self._streams: dict[tuple[str, str], _Stream] = {}
        self._groups: dict[str, _Group] = {}
        self._stopping = asyncio.Event()
        self.changed_read_models: list[str] = []  # filled by setup(rebuild_changed=False)

    # --- lifecycle -------------------------------------------------------------------

    async def setup(self, rebuild_changed: bool = True) -> None:
        """Create bookkeeping and read-model tables (idempotent); load positions.

        A projection whose read model changed since its tables were built is rebuilt
        first (ADR 0015); with `rebuild_changed=False` (a check that must not write, like
        `cppcc rebuild --verify`) it is only listed in `changed_read_models`."""
        await self.db.create(bookkeeping)
        self.changed_read_models = []
        for projection in self.projections:
            await self._ensure_tables(projection, rebuild_changed)
            for stream in projection.sources:
                async with self.db.read() as conn:
                    seq = await read_checkpoint(conn, projection.checkpoint_name, stream)
                state = _Stream(projection, stream, seq)
                self._streams[(projection.name, stream)] = state
                self._groups.setdefault(stream, _Group(stream, [])).members.append(state)
                _init_metrics(projection.name, stream, seq)

    async def _ensure_tables(self, projection: Projection, rebuild_changed: bool) -> None:
        """Create the projection's tables; rebuild them first if the code's read model is
        no longer the one they were built for (see `shared.readmodel_schema`)."""
        if not projection.replayable or projection.prefix:
            await self.db.create(projection.metadata)
            return
        current = fingerprint(projection, self.db.engine.dialect)
        async with self.db.read() as conn:
            stored = await stored_fingerprint(conn, projection.checkpoint_name)
        if stored is not None and stored != current and not rebuild_changed:
            self.changed_read_models.append(projection.name)
            await self.db.create(projection.metadata)
            return
        if stored is not None and stored != current:
            log.warning("projection_schema_changed", projection=projection.name, action="rebuild")
            counts = await replay(self, projection)  # records the new fingerprint
            log.info("projection_rebuilt", projection=projection.name, replayed=counts)
            return
        await self.db.create(projection.metadata)
        if stored is None:
            async with self.db.write() as conn:
                await store_fingerprint(conn, self.db.dialect, projection.checkpoint_name, current)

    async def start(self) -> None:
        if not self._streams:
            await self.setup()
        self._stopping.clear()
        for group in self._groups.values():
            group.task = asyncio.create_task(self._run(group), name=f"proj-{group.stream}")

    async def stop(self) -> None:
        self._stopping.set()
        tasks = [g.task for g in self._groups.values() if g.task is not None]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        for group in self._groups.values():
            group.task = None

    def positions(self) -> dict[tuple[str, str], int]:
        return {key: s.position for key, s in self._streams.items()}

    def position(self, stream: str) -> int:
        """The lowest committed sequence of `stream` over this service's projections."""
        group = self._groups.get(stream)
        return group.floor if group else 0

    async def wait_for(self, stream: str, seq: int, timeout: float) -> bool:
        """Wait until every projection reading `stream` has committed `seq`."""
        group = self._groups.get(stream)
        if group is None:
            return False

        async def reached(state: _Stream) -> None:
            async with state.changed:
                await state.changed.wait_for(lambda: state.position >= seq)

        try:
            await asyncio.wait_for(asyncio.gather(*(reached(s) for s in group.members)), timeout)
        except TimeoutError:
            return False
        return True

    def healthy(self) -> bool:
        return all(g.task is not None and not g.task.done() for g in self._groups.values())

    # --- consumer --------------------------------------------------------------------

    def _durable(self, group: _Group) -> str:
        # Services share the server, and each database has its own positions: the consumer
        # name carries the service's name and a digest of the database it feeds.
        owner = f"{self.service}_" if self.service else ""
        digest = hashlib.sha1(self.db.url.encode()).hexdigest()[:8]
        return f"proj_{owner}{group.stream.lower()}_{digest}"

    async def _ensure_consumer(self, group: _Group) -> None:
        """(Re)create the durable consumer to start right after the lowest checkpoint.

        Messages a previous run fetched but never acked would otherwise come back only
        after ack_wait, behind newer ones; starting at floor+1 keeps stream order.
        """
        durable = self._durable(group)
        with contextlib.suppress(NotFoundError):
            await self.js.delete_consumer(group.stream, durable)
        config: dict[str, Any] = {
            "durable_name": durable,
            "ack_policy": "all",  # one ack per batch acknowledges everything before it
            "deliver_policy": "by_start_sequence",
            "opt_start_seq": group.floor + 1,
            "max_deliver": self.config.max_deliver + 1,
            "ack_wait": int(self.config.ack_wait * 1e9),
            "max_ack_pending": max(self.config.batch * 2, 1000),
            "backoff": [int(b * 1e9) for b in self._server_backoff()],
            # A consumer whose database is gone (an old instance) is removed by the server.
            "inactive_threshold": int(self.config.inactive_threshold * 1e9),
        }
        reply = await self.nc.request(
            f"$JS.API.CONSUMER.CREATE.{group.stream}.{durable}",
            json.dumps({"stream_name": group.stream, "config": config}).encode(),
            timeout=5.0,
        )
        answer = json.loads(reply.data)
        if "error" in answer:
            raise RuntimeError(f"consumer {durable}: {answer['error'].get('description')}")

    def _server_backoff(self) -> list[float]:
        # Server redelivery back-off (after a crash); one entry per redelivery.
        base = [max(self.config.ack_wait, b) for b in self.config.backoff]
        return base[: self.config.max_deliver] or [self.config.ack_wait]

    # --- live loop -------------------------------------------------------------------

    async def _run(self, group: _Group) -> None:
        failures = 0
        while not self._stopping.is_set():
            puller: PullBatch | None = None
            try:
                # Also waits here (retrying) while a source stream does not exist yet.
                await self._ensure_consumer(group)
                puller = PullBatch(self.nc, group.stream, self._durable(group))
                await puller.start()
                failures = 0
                while not self._stopping.is_set() and not puller.unfinished:
                    msgs = await puller.fetch(self.config.batch, self.config.fetch_timeout)
                    if msgs:
                        await self.process(group, msgs)
                    else:
                        _set_lag(group, 0)
            except asyncio.CancelledError:
                raise
            except InjectedCrash:
                raise
            except Exception as exc:  # connection trouble: log, back off, start over
                failures += 1
                log.warning("projection_loop_error", stream=group.stream, error=repr(exc))
                await asyncio.sleep(min(0.25 * 2**failures, 5.0))
            finally:
                if puller is not None:
                    await puller.stop()

    async def process(self, group: _Group | _Stream, msgs: list[Msg]) -> None:
        """Apply one fetched batch: one transaction with the checkpoints, then one ack."""
        if isinstance(group, _Stream):  # one projection on its own (tests, tools)
            group = _Group(group.stream, [group])
        items = [(msg, _raw(msg)) for msg in msgs]
        try:
            await self._commit(group.members, items)
        except InjectedCrash:
            raise
        except Exception as exc:
            log.info("batch_failed_retrying_singly", stream=group.stream, error=repr(exc))
            for member in group.members:
                for item in items:
                    await self._process_one(member, item)
        await _ack(msgs[-1])
        _set_lag(group, msgs[-1].metadata.num_pending)

    async def _process_one(self, state: _Stream, item: Item) -> None:
        msg, raw = item
        attempts = msg.metadata.num_delivered
        error: Exception | None = None
        while attempts <= self.config.max_deliver:
            try:
                await self._commit([state], [item])
                return
            except InjectedCrash:
                raise
            except Exception as exc:
                error = exc
                if attempts >= self.config.max_deliver:
                    break
                delay = self.config.backoff[min(attempts - 1, len(self.config.backoff) - 1)]
                log.warning(
                    "projection_event_failed",
                    projection=state.projection.name,
                    stream=state.stream,
                    seq=raw.seq,
                    attempt=attempts,
                    error=repr(exc),
                )
                await msg.in_progress()
                await asyncio.sleep(delay)
                attempts += 1
        await self._dead_letter(state, raw, error, attempts)

    async def _commit(self, members: Sequence[_Stream], items: Sequence[Item]) -> None:
        advanced: list[tuple[_Stream, int, int]] = []
        dialect = self.db.engine.dialect
        async with self.db.write() as conn:
            work: list[Chunk] = []
            for state in members:
                fresh = [raw for _, raw in items if raw.seq > state.position]
                if fresh:
                    work.append(prepare_chunk(state, fresh, dialect))
                    advanced.append((state, fresh[-1].seq, len(fresh)))
            await self.apply_chunks(conn, work)
            if self.config.fault:
                self.config.fault("before_commit")
        for state, last, count in advanced:
            self._advanced(state, last, count)
        if self.config.fault:
            self.config.fault("after_commit")

    async def _apply(
        self, conn: AsyncConnection, state: _Stream, raws: Sequence[RawMessage]
    ) -> int:
        """Apply one projection's messages and its checkpoint (tests, tools)."""
        await self.apply_chunks(conn, [prepare_chunk(state, raws, self.db.engine.dialect)])
        return raws[-1].seq

    async def apply_chunks(self, conn: AsyncConnection, chunks: Sequence[Chunk]) -> None:
        """Apply prepared chunks of several projections, and their checkpoints, in the
        caller's transaction: the planned writes of all of them, checkpoints included, go
        to the database together (on SQLite: one hop to its thread)."""
        steps: list[Step] = []
        marks: list[dict[str, Any]] = []
        for chunk in chunks:
            state = chunk.state
            if chunk.raws[0].seq > state.position + 1:
                await self._gap(conn, state, state.position + 1, chunk.raws[0].seq - 1)
            if chunk.steps is None:
                # A handler that reads first: it must see everything planned so far.
                await run_steps(conn, steps)
                steps = []
                await state.projection.apply(conn, chunk.events)
            else:
                steps.extend(chunk.steps)
            marks.append(checkpoint_row(state.projection.checkpoint_name, state.stream, chunk.last))
        if marks:
            steps.extend(plan_groups(conn.dialect, [(checkpoint_upsert(self.db.dialect), marks)]))
        await run_steps(conn, steps)

    def _advanced(self, state: _Stream, last: int, count: int) -> None:
        state.position = last
        name = state.projection.name
        metrics.child(metrics.PROJECTION_EVENTS, name, state.stream).inc(count)
        metrics.child(metrics.PROJECTION_POSITION, name, state.stream).set(last)
        asyncio.get_running_loop().create_task(_notify(state))

    async def _gap(self, conn: AsyncConnection, state: _Stream, start: int, end: int) -> None:
        log.error(
            "projection_sequence_gap",
            projection=state.projection.name,
            stream=state.stream,
            from_seq=start,
            to_seq=end,
        )
        metrics.SEQUENCE_GAPS.labels(state.projection.name, state.stream).inc()
        await conn.execute(
            insert(sequence_gaps).values(
                projection=state.projection.checkpoint_name,
                stream=state.stream,
                from_seq=start,
                to_seq=end,
                detected_at=utcnow(),
            )
        )

    async def _dead_letter(
        self, state: _Stream, raw: RawMessage, error: Exception | None, attempts: int
    ) -> None:
        name = state.projection.name
        log.error(
            "projection_dead_letter",
            projection=name,
            stream=state.stream,
            seq=raw.seq,
            subject=raw.subject,
            error=repr(error),
        )
        async with self.db.write() as conn:
            if raw.seq > state.position + 1:
                await self._gap(conn, state, state.position + 1, raw.seq - 1)
            await conn.execute(
                insert(dead_letters).values(
                    projection=state.projection.checkpoint_name,
                    stream=state.stream,
                    seq=raw.seq,
                    subject=raw.subject,
                    event_type=raw.headers.get("ce-type", ""),
                    error=repr(error)[:2000],
                    attempts=attempts,
                    recorded_at=utcnow(),
                )
            )
            await store_checkpoint(
                conn, self.db.dialect, state.projection.checkpoint_name, state.stream, raw.seq
            )
        metrics.DEAD_LETTERS.labels(name, state.stream).inc()
        self._advanced(state, raw.seq, 1)

    # --- rebuild ---------------------------------------------------------------------

    async def rebuild(
        self, projection: Projection, up_to: dict[str, int] | None = None, batch: int = 2000
    ) -> dict[str, int]:
        """Drop the projection's tables and checkpoints and replay its streams from 1.

        Run it on a projection that is not live (stopped, or a prefixed clone).
        Returns the number of messages replayed per stream.
        """
        return await replay(self, projection, up_to, batch)

    async def reset_live(self, projection: Projection) -> dict[str, int]:
        """Rebuild a live projection in place: stop, rebuild, recreate consumers, start."""
        await self.stop()
        counts = await self.rebuild(projection)
        for (name, _), state in self._streams.items():
            if name == projection.name:
                async with self.db.read() as conn:
                    state.position = await read_checkpoint(
                        conn, projection.checkpoint_name, state.stream
                    )
        await self.start()
        return counts


@dataclass
class Chunk:
    """One projection's share of a batch, worked out before the transaction needs it:
    its events, and its planned writes (None if a handler must read first)."""

    state: _Stream
    raws: Sequence[RawMessage]
    events: list[RecordedEvent]
    steps: list[Step] | None

    @property
    def last(self) -> int:
        return self.raws[-1].seq


def prepare_chunk(state: _Stream, raws: Sequence[RawMessage], dialect: Any) -> Chunk:
    """Decode, run the handlers and plan the SQL: CPU work only, no database."""
    events = events_for(state.projection, state.stream, raws)
    writes = state.projection.writes_of(events)
    steps = None if writes is None else plan_groups(dialect, group_writes(writes))
    return Chunk(state, raws, events, steps)


async def prepare_chunk_yielding(
    state: _Stream, raws: Sequence[RawMessage], dialect: Any, slice_size: int = 200
) -> Chunk:
    """`prepare_chunk`, giving the event loop a turn every `slice_size` messages: the
    database task of the previous chunk (and the reader) keep moving meanwhile."""
    projection = state.projection
    events: list[RecordedEvent] = []
    writes: list[Write] | None = []
    for start in range(0, len(raws), slice_size):
        part = events_for(projection, state.stream, raws[start : start + slice_size])
        events.extend(part)
        if writes is not None:
            more = projection.writes_of(part)
            if more is None:
                writes = None
            else:
                writes.extend(more)
        await asyncio.sleep(0)
    steps = None if writes is None else plan_groups(dialect, group_writes(writes))
    return Chunk(state, raws, events, steps)


def events_for(
    projection: Projection, stream: str, raws: Sequence[RawMessage]
) -> list[RecordedEvent]:
    """The decoded events among `raws` that the projection handles."""
    events: list[RecordedEvent] = []
    registry = projection.registry
    for raw in raws:
        # Look at ce-type before paying for validation: most events are not ours.
        ce_type = raw.headers.get("ce-type", "")
        cls = registry.resolve(ce_type)
        if cls is None or not projection.handles_type(cls):
            continue
        decoded = decode(registry, stream, raw, ce_type)
        if isinstance(decoded, RecordedEvent):
            events.append(decoded)
    return events


def _init_metrics(projection: str, stream: str, seq: int) -> None:
    metrics.PROJECTION_POSITION.labels(projection, stream).set(seq)
    # Create the series at zero so alerts on increase() see the first one.
    metrics.DEAD_LETTERS.labels(projection, stream).inc(0)
    metrics.SEQUENCE_GAPS.labels(projection, stream).inc(0)


def _set_lag(group: _Group, pending: int) -> None:
    for state in group.members:
        metrics.child(metrics.PROJECTION_LAG, state.projection.name, state.stream).set(pending)


async def _notify(state: _Stream) -> None:
    async with state.changed:
        state.changed.notify_all()


_CHECKPOINT_UPSERTS: dict[str, Executable] = {}


def checkpoint_upsert(dialect: str) -> Executable:
    """One statement object per dialect, so that its SQLite plan is made once."""
    stmt = _CHECKPOINT_UPSERTS.get(dialect)
    if stmt is None:
        stmt = _CHECKPOINT_UPSERTS[dialect] = upsert(dialect, checkpoints, ["projection", "stream"])
    return stmt


def checkpoint_row(projection: str, stream: str, seq: int) -> dict[str, Any]:
    return {"projection": projection, "stream": stream, "last_seq": seq, "updated_at": utcnow()}


async def store_checkpoint(
    conn: AsyncConnection, dialect: str, projection: str, stream: str, seq: int
) -> None:
    await conn.execute(checkpoint_upsert(dialect), checkpoint_row(projection, stream, seq))


async def _ack(msg: Msg) -> None:
    with contextlib.suppress(MsgAlreadyAckdError):
        await msg.ack()


def _raw(msg: Msg) -> RawMessage:
    return RawMessage(
        subject=msg.subject,
        seq=msg.metadata.sequence.stream,
        headers=msg.headers or {},
        data=msg.data,
    )


__all__ = ["InjectedCrash", "ProjectionRunner", "RunnerConfig", "compare_tables", "replay"]
