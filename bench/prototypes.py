"""Prototypes of the proposed shared/ fixes, applied in memory only (`--prototypes`).

Nothing under shared/ is edited: each fix is a monkeypatch or a subclass that lives here, so
its effect can be measured on the same benchmark. See docs/benchmarks.md, "Findings".

A  fast header parsing — nats-py 2.16's `Client._parse_header_lines` tests every character
   of every header name with a generator (`any(c.isspace() for c in key)`): ~20 µs for the
   15 headers a stored event carries. Same result with one precompiled regex search.
B  direct get without a task per message — `shared.eventstore.direct_get_batches` awaits
   `sub.next_msg(timeout)` per message (an `asyncio.wait_for` = a Task and a timer each);
   a callback subscription that collects the batch and resolves one future is equivalent.
C  one ack per batch — the live consumer acks every message of a committed batch (one
   publish each); with `ack_policy: "all"` acking the batch's last message acks them all.
D  decode only what the projection handles — `ProjectionRunner._apply` fully decodes
   (pydantic validation + CloudEvents metadata) every event of the stream, then drops the
   ones the projection has no handler for; resolve the class from `ce-type` first.
E  pull without a task per message — `psub.fetch(500)` in nats-py also awaits
   `next_msg(timeout)` per message; the same pull request answered into a callback
   subscription (like B) returns the batch with one future.
F  rebuild reads ahead — the next chunk is fetched while the current one is applied.
G  one consumer and one transaction per stream — see `GroupedRunner`.
H  batch writes per table, not only consecutive ones — `shared.projection.flush` makes one
   `executemany` per run of *consecutive* writes of one statement, so a handler that emits
   writes to several tables per event (record, townships, members, items) pays one
   aiosqlite round trip per write. Grouping each statement's writes while keeping the order
   of writes *per table* (a write joins its statement's last group only if no other
   statement on the same table came after it) gives the same result per table.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
import zlib
from collections.abc import AsyncIterator, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from nats.aio.client import Client
from nats.aio.msg import Msg
from nats.aio.subscription import Subscription
from sqlalchemy import delete
from sqlalchemy.ext.asyncio import AsyncConnection

import shared.runner as runner_module
from bench.harness import Row, Stopwatch, rate, settle, throughput_row
from shared import metrics
from shared.db import Database
from shared.events import RecordedEvent
from shared.eventstore import RawMessage, StoreUnavailable, decode
from shared.projection import Projection, bookkeeping, checkpoints
from shared.runner import (
    InjectedCrash,
    ProjectionRunner,
    _raw,
    _store_checkpoint,
    _Stream,
    log,
)
from shared.streams import last_sequence

REBUILD_TARGET = 30_000.0

# --- A: header parsing ---------------------------------------------------------------------

_WHITESPACE = re.compile(r"\s")  # str pattern: exactly the characters str.isspace() accepts


def parse_header_lines(raw: bytes) -> dict[str, str]:
    """Drop-in for nats-py's `Client._parse_header_lines` (same output, same skips)."""
    out: dict[str, str] = {}
    for line in raw.split(b"\r\n"):
        name, sep, value = line.partition(b":")
        if not sep:
            continue
        try:
            key = name.strip().decode("ascii")
        except UnicodeDecodeError:
            continue
        if _WHITESPACE.search(key):
            continue
        out[key] = value.strip().decode("utf-8", "replace")
    return out


@contextmanager
def fast_headers() -> Iterator[None]:
    original = Client.__dict__["_parse_header_lines"]
    Client._parse_header_lines = staticmethod(parse_header_lines)  # type: ignore[method-assign]
    try:
        yield
    finally:
        Client._parse_header_lines = original  # type: ignore[method-assign]


# --- H: writes batched per table -----------------------------------------------------------


def _table_of(stmt: Any) -> Any:
    table = getattr(stmt, "table", None)
    return table if table is not None else stmt  # anything else is its own barrier


async def flush_by_table(conn: AsyncConnection, writes: Sequence[Any]) -> None:
    """Drop-in for shared.projection.flush: one executemany per statement where the order of
    writes within each table allows it."""
    groups: list[tuple[Any, list[dict[str, Any]]]] = []
    last_of_stmt: dict[int, int] = {}
    last_of_table: dict[int, int] = {}
    for stmt, params in writes:
        table_key = id(_table_of(stmt))
        index = last_of_stmt.get(id(stmt))
        if index is not None and last_of_table.get(table_key) == index:
            groups[index][1].append(params)
            continue
        groups.append((stmt, [params]))
        last_of_stmt[id(stmt)] = last_of_table[table_key] = len(groups) - 1
    for stmt, group in groups:
        await conn.execute(stmt, group[0] if len(group) == 1 else group)


