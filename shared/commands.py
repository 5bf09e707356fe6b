"""Command execution: load → decide → append, with bounded retries on conflict.

Every service's application handlers go through `CommandRunner.execute`. Domain code
stays pure: it receives states and returns events; ids, time and actor are added here.
"""

from __future__ import annotations

import asyncio
import random
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import structlog

from shared import metrics
from shared.domain import Decider, DomainError
from shared.events import DomainEvent, EventMeta, aggregate_subject
from shared.eventstore import ConcurrencyConflict, EventStore, PendingEvent, StoreUnavailable
from shared.ids import uuid7

log = structlog.get_logger(__name__)

Decision = Sequence[DomainEvent] | Sequence[tuple[str, DomainEvent]]


class ConflictExhausted(DomainError):
    """Every retry met a concurrent writer: answer 409 and let the user try again."""

    def __init__(self) -> None:
        super().__init__("数据刚被其他人修改，请刷新后重试。", kind="conflict", code="concurrency")


@dataclass(frozen=True)
class Target:
    """An aggregate a command reads (and may write). `new`: known not to exist yet."""

    decider: Decider[Any]
    aggregate_id: str
    new: bool = False
    # Worked out once here (a cached_property takes a lock on every first use).
    key: str = field(init=False, repr=False, compare=False)
    cache_key: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        d = self.decider
        key = aggregate_subject(d.context, d.aggregate, self.aggregate_id)
        object.__setattr__(self, "key", key)
        # Two deciders may fold the same aggregate into different state types.
        object.__setattr__(self, "cache_key", f"{id(d)}:{key}")


@dataclass(frozen=True)
class CommandContext:
    actor: str
    now: datetime
    correlation_id: str | None = None
    causation_id: str | None = None


@dataclass(frozen=True)
class CommandResult:
    stream: str
    last_seq: int
    events: list[tuple[str, DomainEvent]] = field(default_factory=list)
    event_ids: list[str] = field(default_factory=list)


class StateCache:
    """A small LRU of (state, last_seq) per aggregate; the concurrency check keeps it honest."""

    def __init__(self, size: int = 10_000) -> None:
        self.size = size
        self._items: OrderedDict[str, tuple[Any, int]] = OrderedDict()

    def get(self, key: str) -> tuple[Any, int] | None:
        item = self._items.get(key)
        if item is not None:
            self._items.move_to_end(key)
        return item

    def put(self, key: str, state: Any, last_seq: int) -> None:
        self._items[key] = (state, last_seq)
        self._items.move_to_end(key)
        while len(self._items) > self.size:
            self._items.popitem(last=False)

    def drop(self, key: str) -> None:
        self._items.pop(key, None)

    def drop_aggregate(self, subject: str) -> None:
        """Forget every decider's state of one aggregate (its wildcard subject)."""
        for key in [k for k in self._items if k.endswith(f":{subject}")]:
            self._items.pop(key, None)


class CommandRunner:
    def __init__(
        self, store: EventStore, *, max_attempts: int = 8, cache_size: int = 10_000
    ) -> None:
        self.store = store
        self.max_attempts = max_attempts
        self.cache = StateCache(cache_size)

    async def state_of(self, target: Target) -> tuple[Any, int]:
        """Current state and last sequence of one aggregate (cached, else loaded)."""
        if target.new:
            return target.decider.initial, 0
        cached = self.cache.get(target.cache_key)
        if cached is not None:
            return cached
        decider = target.decider
        recorded, last = await self.store.load(
            decider.context, decider.aggregate, target.aggregate_id
        )
        state = decider.fold([r.event for r in recorded])
        self.cache.put(target.cache_key, state, last)
        return state, last

    async def execute(
        self,
        name: str,
        targets: Sequence[Target],
        decide: Callable[[list[Any]], Decision],
        ctx: CommandContext,
    ) -> CommandResult:
        outcome = "error"
        try:
            result = await self._execute(targets, decide, ctx)
            outcome = "ok"
            return result
        except DomainError as exc:
            outcome = "conflict" if exc.code == "concurrency" else _outcome_of(exc)
            raise
        except StoreUnavailable:
            outcome = "unavailable"
            raise
        finally:
            metrics.child(metrics.COMMANDS, self.store.service, name, outcome).inc()

    async def _execute(
        self,
        targets: Sequence[Target],
        decide: Callable[[list[Any]], Decision],
        ctx: CommandContext,
    ) -> CommandResult:
        current = list(targets)
        for _attempt in range(self.max_attempts):
            loaded = [await self.state_of(t) for t in current]
            states = [state for state, _ in loaded]
            decided = _pair(decide(states), current)
            if not decided:
                return CommandResult(self.store.stream, max((s for _, s in loaded), default=0))
            pending = [
                PendingEvent(
                    agg_id,
                    event,
                    EventMeta(uuid7(), ctx.now, ctx.actor, ctx.correlation_id, ctx.causation_id),
                )
                for agg_id, event in decided
            ]
            expected = {t.key: seq for t, (_, seq) in zip(current, loaded, strict=True)}
            try:
                result = await self.store.append(pending, expected)
            except ConcurrencyConflict:
                log.info("concurrency_conflict", targets=[t.key for t in current])
                # Jittered back-off so that writers racing on one aggregate spread out.
                await asyncio.sleep(random.uniform(0, 0.002 * 2**_attempt))
                for target in current:
                    self.cache.drop_aggregate(target.key)
                current = [Target(t.decider, t.aggregate_id) for t in current]
                continue
            self._remember(current, loaded, pending, result.first_seq)
            return CommandResult(
                stream=result.stream,
                last_seq=result.last_seq,
                events=list(decided),
                event_ids=[p.meta.event_id for p in pending],
            )
        raise ConflictExhausted()

    def _remember(
        self,
        targets: list[Target],
        loaded: list[tuple[Any, int]],
        pending: list[PendingEvent],
        first_seq: int,
    ) -> None:
        for target, (state, _) in zip(targets, loaded, strict=True):
            last = None
            for index, p in enumerate(pending):
                if p.aggregate_key == target.key:
                    state = target.decider.evolve(state, p.event)
                    last = first_seq + index
            if last is not None:
                self.cache.put(target.cache_key, state, last)


def _pair(decision: Decision, targets: Sequence[Target]) -> list[tuple[str, DomainEvent]]:
    pairs: list[tuple[str, DomainEvent]] = []
    for item in decision:
        if isinstance(item, tuple):
            pairs.append(item)
        else:
            pairs.append((targets[0].aggregate_id, item))
    return pairs


def _outcome_of(exc: DomainError) -> str:
    return {
        "conflict": "rejected",
        "invalid": "invalid",
        "not_found": "not_found",
        "forbidden": "forbidden",
    }.get(exc.kind, "rejected")
