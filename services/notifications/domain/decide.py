"""Decisions of the notification aggregate."""

from __future__ import annotations

from services.notifications.domain.commands import (
    MarkNotificationRead,
    NotificationCommand,
    SendNotification,
)
from services.notifications.domain.events import NotificationRead, NotificationSent, registry
from services.notifications.domain.state import NotificationState, notification_decider
from shared.domain import DomainError, Invalid, NotFound
from shared.events import DomainEvent


def _require_text(value: str, message: str, code: str) -> str:
    text = value.strip()
    if not text:
        raise Invalid(message, code=code)
    return text


def decide_send_notification(
    command: SendNotification, state: NotificationState
) -> list[DomainEvent]:
    """Send once. A notification that already exists is a no-op (redelivered cause event)."""
    if state.exists:
        return []
    notification_id = _require_text(
        command.notification_id, "通知编号不能为空", "notification_id_required"
    )
    recipient = _require_text(command.recipient, "通知接收人不能为空", "recipient_required")
    kind, sep, ident = recipient.partition(":")
    if not sep or not kind or not ident:
        raise Invalid(
            f"通知接收人“{recipient}”格式不正确，应为“类型:编号”，例如“member:编号”或“township:乡镇编号”",
            code="invalid_recipient",
        )
    template = _require_text(command.template, "通知模板不能为空", "template_required")
    title = _require_text(command.title, "通知标题不能为空", "title_required")
    body = _require_text(command.body, "通知内容不能为空", "body_required")
    cause_event_id = _require_text(
        command.cause_event_id, "缺少引发通知的事件编号", "cause_event_id_required"
    )
    return [
        NotificationSent(
            notification_id=notification_id,
            recipient=recipient,
            template=template,
            title=title,
            body=body,
            cause_event_id=cause_event_id,
            cause_type=command.cause_type.strip(),
            township_id=command.township_id or None,
            channel=command.channel.strip() or "app",
        )
    ]


def decide_mark_notification_read(
    command: MarkNotificationRead, state: NotificationState
) -> list[DomainEvent]:
    """Only the recipient may mark a notification read; reading it twice is a no-op."""
    if not state.exists or state.notification_id is None:
        raise NotFound("通知不存在，可能已被删除或编号有误", code="notification_not_found")
    if command.actor != state.recipient:
        raise DomainError(
            "只有通知的接收人才能将其标记为已读", kind="forbidden", code="not_recipient"
        )
    if state.read:
        return []
    return [
        NotificationRead(
            notification_id=state.notification_id,
            recipient=state.recipient,
            township_id=state.township_id,
        )
    ]


def decide(command: NotificationCommand, state: NotificationState) -> list[DomainEvent]:
    """Dispatch any notification command to its decision function."""
    match command:
        case SendNotification():
            return decide_send_notification(command, state)
        case MarkNotificationRead():
            return decide_mark_notification_read(command, state)
        case _:
            raise TypeError(f"unknown notification command {type(command).__name__}")


__all__ = [
    "decide",
    "decide_mark_notification_read",
    "decide_send_notification",
    "notification_decider",
    "registry",
]
