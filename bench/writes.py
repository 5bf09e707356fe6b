"""Rows 1–4: appends. Raw nats-py publishes versus `CommandRunner.execute`.

Raw and ours run on the same server and stream, in interleaved blocks (raw, ours, raw, …, the
order rotating every round) so that drift in fsync latency or in the machine's load hits both
alike; each variant's rate is its event count over the sum of its blocks' times.

The raw variant publishes exactly what the append needs on the wire — the same subjects, the
same JSON bodies, `Nats-Msg-Id` and the optimistic-concurrency headers — and nothing else; the
difference to ours is the application layer (decide, CloudEvents headers, metadata, metrics,
state cache) plus the bytes of the CloudEvents headers.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

from nats.js.client import JetStreamContext

from bench.harness import Config, Env, Row, fresh_server, percentile, rate, throughput_row
from bench.sample import Deposited, Opened, account, deposit, open_account, registry
from shared.commands import CommandContext, CommandRunner, Target
from shared.events import (
    DomainEvent,
    EventMeta,
    aggregate_subject,
    ce_headers,
    encode_body,
    subject_for,
)
from shared.eventstore import EventStore
from shared.ids import uuid7
from shared.streams import stream_for

OPEN_EVENT = Opened(owner="bench-owner", township_id="chengguan")
DEPOSIT_EVENT = Deposited(amount=1)
OPEN_BODY = encode_body(OPEN_EVENT)
DEPOSIT_BODY = encode_body(DEPOSIT_EVENT)
ACTOR = "member:0190a6c2-7d1e-7c3a-9f1e-2b3c4d5e6f70"


def _key(agg: str) -> str:
    return aggregate_subject("sample", "account", agg)


class Raw:
    """Plain nats-py JetStream publishes with the concurrency headers, each awaited.

    `cloudevents=True` (row 1b) adds the same CloudEvents headers `EventStore` sends, built
    once per message with `shared.events.ce_headers`: the cost of the envelope alone."""

    def __init__(self, js: JetStreamContext, cloudevents: bool = False) -> None:
        self.js = js
        self.cloudevents = cloudevents
        self.last: dict[str, int] = {}

    def _headers(self, event: DomainEvent, agg: str, last: int) -> dict[str, str]:
        if self.cloudevents:
            meta = EventMeta(uuid.uuid4().hex, datetime.now(UTC), ACTOR)
            headers = ce_headers(event, meta, agg)
        else:
            headers = {"Nats-Msg-Id": uuid.uuid4().hex}
        headers["Nats-Expected-Last-Subject-Sequence"] = str(last)
        headers["Nats-Expected-Last-Subject-Sequence-Subject"] = _key(agg)
        return headers

    async def create(self, agg: str) -> None:
        headers = self._headers(OPEN_EVENT, agg, 0)
        ack = await self.js.publish(subject_for(Opened, agg), OPEN_BODY, headers=headers)
        self.last[agg] = ack.seq

    async def append(self, agg: str) -> None:
        headers = self._headers(DEPOSIT_EVENT, agg, self.last[agg])
        ack = await self.js.publish(subject_for(Deposited, agg), DEPOSIT_BODY, headers=headers)
        self.last[agg] = ack.seq


class Ours:
    """The application layer: `CommandRunner.execute` as every service handler calls it."""

    def __init__(self, store: EventStore) -> None:
        self.runner = CommandRunner(store)

    async def create(self, agg: str) -> None:
        ctx = CommandContext(ACTOR, datetime.now(UTC))
        await self.runner.execute(
            "open_account",
            [Target(account, agg, new=True)],
            open_account("bench-owner", "chengguan"),
            ctx,
        )

    async def append(self, agg: str) -> None:
        # The aggregate was created through this runner: its state is cached.
        ctx = CommandContext(ACTOR, datetime.now(UTC))
        await self.runner.execute("deposit", [Target(account, agg)], deposit(1), ctx)


Op = Callable[[str], Awaitable[None]]


class Tally:
    def __init__(self) -> None:
        self.events = 0
        self.seconds = 0.0
        self.latencies: list[float] = []

    @property
    def rate(self) -> float:
        return rate(self.events, self.seconds)

    def p(self, q: float) -> float:
        return percentile(sorted(self.latencies), q) * 1000


async def _sequential_block(op: Op, ids: list[str], tally: Tally) -> None:
    started = time.perf_counter()
    for agg in ids:
        t0 = time.perf_counter()
        await op(agg)
        tally.latencies.append(time.perf_counter() - t0)
    tally.seconds += time.perf_counter() - started
    tally.events += len(ids)


async def sequential(cfg: Config, env: Env) -> list[Row]:
    """Rows 1 and 3: one writer, each append awaited before the next."""
    store = EventStore(env.nc, stream_for("sample"), registry, service="bench")
    raw, ours = Raw(env.nc.jetstream()), Ours(store)
    raw_ce = Raw(env.nc.jetstream(), cloudevents=True)
    pool = 100
    raw_pool, ours_pool = [uuid7() for _ in range(pool)], [uuid7() for _ in range(pool)]
    ce_pool = [uuid7() for _ in range(pool)]
    for agg in raw_pool:  # untimed set-up: aggregates the append blocks write to
        await raw.create(agg)
    for agg in ce_pool:
        await raw_ce.create(agg)
    for agg in ours_pool:
        await ours.create(agg)
    block = cfg.seq_block
    rounds = max(1, cfg.seq_events // (2 * block))
    names = ("raw_create", "ce_create", "ours_create", "raw_append", "ce_append", "ours_append")
    tallies = {name: Tally() for name in names}
    # warm-up (untimed): first-use costs (pydantic, metrics children, nats inbox)
    for _ in range(20):
        await raw.create(uuid7())
        await ours.create(uuid7())
    cursor = 0
    for rnd in range(rounds):

        def take(ids: list[str], start: int = cursor) -> list[str]:
            return [ids[(start + i) % pool] for i in range(block)]

        cursor += block
        steps: list[tuple[str, Op, list[str]]] = [
            ("raw_create", raw.create, [uuid7() for _ in range(block)]),
            ("ce_create", raw_ce.create, [uuid7() for _ in range(block)]),
            ("ours_create", ours.create, [uuid7() for _ in range(block)]),
            ("raw_append", raw.append, take(raw_pool)),
            ("ce_append", raw_ce.append, take(ce_pool)),
            ("ours_append", ours.append, take(ours_pool)),
        ]
        shift = rnd % len(steps)
        for name, op, ids in steps[shift:] + steps[:shift]:
            await _sequential_block(op, ids, tallies[name])
    rc, oc = tallies["raw_create"], tallies["ours_create"]
    ra, oa = tallies["raw_append"], tallies["ours_append"]
    cc, ca = tallies["ce_create"], tallies["ce_append"]
    raw_rate = rate(rc.events + ra.events, rc.seconds + ra.seconds)
    ours_rate = rate(oc.events + oa.events, oc.seconds + oa.seconds)
    ce_rate = rate(cc.events + ca.events, cc.seconds + ca.seconds)
    lat = "latency p50/p99 {:.2f}/{:.2f} ms"
    return [
        throughput_row(
            "1",
            "raw nats-py sequential publish + concurrency headers (each awaited)",
            raw_rate,
            notes=[
                f"{rc.events + ra.events} events: {rc.events} creates "
                f"({fmt(rc.rate)}/s, {lat.format(rc.p(50), rc.p(99))}) and {ra.events} appends "
                f"({fmt(ra.rate)}/s, {lat.format(ra.p(50), ra.p(99))})"
            ],
        ),
        throughput_row(
            "1b",
            "raw, as row 1 + the CloudEvents headers ours sends (informational)",
            ce_rate,
            baseline=raw_rate,
            baseline_ref="row 1",
            notes=[
                f"{cc.events + ca.events} events; the envelope alone (8–9 more headers, "
                f"~640 vs ~290 header bytes); creates {lat.format(cc.p(50), cc.p(99))}, "
                f"appends {lat.format(ca.p(50), ca.p(99))}"
            ],
        ),
        throughput_row(
            "3",
            "ours: sequential CommandRunner.execute (creates + cached appends)",
            ours_rate,
            baseline=raw_rate,
            baseline_ref="row 1",
            min_ratio=0.8,
            notes=[f"{oc.events + oa.events} events, interleaved with row 1 in blocks of {block}"],
        ),
        throughput_row(
            "3a",
            "… of which creates (`Target(new=True)`)",
            oc.rate,
            baseline=rc.rate,
            baseline_ref="raw creates",
            min_ratio=0.8,
            notes=[lat.format(oc.p(50), oc.p(99)) + f" vs raw {rc.p(50):.2f}/{rc.p(99):.2f} ms"],
        ),
        throughput_row(
            "3b",
            "… of which commands on existing aggregates (cached state)",
            oa.rate,
            baseline=ra.rate,
            baseline_ref="raw appends",
            min_ratio=0.8,
            notes=[lat.format(oa.p(50), oa.p(99)) + f" vs raw {ra.p(50):.2f}/{ra.p(99):.2f} ms"],
        ),
    ]


def fmt(value: float) -> str:
    return f"{value:,.0f}"


async def _lanes_block(op: Op, lanes: list[str], per_lane: int, tally: Tally) -> None:
    async def lane(agg: str) -> None:
        for _ in range(per_lane):
            await op(agg)

    started = time.perf_counter()
    await asyncio.gather(*(lane(agg) for agg in lanes))
    tally.seconds += time.perf_counter() - started
    tally.events += per_lane * len(lanes)


async def concurrent(cfg: Config, env: Env) -> list[Row]:
    """Rows 2 and 4: 64 writers, each on its own aggregate, appends awaited per writer."""
    store = EventStore(env.nc, stream_for("sample"), registry, service="bench")
    raw, ours = Raw(env.nc.jetstream()), Ours(store)
    raw_lanes = [uuid7() for _ in range(cfg.lanes)]
    ours_lanes = [uuid7() for _ in range(cfg.lanes)]
    await asyncio.gather(*(raw.create(a) for a in raw_lanes))
    await asyncio.gather(*(ours.create(a) for a in ours_lanes))
    await _lanes_block(raw.append, raw_lanes, 2, Tally())  # warm-up
    await _lanes_block(ours.append, ours_lanes, 2, Tally())
    per_block = cfg.lanes * cfg.lane_block
    rounds = max(1, cfg.lane_events // per_block)
    t_raw, t_ours = Tally(), Tally()
    for rnd in range(rounds):
        order = [(raw.append, raw_lanes, t_raw), (ours.append, ours_lanes, t_ours)]
        if rnd % 2:
            order.reverse()
        for op, lanes, tally in order:
            await _lanes_block(op, lanes, cfg.lane_block, tally)
    # 2b: publish_async, a window of 64 in flight, each message creating a fresh aggregate
    # (expected last sequence 0) so that no publish has to wait for another's ack.
    js = env.nc.jetstream(publish_async_max_pending=cfg.lanes)
    n_async = t_raw.events
    ids = [uuid7() for _ in range(n_async)]
    started = time.perf_counter()
    futures = []
    for agg in ids:
        headers = {
            "Nats-Msg-Id": uuid.uuid4().hex,
            "Nats-Expected-Last-Subject-Sequence": "0",
            "Nats-Expected-Last-Subject-Sequence-Subject": _key(agg),
        }
        futures.append(await js.publish_async(subject_for(Opened, agg), OPEN_BODY, headers=headers))
    await asyncio.gather(*futures)
    async_seconds = time.perf_counter() - started
    return [
        throughput_row(
            "2",
            f"raw nats-py pipelined: {cfg.lanes} concurrent writers (window {cfg.lanes})",
            t_raw.rate,
            notes=[f"{t_raw.events} events; each writer awaits its own publish (same OCC headers)"],
        ),
        throughput_row(
            "2b",
            f"raw `js.publish_async`, window {cfg.lanes}, fresh aggregates (informational)",
            rate(n_async, async_seconds),
            notes=[f"{n_async} events; not run interleaved"],
        ),
        throughput_row(
            "4",
            f"ours: {cfg.lanes} concurrent aggregates via CommandRunner",
            t_ours.rate,
            baseline=t_raw.rate,
            baseline_ref="row 2",
            notes=[f"{t_ours.events} events, interleaved with row 2 in blocks of {per_block}"],
        ),
    ]


async def run(cfg: Config) -> list[Row]:
    rows: list[Row] = []
    async with fresh_server(("sample",)) as env:
        rows += await sequential(cfg, env)
    async with fresh_server(("sample",)) as env:
        rows += await concurrent(cfg, env)
    return rows
