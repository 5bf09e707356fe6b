"""Projection runner: exactly-once effect across crashes, dead letters, gaps, rebuild."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from nats.aio.client import Client as NATS
from nats.js.api import ConsumerInfo
from sqlalchemy import Index, insert, inspect, select

from shared.db import Database, refresh_schema
from shared.events import EventMeta
from shared.eventstore import EventStore, PendingEvent
from shared.ids import uuid7
from shared.projection import dead_letters, sequence_gaps
from shared.runner import (
    InjectedCrash,
    ProjectionRunner,
    RunnerConfig,
    compare_tables,
)
from shared.streams import stream_for
from tests.integration.sample import Balances, Deposited, Opened, registry

NOW = datetime(2026, 3, 1, tzinfo=UTC)


async def eventually(check: Callable[[], Awaitable[bool]], timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if await check():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("condition not met before the deadline")


def meta() -> EventMeta:
    return EventMeta(uuid7(), NOW, "system")


@pytest.fixture
async def db(db_url: str) -> AsyncIterator[Database]:
    database = Database(db_url)
    yield database
    await database.dispose()


async def seed(nc: NATS, accounts: int, deposits: int) -> tuple[EventStore, list[str]]:
    store = EventStore(nc, stream_for("sample"), registry)
    await store.ensure()
    ids = [uuid7() for _ in range(accounts)]
    for agg in ids:
        batch = [PendingEvent(agg, Opened(owner="o"), meta())]
        batch += [PendingEvent(agg, Deposited(amount=1), meta()) for _ in range(deposits)]
        await store.append(batch, {f"cppcc.sample.account.{agg}.*": 0})
    return store, ids


async def total(db: Database, proj: Balances) -> tuple[int, int]:
    async with db.read() as conn:
        rows = (await conn.execute(select(proj.t.c.balance, proj.t.c.deposits))).all()
    return sum(r[0] for r in rows), sum(r[1] for r in rows)


async def test_live_projection_applies_every_event_once(nc: NATS, db: Database) -> None:
    await seed(nc, accounts=5, deposits=20)
    proj = Balances(dialect=db.engine.dialect.name)
    runner = ProjectionRunner(nc, db, [proj], RunnerConfig(batch=37))
    await runner.start()
    try:
        await eventually(lambda: _at(runner, 105))
        assert await total(db, proj) == (100, 100)
    finally:
        await runner.stop()


async def _at(runner: ProjectionRunner, seq: int) -> bool:
    return runner.position("SAMPLE") >= seq


async def test_crash_after_commit_before_ack_counts_nothing_twice(nc: NATS, db: Database) -> None:
    await seed(nc, accounts=2, deposits=10)
    proj = Balances(dialect=db.engine.dialect.name)
    crashed = asyncio.Event()

    def crash_after_commit(point: str) -> None:
        if point == "after_commit" and not crashed.is_set():
            crashed.set()
            raise InjectedCrash(point)

    cfg = RunnerConfig(batch=7, ack_wait=1.0, fault=crash_after_commit)
    first = ProjectionRunner(nc, db, [proj], cfg)
    await first.start()
    await asyncio.wait_for(crashed.wait(), 10)
    await first.stop()  # the task died with the crash; nothing was acked for that batch
    second = ProjectionRunner(nc, db, [proj], RunnerConfig(batch=7, ack_wait=1.0))
    await second.start()
    try:
        await eventually(lambda: _at(second, 22))
        # The redelivered batch (at or below the checkpoint) must have been skipped.
        await eventually(lambda: _no_pending(nc), timeout=10)
        assert await total(db, proj) == (20, 20)
    finally:
        await second.stop()


async def _no_pending(nc: NATS) -> bool:
    names = [c.name for c in await nc.jetstream().consumers_info("SAMPLE")]
    assert len(names) == 1 and names[0].startswith("proj_sample_")
    # nats-py leaves JetStreamManager.consumer_info unannotated; it returns a ConsumerInfo.
    info: ConsumerInfo = await nc.jetstream().consumer_info("SAMPLE", names[0])
    return info.num_ack_pending == 0 and info.num_pending == 0


async def test_redelivered_batch_at_or_below_checkpoint_is_skipped(nc: NATS, db: Database) -> None:
    await seed(nc, accounts=2, deposits=4)
    proj = Balances(dialect=db.engine.dialect.name)
    runner = ProjectionRunner(nc, db, [proj], RunnerConfig(batch=100))
    await runner.setup()
    state = runner._streams[("balances", "SAMPLE")]
    msgs = await _fetch_raw(nc, 1, 10)
    await runner.process(state, msgs)
    await runner.process(state, msgs)  # the same batch again, as after a lost ack
    assert await total(db, proj) == (8, 8)
    assert state.position == 10


async def test_crash_before_commit_loses_nothing(nc: NATS, db: Database) -> None:
    await seed(nc, accounts=2, deposits=10)
    proj = Balances(dialect=db.engine.dialect.name)
    crashed = asyncio.Event()

    def crash_before_commit(point: str) -> None:
        if point == "before_commit" and not crashed.is_set():
            crashed.set()
            raise InjectedCrash(point)

    first = ProjectionRunner(
        nc, db, [proj], RunnerConfig(batch=5, ack_wait=1.0, fault=crash_before_commit)
    )
    await first.start()
    await asyncio.wait_for(crashed.wait(), 10)
    await first.stop()
    assert await total(db, proj) == (0, 0)  # rolled back
    second = ProjectionRunner(nc, db, [proj], RunnerConfig(batch=5, ack_wait=1.0))
    await second.start()
    try:
        await eventually(lambda: _at(second, 22))
        assert await total(db, proj) == (20, 20)
    finally:
        await second.stop()


async def test_poison_event_goes_to_dead_letter_and_later_events_apply(
    nc: NATS, db: Database
) -> None:
    store, ids = await seed(nc, accounts=1, deposits=0)
    agg = ids[0]
    for amount in (1, 666, 2, 3):
        _, last = await store.load("sample", "account", agg)
        await store.append(
            [PendingEvent(agg, Deposited(amount=amount), meta())],
            {f"cppcc.sample.account.{agg}.*": last},
        )
    proj = Balances(dialect=db.engine.dialect.name)
    proj.poison_amount = 666
    runner = ProjectionRunner(
        nc, db, [proj], RunnerConfig(batch=10, max_deliver=3, backoff=(0.01, 0.02))
    )
    await runner.start()
    try:
        await eventually(lambda: _at(runner, 5))
        assert await total(db, proj) == (6, 3)
        async with db.read() as conn:
            rows = (await conn.execute(select(dead_letters))).all()
        assert len(rows) == 1
        assert rows[0].seq == 3 and rows[0].stream == "SAMPLE"
        assert rows[0].subject == f"cppcc.sample.account.{agg}.deposited"
        assert "poison event" in rows[0].error and rows[0].attempts == 3
    finally:
        await runner.stop()


async def test_sequence_gap_is_detected_and_reported(nc: NATS, db: Database) -> None:
    await seed(nc, accounts=3, deposits=2)  # seq 1..9
    proj = Balances(dialect=db.engine.dialect.name)
    runner = ProjectionRunner(nc, db, [proj], RunnerConfig(batch=100))
    await runner.setup()
    # Pretend messages 1..3 were applied but 4..6 never reached the projection.
    state = runner._streams[("balances", "SAMPLE")]
    msgs = await _fetch_raw(nc, 1, 9)
    from shared.runner import _raw  # the runner's own conversion

    async with db.write() as conn:
        await runner._apply(conn, state, [_raw(m) for m in msgs[:3]])
    state.position = 3
    async with db.write() as conn:
        await runner._apply(conn, state, [_raw(m) for m in msgs[6:]])
    async with db.read() as conn:
        gaps = (await conn.execute(select(sequence_gaps))).all()
    assert [(g.from_seq, g.to_seq) for g in gaps] == [(4, 6)]


async def _fetch_raw(nc: NATS, start: int, end: int) -> list:  # type: ignore[type-arg]
    js = nc.jetstream()
    sub = await js.pull_subscribe("cppcc.sample.>", durable=None, stream="SAMPLE", config=None)
    msgs = await sub.fetch(end - start + 1, timeout=5)
    return msgs


async def test_rebuild_equals_live(nc: NATS, db: Database) -> None:
    await seed(nc, accounts=20, deposits=15)
    proj = Balances(dialect=db.engine.dialect.name)
    runner = ProjectionRunner(nc, db, [proj], RunnerConfig(batch=64))
    await runner.start()
    try:
        await eventually(lambda: _at(runner, 320))
    finally:
        await runner.stop()
    fresh = proj.clone("rb_")
    counts = await runner.rebuild(fresh)
    assert counts == {"SAMPLE": 320}
    report = await compare_tables(db, proj, fresh)
    assert report == {"balances": (20, 20, 0)}
    # And a difference is seen: tamper with one live row.
    async with db.write() as conn:
        await conn.execute(
            proj.t.update()
            .where(
                proj.t.c.account_id
                == (await conn.execute(select(proj.t.c.account_id).limit(1))).scalar_one()
            )
            .values(balance=-1)
        )
    report = await compare_tables(db, proj, fresh)
    assert report["balances"][2] == 1


async def test_dead_letters_survive_rebuild_separately(nc: NATS, db: Database) -> None:
    # The dead-letter table is bookkeeping, not a read model: rebuild does not drop it.
    proj = Balances(dialect=db.engine.dialect.name)
    runner = ProjectionRunner(nc, db, [proj])
    await seed(nc, accounts=1, deposits=1)
    await runner.setup()
    async with db.write() as conn:
        await conn.execute(
            insert(dead_letters).values(
                projection="balances",
                stream="SAMPLE",
                seq=99,
                subject="x",
                event_type="t",
                error="e",
                attempts=1,
                recorded_at=NOW,
            )
        )
    await runner.rebuild(proj)
    async with db.read() as conn:
        assert len((await conn.execute(select(dead_letters))).all()) == 1


class Deposits(Balances):
    """A second projection of the same stream, with its own table."""

    name = "deposits"
    table_name = "deposit_totals"


async def test_projections_of_one_stream_share_a_consumer_and_fail_separately(
    nc: NATS, db: Database
) -> None:
    store, ids = await seed(nc, accounts=1, deposits=0)
    agg = ids[0]
    for amount in (1, 666, 2):
        _, last = await store.load("sample", "account", agg)
        await store.append(
            [PendingEvent(agg, Deposited(amount=amount), meta())],
            {f"cppcc.sample.account.{agg}.*": last},
        )
    poisoned = Balances(dialect=db.engine.dialect.name)
    poisoned.poison_amount = 666
    healthy = Deposits(dialect=db.engine.dialect.name)
    runner = ProjectionRunner(
        nc,
        db,
        [poisoned, healthy],
        RunnerConfig(batch=10, max_deliver=2, backoff=(0.01,)),
        service="svc",
    )
    await runner.start()
    try:
        await eventually(lambda: _at(runner, 4))
        infos = [c async for c in _consumers(nc)]
        assert len(infos) == 1 and infos[0].startswith("proj_svc_sample_")  # one for both
        assert await total(db, poisoned) == (3, 2)  # the poison event dead-lettered
        assert await total(db, healthy) == (669, 3)  # the other projection applied it
        async with db.read() as conn:
            rows = (await conn.execute(select(dead_letters))).all()
        assert [(r.projection, r.seq) for r in rows] == [("balances", 3)]
    finally:
        await runner.stop()


async def _consumers(nc: NATS):  # type: ignore[no-untyped-def]
    for name in await nc.jetstream().consumers_info("SAMPLE"):
        yield name.name


class IndexedBalances(Balances):
    """Balances with a secondary index (owner) and a unique one (owner, account)."""

    name = "indexed_balances"

    def define(self) -> None:
        super().define()
        Index(f"ix_{self.prefix}by_owner", self.t.c.owner)
        Index(f"ux_{self.prefix}owner_account", self.t.c.owner, self.t.c.account_id, unique=True)


async def _index_names(db: Database, table: str) -> set[str]:
    def names(sync_conn: Any) -> set[str]:
        refresh_schema(sync_conn)  # another pooled connection may have changed it
        return {str(i["name"]) for i in inspect(sync_conn).get_indexes(table)}

    async with db.read() as conn:
        return await conn.run_sync(names)


async def test_rebuild_builds_secondary_indexes_at_the_end_even_after_a_failure(
    nc: NATS, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    await seed(nc, accounts=3, deposits=2)
    proj = IndexedBalances(dialect=db.engine.dialect.name)
    runner = ProjectionRunner(nc, db, [proj], RunnerConfig(batch=100))
    await runner.rebuild(proj)
    assert {"ix_by_owner", "ux_owner_account"} <= await _index_names(db, "balances")
    assert await total(db, proj) == (6, 6)  # three accounts, two deposits of 1 each

    import shared.rebuild

    seen_during_load: list[set[str]] = []

    async def fail_midway(*_: Any) -> dict[str, int]:
        seen_during_load.append(await _index_names(db, "balances"))
        raise RuntimeError("stream went away")

    monkeypatch.setattr(shared.rebuild, "_replay_streams", fail_midway)
    with pytest.raises(RuntimeError):
        await runner.rebuild(proj)
    # During the load only the unique index (upserts need it); afterwards both again.
    assert seen_during_load == [{"ux_owner_account"}]
    assert {"ix_by_owner", "ux_owner_account"} <= await _index_names(db, "balances")


async def test_rebuild_pauses_the_garbage_collector_only_while_it_loads(
    nc: NATS, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    import shared.rebuild

    await seed(nc, accounts=2, deposits=1)
    proj = Balances(dialect=db.engine.dialect.name)
    runner = ProjectionRunner(nc, db, [proj], RunnerConfig(batch=100))
    assert gc.isenabled()
    await runner.rebuild(proj)
    assert gc.isenabled()

    enabled_during_load: list[bool] = []
    real_replay = shared.rebuild._replay_streams

    async def watched(*args: Any) -> dict[str, int]:
        enabled_during_load.append(gc.isenabled())
        return await real_replay(*args)

    async def failing(*_: Any) -> dict[str, int]:
        enabled_during_load.append(gc.isenabled())
        raise RuntimeError("stream went away")

    monkeypatch.setattr(shared.rebuild, "_replay_streams", watched)
    assert await runner.rebuild(proj) == {"SAMPLE": 4}
    assert gc.isenabled()
    monkeypatch.setattr(shared.rebuild, "_replay_streams", failing)
    with pytest.raises(RuntimeError):
        await runner.rebuild(proj)
    assert enabled_during_load == [False, False]
    assert gc.isenabled()  # back on after a failure too
    # A caller that had switched the collector off keeps it off.
    monkeypatch.setattr(shared.rebuild, "_replay_streams", real_replay)
    gc.disable()
    try:
        await runner.rebuild(proj)
        assert not gc.isenabled()
    finally:
        gc.enable()
