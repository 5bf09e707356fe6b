"""Pure domain layer of the notifications service (通知)."""

from services.notifications.domain.events import registry
from services.notifications.domain.state import notification_decider

__all__ = ["notification_decider", "registry"]
