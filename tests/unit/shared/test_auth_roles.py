"""The office roles of the proposal lifecycle are valid token roles."""

from __future__ import annotations

import pytest

from shared.auth import PLAIN_ROLES, mint, valid_role, verify

SECRET = "s" * 40


@pytest.mark.parametrize("role", ["assigning_office", "supervising_office", "info_office"])
def test_office_roles_are_minted_and_verified(role: str) -> None:
    assert valid_role(role) and role in PLAIN_ROLES
    principal = verify(SECRET, mint(SECRET, "县政府办督查室", [role, "handling_unit:zhujianju"]))
    assert principal.has(role)
    assert principal.scoped("handling_unit") == {"zhujianju"}
    assert not principal.is_admin


def test_unknown_roles_are_refused_and_the_message_lists_the_valid_ones() -> None:
    assert not valid_role("assigning")
    with pytest.raises(ValueError, match="assigning_office, supervising_office"):
        mint(SECRET, "x", ["assigning"])
