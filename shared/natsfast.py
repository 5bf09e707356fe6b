"""A faster header parser for nats-py 2.16 (same output as `Client._parse_header_lines`).

nats-py checks every character of every header name with a generator expression
(`any(c.isspace() for c in key)`): about 20 µs for the ~18 headers of a stored event, the
largest single cost of reading events. This drop-in does the same check with a regex.
It is installed only on the nats-py version it was written against.
"""

from __future__ import annotations

import re
from importlib.metadata import version

from nats.aio.client import Client

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


def install() -> bool:
    if not version("nats-py").startswith(WRITTEN_FOR):
        return False
    Client._parse_header_lines = staticmethod(parse_header_lines)  # type: ignore[method-assign]
    return True
