"""Reading a whole stream fast, for rebuilds: batched direct gets on a lean connection.

Going through nats-py, every message becomes a `Msg` with all of its ~17 headers parsed
into a dict, then queued and dispatched: on a small machine that is most of a rebuild's
time. A rebuild needs a few headers of each message, in order, once. So `read_range`
opens its own plain TCP connection to the server the client is connected to, speaks the
few protocol lines a direct get needs (CONNECT, SUB, PUB, HMSG, PING/PONG) and hands
out `RawMessage`s whose headers are looked up only when asked for (`LazyHeaders`).

Where that connection cannot be made the same way as nats-py's — TLS, NKEYs, JWT or
credentials files — or fails before the first message, it falls back to the nats-py
reader (`shared.eventstore.direct_get_batches`): same messages, only slower.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import secrets
from collections.abc import AsyncIterator, Iterator, Mapping
from typing import Any

import structlog
from nats.aio.client import Client as NATS

from shared.eventstore import RawMessage, StoreUnavailable, direct_get_batches
from shared.natsfast import parse_header_lines

log = structlog.get_logger()

_CRLF = b"\r\n"
_INBOX_SID = b"1"
_NEEDLES: dict[str, bytes] = {}  # header name → what precedes its value in a header block


class LazyHeaders(Mapping[str, str]):
    """The header block of one NATS message (`NATS/1.0\\r\\nName: value\\r\\n…`), read on
    demand: `get(name)` finds one header without parsing the others."""

    __slots__ = ("_block", "_parsed")

    def __init__(self, block: bytes) -> None:
        self._block = block
        self._parsed: dict[str, str] | None = None

    def get(self, key: str, default: Any = None) -> Any:
        needle = _NEEDLES.get(key)
        if needle is None:
            needle = _NEEDLES[key] = b"\r\n" + key.encode() + b":"
        block = self._block
        start = block.find(needle)
        if start < 0:
            return default
        start += len(needle)
        return block[start : block.find(_CRLF, start)].decode("utf-8", "replace").strip()

    def __getitem__(self, key: str) -> str:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return str(value)

    def _all(self) -> dict[str, str]:
        if self._parsed is None:
            # The same parse the nats-py path gets (its status line has no colon: skipped).
            self._parsed = parse_header_lines(self._block)
        return self._parsed

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())

    def __repr__(self) -> str:
        return f"LazyHeaders({self._all()!r})"


async def read_range(
    nc: NATS, stream: str, first: int, last: int, batch: int = 2000, timeout: float = 10.0
) -> AsyncIterator[list[RawMessage]]:
    """The stream's messages with sequences `first..last`, in order, in chunks of ≤ `batch`.

    Deleted sequences are simply absent (the caller sees the gap)."""
    if first > last:
        return
    conn: _LeanConnection | None = None
    try:
        conn = await _LeanConnection.open(nc, timeout)
    except _Unsupported as why:
        log.info("stream_reader_fallback", stream=stream, reason=str(why))
    except (OSError, TimeoutError, StoreUnavailable) as exc:
        log.warning("stream_reader_fallback", stream=stream, reason=repr(exc))
    if conn is None:
        async for chunk in direct_get_batches(nc, stream, ">", first, batch, last, timeout):
            yield chunk
        return
    try:
        seq = first
        while seq <= last:
            # A batch get does not stop at `up_to_seq` by itself: never ask for more.
            wanted = min(batch, last - seq + 1)
            chunk, pending = await conn.direct_get(stream, seq, wanted, last, timeout)
            while chunk and chunk[-1].seq > last:  # deleted sequences let it run past
                chunk.pop()
            if chunk:
                yield chunk
                seq = chunk[-1].seq + 1
            if len(chunk) < wanted or pending <= 0:
                return
    finally:
        await conn.close()


class _Unsupported(Exception):
    """The lean connection cannot authenticate or encrypt the way this client does."""


class _LeanConnection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader = reader
        self.writer = writer
        self.buffer = b""
        self.inbox = b"_INBOX.rebuild." + secrets.token_hex(11).encode()

    @classmethod
    async def open(cls, nc: NATS, timeout: float) -> _LeanConnection:
        options: dict[str, Any] = getattr(nc, "options", {}) or {}
        url = nc.connected_url
        if url is None or url.hostname is None:
            raise _Unsupported("client not connected")
        for key in ("tls", "user_credentials", "nkeys_seed", "nkeys_seed_str", "user_jwt_cb"):
            if options.get(key):
                raise _Unsupported(f"client uses {key}")
        if getattr(nc, "_signature_cb", None) is not None:
            raise _Unsupported("client signs a nonce")
        connect: dict[str, Any] = {
            "verbose": False,
            "pedantic": False,
            "headers": True,
            "no_responders": True,
            "protocol": 1,
            "lang": "python3",
            "name": "cppcc-rebuild-reader",
        }
        user, password, token = options.get("user"), options.get("password"), options.get("token")
        if user is not None and password is not None:
            connect["user"], connect["pass"] = user, password
        elif token is not None:
            connect["auth_token"] = token
        elif url.username is not None:
            if url.password is None:
                connect["auth_token"] = url.username
            else:
                connect["user"], connect["pass"] = url.username, url.password
        if any(callable(v) for v in connect.values()):
            raise _Unsupported("credentials given as callables")
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(url.hostname, url.port or 4222, limit=1 << 24), timeout
        )
        conn = cls(reader, writer)
        try:
            info_line = await asyncio.wait_for(reader.readline(), timeout)
            if not info_line.startswith(b"INFO "):
                raise StoreUnavailable(f"unexpected greeting {info_line[:40]!r}")
            info = json.loads(info_line[5:])
            if info.get("tls_required"):
                raise _Unsupported("server requires TLS")
            writer.write(b"CONNECT " + json.dumps(connect).encode() + _CRLF)
            writer.write(b"SUB " + conn.inbox + b" " + _INBOX_SID + _CRLF + b"PING" + _CRLF)
            await writer.drain()
            await asyncio.wait_for(conn._await_pong(), timeout)
        except BaseException:
            await conn.close()
            raise
        return conn

    async def _await_pong(self) -> None:
        while True:
            line = await self.reader.readline()
            if not line:
                raise StoreUnavailable("server closed the connection")
            if line.startswith(b"PONG"):
                return
            if line.startswith(b"-ERR"):
                raise StoreUnavailable(line.decode(errors="replace").strip())
            if line.startswith(b"PING"):
                self.writer.write(b"PONG" + _CRLF)

    async def close(self) -> None:
        self.writer.close()
        with contextlib.suppress(Exception):
            await self.writer.wait_closed()

    async def direct_get(
        self, stream: str, seq: int, batch: int, last: int, timeout: float
    ) -> tuple[list[RawMessage], int]:
        request = json.dumps(
            {"seq": seq, "next_by_subj": ">", "batch": batch, "up_to_seq": last}
        ).encode()
        self.writer.write(
            b"PUB $JS.API.DIRECT.GET.%s %s %d\r\n%s\r\n"
            % (stream.encode(), self.inbox, len(request), request)
        )
        await self.writer.drain()
        try:
            return await asyncio.wait_for(self._collect(stream), timeout)
        except TimeoutError as exc:
            raise StoreUnavailable(f"direct get {stream} timed out") from exc

    async def _collect(self, stream: str) -> tuple[list[RawMessage], int]:
        """Messages until the batch's end marker (status 204, or 404 when nothing matched)."""
        chunk: list[RawMessage] = []
        append = chunk.append
        buf = self.buffer
        pos = 0
        while True:
            eol = buf.find(_CRLF, pos)
            if eol >= 0 and buf.startswith(b"HMSG", pos):
                parts = buf[pos:eol].split()
                header_len, total_len = int(parts[-2]), int(parts[-1])
                start = eol + 2
                end = start + total_len + 2
                if end <= len(buf):
                    block = buf[start : start + header_len]
                    pos = end
                    if block.startswith(b"NATS/1.0 "):  # a status line: the batch is over
                        self.buffer = buf[pos:]
                        return chunk, _status_result(stream, block)
                    # The server appends Nats-Subject and Nats-Sequence last: look from the end.
                    at = block.rfind(b"\r\nNats-Subject:") + 16
                    subject = block[at : block.find(_CRLF, at)].strip().decode()
                    at = block.rfind(b"\r\nNats-Sequence:") + 17
                    seq = int(block[at : block.find(_CRLF, at)])
                    data = buf[start + header_len : start + total_len]
                    append(RawMessage(subject, seq, LazyHeaders(block), data))
                    continue
            elif eol >= 0:
                line = buf[pos:eol]
                pos = eol + 2
                if line == b"PING":
                    self.writer.write(b"PONG" + _CRLF)
                elif line.startswith(b"-ERR"):
                    raise StoreUnavailable(line.decode(errors="replace"))
                # +OK, PONG, INFO (cluster changes): nothing for us
                continue
            data = await self.reader.read(1 << 20)  # an incomplete line or frame: read on
            if not data:
                raise StoreUnavailable("server closed the connection")
            buf = buf[pos:] + data
            pos = 0


def _status_result(stream: str, block: bytes) -> int:
    status = block[9:12]
    if status == b"204":  # end of batch: how many more match
        return int(LazyHeaders(block).get("Nats-Num-Pending", "0"))
    if status == b"404":  # nothing (more) matches
        return 0
    line = block.split(_CRLF, 1)[0].decode(errors="replace")
    raise StoreUnavailable(f"direct get {stream}: {line}")
