"""Reactions (policies): a foreign event → the notifications it causes → `SendNotification`.

The notification matrix lives in `domain/templates.py`; this module turns a delivered
message (CloudEvents headers + JSON body) into commands and executes them. Each
notification's id is `stable_id(cause event id, recipient)`, so a redelivered or
duplicated cause maps to the same aggregates and sends nothing twice.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import unquote

import structlog

from services.notifications.application.handlers import send_notification
from services.notifications.domain.commands import SendNotification
from services.notifications.domain.templates import drafts_for
from shared.commands import CommandContext
from shared.ids import stable_id
from shared.service import ServiceRuntime

log = structlog.get_logger(__name__)

#: The actor recorded on notifications the system sends by itself.
SYSTEM_ACTOR = "service:notifications"


class UnusableMessage(ValueError):
    """A message that can never be turned into notifications (retrying will not help)."""


@dataclass(frozen=True)
class Cause:
    """A foreign event as the reactions see it: id, type and tolerant JSON data."""

    event_id: str
    event_type: str
    data: Mapping[str, Any]
    correlation_id: str | None = None


def cause_from(headers: Mapping[str, str], body: bytes, fallback_id: str) -> Cause:
    """Read a cause from CloudEvents binary-mode headers and the JSON body.

    `fallback_id` (e.g. `PROPOSALS:12`) identifies a message without `ce-id`: it is
    deterministic too, so redeliveries still map to the same notifications.
    """
    event_type = headers.get("ce-type", "").strip()
    if not event_type:
        raise UnusableMessage("message has no ce-type header")
    try:
        data = json.loads(body) if body else {}
    except (ValueError, UnicodeDecodeError) as exc:
        raise UnusableMessage(f"body is not JSON: {exc}") from exc
    if not isinstance(data, Mapping):
        raise UnusableMessage("body is not a JSON object")
    event_id = headers.get("ce-id") or headers.get("Nats-Msg-Id") or fallback_id
    correlation = headers.get("ce-correlationid")
    return Cause(
        event_id=event_id,
        event_type=event_type,
        data=data,
        correlation_id=unquote(correlation) if correlation else None,
    )


def commands_for(cause: Cause, at: datetime) -> list[SendNotification]:
    """The `SendNotification` commands a cause leads to (one per recipient)."""
    return [
        SendNotification(
            notification_id=stable_id(cause.event_id, draft.recipient),
            actor=SYSTEM_ACTOR,
            at=at,
            recipient=draft.recipient,
            template=draft.template,
            title=draft.title,
            body=draft.body,
            cause_event_id=cause.event_id,
            cause_type=cause.event_type,
            township_id=draft.township_id,
        )
        for draft in drafts_for(cause.event_type, cause.data)
    ]


async def react(rt: ServiceRuntime, cause: Cause, now: datetime) -> int:
    """Execute every command of a cause; returns how many notifications were new.

    Raises whatever a command raises: the caller decides whether to retry (the already
    sent ones are no-ops on the next attempt).
    """
    ctx = CommandContext(
        actor=SYSTEM_ACTOR,
        now=now,
        correlation_id=cause.correlation_id or cause.event_id,
        causation_id=cause.event_id,
    )
    sent = 0
    for command in commands_for(cause, now):
        result = await send_notification(rt, command, ctx)
        if result.event_ids:
            sent += 1
            log.info(
                "notification_sent",
                template=command.template,
                cause_type=cause.event_type,
                notification_id=command.notification_id,
            )
    return sent
