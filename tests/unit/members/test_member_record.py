"""A member's record: profile with encrypted personal data, sector and affiliation changes,
special committees, forgetting — given / when / then, with every rejection's text."""

from __future__ import annotations

from datetime import date

import pytest

from services.members.domain import (
    INITIAL_MEMBER,
    ChangeMemberSector,
    ChangePoliticalAffiliation,
    ForgetPersonalData,
    JoinSpecialCommittee,
    LeaveSpecialCommittee,
    MemberJoinedSpecialCommittee,
    MemberPersonalDataForgotten,
    MemberPoliticalAffiliationChanged,
    MemberProfileUpdated,
    MemberRegistered,
    MemberSectorChanged,
    MemberTermEnded,
    decide_change_member_sector,
    decide_change_political_affiliation,
    decide_forget_personal_data,
    decide_join_special_committee,
    decide_leave_special_committee,
    decide_register_member,
    decide_update_member_profile,
)
from services.members.domain.sector import INITIAL_SECTOR, SectorRetired
from shared.domain import Invalid, Rejected
from shared.ids import stable_id
from tests.unit.members.builders import (
    ACTOR,
    AT,
    MEMBER_ID,
    SECTOR_ID,
    given_group,
    given_member,
    given_sector,
    register,
)
from tests.unit.members.record_builders import BLOB, KEY_ID, profile

EDU_ID = stable_id("sector", "教育界")
LEFT = MemberTermEnded(
    member_id=MEMBER_ID, township_id="chengguan", term_no=10, left_at=date(2025, 2, 1),
    exit_reason="transferred",
)  # fmt: skip


def test_register_with_profile_and_encrypted_personal_data() -> None:
    cmd = register(
        member_type="vice_chair",
        joined_at=date(2022, 1, 10),
        profile={"gender": "female", "ethnicity": "回族", "birth_date": date(1975, 5, 1),
                 "is_non_public_economy": True, "enterprise_name": "县丰收农业公司"},
        pii={"phone": BLOB}, pii_key_id=KEY_ID,
    )  # fmt: skip
    [event] = decide_register_member(cmd, INITIAL_MEMBER, given_group(), given_sector())
    assert isinstance(event, MemberRegistered)
    assert (event.member_type, event.is_standing_member, event.joined_at) == (
        "vice_chair",
        True,
        date(2022, 1, 10),
    )
    assert event.gender == "female" and event.is_non_public_economy
    assert event.pii == {"phone": BLOB} and event.pii_key_id == KEY_ID
    state = given_member(**event.model_dump())
    assert state.pii_fields == {"phone"} and state.open_term is not None
    assert state.open_term.member_type == "vice_chair"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"member_type": "boss"}, "任职类别“boss”无效：可选 member（委员）"),
        (
            {"member_type": "member", "is_standing_member": True},
            "任职类别为“委员”时不能同时标为常委",
        ),
        ({"profile": {"gender": "x"}}, "性别“x”无效：可选 male（男）、female（女）"),
        ({"profile": {"birth_date": date(2030, 1, 1)}}, "出生日期 2030-01-01 晚于今天"),
        ({"profile": {"shoe_size": 42}}, "不认识的委员信息字段“shoe_size”"),
        ({"pii": {"email": BLOB}, "pii_key_id": KEY_ID}, "个人信息字段“email”无效"),
        ({"pii": {"phone": BLOB}}, "个人信息缺少数据密钥编号，请重新提交"),
    ],
)
def test_register_rejects_bad_record_input(overrides: dict[str, object], message: str) -> None:
    with pytest.raises(Invalid) as err:
        decide_register_member(register(**overrides), INITIAL_MEMBER, given_group(), given_sector())
    assert message in err.value.message


def test_register_into_unknown_sector_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        decide_register_member(register(sector="文艺界"), INITIAL_MEMBER, given_group())
    assert err.value.message == "界别“文艺界”尚未设立：请核对界别名称，或请县政协机关先设立该界别"
    assert err.value.code == "sector_not_found"


