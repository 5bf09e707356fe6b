"""Enterprise visits and liaison contacts: record, every rejection's text."""

from __future__ import annotations

from datetime import date

import pytest

from services.members.domain.activities.enterprise_visit import (
    INITIAL_ENTERPRISE_VISIT,
    EnterpriseVisitRecorded,
    EnterpriseVisitState,
    decide_record_enterprise_visit,
    enterprise_visit_decider,
)
from services.members.domain.activities.liaison_contact import (
    INITIAL_LIAISON_CONTACT,
    LiaisonContactRecorded,
    LiaisonContactState,
    decide_record_liaison_contact,
    liaison_contact_decider,
)
from shared.domain import Invalid, NotFound, Rejected
from tests.unit.members.activities.builders import (
    ITEM_ID,
    A,
    B,
    C,
    enterprise_visit,
    group,
    liaison_contact,
    member,
)

MEMBERS = [member(A), member(B, "xinzhuang")]


def visit_recorded(**kw: object) -> EnterpriseVisitRecorded:
    [event] = decide_record_enterprise_visit(
        enterprise_visit(**kw), INITIAL_ENTERPRISE_VISIT, group(), MEMBERS
    )
    assert isinstance(event, EnterpriseVisitRecorded)
    return event


def contact_recorded(**kw: object) -> LiaisonContactRecorded:
    [event] = decide_record_liaison_contact(
        liaison_contact(**kw), INITIAL_LIAISON_CONTACT, group(), MEMBERS
    )
    assert isinstance(event, LiaisonContactRecorded)
    return event


# --- enterprise visits -------------------------------------------------------------------


def test_enterprise_visit_recorded() -> None:
    assert visit_recorded() == EnterpriseVisitRecorded(
        enterprise_visit_id=ITEM_ID,
        visited_member_ids=(A,),
        visitor_member_ids=(B,),
        member_township_ids={A: "chengguan", B: "xinzhuang"},
        enterprise_name="城关镇农业合作社",
        township_id="chengguan",
        visit_date=date(2025, 6, 5),
        topics=("减轻企业负担",),
        notes="了解企业用工情况",
    )


def test_enterprise_visit_needs_a_visited_member() -> None:
    with pytest.raises(Invalid) as err:
        visit_recorded(visited_member_ids=[])
    assert err.value.message == "请至少填写一名被走访的委员（或委员企业负责人）"


def test_visitor_cannot_be_visited() -> None:
    with pytest.raises(Invalid) as err:
        visit_recorded(visitor_member_ids=[A])
    assert err.value.message == "被走访的委员不能同时是走访人，请检查名单"


def test_enterprise_visit_in_future_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        visit_recorded(visit_date=date(2025, 7, 1))
    assert err.value.message.startswith("走访日期 2025-07-01 晚于今天（2025-06-30）")


def test_enterprise_visit_unknown_member_and_township() -> None:
    with pytest.raises(NotFound) as err:
        visit_recorded(visitor_member_ids=[C])
    assert err.value.message == (
        f"委员（编号 {C}）不存在，不能登记为走访委员企业的参加人；请核对委员编号"
    )
    with pytest.raises(NotFound) as err:
        decide_record_enterprise_visit(
            enterprise_visit(), INITIAL_ENTERPRISE_VISIT, group(established=False), MEMBERS
        )
    assert err.value.message == "乡镇“chengguan”尚未设立政协联络组，请核对企业所在乡镇编号"


def test_enterprise_visit_twice_is_rejected() -> None:
    state = enterprise_visit_decider.fold([visit_recorded()])
    assert state == EnterpriseVisitState(recorded=True)
    with pytest.raises(Rejected) as err:
        decide_record_enterprise_visit(enterprise_visit(), state, group(), MEMBERS)
    assert err.value.message == f"走访记录 {ITEM_ID} 已登记，不能重复登记"


# --- liaison contacts --------------------------------------------------------------------


def test_liaison_contact_recorded() -> None:
    event = contact_recorded()
    assert event == LiaisonContactRecorded(
        contact_id=ITEM_ID,
        contact_kind="hometown_notable",
        contact_name="陈先生",
        organisation="深圳某科技公司",
        member_ids=(A,),
        member_township_ids={A: "chengguan"},
        township_id="chengguan",
        contact_date=date(2025, 6, 8),
        mode="phone",
        topics=("回乡投资",),
    )
    assert event.ce_type() == "cn.cppcc.members.liaison_contact.recorded.v1"


def test_liaison_contact_vocabularies() -> None:
    with pytest.raises(Invalid) as err:
        contact_recorded(contact_kind="investor")
    assert err.value.message == (
        "联系对象类别“investor”无效：可选 hometown_notable（在外乡贤）、"
        "non_public_economy（非公有制经济人士）、new_social_stratum（新的社会阶层人士）"
    )
    with pytest.raises(Invalid) as err:
        contact_recorded(mode="letter")
    assert err.value.message.startswith("联系方式“letter”无效：可选 visit（登门拜访）")


def test_liaison_contact_needs_members_and_a_name() -> None:
    with pytest.raises(Invalid) as err:
        contact_recorded(member_ids=[])
    assert err.value.message == "请至少填写一名参加联系的委员"
    with pytest.raises(Invalid) as err:
        contact_recorded(contact_name="")
    assert err.value.message == "联系对象姓名不能为空，请填写联系对象姓名"


def test_liaison_contact_unknown_member_and_twice() -> None:
    with pytest.raises(NotFound) as err:
        contact_recorded(member_ids=[C])
    assert err.value.message == f"委员（编号 {C}）不存在，不能登记为联谊联系人；请核对委员编号"
    state = liaison_contact_decider.fold([contact_recorded()])
    assert state == LiaisonContactState(recorded=True)
    with pytest.raises(Rejected) as again:
        decide_record_liaison_contact(liaison_contact(), state, group(), MEMBERS)
    assert again.value.message == f"联谊记录 {ITEM_ID} 已登记，不能重复登记"


def test_liaison_contact_notes_too_long() -> None:
    with pytest.raises(Invalid) as err:
        contact_recorded(notes="长" * 1001)
    assert err.value.message.startswith("联系情况不能超过 1000 个字")
