"""Rule sets as configuration: per-year overrides, merging, validation; properties of
`score` (order does not matter, caps hold, total = base + subtotals)."""

from __future__ import annotations

import random
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.members.application.activities_config import ConfigError
from services.members.application.scoring_config import load_scoring_config
from services.members.scoring import DEFAULT_RULESET, Fact, ScoringRuleset, build_config, score
from tests.unit.members.scoring.builders import P1, YEAR, A, fact, proposal

TOML = """
[scoring.default]
label = "某县规则"

[scoring.2025]
version = "2025县定"
base = 10

[scoring.2025.points]
"proposal.registered.lead" = 12

[scoring.2025.groups.proposal]
cap = 30

[scoring.2025.constraints]
reminder_below = 50
"""


def test_year_overrides_merge_into_the_default() -> None:
    config = build_config(tomllib.loads(TOML)["scoring"])
    ruleset = config.for_year(2025)
    assert (ruleset.version, ruleset.label, ruleset.base) == ("2025县定", "某县规则", 10)
    assert ruleset.points["proposal.registered.lead"] == 12
    assert ruleset.points["proposal.registered.co"] == 5  # untouched keys stay
    assert ruleset.groups["proposal"].cap == 30
    assert ruleset.groups["proposal"].label == "提案"
    assert ruleset.constraints.reminder_below == 50
    assert ruleset.constraints.persuade_below == 60
    other = config.for_year(2024)
    assert (other.version, other.label, other.base) == ("default", "某县规则", 0)


def test_a_changed_ruleset_gives_a_different_explained_result() -> None:
    facts = [proposal("submitted", P1), proposal("registered", P1)]
    before = score(facts, DEFAULT_RULESET, member_id=A, year=YEAR)
    after = score(facts, build_config(tomllib.loads(TOML)["scoring"]).for_year(2025))
    assert (before.total, after.total) == (15, 27)
    assert after.ruleset_version == "2025县定"
    registered = next(i for i in after.breakdown if i.kind == "registered")
    assert registered.explanation.endswith("+12 分（规则 proposal.registered.lead）")


def test_bad_config_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="expected a year table"):
        build_config({"last_year": {}})
    with pytest.raises(ValueError, match="is in groups"):
        ScoringRuleset(groups={**DEFAULT_RULESET.groups, "x": DEFAULT_RULESET.groups["visit"]})
    bad = tmp_path / "members.toml"
    bad.write_text("[scoring.2025]\nbase = 'many'\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"invalid \[scoring\]"):
        load_scoring_config({"MEMBERS_CONFIG": str(bad)})


def test_loading_from_the_file_named_by_members_config(tmp_path: Path) -> None:
    path = tmp_path / "members.toml"
    path.write_text(TOML, encoding="utf-8")
    assert load_scoring_config({"MEMBERS_CONFIG": str(path)}).for_year(2025).base == 10
    assert load_scoring_config({}).for_year(2025) == DEFAULT_RULESET


KINDS = st.sampled_from(
    [
        ("attendance", "present", "plenary_session", None),
        ("attendance", "absent_unexcused", "plenary_session", None),
        ("attendance", "present", None, None),
        ("proposal", "registered", None, "lead"),
        ("proposal", "submitted", None, "co"),
        ("opinion_report", "adopted", "national", None),
        ("activity", "speech", "plenary", "oral"),
        ("visit", "verified", "member_visits_constituents", None),
        ("award", "excellence", "national", None),
        ("penalty", "warned", None, None),
    ]
)


@st.composite
def fact_lists(draw: st.DrawFn) -> list[Fact]:
    chosen = draw(st.lists(KINDS, max_size=30))
    return [
        fact(category, kind, detail=detail, role=role, fact_id=f"f{i}")
        for i, (category, kind, detail, role) in enumerate(chosen)
    ]


@settings(max_examples=60, deadline=None)
@given(fact_lists(), st.randoms(use_true_random=False))
def test_score_is_order_independent_and_caps_hold(facts: list[Fact], rnd: random.Random) -> None:
    shuffled = list(facts)
    rnd.shuffle(shuffled)
    first = score(facts, DEFAULT_RULESET, member_id=A, year=YEAR)
    assert score(shuffled, DEFAULT_RULESET, member_id=A, year=YEAR) == first
    for group in first.categories:
        if group.cap is not None:
            assert group.subtotal <= group.cap
        assert group.deducted <= 0 <= group.earned
    assert first.total == round(first.base + sum(g.subtotal for g in first.categories), 2)
    assert len(first.breakdown) == len(facts)
