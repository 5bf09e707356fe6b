"""The header drop-ins give exactly nats-py 2.16's answers (parsing and encoding)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from nats import errors
from nats.aio.client import Client as NATS

from shared import natsfast
from shared.natsfast import encode_headers, parse_header_lines


def reference(raw: bytes) -> dict[str, str]:
    """nats-py 2.16's `Client._parse_header_lines`, kept here as the oracle."""
    out: dict[str, str] = {}
    for line in raw.split(b"\r\n"):
        if not line:
            continue
        name, sep, value = line.partition(b":")
        if not sep:
            continue
        try:
            key = name.strip().decode("ascii")
        except UnicodeDecodeError:
            continue
        if any(c.isspace() for c in key):
            continue
        out[key] = value.strip().decode("utf-8", "replace")
    return out


def test_typical_event_headers() -> None:
    raw = b"Nats-Msg-Id: e1\r\nce-type: cn.cppcc.a.b.c.v1\r\nce-actor: %E5%BC%A0\r\n\r\n"
    assert parse_header_lines(raw) == {
        "Nats-Msg-Id": "e1",
        "ce-type": "cn.cppcc.a.b.c.v1",
        "ce-actor": "%E5%BC%A0",
    }


@given(st.lists(st.tuples(st.binary(max_size=12), st.binary(max_size=20)), max_size=6))
def test_same_answers_as_nats_py(pairs: list[tuple[bytes, bytes]]) -> None:
    raw = b"\r\n".join(k + b":" + v for k, v in pairs)
    assert parse_header_lines(raw) == reference(raw)


@given(st.text(max_size=30))
def test_same_answers_on_any_text(text: str) -> None:
    raw = text.encode()
    assert parse_header_lines(raw) == reference(raw)


HEADER_ALPHABET = st.sampled_from(
    [b"a", b"Z", b"-", b":", b" ", b"\t", b"\r", b"\n", b"\r\n", b"\x0b", b"\xe5\xbc\xa0", b"1"]
)


@given(st.lists(HEADER_ALPHABET, max_size=40))
def test_same_answers_on_header_like_bytes(parts: list[bytes]) -> None:
    raw = b"".join(parts)
    assert parse_header_lines(raw) == reference(raw)


# --- encoding -------------------------------------------------------------------------

_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_NL = str.maketrans({"\r": " ", "\n": " "})


def reference_block(headers: dict[str, str]) -> bytes:
    """The header block nats-py 2.16's `Client._send_publish` builds (the oracle)."""
    hdr = bytearray(b"NATS/1.0\r\n")
    for k, v in headers.items():
        key = k.strip()
        if not key:
            continue
        if not _NAME.fullmatch(key):
            raise errors.BadHeaderError(key)
        hdr.extend(key.encode() + b": " + v.strip().translate(_NL).encode() + b"\r\n")
    hdr.extend(b"\r\n")
    return bytes(hdr)


def test_typical_append_headers_encode_as_nats_py_does() -> None:
    headers = {
        "Nats-Msg-Id": "01a2",
        "ce-type": "cn.cppcc.members.member.visit_logged.v1",
        "ce-actor": "township:%E5%9F%8E%E5%85%B3",
        "Nats-Expected-Last-Subject-Sequence": "0",
    }
    assert encode_headers(headers) == reference_block(headers)


_names = st.one_of(
    st.sampled_from(["ce-id", "Nats-Msg-Id", " ce-type ", "", "bad name", "x:y", "ok_1"]),
    st.text(max_size=8),
)


@given(st.dictionaries(_names, st.text(max_size=12), max_size=5))
def test_same_block_or_the_same_error_as_nats_py(headers: dict[str, str]) -> None:
    try:
        expected: bytes | type[Exception] = reference_block(headers)
    except errors.BadHeaderError:
        expected = errors.BadHeaderError
    if expected is errors.BadHeaderError:
        with pytest.raises(errors.BadHeaderError):
            encode_headers(headers)
    else:
        assert encode_headers(headers) == expected


async def test_a_published_message_arrives_with_its_headers(nc: NATS) -> None:
    assert natsfast.install()  # the project pins the nats-py version it was written for
    sub = await nc.subscribe("fast.>")
    await nc.publish("fast.one", b"body", headers={"ce-type": "t.v1", "x-multi": "a\nb"})
    msg = await sub.next_msg(timeout=5)
    assert msg.data == b"body"
    assert msg.headers == {"ce-type": "t.v1", "x-multi": "a b"}
