"""Settings (defaults, TOML overrides, errors) and the pure principal checks of the
application layer."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.members.application.activities_common import acts_in, require_staff_or_member
from services.members.application.activities_config import ConfigError, load_activities_config
from services.members.application.activities_excellence import authorize_nomination
from services.members.application.activities_links import authorize_link
from services.members.application.activities_visits import (
    authorize_escalate,
    authorize_verify,
    draft_id_for,
)
from services.members.domain.activities.config import DEFAULT_CONFIG, ActivitiesConfig
from shared.auth import Forbidden, Principal
from shared.ids import stable_id
from tests.unit.members.activities.builders import VISIT_ID, A, B, facts, member


def principal(*roles: str) -> Principal:
    return Principal("tester", frozenset(roles))


# --- configuration -----------------------------------------------------------------------


def test_defaults() -> None:
    assert load_activities_config({}) == DEFAULT_CONFIG
    assert (DEFAULT_CONFIG.constituent_links_min, DEFAULT_CONFIG.constituent_links_max) == (3, 10)
    assert DEFAULT_CONFIG.constituent_visits_per_year == 4
    assert not DEFAULT_CONFIG.escalate_resolved_issues
    assert not DEFAULT_CONFIG.require_verification_before_escalation


def test_toml_overrides(tmp_path: Path) -> None:
    path = tmp_path / "members.toml"
    path.write_text(
        "[activities]\nconstituent_links_min = 5\nconstituent_links_max = 8\n"
        "require_verification_before_escalation = true\n[scoring]\nbase = 100\n",
        encoding="utf-8",
    )
    config = load_activities_config({"MEMBERS_CONFIG": str(path)})
    assert config == ActivitiesConfig(
        constituent_links_min=5,
        constituent_links_max=8,
        require_verification_before_escalation=True,
    )


def test_file_without_section_gives_defaults(tmp_path: Path) -> None:
    path = tmp_path / "members.toml"
    path.write_text("[scoring]\nbase = 100\n", encoding="utf-8")
    assert load_activities_config({"MEMBERS_CONFIG": str(path)}) == DEFAULT_CONFIG


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("[activities]\nconstituent_links_min = 9\nconstituent_links_max = 2\n", "must not exceed"),
        ("[activities]\nquota = 3\n", "invalid [activities]"),
        ("activities = 3\n", "must be a table"),
        ("[activities\n", "cannot read TOML"),
    ],
)
def test_bad_files_fail_loudly(tmp_path: Path, text: str, fragment: str) -> None:
    path = tmp_path / "members.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_activities_config({"MEMBERS_CONFIG": str(path)})
    assert fragment in str(err.value)


def test_missing_file_fails_loudly(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        load_activities_config({"MEMBERS_CONFIG": str(tmp_path / "absent.toml")})


# --- who may act -------------------------------------------------------------------------


def test_draft_id_is_derived_from_the_issue() -> None:
    assert draft_id_for(VISIT_ID, 0, "proposal") == stable_id(VISIT_ID, "0", "proposal")
    assert draft_id_for(VISIT_ID, 0, "proposal") != draft_id_for(VISIT_ID, 1, "proposal")


def test_verify_by_the_visits_group_or_admin_only() -> None:
    authorize_verify(principal("county_admin"), facts())
    authorize_verify(principal("township:chengguan"), facts())
    with pytest.raises(Forbidden) as err:
        authorize_verify(principal("township:hekou"), facts())  # where it happened
    assert "该走访属于联络组“chengguan”" in err.value.message
    with pytest.raises(Forbidden) as err:
        authorize_verify(principal(f"member:{A}"), facts())
    assert err.value.message == "走访由委员所属联络组或县政协机关核实，您的账号无权核实。"


def test_escalate_by_the_member_too() -> None:
    authorize_escalate(principal(f"member:{A}"), facts())
    with pytest.raises(Forbidden) as err:
        authorize_escalate(principal(f"member:{B}"), facts())
    assert "登记该走访的委员本人" in err.value.message


def test_links_by_member_its_group_or_admin() -> None:
    authorize_link(principal(f"member:{A}"), member())
    authorize_link(principal("township:chengguan"), member())
    with pytest.raises(Forbidden):
        authorize_link(principal("township:hekou"), member())


def test_nominations_by_township_only_for_own_members_and_group() -> None:
    authorize_nomination(principal("county_admin"), "excellent_proposal", None)
    authorize_nomination(principal("township:chengguan"), "excellent_member", "chengguan")
    with pytest.raises(Forbidden) as err:
        authorize_nomination(principal("township:chengguan"), "excellent_member", "hekou")
    assert err.value.message == "您只能推荐本乡镇联络组的委员或联络组，被推荐对象属于“hekou”。"
    with pytest.raises(Forbidden) as err:
        authorize_nomination(principal("township:chengguan"), "excellent_proposal", "chengguan")
    assert "其他类别由县政协机关推荐" in err.value.message
    with pytest.raises(Forbidden):
        authorize_nomination(principal(f"member:{A}"), "excellent_member", "chengguan")


def test_staff_or_member_roles() -> None:
    assert acts_in(principal("county_admin"), [])
    assert acts_in(principal("township:a1"), [None, "a1"])
    assert not acts_in(principal("township:a1"), ["b1"])
    require_staff_or_member(principal(f"member:{A}"))
    with pytest.raises(Forbidden):
        require_staff_or_member(principal("proposal_office"))
