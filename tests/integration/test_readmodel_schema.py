"""A projection whose read model changed is rebuilt at start; an unchanged one is not."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from nats.aio.client import Client as NATS
from sqlalchemy import Column, Index, String, insert, inspect, select

from shared.db import Database, refresh_schema
from shared.projection import checkpoints
from shared.readmodel_schema import fingerprint, schemas
from shared.runner import ProjectionRunner, RunnerConfig
from shared.streams import last_sequence
from tests.integration.sample import Balances
from tests.integration.test_projection_runner import seed, total


@pytest.fixture
async def db(db_url: str) -> AsyncIterator[Database]:
    database = Database(db_url)
    yield database
    await database.dispose()


class WithNote(Balances):
    """Release 2: one column more."""

    def define(self) -> None:
        super().define()
        self.t.append_column(Column("note", String(20)))


class CountedDifferently(Balances):
    """Release 2: the same tables, handlers that write other rows."""

    version = 2


class WithOwnerIndex(Balances):
    """Release 2: only a secondary index more."""

    def define(self) -> None:
        super().define()
        Index(f"ix_{self.prefix}balances_owner", self.t.c.owner)


class AlsoReadsAbsentStream(Balances):
    """Release 2: reads a stream no service has created yet (and says so by its version)."""

    version = 3
    sources = ("SAMPLE", "ABSENT")  # type: ignore[assignment]  # Balances says tuple[str]


async def _started_release_1(nc: NATS, db: Database) -> Balances:
    """Release 1 has run: its tables are built and hold the stream; plus one stray row a
    rebuild would remove (so a test can tell whether one ran)."""
    proj = Balances(dialect=db.dialect)
    runner = ProjectionRunner(nc, db, [proj], RunnerConfig(batch=100))
    await runner.setup()
    await runner.rebuild(proj)
    async with db.write() as conn:
        await conn.execute(
            insert(proj.t), {"account_id": "stray", "owner": "x", "balance": 0, "deposits": 0}
        )
    return proj


async def _accounts(db: Database, proj: Balances) -> set[str]:
    async with db.read() as conn:
        return set((await conn.execute(select(proj.t.c.account_id))).scalars())


async def _columns(db: Database, table: str) -> set[str]:
    def names(sync_conn: Any) -> set[str]:
        refresh_schema(sync_conn)
        return {str(c["name"]) for c in inspect(sync_conn).get_columns(table)}

    async with db.read() as conn:
        return await conn.run_sync(names)


async def test_a_new_database_records_the_fingerprint_and_a_restart_changes_nothing(
    nc: NATS, db: Database
) -> None:
    _, ids = await seed(nc, accounts=3, deposits=2)
    proj = await _started_release_1(nc, db)
    async with db.read() as conn:
        stored = (await conn.execute(select(schemas.c.fingerprint))).scalars().all()
    assert stored == [fingerprint(proj, db.engine.dialect)]

    again = Balances(dialect=db.dialect)
    await ProjectionRunner(nc, db, [again]).setup()
    assert await _accounts(db, again) == {*ids, "stray"}  # not rebuilt


@pytest.mark.parametrize("release_2", [WithNote, CountedDifferently, AlsoReadsAbsentStream])
async def test_a_changed_read_model_is_rebuilt_before_it_runs(
    nc: NATS, db: Database, release_2: type[Balances]
) -> None:
    _, ids = await seed(nc, accounts=3, deposits=2)
    await _started_release_1(nc, db)
    await seed(nc, accounts=1, deposits=1)  # events while release 1 was down

    proj = release_2(dialect=db.dialect)
    runner = ProjectionRunner(nc, db, [proj], RunnerConfig(batch=100))
    await runner.setup()

    accounts = await _accounts(db, proj)
    assert "stray" not in accounts and set(ids) < accounts and len(accounts) == 4
    assert await total(db, proj) == (7, 7)
    last = await last_sequence(nc, "SAMPLE")
    assert runner.position("SAMPLE") == last
    async with db.read() as conn:
        marks = dict(
            (await conn.execute(select(checkpoints.c.stream, checkpoints.c.last_seq))).all()
        )
        stored = (await conn.execute(select(schemas.c.fingerprint))).scalar_one()
    assert marks["SAMPLE"] == last
    assert stored == fingerprint(proj, db.engine.dialect)
    if release_2 is WithNote:
        assert "note" in await _columns(db, "balances")
    # And the next start leaves the rebuilt tables alone.
    async with db.write() as conn:
        await conn.execute(
            insert(proj.t), {"account_id": "stray", "owner": "x", "balance": 0, "deposits": 0}
        )
    await ProjectionRunner(nc, db, [release_2(dialect=db.dialect)]).setup()
    assert "stray" in await _accounts(db, proj)


async def test_a_new_secondary_index_is_created_without_a_rebuild(nc: NATS, db: Database) -> None:
    _, ids = await seed(nc, accounts=2, deposits=1)
    await _started_release_1(nc, db)
    proj = WithOwnerIndex(dialect=db.dialect)
    assert fingerprint(proj, db.engine.dialect) == fingerprint(
        Balances(dialect=db.dialect), db.engine.dialect
    )
    await ProjectionRunner(nc, db, [proj]).setup()
    assert await _accounts(db, proj) == {*ids, "stray"}

    def index_names(sync_conn: Any) -> set[str]:
        refresh_schema(sync_conn)
        return {str(i["name"]) for i in inspect(sync_conn).get_indexes("balances")}

    async with db.read() as conn:
        assert "ix_balances_owner" in await conn.run_sync(index_names)


def test_the_fingerprint_sees_columns_types_keys_and_version_but_not_the_prefix() -> None:
    from sqlalchemy.dialects import sqlite

    dialect = sqlite.dialect()
    base = fingerprint(Balances(), dialect)
    assert fingerprint(Balances(prefix="rb_"), dialect) == base
    assert fingerprint(WithNote(), dialect) != base
    assert fingerprint(CountedDifferently(), dialect) != base
    assert fingerprint(WithOwnerIndex(), dialect) == base

    class UniqueOwner(Balances):
        def define(self) -> None:
            super().define()
            Index(f"ux_{self.prefix}balances_owner", self.t.c.owner, unique=True)

    assert fingerprint(UniqueOwner(), dialect) != base


async def test_a_check_that_must_not_write_lists_the_changed_read_model_instead(
    nc: NATS, db: Database
) -> None:
    await seed(nc, accounts=2, deposits=1)
    await _started_release_1(nc, db)
    proj = WithNote(dialect=db.dialect)
    runner = ProjectionRunner(nc, db, [proj])
    await runner.setup(rebuild_changed=False)  # what `cppcc rebuild --verify` does
    assert runner.changed_read_models == ["balances"]
    assert "stray" in await _accounts(db, proj)  # nothing rebuilt
    assert "note" not in await _columns(db, "balances")
    # The service's own start then rebuilds it.
    await ProjectionRunner(nc, db, [WithNote(dialect=db.dialect)]).setup()
    assert "note" in await _columns(db, "balances")
