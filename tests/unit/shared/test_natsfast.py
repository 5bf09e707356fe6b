"""The header parser drop-in gives exactly nats-py 2.16's answers."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from shared.natsfast import parse_header_lines


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
