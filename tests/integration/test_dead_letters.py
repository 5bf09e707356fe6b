"""Dead letters: list them, replay them once the handler is fixed (real nats-server, SQLite
and PostgreSQL)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from nats.aio.client import Client as NATS
from prometheus_client import REGISTRY
from sqlalchemy import insert, inspect, select

from shared.commands import CommandRunner
from shared.db import Database
from shared.deadletters import (
    DISMISSAL_COLUMNS,
    AlreadyDismissed,
    AlreadyReplayed,
    DeadLetterReplayer,
    ReasonRequired,
    UnknownDeadLetter,
    UnknownProjection,
    dismiss_dead_letters,
    ensure_dismissal_columns,
    get_dead_letters,
    list_dead_letters,
)
from shared.events import RecordedEvent
from shared.eventstore import EventStore, PendingEvent
from shared.ids import stable_id, uuid7
from shared.projection import Write, bookkeeping, checkpoints, dead_letters
from shared.runner import ProjectionRunner, RunnerConfig
from shared.streams import stream_for
from tests.integration.sample import Balances, Deposited, Opened, registry
from tests.integration.test_policy import OpenBonusAccount
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


# --- dismissing ---------------------------------------------------------------------------


async def dead_letter_columns(db: Database) -> set[str]:
    async with db.read() as conn:
        return await conn.run_sync(
            lambda sync: {c["name"] for c in inspect(sync).get_columns(dead_letters.name)}
        )


async def test_a_dismissed_letter_is_hidden_kept_and_not_replayed_unless_forced(
    nc: NATS, db: Database
) -> None:
    await dead_lettered(nc, db, (1, 666))
    [letter] = await list_dead_letters(db)
    assert letter.status == "open" and letter.dismissed_at is None
    position = await checkpoint(db)

    [done] = await dismiss_dead_letters(db, [letter.id], "王秘书", "  活动已撤销，事件作废  ")

    assert done.status == "dismissed" and done.dismissed_by == "王秘书"
    assert done.dismissed_reason == "活动已撤销，事件作废"
    assert await list_dead_letters(db) == []
    assert await list_dead_letters(db, include_replayed=True) == []
    [shown] = await list_dead_letters(db, include_replayed=True, include_dismissed=True)
    assert shown.id == letter.id and shown.status == "dismissed"
    assert shown.dismissed_at is not None and shown.dismissed_by == "王秘书"
    assert shown.dismissed_reason == "活动已撤销，事件作废"
    assert shown.replayed_at is None and shown.attempts == letter.attempts

    replayer = DeadLetterReplayer(nc, db, [Balances(dialect=db.dialect)])
    before = replays("refused")
    with pytest.raises(AlreadyDismissed) as refused:
        await replayer.replay_ids([letter.id])
    assert [d.id for d in refused.value.letters] == [letter.id]
    assert replays("refused") == before + 1
    assert await replayer.replay_projection("balances") == []  # skipped, not replayed
    assert await total(db, Balances()) == (1, 1)
    assert await checkpoint(db) == position

    # Forced, it is replayed after all; the dismissal stays on record.
    [forced] = await replayer.replay_ids([letter.id], force=True)
    assert forced.ok and await total(db, Balances()) == (667, 2)
    [after] = (await get_dead_letters(db, [letter.id])).values()
    assert after.status == "replayed" and after.replayed_at is not None
    assert after.dismissed_by == "王秘书" and after.dismissed_reason == "活动已撤销，事件作废"
    assert await checkpoint(db) == position


async def test_dismissal_refusals_write_nothing(nc: NATS, db: Database) -> None:
    await dead_lettered(nc, db, (666, 666, 666))
    first, second, open_one = await list_dead_letters(db)
    await dismiss_dead_letters(db, [first.id], "甲", "作废")
    await DeadLetterReplayer(nc, db, [Balances(dialect=db.dialect)]).replay_ids([second.id])
    snapshot = await rows(db)
    third = open_one.id

    with pytest.raises(UnknownDeadLetter) as unknown:
        await dismiss_dead_letters(db, [third, 999], "乙", "作废")
    assert unknown.value.ids == [999]
    with pytest.raises(AlreadyDismissed) as dismissed:
        await dismiss_dead_letters(db, [third, first.id], "乙", "再次作废")
    assert [d.id for d in dismissed.value.letters] == [first.id]
    assert dismissed.value.letters[0].dismissed_by == "甲"
    with pytest.raises(AlreadyReplayed) as replayed:
        await dismiss_dead_letters(db, [second.id], "乙", "作废")
    assert [d.id for d in replayed.value.letters] == [second.id]
    for blank in ("", "   "):
        with pytest.raises(ReasonRequired):
            await dismiss_dead_letters(db, [third], "乙", blank)

    assert await rows(db) == snapshot  # not even the third row of the same request
    [still_open] = await list_dead_letters(db)
    assert still_open.id == third and still_open.dismissed_at is None


async def test_dismissal_columns_are_added_to_an_existing_table_once(nc: NATS, db_url: str) -> None:
    # The runner's table has no dismissal columns; two processes may add them at once.
    first, second = Database(db_url), Database(db_url)
    try:
        await dead_lettered(nc, first, (666,))
        assert not set(DISMISSAL_COLUMNS) & await dead_letter_columns(first)
        [letter] = await list_dead_letters(first)  # reading works without them
        assert letter.dismissed_at is None
        with pytest.raises(UnknownDeadLetter):  # a refused dismissal does not add them
            await dismiss_dead_letters(first, [999], "甲", "作废")
        assert not set(DISMISSAL_COLUMNS) & await dead_letter_columns(first)

        both = await asyncio.gather(
            ensure_dismissal_columns(first), ensure_dismissal_columns(second)
        )
        assert list(both) == [True, True]
        assert await ensure_dismissal_columns(first)
        assert set(DISMISSAL_COLUMNS) <= await dead_letter_columns(first)

        # Existing rows are open; the runner still records dead letters (its own columns).
        [same] = await list_dead_letters(first)
        assert same == letter
        await first.create(bookkeeping)
        original = dict(zip(dead_letters.c.keys(), (await rows(first))[0], strict=True))
        del original["id"]
        async with first.write() as conn:
            await conn.execute(insert(dead_letters).values({**original, "seq": 99}))
        assert [d.seq for d in await list_dead_letters(first)] == [letter.seq, 99]
    finally:
        await first.dispose()
        await second.dispose()


async def test_dismissing_without_bookkeeping_tables_creates_nothing(tmp_path: Path) -> None:
    db = Database(f"sqlite+aiosqlite:///{tmp_path}/empty.db")
    try:
        assert not await ensure_dismissal_columns(db)
        with pytest.raises(UnknownDeadLetter):
            await dismiss_dead_letters(db, [1], "甲", "作废")
        async with db.read() as conn:
            assert not await conn.run_sync(lambda sync: inspect(sync).has_table(dead_letters.name))
    finally:
        await db.dispose()


# --- a policy's dead letter ---------------------------------------------------------------


class FlakyBonus(OpenBonusAccount):
    """The bonus-account policy with a reaction that fails while `broken`."""

    broken = True

    async def opened(self, cause: RecordedEvent) -> None:
        if type(self).broken:
            raise RuntimeError("bonus policy bug")
        await super().opened(cause)


async def test_a_policys_dead_letter_replays_its_command_once(
    nc: NATS, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(FlakyBonus, "broken", True)
    store = EventStore(nc, stream_for("sample"), registry)
    await store.ensure()
    agg = uuid7()
    cause = await store.append(
        [PendingEvent(agg, Opened(owner="o"), meta())], {f"cppcc.sample.account.{agg}.*": 0}
    )
    policy = FlakyBonus(dialect=db.dialect)
    policy.bind(CommandRunner(store))
    runner = ProjectionRunner(
        nc, db, [policy], RunnerConfig(batch=10, max_deliver=2, backoff=(0.01,))
    )
    await runner.start()
    try:
        await eventually(lambda: _reached_stream(runner, cause.last_seq))
    finally:
        await runner.stop()
    [letter] = await list_dead_letters(db)
    assert (letter.projection, letter.seq) == ("bonus_accounts", cause.last_seq)
    assert "bonus policy bug" in letter.error
    bonus = stable_id(agg, "bonus")
    assert (await store.load("sample", "account", bonus))[0] == []
    async with db.read() as conn:
        position = (
            await conn.execute(
                select(checkpoints.c.last_seq).where(checkpoints.c.projection == "bonus_accounts")
            )
        ).scalar_one()

    monkeypatch.setattr(FlakyBonus, "broken", False)  # the fix is deployed
    fixed = FlakyBonus(dialect=db.dialect)
    fixed.bind(CommandRunner(store))
    replayer = DeadLetterReplayer(nc, db, [fixed])
    [result] = await replayer.replay_ids([letter.id])

    assert result.ok, result.detail
    events, _ = await store.load("sample", "account", bonus)
    assert [e.event for e in events] == [Opened(owner="bonus:o")]
    [cause_event], _ = await store.load("sample", "account", agg)
    assert events[0].meta.causation_id == cause_event.meta.event_id
    assert await list_dead_letters(db) == []
    async with db.read() as conn:
        assert (
            await conn.execute(
                select(checkpoints.c.last_seq).where(checkpoints.c.projection == "bonus_accounts")
            )
        ).scalar_one() == position

    # Replayed again by force: the reaction's command is a no-op (exactly-once effect).
    [again] = await replayer.replay_ids([letter.id], force=True)
    assert again.ok
    assert len((await store.load("sample", "account", bonus))[0]) == 1


async def _reached_stream(runner: ProjectionRunner, seq: int) -> bool:
    return runner.position("SAMPLE") >= seq
