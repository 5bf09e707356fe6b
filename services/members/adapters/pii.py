"""Encrypting, decrypting and masking members' personal data (phone, ID number, address).

AES-256-GCM with a random 96-bit nonce; the associated data binds a ciphertext to its
member and field, so a blob copied to another member or field does not decrypt.
A blob is base64(nonce + ciphertext). Plaintext never leaves this module except to the
API response of a principal allowed to see it; it is never logged.
"""

from __future__ import annotations

import base64
import binascii
import os
from collections.abc import Mapping

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NONCE_BYTES = 12
DELETED = "（已删除）"


def _aad(member_id: str, field: str) -> bytes:
    return f"cppcc.members.pii/{member_id}/{field}".encode()


def encrypt(key: bytes, member_id: str, field: str, plaintext: str) -> str:
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(key).encrypt(nonce, plaintext.encode(), _aad(member_id, field))
    return base64.b64encode(nonce + sealed).decode("ascii")


def decrypt(key: bytes, member_id: str, field: str, blob: str) -> str | None:
    """The plaintext, or None when the blob does not open with this key."""
    try:
        raw = base64.b64decode(blob, validate=True)
        plain = AESGCM(key).decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], _aad(member_id, field))
    except (InvalidTag, ValueError, binascii.Error):
        return None
    return plain.decode()


def encrypt_all(key: bytes, member_id: str, values: Mapping[str, str]) -> dict[str, str]:
    return {field: encrypt(key, member_id, field, value) for field, value in values.items()}


def mask(field: str, value: str) -> str:
    """What township staff see: 138****5678, 3301**********1234, 城关镇****."""
    if field == "phone":
        return _keep(value, 3, 4)
    if field == "id_number":
        return _keep(value, 4, 4)
    return value[:3] + "****"


def _keep(value: str, head: int, tail: int) -> str:
    if len(value) <= head + tail:
        return "*" * len(value)
    return value[:head] + "*" * (len(value) - head - tail) + value[-tail:]
