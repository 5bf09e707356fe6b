from __future__ import annotations

import pytest

from services.members.domain import (
    INITIAL_LIAISON_GROUP,
    INITIAL_MEMBER,
    MemberRegistered,
    decide_register_member,
    member_decider,
)
from shared.domain import Invalid, Rejected
from tests.unit.members.builders import (
    AT,
    MEMBER_ID,
    SECTOR_ID,
    given_group,
    given_member,
    given_sector,
    group_established,
    register,
)


def test_register_member_emits_registered() -> None:
    events = decide_register_member(register(), INITIAL_MEMBER, given_group(), given_sector())

    assert events == [
        MemberRegistered(
            member_id=MEMBER_ID,
            member_name="张三",
            sector="农业界",
            sector_id=SECTOR_ID,
            political_affiliation="cpc",
            township_id="chengguan",
            term_no=10,
            is_standing_member=False,
            member_type="member",
            joined_at=AT.date(),
            work_unit="城关镇农技站站长",
        )
    ]
    assert events[0].township() == "chengguan"


def test_registered_state_holds_member_fields() -> None:
    state = member_decider.fold(
        decide_register_member(register(), INITIAL_MEMBER, given_group(), given_sector())
    )

    assert state.registered and state.active
    assert state.member_id == MEMBER_ID
    assert state.name == "张三"
    assert state.sector == "农业界"
    assert state.township_id == "chengguan"
    assert state.term_no == 10
    assert state.is_cpc_member
    assert state.visit_count == 0
    assert state.visit_ids == frozenset()


def test_standing_member_democratic_party_and_blank_work_unit() -> None:
    cmd = register(
        is_standing_member=True, political_affiliation="democratic_party:九三学社", work_unit=" "
    )
    [event] = decide_register_member(cmd, INITIAL_MEMBER, given_group(), given_sector())
    assert isinstance(event, MemberRegistered)
    assert event.is_standing_member and event.member_type == "standing_member"
    assert event.political_affiliation == "democratic_party:九三学社"
    assert event.work_unit is None
    assert not member_decider.fold([event]).is_cpc_member


@pytest.mark.parametrize("affiliation", ["cpc", "non_party", "none", "democratic_party:民盟"])
def test_valid_affiliations(affiliation: str) -> None:
    cmd = register(political_affiliation=affiliation)
    assert decide_register_member(cmd, INITIAL_MEMBER, given_group(), given_sector())


def test_register_twice_is_rejected() -> None:
    with pytest.raises(Rejected) as err:
        decide_register_member(register(), given_member(), given_group())
    assert "已登记，不能重复登记" in err.value.message
    assert err.value.code == "member_already_registered"


def test_unknown_liaison_group_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        decide_register_member(register(), INITIAL_MEMBER, INITIAL_LIAISON_GROUP)
    assert err.value.message == "联络组 chengguan 不存在，请先设立联络组"
    assert err.value.code == "liaison_group_not_found"


def test_group_state_of_another_township_counts_as_missing() -> None:
    with pytest.raises(Invalid) as err:
        decide_register_member(
            register(township_id="xinzhen"), INITIAL_MEMBER, given_group("chengguan")
        )
    assert "联络组 xinzhen 不存在，请先设立联络组" in err.value.message


def test_malformed_township_id_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        decide_register_member(register(township_id="城关镇"), INITIAL_MEMBER, given_group())
    assert "所属联络组编号“城关镇”格式不正确" in err.value.message


@pytest.mark.parametrize("member_id", ["42", "not-a-uuid", MEMBER_ID.upper()])
def test_malformed_member_id_is_invalid(member_id: str) -> None:
    with pytest.raises(Invalid) as err:
        decide_register_member(register(member_id=member_id), INITIAL_MEMBER, given_group())
    assert "委员编号" in err.value.message
    assert "UUID" in err.value.message


def test_empty_name_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        decide_register_member(register(name=" "), INITIAL_MEMBER, given_group())
    assert "委员姓名不能为空" in err.value.message


def test_too_long_name_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        decide_register_member(register(name="张" * 51), INITIAL_MEMBER, given_group())
    assert "委员姓名不能超过 50 个字" in err.value.message


def test_empty_sector_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        decide_register_member(register(sector=""), INITIAL_MEMBER, given_group())
    assert "界别不能为空" in err.value.message


def test_too_long_free_text_sector_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        decide_register_member(
            register(sector="界" * 33),
            INITIAL_MEMBER,
            given_group(),
            require_established_sector=False,
        )
    assert "界别不能超过 32 个字" in err.value.message


@pytest.mark.parametrize(
    "affiliation",
    ["", "CPC", "party", "democratic_party:", "democratic_party:共和党", "democratic_party"],
)
def test_invalid_affiliation_is_invalid(affiliation: str) -> None:
    with pytest.raises(Invalid) as err:
        decide_register_member(
            register(political_affiliation=affiliation), INITIAL_MEMBER, given_group()
        )
    assert "政治面貌" in err.value.message
    assert "无效" in err.value.message
    assert "cpc（中共党员）" in err.value.message
    assert err.value.code == "invalid_political_affiliation"


@pytest.mark.parametrize("term_no", [0, -1])
def test_term_no_must_be_positive(term_no: int) -> None:
    with pytest.raises(Invalid) as err:
        decide_register_member(register(term_no=term_no), INITIAL_MEMBER, given_group())
    assert "届次应为正整数" in err.value.message


def test_too_long_work_unit_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        decide_register_member(register(work_unit="单" * 101), INITIAL_MEMBER, given_group())
    assert "工作单位及职务不能超过 100 个字" in err.value.message


def test_member_state_ignores_unknown_events() -> None:
    state = given_member()
    assert member_decider.evolve(state, group_established()) == state
