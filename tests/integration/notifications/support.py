"""Helpers for the notifications integration tests."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI
from nats.aio.client import Client as NATS
from nats.js.errors import NotFoundError

from services.notifications.app import create
from services.notifications.application.handlers import send_notification
from services.notifications.application.policies import SYSTEM_ACTOR
from services.notifications.application.reactions import ReactionConfig, Reactor
from services.notifications.domain.commands import SendNotification
from shared.auth import mint
from shared.commands import CommandContext
from shared.events import DomainEvent, EventMeta, EventRegistry
from shared.eventstore import AppendResult, EventStore, PendingEvent
from shared.ids import stable_id, uuid7
from shared.service import ServiceRuntime
from shared.settings import ServiceSettings
from shared.streams import last_sequence, stream_for

SECRET = "n" * 40
DURABLE = ReactionConfig().durable
SOURCES = ("MEMBERS", "PROPOSALS", "CONSULTATION")
FAST = ReactionConfig(retry_delays=(0.1, 0.2), bind_retry=(0.05, 0.3), watch_interval=0.2)


def auth(*roles: str, subject: str = "tester") -> dict[str, str]:
    return {"Authorization": f"Bearer {mint(SECRET, subject, roles)}"}


ADMIN = auth("county_admin", subject="admin")


@dataclass
class Service:
    app: FastAPI
    client: httpx.AsyncClient

    @property
    def rt(self) -> ServiceRuntime:
        runtime: ServiceRuntime = self.app.state.runtime
        return runtime

    @property
    def reactor(self) -> Reactor:
        reactor = self.rt.extras["reactor"]
        assert isinstance(reactor, Reactor)
        return reactor


def settings_for(nats_url: str, data_dir: Path, database_url: str | None = None) -> ServiceSettings:
    return ServiceSettings(
        service_name="notifications",
        nats_url=nats_url,
        data_dir=data_dir,
        database_url=database_url,
        auth_secret=SECRET,
    )


@asynccontextmanager
async def running(
    settings: ServiceSettings, config: ReactionConfig = FAST
) -> AsyncIterator[Service]:
    app = create(settings, config)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            yield Service(app, client)


async def append(
    nc: NATS, registry: EventRegistry, aggregate_id: str, event: DomainEvent
) -> tuple[AppendResult, str]:
    """Append a foreign event to its producer's stream; returns the result and event id."""
    store = EventStore(nc, stream_for(event.context), registry)
    await store.ensure()
    meta = EventMeta(uuid7(), datetime.now(UTC), "member:tester")
    result = await store.append([PendingEvent(aggregate_id, event, meta)], {})
    return result, meta.event_id


async def eventually(
    probe: Callable[[], Any], check: Callable[[Any], bool], timeout: float = 10.0
) -> Any:
    """Poll `probe()` until `check(result)` holds or the deadline passes."""
    deadline = time.monotonic() + timeout
    while True:
        result = await probe()
        if check(result):
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout}s; last: {result!r}")
        await asyncio.sleep(0.05)


async def inbox(
    client: httpx.AsyncClient, headers: dict[str, str], **params: Any
) -> dict[str, Any]:
    response = await client.get("/inbox", params=params, headers=headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def wait_inbox(
    client: httpx.AsyncClient, headers: dict[str, str], count: int = 1, **params: Any
) -> dict[str, Any]:
    """The inbox once it holds at least `count` notifications."""

    async def probe() -> dict[str, Any]:
        return await inbox(client, headers, **params)

    result: dict[str, Any] = await eventually(probe, lambda body: body["total"] >= count)
    return result


async def settled(nc: NATS, service: Service, streams: tuple[str, ...] = SOURCES) -> int:
    """Wait until the reactions consumed every message of `streams` and the inbox caught
    up with NOTIFICATIONS; returns NOTIFICATIONS' last sequence."""
    js = nc.jetstream()

    async def idle() -> bool:
        for stream in streams:
            try:
                info = await js.consumer_info(stream, DURABLE)
            except NotFoundError:
                return False
            if info.num_pending or info.num_ack_pending:
                return False
        return True

    await eventually(idle, bool)
    last = await last_sequence(nc, "NOTIFICATIONS")
    response = await service.client.get(
        "/inbox", params={"min_seq": f"NOTIFICATIONS:{last}"}, headers=ADMIN
    )
    assert response.status_code == 200, response.text
    return last


async def seed(
    service: Service, recipient: str, title: str, at: datetime, cause: str | None = None
) -> tuple[str, int]:
    """Send one notification through the application layer; returns (id, stream seq)."""
    cause_id = cause or uuid7()
    command = SendNotification(
        notification_id=stable_id(cause_id, recipient),
        actor=SYSTEM_ACTOR,
        at=at,
        recipient=recipient,
        template="proposal.received",
        title=title,
        body=f"{title}的内容",
        cause_event_id=cause_id,
        cause_type="cn.cppcc.proposals.proposal.submitted.v1",
        township_id=recipient.split(":", 1)[1] if recipient.startswith("township:") else None,
    )
    ctx = CommandContext(actor=SYSTEM_ACTOR, now=at, causation_id=cause_id)
    result = await send_notification(service.rt, command, ctx)
    return command.notification_id, result.last_seq
