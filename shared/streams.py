"""JetStream stream definitions, created idempotently and verified after creation."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from nats.aio.client import Client as NATS

DUPLICATE_WINDOW_NS = 120 * 1_000_000_000  # 2 minutes

CONTEXTS = ("members", "proposals", "consultation", "notifications")


class StreamConfigError(RuntimeError):
    """The server does not hold the stream configuration the design relies on."""


class StreamMissing(StreamConfigError):
    """The stream does not exist (yet): its service has not created it."""


STREAM_NOT_FOUND = 10059


@dataclass(frozen=True)
class StreamSpec:
    name: str
    subjects: tuple[str, ...]
    replicas: int = 1

    def config(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "subjects": list(self.subjects),
            "retention": "limits",
            "storage": "file",
            "num_replicas": self.replicas,
            "discard": "old",
            "duplicate_window": DUPLICATE_WINDOW_NS,
            "allow_direct": True,
            "allow_atomic": True,
            "deny_delete": True,
            "deny_purge": True,
        }


def stream_for(context: str, replicas: int = 1) -> StreamSpec:
    """The one stream a service owns: `MEMBERS` holds `cppcc.members.>`."""
    return StreamSpec(name=context.upper(), subjects=(f"cppcc.{context}.>",), replicas=replicas)


# Settings the design relies on; the server must echo every one of them back.
_VERIFIED = (
    "subjects",
    "storage",
    "num_replicas",
    "duplicate_window",
    "allow_direct",
    "allow_atomic",
    "deny_delete",
    "deny_purge",
)


async def _api(nc: NATS, subject: str, payload: dict[str, Any] | None = None) -> dict[str, Any]:
    body = json.dumps(payload).encode() if payload is not None else b""
    reply = await nc.request(subject, body, timeout=5.0)
    data: dict[str, Any] = json.loads(reply.data)
    return data


async def ensure_stream(nc: NATS, spec: StreamSpec) -> dict[str, Any]:
    """Create the stream, or update it to `spec`; then read it back and verify.

    `deny_delete`/`deny_purge` cannot be relaxed later (the server refuses), which is
    intended: the event store is append-only.
    """
    wanted = spec.config()
    created = await _api(nc, f"$JS.API.STREAM.CREATE.{spec.name}", wanted)
    error = created.get("error")
    if error and error.get("err_code") == 10058:  # name in use with another config
        created = await _api(nc, f"$JS.API.STREAM.UPDATE.{spec.name}", wanted)
        error = created.get("error")
    if error:
        raise StreamConfigError(f"stream {spec.name}: {error.get('description')}")
    info = await _api(nc, f"$JS.API.STREAM.INFO.{spec.name}")
    if "error" in info:
        raise StreamConfigError(f"stream {spec.name}: {info['error'].get('description')}")
    actual = info["config"]
    wrong = {k: (wanted[k], actual.get(k)) for k in _VERIFIED if actual.get(k) != wanted[k]}
    if wrong:
        raise StreamConfigError(f"stream {spec.name}: server ignored settings {wrong}")
    return info


async def stream_info(nc: NATS, name: str) -> dict[str, Any]:
    info = await _api(nc, f"$JS.API.STREAM.INFO.{name}")
    if "error" in info:
        error = info["error"]
        kind = StreamMissing if error.get("err_code") == STREAM_NOT_FOUND else StreamConfigError
        raise kind(f"stream {name}: {error.get('description')}")
    return info


async def last_sequence(nc: NATS, name: str) -> int:
    info = await stream_info(nc, name)
    return int(info["state"]["last_seq"])
