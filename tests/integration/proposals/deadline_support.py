"""Builders of the deadline-timer integration tests: proposals assigned over HTTP, a clock
on a chosen day in the county, the reminders recorded in the event store, and a second
full instance of the service on the same NATS server."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import select

from services.proposals.app import create
from services.proposals.application.lookup import projection
from services.proposals.domain import ProposalState, proposal_decider
from services.proposals.domain.deadlines.events import DeadlineEvent
from services.proposals.projections.deadlines import DeadlineWatch
from shared.commands import CommandRunner, Target
from shared.natsserver import EmbeddedNats
from shared.service import ServiceRuntime
from shared.streams import last_sequence

from .conftest import settings_for
from .helpers import Members
from .lifecycle_support import assigning, post, register_member, register_units, registered

CST = timezone(timedelta(hours=8))
Reminder = tuple[str, str, int, date, int | None]  # task, kind, round, due, threshold


def on(day: date, hour: int = 10) -> datetime:
    """`hour` o'clock in the county on `day`, as aware UTC."""
    return datetime.combine(day, time(hour), tzinfo=CST).astimezone(UTC)


def runtime(app: FastAPI) -> ServiceRuntime:
    rt: ServiceRuntime = app.state.runtime
    return rt


async def roll_and_units(client: httpx.AsyncClient, members: Members) -> None:
    await register_member(members, "m1", "张三", "chengguan")
    await register_units(client)


async def assigned(
    client: httpx.AsyncClient, members: Members, *roles: tuple[str, str]
) -> tuple[str, int]:
    """A proposal of m1 (on the roll), registered and assigned: (id, stream sequence)."""
    pid, _ = await registered(client, members, "m1")
    units = [{"unit_id": u, "role": r} for u, r in (roles or (("zhujianju", "sole"),))]
    done = await post(client, f"/proposals/{pid}/assign", assigning(), {"units": units})
    return pid, int(done["seq"])


async def caught_up(rt: ServiceRuntime) -> None:
    """Every projection of this instance has read the whole PROPOSALS stream."""
    seq = await last_sequence(rt.nc, "PROPOSALS")
    assert await rt.runner.wait_for("PROPOSALS", seq, 10.0), "read models did not catch up"


async def state_of(rt: ServiceRuntime, pid: str) -> ProposalState:
    """The proposal as the event store has it now (a fresh load, no cache)."""
    state, _ = await CommandRunner(rt.store).state_of(Target(proposal_decider, pid))
    assert isinstance(state, ProposalState)
    return state


async def reminders(rt: ServiceRuntime, pid: str) -> list[Reminder]:
    """Every deadline reminder recorded on the proposal, in order."""
    recorded, _ = await rt.store.load("proposals", "proposal", pid)
    found: list[Reminder] = []
    for r in recorded:
        e = r.event
        if isinstance(e, DeadlineEvent):
            threshold = getattr(e, "threshold_days", None)
            found.append((e.task_id, e.kind, e.round, e.due_on, threshold))
    return found


def due_of(state: ProposalState, task_id: str = "t1") -> date:
    task = state.task(task_id)
    assert task is not None
    return task.due_on


def second_instance(nats_server: EmbeddedNats, data_dir: Path, db: str | None = None) -> FastAPI:
    """Another full instance of the service: same NATS server, its own database (so its
    own durable consumers: the runner names them after the database)."""
    return create(settings_for(nats_server, data_dir, db))


async def watch_rows(rt: ServiceRuntime, watch: DeadlineWatch | None = None) -> list[Any]:
    """The deadline_watch read model of one instance (or a clone of it), in key order."""
    table = (watch or projection(rt, DeadlineWatch)).watch
    keys = [table.c.proposal_id, table.c.kind, table.c.item_id]
    async with rt.db.read() as conn:
        rows = (await conn.execute(select(table).order_by(*keys))).all()
    return [tuple(r) for r in rows]


async def rebuilt_equals_live(rt: ServiceRuntime) -> int:
    """Rebuild deadline_watch from the stream beside the live one; returns its row count."""
    clone = projection(rt, DeadlineWatch).clone("rb_")
    assert isinstance(clone, DeadlineWatch)
    await rt.runner.rebuild(clone, up_to={"PROPOSALS": await last_sequence(rt.nc, "PROPOSALS")})
    live = await watch_rows(rt)
    assert await watch_rows(rt, clone) == live
    return len(live)


def counts(found: list[Reminder]) -> dict[Any, int]:
    tally: dict[Any, int] = {}
    for item in found:
        tally[item] = tally.get(item, 0) + 1
    return tally
