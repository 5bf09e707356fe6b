"""Personal-data encryption and masking at the edge (ADR 0008), and the registry config."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from services.members.adapters import pii
from services.members.config_registry import RegistryConfig, load_registry_config

KEY = os.urandom(32)


def test_round_trip_and_binding_to_member_and_field() -> None:
    blob = pii.encrypt(KEY, "m-1", "phone", "13812345678")
    assert "13812345678" not in blob
    assert pii.decrypt(KEY, "m-1", "phone", blob) == "13812345678"
    assert pii.decrypt(KEY, "m-2", "phone", blob) is None  # another member
    assert pii.decrypt(KEY, "m-1", "address", blob) is None  # another field
    assert pii.decrypt(os.urandom(32), "m-1", "phone", blob) is None  # another key
    assert pii.decrypt(KEY, "m-1", "phone", "not base64!") is None
    assert pii.encrypt(KEY, "m-1", "phone", "x") != pii.encrypt(KEY, "m-1", "phone", "x")


@pytest.mark.parametrize(
    ("field", "value", "masked"),
    [
        ("phone", "13812345678", "138****5678"),
        ("phone", "0571-87654321", "057******4321"),
        ("id_number", "330102199001011234", "3301**********1234"),
        ("address", "城关镇东大街18号", "城关镇****"),
        ("phone", "1234", "****"),
    ],
)
def test_masking(field: str, value: str, masked: str) -> None:
    assert pii.mask(field, value) == masked


def test_registry_config_defaults_and_toml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MEMBERS_CONFIG", raising=False)
    assert load_registry_config() == RegistryConfig(require_established_sector=True)
    path = tmp_path / "members.toml"
    path.write_text("[registry]\nrequire_established_sector = false\n", encoding="utf-8")
    monkeypatch.setenv("MEMBERS_CONFIG", str(path))
    assert not load_registry_config().require_established_sector
