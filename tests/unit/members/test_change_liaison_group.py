from __future__ import annotations

from dataclasses import replace

import pytest

from services.members.domain import (
    INITIAL_LIAISON_GROUP,
    INITIAL_MEMBER,
    LiaisonGroupChange,
    MemberLiaisonGroupChanged,
    decide_change_member_liaison_group,
    member_decider,
)
from shared.domain import Invalid, Rejected
from tests.unit.members.builders import MEMBER_ID, change_group, given_group, given_member


def test_change_liaison_group_emits_changed() -> None:
    events = decide_change_member_liaison_group(
        change_group(), given_member(), given_group("xinzhen", "新镇")
    )

    assert events == [
        MemberLiaisonGroupChanged(
            member_id=MEMBER_ID,
            from_township_id="chengguan",
            to_township_id="xinzhen",
            township_id="xinzhen",
            reason="工作调动至新镇",
            term_no=10,
        )
    ]
    assert events[0].township() == "xinzhen"


def test_changes_are_kept_in_history() -> None:
    state = given_member()
    state = member_decider.fold(
        decide_change_member_liaison_group(
            change_group(reason=None), state, given_group("xinzhen", "新镇")
        ),
        state,
    )
    state = member_decider.fold(
        decide_change_member_liaison_group(
            change_group(to_township_id="chengguan", reason="  "), state, given_group()
        ),
        state,
    )

    assert state.township_id == "chengguan"
    assert state.liaison_group_history == (
        LiaisonGroupChange(from_township_id="chengguan", to_township_id="xinzhen"),
        LiaisonGroupChange(from_township_id="xinzhen", to_township_id="chengguan"),
    )


def test_unregistered_member_is_rejected() -> None:
    with pytest.raises(Rejected) as err:
        decide_change_member_liaison_group(change_group(), INITIAL_MEMBER, given_group("xinzhen"))
    assert "委员未登记" in err.value.message
    assert "不能变更所属联络组" in err.value.message


def test_inactive_member_is_rejected() -> None:
    state = replace(given_member(), active=False)
    with pytest.raises(Rejected) as err:
        decide_change_member_liaison_group(change_group(), state, given_group("xinzhen"))
    assert "已不在任，不能变更所属联络组" in err.value.message


def test_target_group_must_exist() -> None:
    with pytest.raises(Invalid) as err:
        decide_change_member_liaison_group(change_group(), given_member(), INITIAL_LIAISON_GROUP)
    assert err.value.message == "联络组 xinzhen 不存在，请先设立联络组"


def test_malformed_target_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        decide_change_member_liaison_group(
            change_group(to_township_id="新镇"), given_member(), INITIAL_LIAISON_GROUP
        )
    assert "新联络组编号“新镇”格式不正确" in err.value.message


def test_same_group_is_rejected() -> None:
    with pytest.raises(Rejected) as err:
        decide_change_member_liaison_group(
            change_group(to_township_id="chengguan"), given_member(), given_group()
        )
    assert "委员 张三 已属于联络组 chengguan，无需变更" in err.value.message
    assert err.value.code == "liaison_group_unchanged"


def test_too_long_reason_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        decide_change_member_liaison_group(
            change_group(reason="因" * 201), given_member(), given_group("xinzhen")
        )
    assert "变更原因不能超过 200 个字" in err.value.message
