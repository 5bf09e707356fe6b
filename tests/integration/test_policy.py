"""A policy reacts to events with commands; a redelivered cause changes nothing."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

from nats.aio.client import Client as NATS

from shared.commands import CommandRunner, Target
from shared.db import Database
from shared.events import DomainEvent, EventMeta, RecordedEvent
from shared.eventstore import EventStore, PendingEvent
from shared.ids import stable_id, uuid7
from shared.policy import Policy
from shared.runner import ProjectionRunner, RunnerConfig
from shared.streams import stream_for
from tests.integration.sample import Deposited, Opened, account, registry

NOW = datetime(2026, 3, 1, tzinfo=UTC)


class OpenBonusAccount(Policy):
    """For every account opened, open a bonus account (id derived from the cause)."""

    name = "bonus_accounts"
    sources = ("SAMPLE",)
    registry = registry

    def define(self) -> None:
        self.react(Opened, self.opened)

    async def opened(self, cause: RecordedEvent) -> None:
        assert isinstance(cause.event, Opened)
        owner = cause.event.owner
        if owner.startswith("bonus:"):
            return
        bonus_id = stable_id(cause.aggregate_id, "bonus")

        def decide(states: list[object]) -> list[DomainEvent]:
            return [] if getattr(states[0], "opened", False) else [Opened(owner=f"bonus:{owner}")]

        await self.commands.execute(
            "open_bonus", [Target(account, bonus_id)], decide, self.context_for(cause)
        )


async def test_policy_reacts_once_even_when_the_cause_is_replayed(
    nc: NATS, tmp_path: object
) -> None:
    store = EventStore(nc, stream_for("sample"), registry)
    await store.ensure()
    agg = uuid7()
    await store.append(
        [PendingEvent(agg, Opened(owner="o"), EventMeta(uuid7(), NOW, "t"))],
        {f"cppcc.sample.account.{agg}.*": 0},
    )
    db = Database(f"sqlite+aiosqlite:///{tmp_path}/p.db")
    policy = OpenBonusAccount()
    policy.bind(CommandRunner(store))
    runner = ProjectionRunner(nc, db, [policy], RunnerConfig(batch=10))
    await runner.start()
    bonus = stable_id(agg, "bonus")
    deadline = time.monotonic() + 10
    events: list = []  # type: ignore[type-arg]
    while time.monotonic() < deadline and not events:
        events, _ = await store.load("sample", "account", bonus)
        await asyncio.sleep(0.02)
    await runner.stop()
    assert [e.event for e in events] == [Opened(owner="bonus:o")]
    assert events[0].meta.causation_id is not None
    # Replay the whole stream through the policy (as after a lost checkpoint): no new events.
    policy2 = OpenBonusAccount()
    policy2.bind(CommandRunner(store))
    replay = ProjectionRunner(nc, db, [policy2])
    await replay.rebuild(policy2)
    again, _ = await store.load("sample", "account", bonus)
    assert len(again) == 1
    await db.dispose()
    _ = Deposited
