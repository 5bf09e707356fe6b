"""Given events / when command / then events or a Chinese rejection — notification aggregate."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from services.notifications.domain.commands import (
    MarkNotificationRead,
    NotificationCommand,
    SendNotification,
)
from services.notifications.domain.decide import decide
from services.notifications.domain.events import NotificationRead, NotificationSent, registry
from services.notifications.domain.state import NotificationState, notification_decider
from shared.domain import DomainError
from shared.events import DomainEvent, EventMeta, ce_headers, encode_body, subject_for

NID = "5b0d2c1e-8a51-5f6e-9d0a-3c1f00000001"
MEMBER = "member:0190a0b0-0000-7000-9000-000000000001"
AT = datetime(2025, 5, 6, 8, 0, tzinfo=UTC)


def given(*events: DomainEvent) -> NotificationState:
    return notification_decider.fold(events)


def when(state: NotificationState, command: NotificationCommand) -> list[DomainEvent]:
    return decide(command, state)


def rejected(
    state: NotificationState, command: NotificationCommand, kind: str, *fragments: str
) -> DomainError:
    with pytest.raises(DomainError) as info:
        decide(command, state)
    assert info.value.kind == kind, info.value.message
    for fragment in fragments:
        assert fragment in info.value.message
    return info.value


def send(**overrides: Any) -> SendNotification:
    data: dict[str, Any] = {
        "notification_id": NID,
        "recipient": MEMBER,
        "template": "proposal.registered",
        "title": "提案已立案",
        "body": "您的提案已立案，编号 10-3-D045。",
        "cause_event_id": "0190a0b0-0000-7000-8000-0000000000e1",
        "cause_type": "proposals.proposal.registered",
        "township_id": "qingshan",
        "actor": "system:notifications",
        "at": AT,
    }
    data.update(overrides)
    return SendNotification(**data)


def read(actor: str = MEMBER) -> MarkNotificationRead:
    return MarkNotificationRead(notification_id=NID, actor=actor, at=AT)


def sent_event() -> DomainEvent:
    return when(given(), send())[0]


def read_event() -> DomainEvent:
    return when(given(sent_event()), read())[0]


# --- send --------------------------------------------------------------------------------


def test_send_emits_sent() -> None:
    assert when(given(), send()) == [
        NotificationSent(
            notification_id=NID,
            recipient=MEMBER,
            template="proposal.registered",
            title="提案已立案",
            body="您的提案已立案，编号 10-3-D045。",
            cause_event_id="0190a0b0-0000-7000-8000-0000000000e1",
            cause_type="proposals.proposal.registered",
            township_id="qingshan",
            channel="app",
        )
    ]
    state = given(sent_event())
    assert state.exists and not state.read
    assert state.recipient == MEMBER


def test_event_names() -> None:
    assert NotificationSent.ce_type() == "cn.cppcc.notifications.notification.sent.v1"
    assert NotificationRead.ce_type() == "cn.cppcc.notifications.notification.read.v1"
    assert subject_for(NotificationSent, NID) == f"cppcc.notifications.notification.{NID}.sent"
    assert set(registry.classes) == {
        "cn.cppcc.notifications.notification.sent",
        "cn.cppcc.notifications.notification.read",
    }


def test_send_again_is_a_no_op() -> None:
    assert when(given(sent_event()), send()) == []
    assert when(given(sent_event(), read_event()), send(title="别的标题")) == []


def test_send_to_a_township() -> None:
    (event,) = when(given(), send(recipient="township:qingshan", template="member.visit_logged"))
    assert isinstance(event, NotificationSent)
    assert event.township() == "qingshan"


@pytest.mark.parametrize("recipient", ["", "  ", "zhangsan", ":x", "member:"])
def test_send_rejects_bad_recipient(recipient: str) -> None:
    error = rejected(given(), send(recipient=recipient), "invalid", "接收人")
    assert error.code in {"recipient_required", "invalid_recipient"}


@pytest.mark.parametrize(
    ("field", "fragment"),
    [
        ("title", "通知标题不能为空"),
        ("body", "通知内容不能为空"),
        ("template", "通知模板不能为空"),
        ("cause_event_id", "事件编号"),
        ("notification_id", "通知编号不能为空"),
    ],
)
def test_send_requires_text(field: str, fragment: str) -> None:
    rejected(given(), send(**{field: " "}), "invalid", fragment)


# --- read --------------------------------------------------------------------------------


def test_recipient_marks_read() -> None:
    assert when(given(sent_event()), read()) == [
        NotificationRead(notification_id=NID, recipient=MEMBER, township_id="qingshan")
    ]
    assert given(sent_event(), read_event()).read


def test_only_the_recipient_may_mark_read() -> None:
    error = rejected(
        given(sent_event()),
        read(actor="member:someone-else"),
        "forbidden",
        "只有通知的接收人才能将其标记为已读",
    )
    assert error.code == "not_recipient"


def test_reading_twice_is_a_no_op() -> None:
    assert when(given(sent_event(), read_event()), read()) == []


def test_read_unknown_notification() -> None:
    rejected(given(), read(), "not_found", "通知不存在")


def test_duplicate_sent_does_not_reset_read() -> None:
    state = given(sent_event(), read_event(), sent_event())
    assert state.read


def test_unknown_event_leaves_state_unchanged() -> None:
    class Other(DomainEvent):
        context = "notifications"
        aggregate = "notification"
        name = "archived"

    state = given(sent_event())
    assert notification_decider.evolve(state, Other()) == state


def test_round_trip_through_registry() -> None:
    meta = EventMeta(event_id="e1", time=AT, actor="system:notifications")
    for event in (sent_event(), read_event()):
        headers = ce_headers(event, meta, NID)
        assert headers["ce-township"] == "qingshan"
        assert registry.decode(headers["ce-type"], encode_body(event)) == event


def test_decider_identity() -> None:
    assert notification_decider.context == "notifications"
    assert notification_decider.aggregate == "notification"
    assert notification_decider.initial == NotificationState()
