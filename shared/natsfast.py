"""Faster header handling for nats-py 2.16: the same bytes and dicts, fewer steps.

Parsing: nats-py checks every character of every header name with a generator expression
(`any(c.isspace() for c in key)`): about 20 µs for the ~18 headers of a stored event, the
largest single cost of reading events. `parse_header_lines` does the same check with a
regex.

Encoding: nats-py builds a header block with a regex match, two strips, a translate, two
encodes and four `bytearray.extend` per header: about 35 µs for the 11 headers of an
append, on the write path of every command. `encode_headers` builds the same block in one
join, checking each header name once per process.

Both are installed only on the nats-py version they were written against (and both are
property-tested against nats-py's own code, kept in the tests as the oracle).
"""

from __future__ import annotations

import re
from importlib.metadata import version
from typing import Any

from nats import errors
from nats.aio.client import Client
from nats.protocol import command as prot_command

_WHITESPACE = re.compile(r"\s")  # the characters str.isspace() accepts
_CRLF = b"\r\n"
WRITTEN_FOR = "2.16."


def parse_header_lines(raw: bytes) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in raw.split(_CRLF):
        name, sep, value = line.partition(b":")
        if not sep:
            continue
        try:
            key = name.strip().decode("ascii")
        except UnicodeDecodeError:
            continue
        if _WHITESPACE.search(key):
            continue
        out[key] = value.strip().decode("utf-8", "replace")
    return out


_HEADER_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")  # as nats-py 2.16 accepts
_NEWLINES = str.maketrans({"\r": " ", "\n": " "})
_GOOD_NAMES: set[str] = set()  # names already checked: they repeat on every append


def encode_headers(headers: dict[str, str]) -> bytes:
    """The header block nats-py 2.16's `_send_publish` sends for `headers`."""
    lines = ["NATS/1.0"]
    for name, value in headers.items():
        if name not in _GOOD_NAMES:
            key = name.strip()
            if not key:
                continue  # nats-py skips empty names
            if not _HEADER_NAME.fullmatch(key):
                raise errors.BadHeaderError(key)
            if key != name:
                name = key  # (not remembered: the stripped form is what is sent)
            else:
                _GOOD_NAMES.add(name)
        if "\r" in value or "\n" in value:
            value = value.strip().translate(_NEWLINES)
        lines.append(f"{name}: {value.strip()}")
    lines.append("\r\n")
    return "\r\n".join(lines).encode()


async def _send_publish(
    self: Any,
    subject: str,
    reply: str,
    payload: bytes,
    payload_size: int,
    headers: dict[str, str] | None,
) -> None:
    """nats-py 2.16's `Client._send_publish` with `encode_headers`."""
    if subject == "":
        raise errors.BadSubjectError
    if headers is None:
        pub_cmd = prot_command.pub_cmd(subject, reply, payload)
    else:
        pub_cmd = prot_command.hpub_cmd(subject, reply, encode_headers(headers), payload)
    self.stats["out_msgs"] += 1
    self.stats["out_bytes"] += payload_size
    await self._send_command(pub_cmd)
    if self._flush_queue is not None and self._flush_queue.empty():
        await self._flush_pending()


def install() -> bool:
    if not version("nats-py").startswith(WRITTEN_FOR):
        return False
    Client._parse_header_lines = staticmethod(parse_header_lines)  # type: ignore[method-assign]
    Client._send_publish = _send_publish  # type: ignore[method-assign]
    return True
