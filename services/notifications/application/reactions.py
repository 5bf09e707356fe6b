"""Wiring of the reactions on FastStream: one durable pull consumer per source stream.

Per ARCHITECTURE §5/§9: a `NatsBroker` with its own connection; per source stream a
durable PULL subscriber on `JStream(name, declare=False)` (the owning service creates
its stream; FastStream must never declare or overwrite it); the durable consumer is
created by the subscriber itself (explicit ack, bounded `max_deliver`, server back-off);
ONE worker and one message per fetch (order, no duplicates from concurrent workers);
`AckPolicy.MANUAL`: ack only after every command succeeded, nack with a growing delay on
failure, term a message that can never be used. No Prometheus middleware, no AsyncAPI.

Foreign streams may not exist yet (services start independently): each subscriber is
started in a background task that retries until its stream appears.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import structlog
from faststream import AckPolicy
from faststream.nats import JStream, NatsBroker, NatsMessage, PullSub
from faststream.nats.security import NatsUserPassword
from faststream.nats.subscriber.usecases import LogicSubscriber
from nats.js.api import AckPolicy as JsAckPolicy
from nats.js.api import ConsumerConfig, DeliverPolicy
from nats.js.errors import NotFoundError

from services.notifications.application.policies import UnusableMessage, cause_from, react
from shared.domain import DomainError
from shared.service import Hook, ServiceRuntime

log = structlog.get_logger(__name__)

SOURCES = ("MEMBERS", "PROPOSALS", "CONSULTATION")


@dataclass(frozen=True)
class ReactionConfig:
    sources: tuple[str, ...] = SOURCES
    durable: str = "notifications_reactions"
    max_deliver: int = 5
    #: In-process back-off: nack delay after the 1st, 2nd, … failed delivery.
    retry_delays: tuple[float, ...] = (0.5, 2.0, 5.0, 15.0)
    #: Server-side: how long a delivered, unacknowledged message waits (a crash).
    ack_wait: float = 30.0
    fetch_timeout: float = 1.0
    #: Waiting for a foreign stream to appear: first and longest pause between tries.
    bind_retry: tuple[float, float] = (0.2, 5.0)
    #: How often to check that each bound durable consumer still exists.
    watch_interval: float = 10.0


class Reactor:
    """Owns the broker, its subscribers and the tasks that bind them."""

    def __init__(self, rt: ServiceRuntime, config: ReactionConfig | None = None) -> None:
        self.rt = rt
        self.config = config or ReactionConfig()
        self.broker = _broker(rt)
        self.bound: dict[str, bool] = dict.fromkeys(self.config.sources, False)
        self._subscribers: dict[str, LogicSubscriber[Any]] = {}
        self._tasks: list[asyncio.Task[None]] = []
        self._stopping = False

    async def start(self) -> None:
        await self.broker.start()
        for stream in self.config.sources:
            self._subscribers[stream] = self._subscriber(stream)
            task = asyncio.create_task(self._supervise(stream), name=f"react-{stream}")
            self._tasks.append(task)

    async def stop(self) -> None:
        self._stopping = True
        pending = set(self._tasks)
        while pending:
            for task in pending:
                task.cancel()
            # A cancellation that lands inside FastStream's `subscriber.start()` can be
            # swallowed there, and the task would go on binding and watching: cancel
            # again until every task has ended (the loops also check `_stopping`).
            _, pending = await asyncio.wait(pending, timeout=0.5)
        for task in self._tasks:
            if not task.cancelled() and task.exception() is not None:
                log.warning("reaction_task_failed", error=repr(task.exception()))
        self._tasks.clear()
        await self.broker.stop()

    def status(self) -> dict[str, bool]:
        """Per source stream: is its consumer bound (False while the stream is missing)?"""
        return dict(self.bound)

    # --- subscribers -------------------------------------------------------------------

    def _subscriber(self, stream: str) -> LogicSubscriber[Any]:
        cfg = self.config
        subscriber = self.broker.subscriber(
            f"cppcc.{stream.lower()}.>",
            stream=JStream(stream, declare=False),
            durable=cfg.durable,
            # one message per fetch and no `max_workers`: one worker, stream order kept
            # (concurrent pull workers can redeliver duplicates, faststream#2563)
            pull_sub=PullSub(batch_size=1, timeout=cfg.fetch_timeout),
            config=ConsumerConfig(
                ack_policy=JsAckPolicy.EXPLICIT,
                deliver_policy=DeliverPolicy.ALL,
                max_deliver=cfg.max_deliver,
                ack_wait=cfg.ack_wait,
                # one entry per redelivery after an unacknowledged delivery (a crash)
                backoff=[cfg.ack_wait * (i + 1) for i in range(cfg.max_deliver - 1)],
                max_ack_pending=100,
            ),
            ack_policy=AckPolicy.MANUAL,
            include_in_schema=False,
        )

        async def handle(msg: NatsMessage) -> None:
            await self.handle(stream, msg)

        subscriber(handle)
        return subscriber

    async def _supervise(self, stream: str) -> None:
        """Bind the subscriber; rebind if its consumer disappears (deleted by an operator)."""
        subscriber = self._subscribers[stream]
        while not self._stopping:
            await self._bind(stream, subscriber)
            await self._watch(stream)
            self.bound[stream] = False
            with contextlib.suppress(Exception):
                await subscriber.stop()

    async def _bind(self, stream: str, subscriber: LogicSubscriber[Any]) -> None:
        """Start the subscriber, retrying while the stream does not exist (yet)."""
        delay, longest = self.config.bind_retry
        attempt = 0
        while not self._stopping:
            attempt += 1
            try:
                await subscriber.start()
            except Exception as exc:
                level = logging.INFO if attempt == 1 else logging.DEBUG
                log.log(level, "reaction_stream_unavailable", stream=stream, error=repr(exc))
                await asyncio.sleep(delay)
                delay = min(delay * 2, longest)
                continue
            self.bound[stream] = True
            log.info("reaction_consumer_bound", stream=stream, durable=self.config.durable)
            return

    async def _watch(self, stream: str) -> None:
        """Return once the durable consumer is gone (the pull loop would idle forever)."""
        js = self.rt.nc.jetstream()
        while not self._stopping:
            await asyncio.sleep(self.config.watch_interval)
            try:
                await js.consumer_info(stream, self.config.durable)
            except NotFoundError:
                log.warning("reaction_consumer_lost", stream=stream, durable=self.config.durable)
                return
            except Exception as exc:  # connection trouble: look again later
                log.info("reaction_consumer_check_failed", stream=stream, error=repr(exc))

    # --- one message -------------------------------------------------------------------

    async def handle(self, stream: str, msg: NatsMessage) -> None:
        raw = msg.raw_message
        seq = raw.metadata.sequence.stream
        attempt = raw.metadata.num_delivered
        try:
            cause = cause_from(msg.headers, msg.body, f"{stream}:{seq}")
            await react(self.rt, cause, datetime.now(UTC))
        except Exception as exc:
            if _permanent(exc):
                # Retrying cannot help (bad message, or a draft the domain refuses).
                log.error("reaction_rejected", stream=stream, seq=seq, error=repr(exc))
                await msg.reject()
            else:
                await self._retry_later(stream, seq, attempt, msg, exc)
            return
        await msg.ack()

    async def _retry_later(
        self, stream: str, seq: int, attempt: int, msg: NatsMessage, exc: Exception
    ) -> None:
        delays = self.config.retry_delays
        delay = delays[min(attempt - 1, len(delays) - 1)]
        final = attempt >= self.config.max_deliver
        log.log(
            logging.ERROR if final else logging.WARNING,
            "reaction_failed_giving_up" if final else "reaction_failed_will_retry",
            stream=stream,
            seq=seq,
            attempt=attempt,
            retry_in=None if final else delay,
            error=repr(exc),
        )
        # On the last attempt the server stops redelivering (MAX_DELIVERIES advisory).
        await msg.nack(delay=delay)


def _permanent(exc: Exception) -> bool:
    """A failure no retry can fix: an unusable message or a refusal by the domain.

    Running out of concurrency retries is a refusal in form only: it is retried.
    """
    if isinstance(exc, UnusableMessage):
        return True
    return isinstance(exc, DomainError) and exc.code != "concurrency"


def _broker(rt: ServiceRuntime) -> NatsBroker:
    settings = rt.settings
    security = (
        NatsUserPassword(settings.nats_user, settings.nats_password or "")
        if settings.nats_user
        else None
    )
    return NatsBroker(
        settings.nats_servers(),
        name="cppcc-notifications-reactions",
        security=security,
        max_reconnect_attempts=-1,
        reconnect_time_wait=1,
        connect_timeout=5,
        logger=logging.getLogger("services.notifications.reactions.broker"),
        log_level=logging.DEBUG,
        graceful_timeout=10.0,
    )


def reaction_hooks(config: ReactionConfig | None = None) -> tuple[Hook, Hook]:
    """`ServiceDefinition.on_start` / `on_stop` hooks that run the reactions."""

    async def start(rt: ServiceRuntime) -> None:
        reactor = Reactor(rt, config)
        rt.extras["reactor"] = reactor
        await reactor.start()

    async def stop(rt: ServiceRuntime) -> None:
        reactor = rt.extras.pop("reactor", None)
        if isinstance(reactor, Reactor):
            await reactor.stop()

    return start, stop
