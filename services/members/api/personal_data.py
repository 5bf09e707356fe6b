"""Reading members' personal data: decrypted at read time for those allowed to see it.

The member themself and the county office see the values; the staff of the member's
liaison group see masked values; nobody else sees the record. A forgotten member — or a
ciphertext whose key is gone — shows "（已删除）".
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any, Literal

from sqlalchemy import Row

from services.members.adapters import pii as crypto
from services.members.adapters.keystore import KeyStore
from services.members.api.member_schemas import PersonalDataOut
from services.members.domain.vocab import PII_FIELDS
from shared.auth import Principal

View = Literal["full", "masked"]


def view_of(principal: Principal, member_id: str, township_id: str | None) -> View | None:
    if principal.is_admin or f"member:{member_id}" in principal.roles:
        return "full"
    if township_id is not None and township_id in principal.townships:
        return "masked"
    return None


def _value(key: bytes | None, row: Row[Any], field: str, view: View) -> str | None:
    blob = getattr(row, f"{field}_ct")
    if blob is None:
        return None
    plain = crypto.decrypt(key, row.member_id, field, blob) if key else None
    if plain is None:
        return crypto.DELETED
    return plain if view == "full" else crypto.mask(field, plain)


async def personal_data(
    store: KeyStore, principal: Principal, row: Row[Any]
) -> PersonalDataOut | None:
    view = view_of(principal, row.member_id, row.township_id)
    if view is None:
        return None
    if row.pii_forgotten:
        deleted = dict.fromkeys(PII_FIELDS, crypto.DELETED)
        return PersonalDataOut(**deleted, visibility=view, forgotten=True)
    key = await store.get(row.pii_key_id) if row.pii_key_id else None
    values = {field: _value(key, row, field, view) for field in PII_FIELDS}
    return PersonalDataOut(**values, visibility=view, forgotten=False)


async def personal_data_many(
    store: KeyStore, principal: Principal, rows: Sequence[Row[Any]]
) -> list[PersonalDataOut | None]:
    return list(await asyncio.gather(*(personal_data(store, principal, r) for r in rows)))
