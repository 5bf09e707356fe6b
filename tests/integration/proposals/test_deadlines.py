"""The deadline timer against a real NATS server and database: with an injected clock,
T-15, T-5 and overdue are each recorded once; an extension moves the deadline; a passed
evaluation window lapses and concludes the proposal; the background task runs the scans."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from services.proposals.app import create
from services.proposals.application.deadline_timer import CLOCK_KEY, scan_once
from shared.natsserver import EmbeddedNats
from shared.streams import last_sequence

from .conftest import settings_for
from .deadline_support import (
    assigned,
    caught_up,
    counts,
    due_of,
    on,
    rebuilt_equals_live,
    reminders,
    roll_and_units,
    runtime,
    state_of,
)
from .helpers import Members, member, read
from .lifecycle_support import REPLY, ok, post, supervising, unit


async def test_thresholds_are_recorded_once_each_with_an_injected_clock(
    app: FastAPI, client: httpx.AsyncClient, members: Members
) -> None:
    rt = runtime(app)
    await roll_and_units(client, members)
    pid, _ = await assigned(client, members)
    await post(client, f"/proposals/{pid}/tasks/t1/accept", unit("zhujianju"))
    await caught_up(rt)
    due = due_of(await state_of(rt, pid))

    expected = [(-16, 0), (-15, 1), (-15, 0), (-10, 0), (-5, 1), (-4, 0), (0, 0), (1, 1), (9, 0)]
    for offset, recorded in expected:
        assert await scan_once(rt, on(due + timedelta(days=offset))) == recorded, offset
        await caught_up(rt)
    assert await reminders(rt, pid) == [
        ("t1", "reply", 1, due, 15),
        ("t1", "reply", 1, due, 5),
        ("t1", "reply", 1, due, None),
    ]


async def test_co_opinion_and_sign_in_deadlines(
    app: FastAPI, client: httpx.AsyncClient, members: Members
) -> None:
    rt = runtime(app)
    await roll_and_units(client, members)
    pid, _ = await assigned(client, members, ("zhujianju", "lead"), ("huanbao", "co"))
    await post(client, f"/proposals/{pid}/tasks/t1/accept", unit("zhujianju"))
    await caught_up(rt)
    state = await state_of(rt, pid)
    sign_in_due = state.task("t2").return_due_on  # type: ignore[union-attr]
    co_due = due_of(state, "t2")

    assert await scan_once(rt, on(sign_in_due)) == 0
    assert await scan_once(rt, on(sign_in_due + timedelta(days=1))) == 1
    await post(client, f"/proposals/{pid}/tasks/t2/accept", unit("huanbao"))
    await caught_up(rt)
    assert await scan_once(rt, on(co_due - timedelta(days=5))) == 1  # T-5 (T-15 skipped)
    await post(
        client, f"/proposals/{pid}/tasks/t2/co-opinion", unit("huanbao"), {"opinion": "同意"}
    )
    await caught_up(rt)
    assert await scan_once(rt, on(co_due + timedelta(days=1))) == 0
    assert await reminders(rt, pid) == [
        ("t2", "sign_in", 1, sign_in_due, None),
        ("t2", "co_opinion", 1, co_due, 5),
    ]


async def test_an_extension_moves_the_deadline(
    app: FastAPI, client: httpx.AsyncClient, members: Members
) -> None:
    rt = runtime(app)
    await roll_and_units(client, members)
    pid, _ = await assigned(client, members)
    await post(client, f"/proposals/{pid}/tasks/t1/accept", unit("zhujianju"))
    await caught_up(rt)
    old_due = due_of(await state_of(rt, pid))
    assert await scan_once(rt, on(old_due - timedelta(days=15))) == 1

    await post(client, f"/proposals/{pid}/tasks/t1/extension", supervising())
    await caught_up(rt)
    new_due = due_of(await state_of(rt, pid))
    assert new_due > old_due
    assert await scan_once(rt, on(old_due - timedelta(days=5))) == 0
    assert await scan_once(rt, on(old_due + timedelta(days=1))) == 0  # not overdue any more
    assert await scan_once(rt, on(new_due - timedelta(days=15))) == 1
    await caught_up(rt)
    assert await scan_once(rt, on(new_due + timedelta(days=1))) == 1
    assert await reminders(rt, pid) == [
        ("t1", "reply", 1, old_due, 15),
        ("t1", "reply", 1, new_due, 15),
        ("t1", "reply", 1, new_due, None),
    ]
    await caught_up(rt)
    assert await rebuilt_equals_live(rt) == 2  # reply and sign-in rows of t1


async def test_a_passed_evaluation_window_lapses_and_concludes(
    app: FastAPI, client: httpx.AsyncClient, members: Members
) -> None:
    rt = runtime(app)
    await roll_and_units(client, members)
    pid, _ = await assigned(client, members)
    task = f"/proposals/{pid}/tasks/t1"
    await post(client, f"{task}/accept", unit("zhujianju"))
    await post(client, f"{task}/reply", unit("zhujianju"), REPLY)
    await post(client, f"{task}/reply/submit", unit("zhujianju"))
    await post(client, f"{task}/reply/approve", supervising())
    await caught_up(rt)
    reply = (await state_of(rt, pid)).replies["t1-1"]
    assert reply.evaluation_due_on is not None

    assert await scan_once(rt, on(reply.evaluation_due_on)) == 0
    later = on(reply.evaluation_due_on + timedelta(days=1))
    both = await asyncio.gather(scan_once(rt, later), scan_once(rt, later))
    assert sorted(both) == [0, 1]  # racing scans: one records, the other finds it done
    await caught_up(rt)
    assert await scan_once(rt, later) == 0
    state = await state_of(rt, pid)
    assert state.replies["t1-1"].lapsed and state.conclusion == "evaluations"
    seq = await last_sequence(rt.nc, "PROPOSALS")
    detail = ok(await read(client, f"/proposals/{pid}", member("m1"), seq), 200)
    assert detail["status"]["code"] == "concluded"


async def test_the_background_timer_uses_the_injected_clock(
    nats_server: EmbeddedNats,
    tmp_path: Path,
    members: Members,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = tmp_path / "proposals.toml"
    config.write_text("[deadlines]\nscan_interval_seconds = 0.02\n", encoding="utf-8")
    monkeypatch.setenv("PROPOSALS_CONFIG", str(config))
    app = create(settings_for(nats_server, tmp_path / "t", None))
    async with app.router.lifespan_context(app):
        rt = runtime(app)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            await roll_and_units(client, members)
            pid, _ = await assigned(client, members)
        await caught_up(rt)
        state = await state_of(rt, pid)
        due, sign_in_due = due_of(state), state.task("t1").return_due_on  # type: ignore[union-attr]
        ticks: list[datetime] = []
        enough = asyncio.Event()  # the timer asked the clock 20 times: 20 scans ran

        def clock() -> datetime:
            ticks.append(on(due + timedelta(days=1)))
            if len(ticks) >= 20:
                enough.set()
            return ticks[-1]

        rt.extras[CLOCK_KEY] = clock
        await asyncio.wait_for(enough.wait(), 10)
        assert counts(await reminders(rt, pid)) == {
            ("t1", "reply", 1, due, None): 1,
            ("t1", "sign_in", 1, sign_in_due, None): 1,
        }
