"""Livelihood activities (民生实事): record and verify, every rejection's text."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from services.members.domain.activities.livelihood import (
    INITIAL_LIVELIHOOD,
    Beneficiaries,
    Donation,
    LivelihoodActivityRecorded,
    LivelihoodActivityVerified,
    LivelihoodState,
    Organiser,
    VerifyLivelihoodActivity,
    decide_record_livelihood_activity,
    decide_verify_livelihood_activity,
    livelihood_decider,
)
from shared.domain import Invalid, NotFound, Rejected
from shared.events import DomainEvent
from tests.unit.members.activities.builders import (
    ACTOR,
    AT,
    ITEM_ID,
    A,
    B,
    C,
    group,
    livelihood,
    member,
)

GROUPS = [group("hekou"), group("chengguan")]
MEMBERS = [member(A), member(B, "xinzhuang")]


def given(*events: DomainEvent) -> LivelihoodState:
    return livelihood_decider.fold(list(events))


def recorded(**kw: object) -> LivelihoodActivityRecorded:
    [event] = decide_record_livelihood_activity(
        livelihood(**kw), INITIAL_LIVELIHOOD, GROUPS, MEMBERS
    )
    assert isinstance(event, LivelihoodActivityRecorded)
    return event


def verify(**kw: object) -> VerifyLivelihoodActivity:
    return VerifyLivelihoodActivity(actor=ACTOR, at=AT, activity_id=ITEM_ID, **kw)


def test_record_snapshots_the_participants_groups() -> None:
    assert recorded() == LivelihoodActivityRecorded(
        activity_id=ITEM_ID,
        kind="free_clinic",
        title="医卫界委员送医下乡",
        township_id="hekou",
        township_ids=("hekou", "chengguan"),
        activity_date=date(2025, 6, 20),
        organiser=Organiser(kind="sector", name="医卫界"),
        participant_member_ids=(A, B),
        participant_township_ids={A: "chengguan", B: "xinzhuang"},
        beneficiaries=Beneficiaries(count=127, description="河口镇老年人"),
        donation=Donation(amount_yuan=Decimal("3000.50"), in_kind="药品一批"),
    )


def test_no_donation_is_none() -> None:
    assert recorded(donation_amount_yuan=None, donation_in_kind=" ").donation is None


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("-1", "捐赠金额应在 0 到 100 亿元之间，请核对金额"),
        ("1.005", "捐赠金额最多保留两位小数（单位：元）"),
    ],
)
def test_bad_amount_is_invalid(amount: str, message: str) -> None:
    with pytest.raises(Invalid) as err:
        recorded(donation_amount_yuan=amount)
    assert err.value.message == message


def test_future_date_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        recorded(activity_date=date(2025, 7, 1))
    assert err.value.message == (
        "活动日期 2025-07-01 晚于今天（2025-06-30），只能登记已经发生的事项；请核对活动日期"
    )


def test_unknown_kind_and_organiser_are_invalid() -> None:
    with pytest.raises(Invalid) as err:
        recorded(kind="charity")
    assert err.value.message.startswith(
        "民生实事类型“charity”无效：可选 three_to_countryside（“三下乡”）"
    )
    with pytest.raises(Invalid) as err:
        recorded(organiser_kind="company")
    assert err.value.message.startswith("组织方类型“company”无效")


def test_unknown_township_is_not_found() -> None:
    with pytest.raises(NotFound) as err:
        recorded(township_ids=["hekou", "shanxia"])
    assert err.value.message == "乡镇“shanxia”尚未设立政协联络组，请核对开展活动的乡镇编号"


def test_no_township_or_participant_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        recorded(township_ids=[])
    assert err.value.message == "请至少填写一个开展活动的乡镇"
    with pytest.raises(Invalid) as err:
        recorded(participant_member_ids=[])
    assert err.value.message == "请至少填写一名参加活动的委员"


def test_unknown_participant_is_not_found() -> None:
    with pytest.raises(NotFound) as err:
        recorded(participant_member_ids=[A, C])
    assert err.value.message == f"委员（编号 {C}）不存在，不能登记为民生实事参加人；请核对委员编号"


def test_bad_participant_id_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        recorded(participant_member_ids=["zhangsan"])
    assert err.value.message.startswith("参加活动的委员编号“zhangsan”格式不正确")


def test_negative_beneficiaries_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        recorded(beneficiaries_count=-1)
    assert err.value.message == "受益人数不能为负数"


def test_record_twice_is_rejected() -> None:
    with pytest.raises(Rejected) as err:
        decide_record_livelihood_activity(livelihood(), given(recorded()), GROUPS, MEMBERS)
    assert err.value.message == f"民生实事 {ITEM_ID} 已登记，不能重复登记"


def test_verify_carries_participants() -> None:
    [event] = decide_verify_livelihood_activity(verify(note="属实"), given(recorded()))
    assert event == LivelihoodActivityVerified(
        activity_id=ITEM_ID,
        kind="free_clinic",
        township_id="hekou",
        township_ids=("hekou", "chengguan"),
        activity_date=date(2025, 6, 20),
        participant_member_ids=(A, B),
        participant_township_ids={A: "chengguan", B: "xinzhuang"},
        note="属实",
    )


def test_verify_unknown_is_not_found_and_twice_rejected() -> None:
    with pytest.raises(NotFound) as err:
        decide_verify_livelihood_activity(verify(), INITIAL_LIVELIHOOD)
    assert err.value.message == f"民生实事（编号 {ITEM_ID}）不存在，请核对编号"
    state = given(recorded(), *decide_verify_livelihood_activity(verify(), given(recorded())))
    with pytest.raises(Rejected) as again:
        decide_verify_livelihood_activity(verify(), state)
    assert again.value.message == "民生实事“医卫界委员送医下乡”已核实，不能重复核实"