def test_register_into_retired_sector_is_rejected() -> None:
    retired = given_sector("农业界", SectorRetired(sector_id=SECTOR_ID, sector_name="农业界"))
    with pytest.raises(Rejected) as err:
        decide_register_member(register(), INITIAL_MEMBER, given_group(), retired)
    assert "已停用，不能再分配给委员" in err.value.message


def test_profile_update_changes_only_what_differs() -> None:
    cmd = profile(
        profile={"ethnicity": "汉族", "position": " 站长 ", "work_unit": "城关镇农技站站长"},
        pii={"phone": BLOB, "address": None}, pii_key_id=KEY_ID,
    )  # fmt: skip
    [event] = decide_update_member_profile(cmd, given_member())
    assert event == MemberProfileUpdated(
        member_id=MEMBER_ID, township_id="chengguan", changed=("ethnicity", "position"),
        ethnicity="汉族", position="站长", pii={"phone": BLOB}, pii_key_id=KEY_ID,
    )  # fmt: skip
    state = given_member(event)
    assert (state.ethnicity, state.position, state.pii_key_id) == ("汉族", "站长", KEY_ID)
    assert state.pii_fields == {"phone"}
    cleared = decide_update_member_profile(profile(pii={"phone": None}), state)
    assert given_member(event, *cleared).pii_fields == frozenset()


def test_profile_rename_and_clear() -> None:
    state = given_member(enterprise_name="丰收公司")
    [event] = decide_update_member_profile(
        profile(profile={"member_name": "张三丰", "enterprise_name": None}), state
    )
    after = given_member(event, enterprise_name="丰收公司")
    assert after.name == "张三丰" and after.enterprise_name is None


def test_profile_rejections() -> None:
    with pytest.raises(Rejected) as same:
        decide_update_member_profile(
            profile(profile={"work_unit": "城关镇农技站站长"}), given_member()
        )
    assert same.value.message == "委员 张三 的信息没有变化，无需更新"
    with pytest.raises(Rejected) as unregistered:
        decide_update_member_profile(profile(), INITIAL_MEMBER)
    assert unregistered.value.message == (
        f"委员未登记（编号 {MEMBER_ID}），不能更新委员信息；请先登记委员"
    )
    keyed = given_member(pii={"phone": BLOB}, pii_key_id=KEY_ID)
    with pytest.raises(Rejected) as other_key:
        decide_update_member_profile(profile(pii={"phone": BLOB}, pii_key_id="k2"), keyed)
    assert other_key.value.message == "委员的数据密钥刚被修改，请刷新后重试"
    forgotten = given_member(MemberPersonalDataForgotten(member_id=MEMBER_ID, township_id=None))
    with pytest.raises(Rejected) as gone:
        decide_update_member_profile(profile(pii={"phone": BLOB}, pii_key_id=KEY_ID), forgotten)
    assert gone.value.message == "委员 张三 的个人信息已删除，不能再登记个人信息"
    with pytest.raises(Invalid) as bad:
        decide_update_member_profile(profile(profile={"is_new_social_stratum": "yes"}), keyed)
    assert bad.value.message == "“新的社会阶层人士”应为是或否（true/false）"


def test_change_sector() -> None:
    cmd = ChangeMemberSector(
        member_id=MEMBER_ID, sector="教育界", reason="工作变动", actor=ACTOR, at=AT
    )
    state = given_member(sector_id=SECTOR_ID)
    [event] = decide_change_member_sector(cmd, state, given_sector("教育界"))
    assert event == MemberSectorChanged(
        member_id=MEMBER_ID, township_id="chengguan", from_sector_id=SECTOR_ID,
        from_sector="农业界", sector_id=EDU_ID, sector="教育界", reason="工作变动",
    )  # fmt: skip
    assert given_member(event, sector_id=SECTOR_ID).sector == "教育界"
    with pytest.raises(Rejected) as same:
        decide_change_member_sector(
            cmd.model_copy(update={"sector": "农业界"}), state, given_sector()
        )
    assert same.value.message == "委员 张三 的界别已是“农业界”，无需变更"
    with pytest.raises(Invalid) as missing:
        decide_change_member_sector(cmd, state, INITIAL_SECTOR)
    assert "界别“教育界”尚未设立" in missing.value.message
    with pytest.raises(Rejected) as gone:
        decide_change_member_sector(cmd, given_member(LEFT), given_sector("教育界"))
    assert gone.value.message == "委员 张三 已不在任，不能变更界别"


