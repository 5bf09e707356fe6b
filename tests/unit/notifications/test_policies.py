"""Reactions: a delivered message (headers + body) → SendNotification commands."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from services.notifications.application.policies import (
    SYSTEM_ACTOR,
    UnusableMessage,
    cause_from,
    commands_for,
)
from services.notifications.application.reactions import _permanent
from shared.commands import ConflictExhausted
from shared.domain import Invalid
from shared.eventstore import StoreUnavailable
from shared.ids import stable_id

AT = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
REGISTERED = "cn.cppcc.proposals.proposal.registered.v1"


def _headers(**extra: str) -> dict[str, str]:
    return {"ce-type": REGISTERED, "ce-id": "evt-1", **extra}


def _body(**data: object) -> bytes:
    base: dict[str, object] = {
        "lead_author_id": "m1",
        "co_author_ids": ["m2", "m1"],
        "title": "关于乡村道路养护的建议",
        "serial_no": "10-3-D045",
        "township_id": "qingshui",
    }
    return json.dumps({**base, **data}).encode()


def test_one_command_per_author_with_deterministic_ids() -> None:
    cause = cause_from(_headers(), _body(), "PROPOSALS:1")
    commands = commands_for(cause, AT)
    assert [c.recipient for c in commands] == ["member:m1", "member:m2"]
    first = commands[0]
    assert first.notification_id == stable_id("evt-1", "member:m1")
    assert first.title == "提案已立案"
    assert first.body == "您的提案《关于乡村道路养护的建议》已立案，编号 10-3-D045。"
    assert first.cause_event_id == "evt-1" and first.cause_type == REGISTERED
    assert first.township_id == "qingshui" and first.actor == SYSTEM_ACTOR and first.at == AT
    # The same cause again (redelivery) yields exactly the same commands.
    assert commands_for(cause_from(_headers(), _body(), "PROPOSALS:7"), AT) == commands


def test_cause_id_falls_back_to_msg_id_then_stream_position() -> None:
    headers = {"ce-type": REGISTERED, "Nats-Msg-Id": "msg-9"}
    assert cause_from(headers, _body(), "PROPOSALS:3").event_id == "msg-9"
    assert cause_from({"ce-type": REGISTERED}, _body(), "PROPOSALS:3").event_id == "PROPOSALS:3"


def test_correlation_is_unquoted() -> None:
    cause = cause_from(_headers(**{"ce-correlationid": "req%201"}), _body(), "P:1")
    assert cause.correlation_id == "req 1"


def test_unknown_event_types_give_no_commands() -> None:
    cause = cause_from({"ce-type": "cn.cppcc.members.member.registered.v1"}, b"{}", "M:1")
    assert commands_for(cause, AT) == []


@pytest.mark.parametrize(
    ("headers", "body"),
    [
        ({}, b"{}"),
        ({"ce-type": REGISTERED}, b"not json"),
        ({"ce-type": REGISTERED}, b"[1, 2]"),
        ({"ce-type": REGISTERED}, b"\xff\xfe"),
    ],
)
def test_unusable_messages(headers: dict[str, str], body: bytes) -> None:
    with pytest.raises(UnusableMessage):
        cause_from(headers, body, "PROPOSALS:1")


def test_which_failures_are_permanent() -> None:
    assert _permanent(UnusableMessage("x"))
    assert _permanent(Invalid("通知接收人不能为空"))
    assert not _permanent(ConflictExhausted())
    assert not _permanent(StoreUnavailable("down"))
    assert not _permanent(RuntimeError("boom"))
