"""Events of the notification aggregate (context `notifications`, aggregate `notification`).

Subjects: `cppcc.notifications.notification.<notification_id>.<name>`. The id is chosen
by the application (uuid5 of cause event id + recipient), so a redelivered cause event
maps to the same aggregate and sending becomes idempotent.
"""

from __future__ import annotations

from typing import ClassVar

from shared.events import DomainEvent, EventRegistry

registry = EventRegistry()


class NotificationEvent(DomainEvent):
    """Base of the notification aggregate's events."""

    context: ClassVar[str] = "notifications"
    aggregate: ClassVar[str] = "notification"

    notification_id: str


@registry.register
class NotificationSent(NotificationEvent):
    name: ClassVar[str] = "sent"
    version: ClassVar[int] = 1

    recipient: str
    template: str
    title: str
    body: str
    cause_event_id: str
    cause_type: str
    township_id: str | None
    channel: str = "app"


@registry.register
class NotificationRead(NotificationEvent):
    name: ClassVar[str] = "read"
    version: ClassVar[int] = 1

    recipient: str
    township_id: str | None


__all__ = ["NotificationEvent", "NotificationRead", "NotificationSent", "registry"]
