"""CLI token minting and the token checks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from shared.auth import AuthError, Principal, mint, verify
from shared.cli import main
from shared.domain import DomainError
from shared.settings import ServiceSettings

SECRET = "s" * 40


def test_token_command_mints_a_token_the_services_accept(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("AUTH_SECRET", SECRET)
    assert main(["token", "--subject", "clerk", "--role", "township:chengguan"]) == 0
    principal = verify(SECRET, capsys.readouterr().out.strip())
    assert principal.townships == {"chengguan"} and principal.actor == "clerk"


def test_token_command_rejects_unknown_roles_with_a_message(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("AUTH_SECRET", SECRET)
    assert main(["token", "--subject", "x", "--role", "mayor"]) == 2
    assert "角色不正确" in capsys.readouterr().err


def test_token_command_without_secret_says_what_to_do(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("AUTH_SECRET", raising=False)
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    with pytest.raises(SystemExit) as exc:
        main(["token", "--subject", "x", "--role", "county_admin"])
    assert "AUTH_SECRET" in str(exc.value)


def test_expired_and_forged_tokens_are_refused() -> None:
    old = mint(
        SECRET,
        "a",
        ["county_admin"],
        ttl=timedelta(seconds=1),
        now=datetime.now(UTC) - timedelta(days=1),
    )
    with pytest.raises(AuthError, match="过期"):
        verify(SECRET, old)
    with pytest.raises(AuthError, match="无效"):
        verify("t" * 40, mint(SECRET, "a", ["county_admin"]))


def test_township_scope() -> None:
    clerk = Principal("c", frozenset({"township:a"}))
    clerk.require_township("a")
    with pytest.raises(DomainError) as err:
        clerk.require_township("b")
    assert err.value.kind == "forbidden" and "本乡镇" in err.value.message
    Principal("admin", frozenset({"county_admin"})).require_township("b")


def test_settings_refuse_placeholder_secrets() -> None:
    with pytest.raises(ValueError):
        ServiceSettings(auth_secret="change-me-to-a-random-64-char-string")
    with pytest.raises(ValueError):
        ServiceSettings(auth_secret="short")
