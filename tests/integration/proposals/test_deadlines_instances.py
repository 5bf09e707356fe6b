"""Exactly once beyond one process: two full instances of the service (same NATS server,
each its own database and read models) scanning at the same time, and a restart on the
same data (SQLite and PostgreSQL) — every reminder is recorded once."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from pathlib import Path

import httpx
from fastapi import FastAPI

from services.proposals.app import create
from services.proposals.application.deadline_timer import scan_once
from shared.natsserver import EmbeddedNats

from .conftest import settings_for
from .deadline_support import (
    Reminder,
    assigned,
    caught_up,
    counts,
    on,
    reminders,
    roll_and_units,
    runtime,
    second_instance,
    state_of,
    watch_rows,
)
from .helpers import Members
from .lifecycle_support import post, unit


async def expected_reminders(app: FastAPI, pid: str) -> tuple[set[Reminder], list[date]]:
    """Lead t1 and co-handler t2, neither signed in: what the timer owes, and when to scan."""
    state = await state_of(runtime(app), pid)
    lead, co = state.task("t1"), state.task("t2")
    assert lead is not None and co is not None
    owed: set[Reminder] = {
        ("t1", "sign_in", 1, lead.return_due_on, None),
        ("t2", "sign_in", 1, co.return_due_on, None),
        ("t2", "co_opinion", 1, co.due_on, 15),
        ("t2", "co_opinion", 1, co.due_on, 5),
        ("t2", "co_opinion", 1, co.due_on, None),
        ("t1", "reply", 1, lead.due_on, 15),
        ("t1", "reply", 1, lead.due_on, 5),
        ("t1", "reply", 1, lead.due_on, None),
    }
    days = [lead.return_due_on + timedelta(days=1)]
    for due in (co.due_on, lead.due_on):
        days += [due - timedelta(days=15), due - timedelta(days=5), due + timedelta(days=1)]
    return owed, days


async def test_two_instances_scanning_at_once_record_each_reminder_once(
    app: FastAPI,
    client: httpx.AsyncClient,
    members: Members,
    nats_server: EmbeddedNats,
    tmp_path: Path,
) -> None:
    await roll_and_units(client, members)
    roles = (("zhujianju", "lead"), ("huanbao", "co"))
    pids = [(await assigned(client, members, *roles))[0] for _ in range(3)]
    await caught_up(runtime(app))
    owed: dict[str, set[Reminder]] = {}
    days: set[date] = set()
    for pid in pids:
        owed[pid], when = await expected_reminders(app, pid)
        days.update(when)

    other = second_instance(nats_server, tmp_path / "b")
    async with other.router.lifespan_context(other):
        a, b = runtime(app), runtime(other)
        await caught_up(b)  # its own database, built from the stream
        recorded = 0
        for day in sorted(days):
            now = on(day)
            scans = await asyncio.gather(
                scan_once(a, now), scan_once(b, now), scan_once(b, now), scan_once(a, now)
            )
            recorded += sum(scans)
        for pid in pids:
            found = counts(await reminders(a, pid))
            assert set(found) == owed[pid]
            assert set(found.values()) == {1}, found
        assert recorded == sum(len(v) for v in owed.values())
        await caught_up(a)
        await caught_up(b)
        assert await watch_rows(a) == await watch_rows(b)  # two databases, one stream


async def test_a_restart_on_the_same_data_records_nothing_twice(
    nats_server: EmbeddedNats, tmp_path: Path, members: Members, db_url: str
) -> None:
    settings = settings_for(nats_server, tmp_path / "r", db_url)
    first = create(settings)
    async with first.router.lifespan_context(first):
        transport = httpx.ASGITransport(app=first)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            await roll_and_units(client, members)
            pid, _ = await assigned(client, members)
            await post(client, f"/proposals/{pid}/tasks/t1/accept", unit("zhujianju"))
        rt = runtime(first)
        await caught_up(rt)
        due = (await state_of(rt, pid)).task("t1").due_on  # type: ignore[union-attr]
        assert await scan_once(rt, on(due - timedelta(days=15))) == 1
        # stopped at once: the read model may not have seen the reminder yet

    second = create(settings)
    async with second.router.lifespan_context(second):
        rt = runtime(second)
        await caught_up(rt)
        assert await scan_once(rt, on(due - timedelta(days=15))) == 0
        assert await scan_once(rt, on(due - timedelta(days=5))) == 1
        assert await scan_once(rt, on(due - timedelta(days=5))) == 0
        assert await reminders(rt, pid) == [
            ("t1", "reply", 1, due, 15),
            ("t1", "reply", 1, due, 5),
        ]
