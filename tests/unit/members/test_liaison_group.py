from __future__ import annotations

import pytest

from services.members.domain import (
    INITIAL_LIAISON_GROUP,
    LiaisonGroupEstablished,
    LiaisonGroupState,
    decide_establish_liaison_group,
    liaison_group_decider,
)
from shared.domain import Invalid, Rejected
from tests.unit.members.builders import establish, given_group, member_registered


def test_establish_liaison_group_emits_established() -> None:
    events = decide_establish_liaison_group(establish(), INITIAL_LIAISON_GROUP)

    assert events == [
        LiaisonGroupEstablished(
            township_id="chengguan", group_name="城关镇政协联络组", township_name="城关镇"
        )
    ]
    assert events[0].township() == "chengguan"


def test_establish_strips_names() -> None:
    events = decide_establish_liaison_group(
        establish(name="  城关镇政协联络组 ", township_name=" 城关镇"), INITIAL_LIAISON_GROUP
    )
    event = events[0]
    assert isinstance(event, LiaisonGroupEstablished)
    assert (event.group_name, event.township_name) == ("城关镇政协联络组", "城关镇")


def test_folded_state_is_established() -> None:
    state = given_group()
    assert state == LiaisonGroupState(
        established=True,
        township_id="chengguan",
        group_name="城关镇政协联络组",
        township_name="城关镇",
    )


def test_establish_twice_is_rejected() -> None:
    with pytest.raises(Rejected) as err:
        decide_establish_liaison_group(establish(), given_group())
    assert "已设立，不能重复设立" in err.value.message
    assert err.value.kind == "conflict"
    assert err.value.code == "liaison_group_already_established"


@pytest.mark.parametrize(
    "township_id",
    ["", "a", "Chengguan", "-chengguan", "城关", "cheng guan", "x" * 33, "cheng.guan"],
)
def test_invalid_township_slug_is_invalid(township_id: str) -> None:
    with pytest.raises(Invalid) as err:
        decide_establish_liaison_group(establish(township_id=township_id), INITIAL_LIAISON_GROUP)
    assert "格式不正确" in err.value.message
    assert "2–32 位小写英文字母、数字、下划线或连字符" in err.value.message
    assert err.value.kind == "invalid"


@pytest.mark.parametrize("township_id", ["cg", "chengguan", "dev-zone_2", "0a", "x" * 32])
def test_valid_township_slugs_are_accepted(township_id: str) -> None:
    events = decide_establish_liaison_group(
        establish(township_id=township_id), INITIAL_LIAISON_GROUP
    )
    assert len(events) == 1


def test_empty_group_name_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        decide_establish_liaison_group(establish(name="  "), INITIAL_LIAISON_GROUP)
    assert "联络组名称不能为空" in err.value.message


def test_too_long_group_name_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        decide_establish_liaison_group(establish(name="组" * 51), INITIAL_LIAISON_GROUP)
    assert "联络组名称不能超过 50 个字" in err.value.message


def test_empty_township_name_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        decide_establish_liaison_group(establish(township_name=""), INITIAL_LIAISON_GROUP)
    assert "乡镇名称不能为空" in err.value.message


def test_group_state_ignores_unknown_events() -> None:
    state = given_group()
    assert liaison_group_decider.evolve(state, member_registered()) == state
