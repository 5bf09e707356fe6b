"""The projection runner: JetStream → read models with exactly-once effect.

Per projection and source stream: a durable pull consumer (explicit ack, bounded
`max_deliver`, back-off). A fetched batch is applied in ONE database transaction that also
stores the checkpoint (stream sequence); commit, then ack. Redelivered events at or below
the checkpoint are skipped, so a crash anywhere loses nothing and counts nothing twice.

A failing event is retried in order (the batch before it is committed first); after
`max_deliver` attempts — counted by the server across crashes too — it goes to the
dead-letter table and the projection moves on. Sequence gaps are recorded and reported.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import structlog
from nats.aio.client import Client as NATS
from nats.aio.msg import Msg
from nats.errors import MsgAlreadyAckdError
from nats.errors import TimeoutError as NatsTimeout
from nats.js.errors import NotFoundError
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from shared import metrics
from shared.db import Database, upsert
from shared.events import RecordedEvent, UnknownEvent
from shared.eventstore import RawMessage, decode, direct_get_batches
from shared.projection import (
    Projection,
    bookkeeping,
    checkpoints,
    dead_letters,
    read_checkpoint,
    sequence_gaps,
    utcnow,
)
from shared.streams import last_sequence

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
    # Test hook: called with "before_commit" / "after_commit"; may raise InjectedCrash.
    fault: Callable[[str], None] | None = None


@dataclass
class _Stream:
    projection: Projection
    stream: str
    position: int = 0
    task: asyncio.Task[None] | None = None
    subscription: Any = None
    changed: asyncio.Condition = field(default_factory=asyncio.Condition)


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
        self._stopping = asyncio.Event()

    # --- lifecycle -------------------------------------------------------------------

    async def setup(self) -> None:
        """Create bookkeeping and read-model tables (idempotent); load positions."""
        await self.db.create(bookkeeping)
        for projection in self.projections:
            await self.db.create(projection.metadata)
            for stream in projection.sources:
                async with self.db.read() as conn:
                    seq = await read_checkpoint(conn, projection.checkpoint_name, stream)
                self._streams[(projection.name, stream)] = _Stream(projection, stream, seq)
                metrics.PROJECTION_POSITION.labels(projection.name, stream).set(seq)
                # Create the series at zero so alerts on increase() see the first one.
                metrics.DEAD_LETTERS.labels(projection.name, stream).inc(0)
                metrics.SEQUENCE_GAPS.labels(projection.name, stream).inc(0)

    async def start(self) -> None:
        if not self._streams:
            await self.setup()
        self._stopping.clear()
        for state in self._streams.values():
            state.task = asyncio.create_task(self._run(state), name=f"proj-{state.stream}")

    async def stop(self) -> None:
        self._stopping.set()
        tasks = [s.task for s in self._streams.values() if s.task is not None]
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        for state in self._streams.values():
            state.task = None
            if state.subscription is not None:
                with contextlib.suppress(Exception):
                    await state.subscription.unsubscribe()
                state.subscription = None

    def positions(self) -> dict[tuple[str, str], int]:
        return {key: s.position for key, s in self._streams.items()}

    def position(self, stream: str) -> int:
        """The lowest committed sequence of `stream` over this service's projections."""
        values = [s.position for s in self._streams.values() if s.stream == stream]
        return min(values) if values else 0

    async def wait_for(self, stream: str, seq: int, timeout: float) -> bool:
        """Wait until every projection reading `stream` has committed `seq`."""
        states = [s for s in self._streams.values() if s.stream == stream]
        if not states:
            return False

        async def reached(state: _Stream) -> None:
            async with state.changed:
                await state.changed.wait_for(lambda: state.position >= seq)

        try:
            await asyncio.wait_for(asyncio.gather(*(reached(s) for s in states)), timeout)
        except TimeoutError:
            return False
        return True

    def healthy(self) -> bool:
        return all(s.task is not None and not s.task.done() for s in self._streams.values())

    # --- consumer --------------------------------------------------------------------

    def _durable(self, state: _Stream) -> str:
        # Services share the server: the consumer name carries the service's name.
        owner = f"{self.service}_" if self.service else ""
        return f"proj_{owner}{state.projection.checkpoint_name}"

    async def _ensure_consumer(self, state: _Stream) -> None:
        """(Re)create the durable consumer to start right after the checkpoint.

        Messages a previous run fetched but never acked would otherwise come back only
        after ack_wait, behind newer ones; starting at checkpoint+1 keeps stream order.
        """
        durable = self._durable(state)
        with contextlib.suppress(NotFoundError):
            await self.js.delete_consumer(state.stream, durable)
        config: dict[str, Any] = {
            "durable_name": durable,
            "ack_policy": "explicit",
            "deliver_policy": "by_start_sequence",
            "opt_start_seq": state.position + 1,
            "max_deliver": self.config.max_deliver + 1,
            "ack_wait": int(self.config.ack_wait * 1e9),
            "max_ack_pending": max(self.config.batch * 2, 1000),
            "backoff": [int(b * 1e9) for b in self._server_backoff()],
        }
        reply = await self.nc.request(
            f"$JS.API.CONSUMER.CREATE.{state.stream}.{durable}",
            json.dumps({"stream_name": state.stream, "config": config}).encode(),
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

    async def _run(self, state: _Stream) -> None:
        durable = self._durable(state)
        failures = 0
        while not self._stopping.is_set():
            try:
                # Also waits here (retrying) while a source stream does not exist yet.
                await self._ensure_consumer(state)
                if state.subscription is not None:
                    with contextlib.suppress(Exception):
                        await state.subscription.unsubscribe()
                psub = await self.js.pull_subscribe_bind(durable, state.stream)
                state.subscription = psub
                failures = 0
                while not self._stopping.is_set():
                    try:
                        msgs = await psub.fetch(
                            self.config.batch, timeout=self.config.fetch_timeout
                        )
                    except (NatsTimeout, TimeoutError):
                        metrics.PROJECTION_LAG.labels(state.projection.name, state.stream).set(0)
                        continue
                    await self.process(state, msgs)
            except asyncio.CancelledError:
                raise
            except InjectedCrash:
                raise
            except Exception as exc:  # connection trouble: log, back off, resubscribe
                log.warning(
                    "projection_loop_error",
                    projection=state.projection.name,
                    stream=state.stream,
                    error=repr(exc),
                )
                failures += 1
                await asyncio.sleep(min(0.25 * 2**failures, 5.0))

    async def process(self, state: _Stream, msgs: list[Msg]) -> None:
        """Apply one fetched batch: one transaction with the checkpoint, then ack."""
        items = [(msg, _raw(msg)) for msg in msgs]
        try:
            await self._commit(state, items)
        except InjectedCrash:
            raise
        except Exception as exc:
            log.info(
                "batch_failed_retrying_singly", projection=state.projection.name, error=repr(exc)
            )
            for item in items:
                await self._process_one(state, item)
            return
        for msg, _ in items:
            await _ack(msg)
        pending = msgs[-1].metadata.num_pending if msgs else 0
        metrics.PROJECTION_LAG.labels(state.projection.name, state.stream).set(pending)

    async def _process_one(self, state: _Stream, item: tuple[Msg, RawMessage]) -> None:
        msg, raw = item
        attempts = msg.metadata.num_delivered
        error: Exception | None = None
        while attempts <= self.config.max_deliver:
            try:
                await self._commit(state, [item])
                await _ack(msg)
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
        await _ack(msg)

    async def _commit(self, state: _Stream, items: Sequence[tuple[Msg, RawMessage]]) -> None:
        projection = state.projection
        fresh = [raw for _, raw in items if raw.seq > state.position]
        if not fresh:
            metrics.PROJECTION_EVENTS.labels(projection.name, state.stream).inc(len(items))
            return
        async with self.db.write() as conn:
            last = await self._apply(conn, state, fresh)
            if self.config.fault:
                self.config.fault("before_commit")
        self._advanced(state, last, len(items))
        if self.config.fault:
            self.config.fault("after_commit")

    async def _apply(
        self, conn: AsyncConnection, state: _Stream, raws: Sequence[RawMessage]
    ) -> int:
        projection = state.projection
        expected = state.position + 1
        if raws[0].seq > expected:
            await self._gap(conn, state, expected, raws[0].seq - 1)
        events: list[RecordedEvent] = []
        for raw in raws:
            decoded = decode(projection.registry, state.stream, raw)
            if isinstance(decoded, RecordedEvent) and projection.handles(decoded.event):
                events.append(decoded)
            elif isinstance(decoded, UnknownEvent):
                pass  # another service's or a newer event this projection does not read
        await projection.apply(conn, events)
        last = raws[-1].seq
        await _store_checkpoint(
            conn, self.db.dialect, projection.checkpoint_name, state.stream, last
        )
        return last

    def _advanced(self, state: _Stream, last: int, count: int) -> None:
        state.position = last
        name = state.projection.name
        metrics.PROJECTION_EVENTS.labels(name, state.stream).inc(count)
        metrics.PROJECTION_POSITION.labels(name, state.stream).set(last)
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
            await _store_checkpoint(
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
        await self.db.create(bookkeeping)
        await self.db.drop(list(projection.metadata.sorted_tables))
        await self.db.create(projection.metadata)
        counts: dict[str, int] = {}
        for stream in projection.sources:
            async with self.db.write() as conn:
                await conn.execute(
                    delete(checkpoints).where(
                        checkpoints.c.projection == projection.checkpoint_name,
                        checkpoints.c.stream == stream,
                    )
                )
            target = (up_to or {}).get(stream)
            if target is None:
                target = await last_sequence(self.nc, stream)
            state = _Stream(projection, stream, 0)
            counts[stream] = 0
            if target == 0:
                continue
            async for chunk in direct_get_batches(self.nc, stream, ">", 1, batch, target):
                async with self.db.write() as conn:
                    last = await self._apply(conn, state, chunk)
                state.position = last
                counts[stream] += len(chunk)
        return counts

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
                with contextlib.suppress(NotFoundError):
                    await self.js.delete_consumer(state.stream, self._durable(state))
        await self.start()
        return counts


async def _notify(state: _Stream) -> None:
    async with state.changed:
        state.changed.notify_all()


async def _store_checkpoint(
    conn: AsyncConnection, dialect: str, projection: str, stream: str, seq: int
) -> None:
    stmt = upsert(dialect, checkpoints, ["projection", "stream"])
    await conn.execute(
        stmt, {"projection": projection, "stream": stream, "last_seq": seq, "updated_at": utcnow()}
    )


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


async def dead_letter_count(db: Database, projection: str | None = None) -> int:
    async with db.read() as conn:
        stmt = select(func.count()).select_from(dead_letters)
        if projection:
            stmt = stmt.where(dead_letters.c.projection == projection)
        return int((await conn.execute(stmt)).scalar_one())


async def mark_replayed(conn: AsyncConnection, dead_letter_id: int) -> None:
    await conn.execute(
        update(dead_letters).where(dead_letters.c.id == dead_letter_id).values(replayed_at=utcnow())
    )