@contextmanager
def table_batching() -> Iterator[None]:
    import shared.projection as projection_module

    original = getattr(projection_module, "flush")  # noqa: B009
    setattr(projection_module, "flush", flush_by_table)  # noqa: B010
    try:
        yield
    finally:
        setattr(projection_module, "flush", original)  # noqa: B010


# --- B: batched direct get into a callback -------------------------------------------------


async def direct_get_batches(
    nc: Client,
    stream: str,
    subject_filter: str,
    from_seq: int = 1,
    batch: int = 1000,
    up_to_seq: int | None = None,
    timeout: float = 5.0,
) -> AsyncIterator[list[RawMessage]]:
    """Same contract as shared.eventstore.direct_get_batches; one future per batch."""
    loop = asyncio.get_running_loop()
    seq = from_seq
    while True:
        chunk: list[RawMessage] = []
        done: asyncio.Future[int] = loop.create_future()

        async def collect(msg: Msg, chunk: list[RawMessage] = chunk, done: Any = done) -> None:
            headers = msg.headers or {}
            status = headers.get("Status")
            if status:
                if not done.done():
                    if status == "204":  # end of batch
                        done.set_result(int(headers.get("Nats-Num-Pending", "0")))
                    elif status == "404":  # nothing (more) matches
                        done.set_result(0)
                    else:
                        done.set_exception(StoreUnavailable(f"direct get {stream}: {status}"))
                return
            chunk.append(
                RawMessage(
                    subject=headers.get("Nats-Subject", ""),
                    seq=int(headers.get("Nats-Sequence", "0")),
                    headers=headers,
                    data=msg.data,
                )
            )

        inbox = nc.new_inbox()
        sub = await nc.subscribe(inbox, cb=collect)
        request: dict[str, Any] = {"seq": seq, "next_by_subj": subject_filter, "batch": batch}
        if up_to_seq is not None:
            request["up_to_seq"] = up_to_seq
        try:
            await nc.publish(f"$JS.API.DIRECT.GET.{stream}", json.dumps(request).encode(), inbox)
            try:
                pending = await asyncio.wait_for(done, timeout)
            except TimeoutError as exc:
                raise StoreUnavailable(f"direct get {stream} timed out") from exc
        finally:
            await sub.unsubscribe()
        if chunk:
            yield chunk
            seq = chunk[-1].seq + 1
        if not chunk or pending <= 0 or (up_to_seq is not None and seq > up_to_seq):
            return


@contextmanager
def callback_direct_get() -> Iterator[None]:
    original = getattr(runner_module, "direct_get_batches")  # noqa: B009
    setattr(runner_module, "direct_get_batches", direct_get_batches)  # noqa: B010
    try:
        yield
    finally:
        setattr(runner_module, "direct_get_batches", original)  # noqa: B010


# --- C, D, E: a runner with the proposed changes -------------------------------------------


class PullBatch:
    """E: one pull request (`no_wait` + `expires`: answers as soon as something is there)
    whose messages land in a callback; resolves when the batch is full or the server ends
    the request (404/408/409 status)."""

    def __init__(self, nc: Client, stream: str, durable: str) -> None:
        self.nc = nc
        self.subject = f"$JS.API.CONSUMER.MSG.NEXT.{stream}.{durable}"
        self.inbox = nc.new_inbox()
        self.sub: Subscription | None = None
        self.msgs: list[Msg] = []
        self.wanted = 0
        self.done: asyncio.Future[None] | None = None

    async def start(self) -> None:
        self.sub = await self.nc.subscribe(self.inbox, cb=self._on_msg)

    async def stop(self) -> None:
        if self.sub is not None:
            with contextlib.suppress(Exception):
                await self.sub.unsubscribe()
            self.sub = None

    async def _on_msg(self, msg: Msg) -> None:
        done = self.done
        if done is None or done.done():
            return  # a late answer to a request we gave up on: redelivered after ack_wait
        headers = msg.headers
        if headers and headers.get("Status") and not msg.data:
            done.set_result(None)  # 404 no messages / 408 expired / 409: request over
            return
        self.msgs.append(msg)
        if len(self.msgs) >= self.wanted:
            done.set_result(None)

    async def fetch(self, batch: int, timeout: float) -> list[Msg]:
        self.msgs, self.wanted = [], batch
        self.done = asyncio.get_running_loop().create_future()
        expires = max(int((timeout - 0.05) * 1e9), 10_000_000)
        request = {"batch": batch, "expires": expires, "no_wait": True}
        await self.nc.publish(self.subject, json.dumps(request).encode(), self.inbox)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self.done, timeout)
        self.done = None
        return self.msgs


