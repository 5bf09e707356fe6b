"""Dead letters: list them, replay them once the handler is fixed (real nats-server, SQLite
and PostgreSQL)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from nats.aio.client import Client as NATS
from prometheus_client import REGISTRY
from sqlalchemy import insert, select

from shared.db import Database
from shared.deadletters import (
    AlreadyReplayed,
    DeadLetterReplayer,
    UnknownDeadLetter,
    UnknownProjection,
    list_dead_letters,
)
from shared.events import RecordedEvent
from shared.eventstore import EventStore, PendingEvent
from shared.projection import Write, checkpoints, dead_letters
from shared.runner import ProjectionRunner, RunnerConfig
from tests.integration.sample import Balances, Deposited
from tests.integration.test_projection_runner import eventually, meta, seed, total


@pytest.fixture
async def db(db_url: str) -> AsyncIterator[Database]:
    database = Database(db_url)
    yield database
    await database.dispose()


class StillBroken(Balances):
    """The 'fix' that does not fix it: fails differently."""

    def deposited(self, rec: RecordedEvent) -> list[Write]:
        raise RuntimeError("still broken")


async def dead_lettered(
    nc: NATS, db: Database, amounts: tuple[int, ...]
) -> tuple[EventStore, str, int]:
    """One account, one deposit per amount; 666 is poison. Runs the runner until every
    event is past, then stops it. Returns the store, the account and the last sequence."""
    store, ids = await seed(nc, accounts=1, deposits=0)
    agg = ids[0]
    last = 1
    for amount in amounts:
        _, seen = await store.load("sample", "account", agg)
        result = await store.append(
            [PendingEvent(agg, Deposited(amount=amount), meta())],
            {f"cppcc.sample.account.{agg}.*": seen},
        )
        last = result.last_seq
    poisoned = Balances(dialect=db.dialect)
    poisoned.poison_amount = 666
    runner = ProjectionRunner(
        nc, db, [poisoned], RunnerConfig(batch=10, max_deliver=2, backoff=(0.01,))
    )
    await runner.start()
    try:
        await eventually(lambda: _reached(runner, last))
    finally:
        await runner.stop()
    return store, agg, last


async def _reached(runner: ProjectionRunner, seq: int) -> bool:
    return runner.position("SAMPLE") >= seq


async def checkpoint(db: Database) -> int:
    async with db.read() as conn:
        value = await conn.execute(
            select(checkpoints.c.last_seq).where(checkpoints.c.projection == "balances")
        )
        return int(value.scalar_one())


async def rows(db: Database) -> list[tuple[object, ...]]:
    async with db.read() as conn:
        return [
            tuple(r) for r in await conn.execute(select(dead_letters).order_by(dead_letters.c.id))
        ]


def replays(outcome: str) -> float:
    value = REGISTRY.get_sample_value(
        "cppcc_projection_dead_letter_replays_total",
        {"projection": "balances", "outcome": outcome},
    )
    return value or 0.0


async def test_fixed_handler_replays_the_event_and_marks_the_row(nc: NATS, db: Database) -> None:
    await dead_lettered(nc, db, (1, 666, 2))
    assert await total(db, Balances()) == (3, 2)
    [letter] = await list_dead_letters(db)
    assert (letter.projection, letter.stream, letter.seq) == ("balances", "SAMPLE", 3)
    assert letter.replayed_at is None and "poison event" in letter.error
    position = await checkpoint(db)
    before = replays("replayed")

    fixed = Balances(dialect=db.dialect)  # poison_amount unset: the handler is fixed
    [result] = await DeadLetterReplayer(nc, db, [fixed]).replay_ids([letter.id])

    assert result.ok and result.outcome == "replayed"
    assert await total(db, fixed) == (669, 3)
    assert await list_dead_letters(db) == []
    [done] = await list_dead_letters(db, "balances", include_replayed=True)
    assert done.replayed_at is not None and done.attempts == letter.attempts
    assert await checkpoint(db) == position  # the checkpoint did not move
    assert replays("replayed") == before + 1


async def test_replay_that_fails_again_keeps_the_row_and_records_the_error(
    nc: NATS, db: Database
) -> None:
    await dead_lettered(nc, db, (1, 666))
    [letter] = await list_dead_letters(db)
    before = replays("failed")

    [result] = await DeadLetterReplayer(nc, db, [StillBroken(dialect=db.dialect)]).replay_ids(
        [letter.id]
    )

    assert result.outcome == "failed" and not result.ok
    assert result.detail is not None and "still broken" in result.detail
    [kept] = await list_dead_letters(db)
    assert kept.id == letter.id and kept.replayed_at is None
    assert "still broken" in kept.error and kept.attempts == letter.attempts + 1
    assert await total(db, Balances()) == (1, 1)  # rolled back
    assert replays("failed") == before + 1


async def test_already_replayed_is_refused_unless_forced(nc: NATS, db: Database) -> None:
    await dead_lettered(nc, db, (666,))
    [letter] = await list_dead_letters(db)
    replayer = DeadLetterReplayer(nc, db, [Balances(dialect=db.dialect)])
    await replayer.replay_ids([letter.id])
    snapshot = await rows(db)

    with pytest.raises(AlreadyReplayed) as refused:
        await replayer.replay_ids([letter.id])
    assert [d.id for d in refused.value.letters] == [letter.id]
    assert await rows(db) == snapshot and await total(db, Balances()) == (666, 1)

    # Forced, the event is applied once more (this handler is not idempotent: it shows).
    [again] = await replayer.replay_ids([letter.id], force=True)
    assert again.ok and await total(db, Balances()) == (1332, 2)


async def test_replay_of_a_projection_takes_every_unreplayed_row_in_order(
    nc: NATS, db: Database
) -> None:
    await dead_lettered(nc, db, (666, 5, 666))
    assert [d.seq for d in await list_dead_letters(db, "balances")] == [2, 4]
    replayer = DeadLetterReplayer(nc, db, [Balances(dialect=db.dialect)])

    results = await replayer.replay_projection("balances")

    assert [(r.dead_letter.seq, r.outcome) for r in results] == [(2, "replayed"), (4, "replayed")]
    assert await total(db, Balances()) == (1337, 3)
    assert await replayer.replay_projection("balances") == []  # nothing left


async def test_unknown_ids_and_projections_write_nothing(nc: NATS, db: Database) -> None:
    await dead_lettered(nc, db, (666,))
    [letter] = await list_dead_letters(db)
    snapshot = await rows(db)
    replayer = DeadLetterReplayer(nc, db, [Balances(dialect=db.dialect)])
    with pytest.raises(UnknownDeadLetter) as unknown:
        await replayer.replay_ids([letter.id, 999])
    assert unknown.value.ids == [999]
    with pytest.raises(UnknownProjection):
        await replayer.replay_projection("nope")
    with pytest.raises(UnknownProjection):  # the row's projection is not in this service
        await DeadLetterReplayer(nc, db, []).replay_ids([letter.id])
    assert await rows(db) == snapshot and await total(db, Balances()) == (0, 0)


async def test_a_message_not_in_the_stream_is_reported_and_nothing_written(
    nc: NATS, db: Database
) -> None:
    # The stream denies purge and delete; a row pointing past its end stands for a
    # message that is gone, and one whose subject differs for a recreated stream.
    await dead_lettered(nc, db, (666,))
    [letter] = await list_dead_letters(db)
    original = dict(zip(dead_letters.c.keys(), (await rows(db))[0], strict=True))
    del original["id"]
    async with db.write() as conn:
        for seq, subject in ((999, letter.subject), (letter.seq, "cppcc.sample.account.x.y")):
            await conn.execute(
                insert(dead_letters).values({**original, "seq": seq, "subject": subject})
            )
    snapshot = await rows(db)
    replayer = DeadLetterReplayer(nc, db, [Balances(dialect=db.dialect)])

    gone, moved = await replayer.replay_ids([letter.id + 1, letter.id + 2])

    assert gone.outcome == "missing" and "no longer stored" in (gone.detail or "")
    assert moved.outcome == "missing" and "recreated" in (moved.detail or "")
    assert await rows(db) == snapshot and await total(db, Balances()) == (0, 0)


async def test_listing_without_bookkeeping_tables_is_empty(tmp_path: Path) -> None:
    db = Database(f"sqlite+aiosqlite:///{tmp_path}/empty.db")
    try:
        assert await list_dead_letters(db, include_replayed=True) == []
    finally:
        await db.dispose()


class NoLongerDeposits(Balances):
    """A later version of the projection that dropped its deposit handler."""

    def define(self) -> None:
        super().define()
        del self._handlers[Deposited]


async def test_an_event_the_projection_no_longer_handles_is_not_marked_replayed(
    nc: NATS, db: Database
) -> None:
    await dead_lettered(nc, db, (1, 666))
    [letter] = await list_dead_letters(db)

    [result] = await DeadLetterReplayer(nc, db, [NoLongerDeposits(dialect=db.dialect)]).replay_ids(
        [letter.id]
    )

    assert result.outcome == "failed"
    assert result.detail is not None and "no longer handles" in result.detail
    [kept] = await list_dead_letters(db)
    assert kept.id == letter.id and kept.replayed_at is None
