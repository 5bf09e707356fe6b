"""Identifiers: time-ordered UUIDv7 (RFC 9562) for aggregates and events."""

from __future__ import annotations

import os
import time
import uuid

NAMESPACE = uuid.UUID("6f1c2a4e-8d0b-4f3a-9c57-2b7e0d4a1c90")


def uuid7() -> str:
    """A UUIDv7 string: 48-bit Unix milliseconds, then random bits."""
    ms = time.time_ns() // 1_000_000
    rand = int.from_bytes(os.urandom(10), "big")
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= ((rand >> 62) & 0xFFF) << 64
    value |= 0b10 << 62
    value |= rand & ((1 << 62) - 1)
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def stable_id(*parts: str) -> str:
    """A deterministic id (UUIDv5) from parts: the same cause always yields the same id."""
    return str(uuid.uuid5(NAMESPACE, "\x1f".join(parts)))
