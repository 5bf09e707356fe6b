"""Policies: reactions that turn events into commands, run by the projection runner.

A policy is a projection without read-model tables: its checkpoint is kept in the same
database, so it resumes where it stopped. Its handlers issue commands through the
service's `CommandRunner`. Exactly-once *effect* comes from determinism: a reaction
derives the ids it writes from the cause (`shared.ids.stable_id`), and the decider treats a
repeat as a no-op — so a redelivered cause, or one replayed after a crash between the
append and the checkpoint, changes nothing.

Policies are not rebuilt (`replayable = False`): replaying them would only re-issue
commands that are already no-ops.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import ClassVar

from sqlalchemy.ext.asyncio import AsyncConnection

from shared.commands import CommandContext, CommandRunner
from shared.events import DomainEvent, RecordedEvent
from shared.projection import Projection

Reaction = Callable[[RecordedEvent], Awaitable[None]]


class Policy(Projection):
    """Subclasses set `name`, `sources`, `registry` and register reactions in `define()`
    with `self.react(EventCls, coroutine)`. Use `self.commands` and `self.context_for`."""

    replayable: ClassVar[bool] = False
    actor: ClassVar[str] = "system"

    _commands: CommandRunner | None = None

    def bind(self, commands: CommandRunner) -> None:
        self._commands = commands

    @property
    def commands(self) -> CommandRunner:
        if self._commands is None:
            raise RuntimeError(f"policy {self.name} is not bound to a command runner")
        return self._commands

    def react(self, event_cls: type[DomainEvent], reaction: Reaction) -> None:
        async def handler(_conn: AsyncConnection, recorded: RecordedEvent) -> None:
            await reaction(recorded)

        self.on_async(event_cls, handler)

    def context_for(self, cause: RecordedEvent, now: datetime | None = None) -> CommandContext:
        """Who and when: the policy acts as `actor`, at the cause's time (deterministic),
        correlated with the cause and caused by it."""
        return CommandContext(
            actor=self.actor,
            now=now or cause.meta.time,
            correlation_id=cause.meta.correlation_id or cause.meta.event_id,
            causation_id=cause.meta.event_id,
        )
