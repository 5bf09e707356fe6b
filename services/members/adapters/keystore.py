"""Members' data keys in a NATS JetStream key-value bucket (crypto-shredding, ADR 0008).

One random 256-bit AES key per member, stored under its key id in the bucket
`MEMBER_KEYS` — never in the event stream or the read-model database. Forgetting a member
erases the key's message from the bucket's stream (secure erase, which needs
`deny_delete: false`) and purges the key, so every ciphertext made with it is unreadable
for good.

nats-py's `create_key_value` always creates the bucket's stream with `deny_delete: true`
(and the server refuses to relax it later), so the stream is created here with the same
layout as a KV bucket but `deny_delete: false`, then opened with `js.key_value`.
"""

from __future__ import annotations

import contextlib
import os

import structlog
from nats.aio.client import Client as NATS
from nats.js import JetStreamContext, api
from nats.js.errors import BadRequestError, KeyNotFoundError, KeyWrongLastSequenceError
from nats.js.errors import NotFoundError as JsNotFoundError
from nats.js.kv import KeyValue

log = structlog.get_logger(__name__)

BUCKET = "MEMBER_KEYS"
STREAM = f"KV_{BUCKET}"
KEY_BYTES = 32

#: Settings the design relies on; verified after creation (the server must echo them).
_VERIFIED = {
    "deny_delete": False,
    "deny_purge": False,
    "allow_rollup_hdrs": True,
    "max_msgs_per_subject": 1,
}


class KeyStoreError(RuntimeError):
    """The key bucket is missing or not configured as the design requires."""


def bucket_config(replicas: int = 1) -> api.StreamConfig:
    """A KV bucket's stream (history 1, file storage) that allows secure message erase."""
    return api.StreamConfig(
        name=STREAM,
        description="Members' personal-data keys (crypto-shredding)",
        subjects=[f"$KV.{BUCKET}.>"],
        allow_direct=True,
        allow_rollup_hdrs=True,
        deny_delete=False,
        deny_purge=False,
        discard=api.DiscardPolicy.NEW,
        duplicate_window=120.0,
        max_consumers=-1,
        max_msgs=-1,
        max_msgs_per_subject=1,
        num_replicas=replicas,
        storage=api.StorageType.FILE,
    )


class KeyStore:
    """Create, read and destroy members' data keys."""

    def __init__(self, js: JetStreamContext, kv: KeyValue, stream: str = STREAM) -> None:
        self.js = js
        self.kv = kv
        self.stream = stream

    @classmethod
    async def open(cls, nc: NATS, replicas: int = 1) -> KeyStore:
        """Create the bucket if needed (idempotent), verify it, and open it."""
        js = nc.jetstream()
        try:
            info = await js.stream_info(STREAM)
        except JsNotFoundError:
            with contextlib.suppress(BadRequestError):
                await js.add_stream(bucket_config(replicas))
            info = await js.stream_info(STREAM)
        actual = info.config.as_dict()
        wrong = {k: actual.get(k) for k, v in _VERIFIED.items() if actual.get(k) != v}
        if wrong or info.config.storage != api.StorageType.FILE:
            raise KeyStoreError(f"bucket {BUCKET}: unexpected settings {wrong}")
        return cls(js, await js.key_value(BUCKET))

    async def create(self, key_id: str) -> bytes:
        """A fresh random key under a new key id (fails if the id was ever used)."""
        key = os.urandom(KEY_BYTES)
        try:
            await self.kv.create(key_id, key)
        except KeyWrongLastSequenceError as exc:
            raise KeyStoreError(f"data key {key_id} exists already") from exc
        return key

    async def get(self, key_id: str) -> bytes | None:
        """The key, or None when it never existed or was destroyed."""
        try:
            entry = await self.kv.get(key_id)
        except KeyNotFoundError:  # also raised for deleted/purged keys
            return None
        return entry.value or None

    async def destroy(self, key_id: str) -> None:
        """Securely erase the key's message, then purge the key (idempotent)."""
        try:
            entry = await self.kv.get(key_id)
        except KeyNotFoundError:
            entry = None
        if entry is not None and entry.revision is not None:
            with contextlib.suppress(JsNotFoundError):
                await self.js.delete_msg(self.stream, entry.revision)
        await self.kv.purge(key_id)
        log.info("member_data_key_destroyed", key_id=key_id)
