"""Execution helpers shared by the 社情民意 handlers."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from shared.auth import Principal
from shared.commands import CommandResult, ConflictExhausted, Decision, Target
from shared.http import Accepted
from shared.service import ServiceRuntime

# Allocations from one register queue up on it in this process; across processes the
# concurrency check decides, and a loser tries again a few more times.
REGISTER_ROUNDS = 3


def accepted(aggregate_id: str, result: CommandResult) -> Accepted:
    return Accepted(
        id=aggregate_id, stream=result.stream, seq=result.last_seq, event_ids=result.event_ids
    )


async def run(
    rt: ServiceRuntime,
    principal: Principal,
    name: str,
    targets: Sequence[Target],
    decide: Callable[[list[Any]], Decision],
    at: datetime,
) -> CommandResult:
    return await rt.commands.execute(name, targets, decide, rt.context(principal, now=at))


async def run_on_register(
    rt: ServiceRuntime,
    principal: Principal,
    name: str,
    targets: Sequence[Target],
    decide: Callable[[list[Any]], Decision],
    at: datetime,
) -> CommandResult:
    """Run a command that takes a number from the register `targets[1]`, patiently."""
    locks: dict[str, asyncio.Lock] = rt.extras.setdefault("opinion_register_locks", {})
    async with locks.setdefault(targets[1].key, asyncio.Lock()):
        for _ in range(REGISTER_ROUNDS - 1):
            with contextlib.suppress(ConflictExhausted):
                return await run(rt, principal, name, targets, decide, at)
        return await run(rt, principal, name, targets, decide, at)
