"""The rebuild reader gives exactly what nats-py's direct get gives, on a real server."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import nats
import pytest
from nats.aio.client import Client as NATS
from nats.js.api import StreamConfig

from shared.eventstore import RawMessage, direct_get_batches
from shared.natsserver import EmbeddedNats
from shared.streamreader import LazyHeaders, read_range

STREAM = "READER"


async def fill(nc: NATS, count: int, body: bytes = b"") -> None:
    js = nc.jetstream()
    await js.add_stream(StreamConfig(name=STREAM, subjects=["rd.>"], allow_direct=True))
    for i in range(1, count + 1):
        headers = {"ce-type": f"t.{i % 3}", "ce-actor": "县政协%E5%8A%9E", "x-n": str(i)}
        await js.publish(f"rd.agg{i % 7}.{i}", body or f"事件 {i}".encode(), headers=headers)


async def collect(chunks: AsyncIterator[list[RawMessage]]) -> list[RawMessage]:
    out: list[RawMessage] = []
    async for chunk in chunks:
        out.extend(chunk)
    return out


def comparable(msgs: list[RawMessage]) -> list[tuple[str, int, dict[str, str], bytes]]:
    return [(m.subject, m.seq, dict(m.headers), m.data) for m in msgs]


async def test_same_messages_as_nats_py_in_order_across_batches(nc: NATS) -> None:
    await fill(nc, 230)
    lean = await collect(read_range(nc, STREAM, 1, 230, batch=50))
    reference = await collect(direct_get_batches(nc, STREAM, ">", 1, 50, 230))
    assert [m.seq for m in lean] == list(range(1, 231))
    assert comparable(lean) == comparable(reference)
    assert isinstance(lean[0].headers, LazyHeaders)
    assert lean[41].headers["x-n"] == "42" and lean[41].headers.get("absent") is None


async def test_a_sub_range_and_an_empty_range(nc: NATS) -> None:
    await fill(nc, 40)
    middle = await collect(read_range(nc, STREAM, 11, 25, batch=4))
    assert [m.seq for m in middle] == list(range(11, 26))
    assert await collect(read_range(nc, STREAM, 30, 29)) == []


async def test_deleted_messages_are_absent_so_the_caller_sees_the_gap(nc: NATS) -> None:
    await fill(nc, 20)
    js = nc.jetstream()
    await js.delete_msg(STREAM, 5)
    await js.delete_msg(STREAM, 6)
    seqs = [m.seq for m in await collect(read_range(nc, STREAM, 1, 20, batch=3))]
    assert seqs == [1, 2, 3, 4, *range(7, 21)]


async def test_messages_larger_than_one_socket_read_are_reassembled(nc: NATS) -> None:
    body = bytes(range(256)) * 1200  # ~300 KB each: frames span many reads
    await fill(nc, 6, body)
    msgs = await collect(read_range(nc, STREAM, 1, 6, batch=6))
    assert [len(m.data) for m in msgs] == [len(body)] * 6
    assert all(m.data == body for m in msgs)


async def test_a_client_with_tls_options_falls_back_to_nats_py(nc: NATS) -> None:
    await fill(nc, 12)
    nc.options["tls"] = object()  # the lean connection cannot do TLS: it must not try
    try:
        msgs = await collect(read_range(nc, STREAM, 1, 12, batch=5))
    finally:
        nc.options["tls"] = None
    assert [m.seq for m in msgs] == list(range(1, 13))
    assert not isinstance(msgs[0].headers, LazyHeaders)  # nats-py's dict: the fallback ran


@dataclass
class _AuthNats(EmbeddedNats):
    def config_text(self) -> str:
        return super().config_text() + 'authorization { user: "reader", password: "s3cret" }\n'


@pytest.mark.parametrize("in_url", [True, False], ids=["creds-in-url", "creds-as-options"])
async def test_user_and_password_are_used_by_the_lean_connection(
    tmp_path: Path, in_url: bool
) -> None:
    server = _AuthNats(tmp_path / "nats")
    server.start()
    try:
        if in_url:
            url = server.url.replace("nats://", "nats://reader:s3cret@")
            client = await nats.connect(url)
        else:
            client = await nats.connect(server.url, user="reader", password="s3cret")
        try:
            await fill(client, 9)
            msgs = await collect(read_range(client, STREAM, 1, 9, batch=4))
            assert [m.seq for m in msgs] == list(range(1, 10))
            assert isinstance(msgs[0].headers, LazyHeaders)  # not the fallback
        finally:
            await client.close()
    finally:
        server.stop()


def test_lazy_headers_read_like_a_dict() -> None:
    block = b"NATS/1.0\r\nce-type: a.b.v1\r\nce-actor:  x y \r\nNats-Sequence: 7\r\n\r\n"
    headers = LazyHeaders(block)
    assert headers.get("ce-type") == "a.b.v1"
    assert headers["ce-actor"] == "x y"
    assert headers.get("ce-id", "none") == "none"
    assert dict(headers) == {"ce-type": "a.b.v1", "ce-actor": "x y", "Nats-Sequence": "7"}
    assert len(headers) == 3 and "ce-type" in headers
    with pytest.raises(KeyError):
        headers["ce-id"]
