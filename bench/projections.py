"""Rows 5–6: projection catch-up (live runner) and rebuild into SQLite.

The stream is pre-filled with atomic batches through `EventStore.append` (real events, real
CloudEvents headers). Catch-up: a `ProjectionRunner` with the services' default
`RunnerConfig` on a fresh SQLite file, timed from `start()` until every projection's committed
position reaches the stream's last sequence. Rebuild: `ProjectionRunner.rebuild(projection)`
over the same events, timed end to end (drop, create, replay, commit per chunk).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import func, select

from bench import members
from bench.harness import (
    Config,
    Env,
    Row,
    Stopwatch,
    failed_row,
    fresh_server,
    rate,
    settle,
    throughput_row,
)
from bench.sample import Balances, Deposited, Opened, registry
from shared.db import Database
from shared.events import EventMeta, aggregate_subject
from shared.eventstore import EventStore, PendingEvent
from shared.ids import uuid7
from shared.projection import Projection
from shared.runner import ProjectionRunner
from shared.streams import last_sequence, stream_for

REBUILD_TARGET = 30_000.0
ALL_CONTEXTS = ("members", "proposals", "consultation", "notifications")


async def fill_sample(store: EventStore, total: int, per_account: int = 50) -> int:
    """Accounts of one `Opened` and `per_account - 1` deposits, one atomic batch each."""
    now = datetime.now(UTC)
    accounts = 0
    written = 0
    while written < total:
        agg = uuid7()
        size = min(per_account, total - written)
        batch = [
            PendingEvent(agg, Opened(owner=f"户主{accounts}", township_id="chengguan"), _m(now))
        ]
        batch += [PendingEvent(agg, Deposited(amount=1 + i % 5), _m(now)) for i in range(size - 1)]
        await store.append(batch, {aggregate_subject("sample", "account", agg): 0})
        written += size
        accounts += 1
    return accounts


def _m(now: datetime) -> EventMeta:
    return EventMeta(uuid7(), now, "system")


async def catch_up(
    env: Env, db: Database, projs: Sequence[Projection], stream: str, last: int
) -> tuple[float, ProjectionRunner]:
    runner = ProjectionRunner(env.nc, db, list(projs))
    await runner.setup()  # tables and positions: not timed
    await settle()
    watch = Stopwatch()
    await runner.start()
    ok = await runner.wait_for(stream, last, timeout=900)
    seconds = watch.seconds
    await runner.stop()
    if not ok:
        raise TimeoutError(f"catch-up did not reach {stream}:{last}: {runner.positions()}")
    return seconds, runner


async def rebuild(runner: ProjectionRunner, proj: Projection) -> tuple[float, int]:
    """Seconds, and the number of messages replayed (over all of the projection's streams)."""
    await settle()
    watch = Stopwatch()
    counts = await runner.rebuild(proj)
    return watch.seconds, sum(counts.values())


async def sample_rows(cfg: Config) -> list[Row]:
    async with fresh_server(("sample",)) as env:
        store = EventStore(env.nc, stream_for("sample"), registry, service="bench")
        watch = Stopwatch()
        accounts = await fill_sample(store, cfg.catchup_events)
        fill_s = watch.seconds
        last = await last_sequence(env.nc, "SAMPLE")

        async def check(db: Database, proj: Projection) -> str:
            assert isinstance(proj, Balances)
            return await _balances_check(db, proj, accounts, last)

        db = Database(env.db_url("balances.db"))
        try:
            proj = Balances(dialect=db.dialect)
            seconds, runner = await catch_up(env, db, [proj], "SAMPLE", last)
            cu_check = await check(db, proj)
            rb_seconds, _ = await rebuild(runner, proj)
            rb_check = await check(db, proj)
            fill_note = (
                f"stream pre-filled with {last} events ({accounts} accounts, atomic batches of "
                f"50) at {rate(last, fill_s):,.0f} events/s"
            )
            rows = [
                throughput_row(
                    "5",
                    "projection catch-up into SQLite — sample `Balances`",
                    rate(last, seconds),
                    notes=[f"{last} events in {seconds:.2f} s; {fill_note}; {cu_check}"],
                ),
                throughput_row(
                    "6",
                    "rebuild into SQLite — sample `Balances`",
                    rate(last, rb_seconds),
                    min_value=REBUILD_TARGET,
                    notes=[f"{last} events in {rb_seconds:.2f} s; {rb_check}"],
                ),
            ]
        finally:
            await db.dispose()
    return rows


async def _balances_check(db: Database, proj: Balances, accounts: int, last: int) -> str:
    async with db.read() as conn:
        rows, deposits = (
            await conn.execute(select(func.count(), func.sum(proj.t.c.deposits)))
        ).one()
    ok = rows == accounts and deposits == last - accounts
    return f"read model check {'ok' if ok else 'WRONG'} ({rows} accounts, {deposits} deposits)"


async def table_counts(db: Database, projs: Sequence[Projection]) -> str:
    """Rows per read-model table: shows that the projections really applied the events."""
    counts = []
    async with db.read() as conn:
        for proj in projs:
            for table in proj.tables.values():
                n = (await conn.execute(select(func.count()).select_from(table))).scalar_one()
                counts.append(f"{table.name} {n}")
    return "rows: " + ", ".join(counts)


async def members_rows(cfg: Config) -> list[Row]:
    async with fresh_server(ALL_CONTEXTS) as env:
        store = EventStore(env.nc, stream_for("members"), members.registry(), service="bench")
        watch = Stopwatch()
        counts = await members.fill(store, cfg.members_events)
        fill_s = watch.seconds
        last = await last_sequence(env.nc, "MEMBERS")
        db = Database(env.db_url("members.db"))
        rows: list[Row] = []
        try:
            projs = members.projections(db.dialect)
            readers = [p for p in projs if "MEMBERS" in p.sources]
            names = ", ".join(f"`{p.name}`" for p in readers)
            others = ", ".join(f"`{p.name}`" for p in projs if p not in readers) or "none"
            seconds, runner = await catch_up(env, db, projs, "MEMBERS", last)
            fill_note = (
                f"stream pre-filled with {last} events ({counts}) at "
                f"{rate(last, fill_s):,.0f} events/s"
            )
            rows.append(
                throughput_row(
                    "5m",
                    f"projection catch-up into SQLite — members service, all "
                    f"{len(readers)} projections reading MEMBERS live",
                    rate(last, seconds),
                    notes=[
                        f"{last} stream events in {seconds:.2f} s, each applied by "
                        f"{len(readers)} projections ({names}; one consumer each; not reading "
                        f"MEMBERS: {others}); {fill_note}; " + await table_counts(db, readers)
                    ],
                )
            )
            for number, proj in enumerate(readers, start=1):
                try:
                    rb_seconds, replayed = await rebuild(runner, proj)
                except Exception as exc:
                    rows.append(failed_row(f"6m{number}", f"rebuild — members `{proj.name}`", exc))
                    continue
                rows.append(
                    throughput_row(
                        f"6m{number}",
                        f"rebuild into SQLite — members `{proj.name}`",
                        rate(replayed, rb_seconds),
                        min_value=REBUILD_TARGET,
                        notes=[
                            f"`{proj.name}`: {replayed} events ({', '.join(proj.sources)}) in "
                            f"{rb_seconds:.2f} s; " + await table_counts(db, [proj])
                        ],
                    )
                )
        finally:
            await db.dispose()
    return rows


async def run(cfg: Config) -> list[Row]:
    rows = await sample_rows(cfg)
    if cfg.members:
        ok, why = members.available()
        if ok:
            try:
                rows += await members_rows(cfg)
            except Exception as exc:
                rows.append(failed_row("5m", "members projections", exc))
        else:
            rows[0].notes.append(f"members variant skipped: {why}")
    return rows
