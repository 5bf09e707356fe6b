"""Event store contract: append/load, concurrency, dedup, atomic batches, unknown outcome."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from nats.aio.client import Client as NATS
from nats.aio.msg import Msg
from nats.errors import TimeoutError as NatsTimeout

from shared.commands import CommandContext, CommandRunner, ConflictExhausted, Target
from shared.events import EventMeta
from shared.eventstore import ConcurrencyConflict, EventStore, PendingEvent
from shared.ids import uuid7
from shared.streams import StreamConfigError, StreamSpec, ensure_stream, stream_for
from tests.integration.sample import Deposited, Opened, account, deposit, registry

NOW = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)


def meta() -> EventMeta:
    return EventMeta(uuid7(), NOW, "member:m1", correlation_id="c1")


async def make_store(nc: NATS) -> EventStore:
    store = EventStore(nc, stream_for("sample"), registry)
    await store.ensure()
    return store


def key(agg_id: str) -> str:
    return f"cppcc.sample.account.{agg_id}.*"


async def test_stream_created_idempotently_and_verified(nc: NATS) -> None:
    spec = stream_for("sample")
    first = await ensure_stream(nc, spec)
    second = await ensure_stream(nc, spec)
    cfg = second["config"]
    assert first["config"]["name"] == "SAMPLE"
    assert cfg["deny_delete"] and cfg["deny_purge"] and cfg["allow_direct"] and cfg["allow_atomic"]
    assert cfg["duplicate_window"] == 120_000_000_000


async def test_stream_that_cannot_take_the_config_fails_loudly(nc: NATS) -> None:
    await ensure_stream(nc, stream_for("sample"))
    clash = StreamSpec(name="OTHER", subjects=("cppcc.sample.>",))
    with pytest.raises(StreamConfigError):
        await ensure_stream(nc, clash)


async def test_append_then_load_round_trips_events_and_cloudevents_headers(nc: NATS) -> None:
    store = await make_store(nc)
    agg = uuid7()
    m = meta()
    result = await store.append(
        [PendingEvent(agg, Opened(owner="张三", township_id="dongcheng"), m)], {key(agg): 0}
    )
    assert result.first_seq == result.last_seq == 1
    events, last = await store.load("sample", "account", agg)
    assert last == 1
    assert events[0].event == Opened(owner="张三", township_id="dongcheng")
    assert events[0].meta.event_id == m.event_id
    assert events[0].township == "dongcheng"
    assert events[0].ce_type == "cn.cppcc.sample.account.opened.v1"
    raw = await nc.request("$JS.API.DIRECT.GET.SAMPLE", b'{"seq": 1}')
    headers = raw.headers or {}
    assert headers["ce-id"] == headers["Nats-Msg-Id"] == m.event_id
    assert headers["ce-specversion"] == "1.0"
    assert headers["ce-subject"] == f"account/{agg}"
    assert headers["ce-correlationid"] == "c1"
    assert headers["ce-actor"] == "member:m1"
    assert headers["ce-time"] == "2026-03-01T08:00:00Z"


async def test_two_concurrent_writers_exactly_one_wins(nc: NATS) -> None:
    store = await make_store(nc)
    agg = uuid7()
    await store.append([PendingEvent(agg, Opened(owner="a"), meta())], {key(agg): 0})
    results = await asyncio.gather(
        *[
            store.append([PendingEvent(agg, Deposited(amount=i), meta())], {key(agg): 1})
            for i in range(1, 6)
        ],
        return_exceptions=True,
    )
    wins = [r for r in results if not isinstance(r, Exception)]
    losses = [r for r in results if isinstance(r, ConcurrencyConflict)]
    assert len(wins) == 1 and len(losses) == 4
    events, last = await store.load("sample", "account", agg)
    assert len(events) == 2 and last == 2


async def test_runner_retries_conflicts_so_concurrent_commands_all_land(nc: NATS) -> None:
    store = await make_store(nc)
    agg = uuid7()
    runners = [CommandRunner(store, max_attempts=20) for _ in range(4)]
    ctx = CommandContext("member:m1", NOW)
    await runners[0].execute(
        "open", [Target(account, agg, new=True)], lambda s: [Opened(owner="a")], ctx
    )
    await asyncio.gather(
        *[
            runners[i % 4].execute("deposit", [Target(account, agg)], deposit(1), ctx)
            for i in range(12)
        ]
    )
    events, _ = await store.load("sample", "account", agg)
    assert account.fold([e.event for e in events]).balance == 12


async def test_conflicts_beyond_the_bound_answer_409(nc: NATS) -> None:
    store = await make_store(nc)
    agg = uuid7()
    runner = CommandRunner(store, max_attempts=2)
    ctx = CommandContext("member:m1", NOW)
    await runner.execute(
        "open", [Target(account, agg, new=True)], lambda s: [Opened(owner="a")], ctx
    )
    other = CommandRunner(EventStore(nc, stream_for("sample"), registry))

    def always_stale(states: list[object]) -> list[Deposited]:
        # Another writer sneaks in between our load and our append, every time.
        runner.cache.drop(key(agg))
        return [Deposited(amount=1)]

    real_append = store.append

    async def racing_append(events, expected):  # type: ignore[no-untyped-def]
        await other.execute("deposit", [Target(account, agg)], deposit(5), ctx)
        return await real_append(events, expected)

    store.append = racing_append  # type: ignore[method-assign]
    with pytest.raises(ConflictExhausted) as err:
        await runner.execute("deposit", [Target(account, agg)], always_stale, ctx)
    assert "请刷新后重试" in err.value.message


async def test_retried_append_is_not_stored_twice(nc: NATS) -> None:
    store = await make_store(nc)
    agg = uuid7()
    pending = [PendingEvent(agg, Opened(owner="a"), meta())]
    first = await store.append(pending, {key(agg): None})
    again = await store.append(pending, {key(agg): None})
    assert again.duplicate and again.last_seq == first.last_seq
    events, _ = await store.load("sample", "account", agg)
    assert len(events) == 1


async def test_multi_event_append_is_all_or_nothing(nc: NATS) -> None:
    store = await make_store(nc)
    a, b = uuid7(), uuid7()
    await store.append([PendingEvent(a, Opened(owner="a"), meta())], {key(a): 0})
    # b's expectation is stale (b does not exist at 5): nothing of the batch may land.
    batch = [
        PendingEvent(a, Deposited(amount=1), meta()),
        PendingEvent(a, Deposited(amount=2), meta()),
        PendingEvent(b, Opened(owner="b"), meta()),
    ]
    with pytest.raises(ConcurrencyConflict):
        await store.append(batch, {key(a): 1, key(b): 5})
    events, _ = await store.load("sample", "account", a)
    assert len(events) == 1
    ok = await store.append(batch, {key(a): 1, key(b): 0})
    assert ok.last_seq - ok.first_seq == 2
    events_a, _ = await store.load("sample", "account", a)
    events_b, _ = await store.load("sample", "account", b)
    assert [e.seq for e in events_a] == [1, 2, 3] and [e.seq for e in events_b] == [4]


@contextlib.contextmanager
def first_ack_lost(nc: NATS) -> Iterator[dict[str, bool]]:
    """While active, the first append to the sample stream is stored but its ack is
    lost (the client sees a timeout). Yields {"done": True} once that has happened."""
    real_request = nc.request
    lost = {"done": False}

    async def request_losing_first_ack(
        subject: str,
        payload: bytes = b"",
        timeout: float = 0.5,
        old_style: bool = False,
        headers: dict[str, Any] | None = None,
    ) -> Msg:
        reply = await real_request(
            subject, payload, timeout=timeout, old_style=old_style, headers=headers
        )
        if subject.startswith("cppcc.sample.") and not lost["done"]:
            lost["done"] = True
            raise NatsTimeout
        return reply

    nc.request = request_losing_first_ack  # type: ignore[method-assign]
    try:
        yield lost
    finally:
        nc.request = real_request  # type: ignore[method-assign]


async def test_unknown_outcome_resolved_by_message_id(nc: NATS) -> None:
    """The first publish is stored but its ack is lost: the retry must not store it again
    and must report success, although the server answers 'wrong last sequence'."""
    store = await make_store(nc)
    agg = uuid7()
    await store.append([PendingEvent(agg, Opened(owner="a"), meta())], {key(agg): 0})
    with first_ack_lost(nc) as lost:
        result = await store.append([PendingEvent(agg, Deposited(amount=7), meta())], {key(agg): 1})
    assert lost["done"] and result.last_seq == 2
    events, _ = await store.load("sample", "account", agg)
    assert [type(e.event).__name__ for e in events] == ["Opened", "Deposited"]


async def test_unknown_outcome_of_a_batch_resolved_by_message_id(nc: NATS) -> None:
    store = await make_store(nc)
    agg = uuid7()
    batch = [
        PendingEvent(agg, Opened(owner="a"), meta()),
        PendingEvent(agg, Deposited(amount=3), meta()),
    ]
    with first_ack_lost(nc):
        result = await store.append(batch, {key(agg): 0})
    assert (result.first_seq, result.last_seq) == (1, 2)
    events, _ = await store.load("sample", "account", agg)
    assert len(events) == 2


async def test_load_reads_long_histories_in_batches(nc: NATS) -> None:
    store = await make_store(nc)
    agg = uuid7()
    runner = CommandRunner(store)
    ctx = CommandContext("member:m1", NOW)
    await runner.execute(
        "open", [Target(account, agg, new=True)], lambda s: [Opened(owner="a")], ctx
    )
    for _ in range(3):
        batch = [PendingEvent(agg, Deposited(amount=1), meta()) for _ in range(500)]
        _, last = await store.load("sample", "account", agg)
        await store.append(batch, {key(agg): last})
    events, last = await store.load("sample", "account", agg)
    assert len(events) == 1501 and last == 1501