def test_change_political_affiliation() -> None:
    cmd = ChangePoliticalAffiliation(
        member_id=MEMBER_ID, political_affiliation="democratic_party:民盟", actor=ACTOR, at=AT
    )
    [event] = decide_change_political_affiliation(cmd, given_member())
    assert event == MemberPoliticalAffiliationChanged(
        member_id=MEMBER_ID, township_id="chengguan", from_affiliation="cpc",
        political_affiliation="democratic_party:民盟",
    )  # fmt: skip
    assert not given_member(event).is_cpc_member
    with pytest.raises(Rejected) as same:
        decide_change_political_affiliation(cmd, given_member(event))
    assert same.value.message == "委员 张三 的政治面貌已是“democratic_party:民盟”，无需变更"
    with pytest.raises(Invalid) as bad:
        decide_change_political_affiliation(
            cmd.model_copy(update={"political_affiliation": "共和党"}), given_member()
        )
    assert "政治面貌“共和党”无效" in bad.value.message


def test_special_committees() -> None:
    join = JoinSpecialCommittee(member_id=MEMBER_ID, committee=" 经济委 ", actor=ACTOR, at=AT)
    [joined] = decide_join_special_committee(join, given_member())
    assert joined == MemberJoinedSpecialCommittee(
        member_id=MEMBER_ID, township_id="chengguan", committee="经济委"
    )
    state = given_member(joined)
    assert state.special_committees == {"经济委"}
    with pytest.raises(Rejected) as again:
        decide_join_special_committee(join, state)
    assert again.value.message == "委员 张三 已是“经济委”成员，无需重复加入"
    leave = LeaveSpecialCommittee(member_id=MEMBER_ID, committee="经济委", actor=ACTOR, at=AT)
    left = decide_leave_special_committee(leave, state)
    assert given_member(joined, *left).special_committees == frozenset()
    with pytest.raises(Rejected) as not_in:
        decide_leave_special_committee(leave, given_member())
    assert not_in.value.message == "委员 张三 不是“经济委”成员，无法退出；请核对专门委员会名称"
    with pytest.raises(Invalid) as empty:
        decide_join_special_committee(join.model_copy(update={"committee": " "}), given_member())
    assert empty.value.message == "专门委员会名称不能为空，请填写专门委员会名称"


def test_forget_personal_data() -> None:
    state = given_member(pii={"phone": BLOB}, pii_key_id=KEY_ID)
    cmd = ForgetPersonalData(member_id=MEMBER_ID, pii_key_id=KEY_ID, actor=ACTOR, at=AT)
    [event] = decide_forget_personal_data(cmd, state)
    assert event == MemberPersonalDataForgotten(
        member_id=MEMBER_ID, township_id="chengguan", pii_key_id=KEY_ID
    )
    after = given_member(event, pii={"phone": BLOB}, pii_key_id=KEY_ID)
    assert after.pii_forgotten and after.pii_fields == frozenset()
    assert after.name == "张三" and after.active  # everything else stays
    with pytest.raises(Rejected) as again:
        decide_forget_personal_data(cmd, after)
    assert again.value.message == "委员 张三 的个人信息已删除，无需重复删除"
    with pytest.raises(Rejected) as stale:
        decide_forget_personal_data(cmd.model_copy(update={"pii_key_id": None}), state)
    assert stale.value.message == "委员的数据密钥刚被修改，请刷新后重试"
