"""JSON text for read-model columns, written exactly as `json.dumps` writes it but without
its per-call cost (`json.dumps` builds a new encoder whenever it is given options).

Handlers of hot events (a rebuild replays tens of thousands of visits) lay out small,
fixed-shape JSON objects themselves with these pieces; the result is the same text, byte
for byte, as `json.dumps(..., ensure_ascii=False)` (with `sort_keys=True` when the keys
are written in sorted order). Tests compare them on awkward strings.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from json.encoder import encode_basestring
from typing import Any

#: `json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)`.
_SORTED = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=str).encode

#: A string as a JSON literal (quotes and escapes as `json.dumps(s, ensure_ascii=False)`).
json_str = encode_basestring


def dumps_sorted(data: Mapping[str, Any]) -> str:
    """`json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)`."""
    return _SORTED(data)


def json_opt(value: str | None) -> str:
    """A string or None as JSON."""
    return "null" if value is None else encode_basestring(value)


def json_strs(values: Iterable[str]) -> str:
    """Strings as a JSON array: `json.dumps(list(values), ensure_ascii=False)`."""
    return "[" + ", ".join(map(encode_basestring, values)) + "]"


@functools.lru_cache(maxsize=4096)
def json_str_tuple(values: tuple[str, ...]) -> str:
    """`json_strs` of a tuple, remembered: an event's tags and topics repeat from event to
    event (a pure function of its argument, so the cache changes no result)."""
    return json_strs(values)