class ProposedRunner(ProjectionRunner):
    """ProjectionRunner with C (ack_policy all, one ack per batch), D (decode only handled
    events), and optionally E (callback pull) and F (rebuild reads ahead)."""

    def __init__(
        self, *args: Any, fast_pull: bool = True, read_ahead: bool = True, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fast_pull = fast_pull
        self.read_ahead = read_ahead

    async def _ensure_consumer(self, state: Any) -> None:
        # Same as shared, with ack_policy "all" (C).
        durable = self._durable(state)
        with contextlib.suppress(Exception):
            await self.js.delete_consumer(state.stream, durable)
        config: dict[str, Any] = {
            "durable_name": durable,
            "ack_policy": "all",
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

    async def _run(self, state: Any) -> None:
        if not self.fast_pull:
            await super()._run(state)
            return
        durable = self._durable(state)
        while not self._stopping.is_set():
            puller: PullBatch | None = None
            try:
                await self._ensure_consumer(state)
                puller = PullBatch(self.nc, state.stream, durable)
                await puller.start()
                while not self._stopping.is_set():
                    msgs = await puller.fetch(self.config.batch, self.config.fetch_timeout)
                    if msgs:
                        await self.process(state, msgs)
            except asyncio.CancelledError:
                raise
            except InjectedCrash:
                raise
            except Exception as exc:
                log.warning(
                    "projection_loop_error", projection=state.projection.name, error=repr(exc)
                )
                await asyncio.sleep(0.5)
            finally:
                if puller is not None:
                    await puller.stop()

    async def process(self, state: Any, msgs: list[Msg]) -> None:
        items = [(msg, _raw(msg)) for msg in msgs]
        try:
            await self._commit(state, items)
        except InjectedCrash:
            raise
        except Exception:
            for item in items:
                await self._process_one(state, item)
            return
        if msgs:
            await runner_module._ack(msgs[-1])  # C: acks the whole batch
        pending = msgs[-1].metadata.num_pending if msgs else 0
        metrics.PROJECTION_LAG.labels(state.projection.name, state.stream).set(pending)

    async def rebuild(
        self, projection: Projection, up_to: dict[str, int] | None = None, batch: int = 2000
    ) -> dict[str, int]:
        """F: shared's rebuild, but the next chunk is read while the current one is applied
        (a reader task one chunk ahead, through a queue of 2)."""
        if not self.read_ahead:
            return await super().rebuild(projection, up_to, batch)
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
            chunks: asyncio.Queue[list[RawMessage] | BaseException | None] = asyncio.Queue(2)

            async def reader(stream: str = stream, target: int = target, q: Any = chunks) -> None:
                try:
                    read = getattr(runner_module, "direct_get_batches")  # noqa: B009
                    async for chunk in read(self.nc, stream, ">", 1, batch, target):
                        await q.put(chunk)
                    await q.put(None)
                except BaseException as exc:
                    await q.put(exc)

            task = asyncio.create_task(reader())
            try:
                while (item := await chunks.get()) is not None:
                    if isinstance(item, BaseException):
                        raise item
                    async with self.db.write() as conn:
                        last = await self._apply(conn, state, item)
                    state.position = last
                    counts[stream] += len(item)
            finally:
                task.cancel()
                with contextlib.suppress(BaseException):
                    await task
        return counts

    async def _apply(self, conn: AsyncConnection, state: Any, raws: Sequence[RawMessage]) -> int:
        # D: look at ce-type before paying for pydantic validation and metadata parsing.
        projection = state.projection
        expected = state.position + 1
        if raws[0].seq > expected:
            await self._gap(conn, state, expected, raws[0].seq - 1)
        handled = _handled(projection)
        events: list[RecordedEvent] = []
        for raw in raws:
            cls = _resolve(projection, raw.headers.get("ce-type", ""))
            if cls is None or cls not in handled:
                continue
            decoded = decode(projection.registry, state.stream, raw)
            if isinstance(decoded, RecordedEvent):
                events.append(decoded)
        await projection.apply(conn, events)
        last = raws[-1].seq
        await _store_checkpoint(
            conn, self.db.dialect, projection.checkpoint_name, state.stream, last
        )
        return last


class GroupedRunner(ProposedRunner):
    """G: one durable consumer and ONE transaction per source stream for all the service's
    projections of that stream (plus A, C, D, E). Each projection keeps its own checkpoint
    (written in the same transaction) and skips what it has already applied, so the
    exactly-once argument is unchanged; a batch that fails falls back to the per-projection
    path (`_commit` / `_process_one`, dead letters included)."""

    async def start(self) -> None:
        if not self._streams:
            await self.setup()
        self._stopping.clear()
        by_stream: dict[str, list[Any]] = {}
        for state in self._streams.values():
            by_stream.setdefault(state.stream, []).append(state)
        self._group_tasks = [
            asyncio.create_task(self._run_group(stream, states), name=f"projgrp-{stream}")
            for stream, states in by_stream.items()
        ]
        for states in by_stream.values():
            for state in states:  # healthy() looks at these
                state.task = self._group_tasks[list(by_stream.values()).index(states)]

    async def stop(self) -> None:
        self._stopping.set()
        for task in getattr(self, "_group_tasks", []):
            task.cancel()
        for task in getattr(self, "_group_tasks", []):
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._group_tasks = []
        for state in self._streams.values():
            state.task = None

    def _group_durable(self, stream: str, states: Sequence[Any]) -> str:
        names = "_".join(sorted(s.projection.checkpoint_name for s in states))
        owner = f"{self.service}_" if getattr(self, "service", "") else ""
        return f"projgrp_{owner}{stream.lower()}_{zlib.crc32(names.encode()):08x}"

    async def _ensure_group_consumer(self, stream: str, states: Sequence[Any]) -> str:
        durable = self._group_durable(stream, states)
        with contextlib.suppress(Exception):
            await self.js.delete_consumer(stream, durable)
        config: dict[str, Any] = {
            "durable_name": durable,
            "ack_policy": "all",
            "deliver_policy": "by_start_sequence",
            "opt_start_seq": min(s.position for s in states) + 1,
            "max_deliver": self.config.max_deliver + 1,
            "ack_wait": int(self.config.ack_wait * 1e9),
            "max_ack_pending": max(self.config.batch * 2, 1000),
            "backoff": [int(b * 1e9) for b in self._server_backoff()],
        }
        reply = await self.nc.request(
            f"$JS.API.CONSUMER.CREATE.{stream}.{durable}",
            json.dumps({"stream_name": stream, "config": config}).encode(),
            timeout=5.0,
        )
        answer = json.loads(reply.data)
        if "error" in answer:
            raise RuntimeError(f"consumer {durable}: {answer['error'].get('description')}")
        return durable

    async def _run_group(self, stream: str, states: list[Any]) -> None:
        while not self._stopping.is_set():
            puller: PullBatch | None = None
            try:
                durable = await self._ensure_group_consumer(stream, states)
                puller = PullBatch(self.nc, stream, durable)
                await puller.start()
                while not self._stopping.is_set():
                    msgs = await puller.fetch(self.config.batch, self.config.fetch_timeout)
                    if msgs:
                        await self._process_group(states, msgs)
            except asyncio.CancelledError:
                raise
            except InjectedCrash:
                raise
            except Exception as exc:
                log.warning("projection_group_error", stream=stream, error=repr(exc))
                await asyncio.sleep(0.5)
            finally:
                if puller is not None:
                    await puller.stop()

    async def _process_group(self, states: list[Any], msgs: list[Msg]) -> None:
        items = [(msg, _raw(msg)) for msg in msgs]
        done: list[tuple[Any, int, int]] = []
        try:
            async with self.db.write() as conn:
                for state in states:
                    fresh = [raw for _, raw in items if raw.seq > state.position]
                    if fresh:
                        last = await self._apply(conn, state, fresh)
                        done.append((state, last, len(items)))
        except InjectedCrash:
            raise
        except Exception:
            for state in states:  # the per-projection path, with its retries and dead letters
                try:
                    await self._commit(state, items)
                except Exception:
                    for item in items:
                        await self._process_one(state, item)
            await runner_module._ack(msgs[-1])
            return
        for state, last, count in done:
            self._advanced(state, last, count)
        await runner_module._ack(msgs[-1])


def _handled(projection: Projection) -> frozenset[type]:
    cached = projection.__dict__.get("_bench_handled")
    if cached is None:
        cached = frozenset(projection._handlers) | frozenset(projection._async_handlers)
        projection.__dict__["_bench_handled"] = cached
    return cached


_RESOLVED: dict[tuple[int, str], Any] = {}


def _resolve(projection: Projection, ce_type: str) -> Any:
    key = (id(projection.registry), ce_type)
    if key not in _RESOLVED:
        _RESOLVED[key] = projection.registry.resolve(ce_type) if ce_type else None
    return _RESOLVED[key]


# --- measuring (called by bench.projections on the stream it has just filled) -----------

CATCH_UP = "A+C+D+E: fast headers, callback pull, one ack per batch, decode only handled"
REBUILD_AB = "A+B: fast headers, callback direct get"
REBUILD_ALL = "A+B+D+F+H: + decode only handled, read-ahead, writes batched per table"


async def catch_up_row(
    key: str,
    name: str,
    env: Any,
    projs_for: Any,
    stream: str,
    last: int,
    check: Any = None,
    grouped: bool = False,
) -> Row:
    suffix = "A+C+D+E+G+H" if grouped else "A+C+D+E"
    db = Database(env.db_url(f"proto-{key}-{suffix.replace('+', '')}.db"))
    try:
        projs = list(projs_for(db.dialect))
        cls = GroupedRunner if grouped else ProposedRunner
        runner = cls(env.nc, db, projs, fast_pull=True)
        await runner.setup()
        await settle()
        with _patched([fast_headers, table_batching] if grouped else [fast_headers]):
            watch = Stopwatch()
            await runner.start()
            ok = await runner.wait_for(stream, last, timeout=900)
            seconds = watch.seconds
            await runner.stop()
        if not ok:
            raise TimeoutError(f"prototype catch-up did not reach {stream}:{last}")
        note = f"{last} events in {seconds:.2f} s"
        if check is not None:
            note += "; " + await check(db, projs[0])
    finally:
        await db.dispose()
    label = CATCH_UP + (
        "; G: one consumer + one transaction per stream; H: writes batched per table"
        if grouped
        else ""
    )
    return throughput_row(
        f"{key}*{suffix}",
        f"prototype {suffix}: catch-up — {name}",
        rate(last, seconds),
        notes=[note + f" ({label})"],
    )


async def rebuild_rows(
    key: str, name: str, runner: ProjectionRunner, proj: Projection, check: Any = None
) -> list[Row]:
    rows = []
    variants: list[tuple[str, str, Any, list[Any]]] = [
        ("A+B", REBUILD_AB, None, [fast_headers, callback_direct_get]),
        (
            "A+B+D+F+H",
            REBUILD_ALL,
            ProposedRunner,
            [fast_headers, callback_direct_get, table_batching],
        ),
    ]
    for suffix, label, cls, patches in variants:
        use = runner if cls is None else cls(runner.nc, runner.db, runner.projections)
        await settle()
        with _patched(patches):
            watch = Stopwatch()
            counts = await use.rebuild(proj)
            seconds = watch.seconds
        replayed = sum(counts.values())
        note = f"{replayed} events in {seconds:.2f} s"
        if check is not None:
            note += "; " + await check(runner.db, proj)
        rows.append(
            throughput_row(
                f"{key}*{suffix}",
                f"prototype {suffix}: rebuild — {name}",
                rate(replayed, seconds),
                min_value=REBUILD_TARGET,
                notes=[note + f" ({label})"],
            )
        )
    return rows


@contextmanager
def proposed_service() -> Iterator[None]:
    """Services built by shared.service.create_app get the GroupedRunner (C, D, E, G), A, H."""
    import shared.service as service_module

    original = getattr(service_module, "ProjectionRunner")  # noqa: B009
    setattr(service_module, "ProjectionRunner", GroupedRunner)  # noqa: B010
    try:
        with fast_headers(), table_batching():
            yield
    finally:
        setattr(service_module, "ProjectionRunner", original)  # noqa: B010


@contextmanager
def _patched(patches: Sequence[Any]) -> Iterator[None]:
    with contextlib.ExitStack() as stack:
        for patch in patches:
            stack.enter_context(patch())
        yield
