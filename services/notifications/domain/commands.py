"""Commands of the notification aggregate."""

from __future__ import annotations

from pydantic import AwareDatetime, BaseModel, ConfigDict


class NotificationCommand(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    notification_id: str
    actor: str
    at: AwareDatetime


class SendNotification(NotificationCommand):
    recipient: str
    template: str
    title: str
    body: str
    cause_event_id: str
    cause_type: str
    township_id: str | None = None
    channel: str = "app"


class MarkNotificationRead(NotificationCommand):
    pass


__all__ = ["MarkNotificationRead", "NotificationCommand", "SendNotification"]
