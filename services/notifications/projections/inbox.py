"""The inbox read model: one row per notification, newest first per recipient."""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from sqlalchemy import Column, DateTime, Index, String, Text, bindparam, update

from services.notifications.domain.events import NotificationRead, NotificationSent, registry
from shared.db import upsert
from shared.events import EventRegistry, RecordedEvent
from shared.projection import Projection, Write

NOTIFICATIONS_STREAM = "NOTIFICATIONS"


class InboxProjection(Projection):
    name: ClassVar[str] = "inbox"
    sources: ClassVar[tuple[str, ...]] = (NOTIFICATIONS_STREAM,)
    registry: ClassVar[EventRegistry] = registry

    def define(self) -> None:
        self.t = self.table(
            "inbox",
            Column("notification_id", String(64), primary_key=True),
            Column("recipient", String(100), nullable=False),
            Column("template", String(100), nullable=False),
            Column("title", String(200), nullable=False),
            Column("body", Text, nullable=False),
            Column("township_id", String(64), nullable=True),
            Column("cause_type", String(200), nullable=False),
            Column("sent_at", DateTime(timezone=True), nullable=False),
            Column("read_at", DateTime(timezone=True), nullable=True),
        )
        Index(f"ix_{self.prefix}inbox_recipient_sent", self.t.c.recipient, self.t.c.sent_at)
        # A duplicate `sent` (never expected) keeps the first row: insert or ignore.
        self._insert = upsert(self.dialect, self.t, ["notification_id"], update=[])
        self._mark_read = (
            update(self.t)
            .where(
                self.t.c.notification_id == bindparam("b_notification_id"),
                self.t.c.read_at.is_(None),
            )
            .values(read_at=bindparam("b_read_at"))
        )
        self.on(NotificationSent, self._sent)
        self.on(NotificationRead, self._read)

    def _sent(self, recorded: RecordedEvent) -> Iterable[Write]:
        event = recorded.event
        assert isinstance(event, NotificationSent)
        row = {
            "notification_id": event.notification_id,
            "recipient": event.recipient,
            "template": event.template,
            "title": event.title,
            "body": event.body,
            "township_id": event.township_id,
            "cause_type": event.cause_type,
            "sent_at": recorded.time,
            "read_at": None,
        }
        return [(self._insert, row)]

    def _read(self, recorded: RecordedEvent) -> Iterable[Write]:
        event = recorded.event
        assert isinstance(event, NotificationRead)
        params = {"b_notification_id": event.notification_id, "b_read_at": recorded.time}
        return [(self._mark_read, params)]
