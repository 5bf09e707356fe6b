"""State of one notification and how it folds from events."""

from __future__ import annotations

from dataclasses import dataclass, replace

from services.notifications.domain.events import NotificationRead, NotificationSent
from shared.domain import Decider
from shared.events import DomainEvent


@dataclass(frozen=True)
class NotificationState:
    """Folded state. `exists` is False until the notification has been sent."""

    exists: bool = False
    notification_id: str | None = None
    recipient: str = ""
    template: str = ""
    title: str = ""
    body: str = ""
    cause_event_id: str = ""
    cause_type: str = ""
    township_id: str | None = None
    channel: str = "app"
    read: bool = False


initial = NotificationState()


def evolve(state: NotificationState, event: DomainEvent) -> NotificationState:
    match event:
        case NotificationSent():
            if state.exists:  # a duplicate append must not reset the read flag
                return state
            return NotificationState(
                exists=True,
                notification_id=event.notification_id,
                recipient=event.recipient,
                template=event.template,
                title=event.title,
                body=event.body,
                cause_event_id=event.cause_event_id,
                cause_type=event.cause_type,
                township_id=event.township_id,
                channel=event.channel,
            )
        case NotificationRead():
            return replace(state, read=True)
        case _:
            return state


notification_decider: Decider[NotificationState] = Decider(
    "notifications", "notification", initial, evolve
)
