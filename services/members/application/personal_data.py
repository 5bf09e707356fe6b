"""Personal data at the edge: encrypt before a command (the domain sees only ciphertext),
and forget a member by destroying their data key (crypto-shredding, ADR 0008)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from services.members.adapters import pii as crypto
from services.members.application.registry_runtime import keystore_of
from services.members.domain.vocab import PII_FIELDS
from shared.domain import Rejected
from shared.ids import uuid7
from shared.service import ServiceRuntime


@dataclass(frozen=True)
class Sealed:
    """Ciphertexts (None = clear the field) under `key_id`; `created` = a new key."""

    key_id: str | None
    blobs: dict[str, str | None] = field(default_factory=dict)
    created: bool = False


def split_personal(data: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, str | None]]:
    """(other fields, personal-data fields as given)."""
    personal: dict[str, str | None] = {f: data[f] for f in PII_FIELDS if f in data}
    rest = {k: v for k, v in data.items() if k not in PII_FIELDS}
    return rest, personal


async def seal(
    rt: ServiceRuntime, member_id: str, key_id: str | None, values: Mapping[str, str | None]
) -> Sealed:
    """Encrypt the given values under the member's key (a new key if they have none)."""
    plain = {f: v for f, v in values.items() if v is not None}
    cleared: dict[str, str | None] = {f: None for f, v in values.items() if v is None}
    if not plain:
        return Sealed(key_id, cleared)
    store = keystore_of(rt)
    created = key_id is None
    if key_id is None:
        key_id = uuid7()
        key = await store.create(key_id)
    else:
        found = await store.get(key_id)
        if found is None:
            raise Rejected(
                "该委员的个人信息已删除，不能再登记个人信息", code="personal_data_forgotten"
            )
        key = found
    blobs: dict[str, str | None] = {**cleared, **crypto.encrypt_all(key, member_id, plain)}
    return Sealed(key_id, blobs, created)


async def discard(rt: ServiceRuntime, sealed: Sealed) -> None:
    """A command failed after a new key was made: destroy the unused key."""
    if sealed.created and sealed.key_id:
        await keystore_of(rt).destroy(sealed.key_id)
