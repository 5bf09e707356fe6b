"""Reading the server's answer to an append: the usual shapes are read without json."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from nats.aio.msg import Msg
from nats.errors import NoRespondersError

from shared.eventstore import _parse_ack


def _reply(data: bytes, headers: dict[str, str] | None = None) -> Msg:
    return Msg(_client=None, subject="_INBOX.x", data=data, headers=headers)  # type: ignore[arg-type]


@given(
    st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ_-0123456789", min_size=1, max_size=20),
    st.integers(0, 2**63 - 1),
    st.sampled_from([None, True, False]),
    st.sampled_from([None, "hub", ""]),
)
def test_any_ack_reads_as_json_would(
    stream: str, seq: int, duplicate: bool | None, domain: str | None
) -> None:
    # nats-server writes {"stream":…,"seq":…[,"domain":…][,"duplicate":true]}.
    ack: dict[str, Any] = {"stream": stream, "seq": seq}
    if domain is not None:
        ack["domain"] = domain
    if duplicate is not None:
        ack["duplicate"] = duplicate
    data = json.dumps(ack, separators=(",", ":")).encode()
    assert _parse_ack(_reply(data)) == json.loads(data)


@pytest.mark.parametrize(
    "data",
    [
        b'{"error":{"code":400,"err_code":10071,"description":"wrong last sequence: 3"}}',
        b'{"stream":"SAMPLE","seq":12,"batch":"b1","count":3}',
        b'{"stream": "SAMPLE", "seq": 12}',  # other spacing
        b'{"seq":12,"stream":"SAMPLE"}',  # other order
    ],
)
def test_other_answers_go_through_json(data: bytes) -> None:
    assert _parse_ack(_reply(data)) == json.loads(data)


def test_an_empty_reply_is_an_error_or_no_responders() -> None:
    assert _parse_ack(_reply(b"", {"Status": "408"}))["error"]["err_code"] == -1
    with pytest.raises(NoRespondersError):
        _parse_ack(_reply(b"", {"Status": "503"}))
