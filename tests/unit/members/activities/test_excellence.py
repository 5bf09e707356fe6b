"""Excellence campaign (争先创优): nominate and award, every rejection's text."""

from __future__ import annotations

import pytest

from services.members.domain.activities.excellence import (
    INITIAL_EXCELLENCE,
    AwardExcellence,
    ExcellenceAwarded,
    ExcellenceNominated,
    ExcellenceState,
    NomineeRefs,
    credited_ids,
    decide_award_excellence,
    decide_nominate_excellence,
    excellence_decider,
)
from shared.domain import Invalid, NotFound, Rejected
from shared.events import DomainEvent
from tests.unit.members.activities.builders import (
    ACTOR,
    AT,
    ITEM_ID,
    A,
    B,
    group,
    member,
    nominate,
)

PROPOSAL = "0190b000-0000-7000-8000-000000000001"


def given(*events: DomainEvent) -> ExcellenceState:
    return excellence_decider.fold(list(events))


def nominated(refs: NomineeRefs | None = None, **kw: object) -> ExcellenceNominated:
    refs = refs if refs is not None else NomineeRefs(member=member())
    [event] = decide_nominate_excellence(nominate(**kw), INITIAL_EXCELLENCE, refs)
    assert isinstance(event, ExcellenceNominated)
    return event


def award(**kw: object) -> AwardExcellence:
    data: dict[str, object] = {"year": 2025, "nomination_id": ITEM_ID, "level": "county"}
    return AwardExcellence(actor=ACTOR, at=AT, **{**data, **kw})


def test_nominate_a_member() -> None:
    event = nominated()
    assert event == ExcellenceNominated(
        year=2025,
        nomination_id=ITEM_ID,
        category="excellent_member",
        nominee_kind="member",
        nominee_id=A,
        nominee_name="张三",
        member_ids=(A,),
        member_township_ids={A: "chengguan"},
        township_id="chengguan",
        reason="履职积极，走访群众 12 次",
    )
    assert event.ce_type() == "cn.cppcc.members.excellence.nominated.v1"


def test_nominate_a_liaison_group() -> None:
    event = nominated(
        NomineeRefs(group=group()), category="excellent_liaison_group", nominee_id="chengguan"
    )
    assert (event.nominee_kind, event.nominee_name, event.township_id, event.member_ids) == (
        "liaison_group",
        "chengguan政协联络组",
        "chengguan",
        (),
    )


def test_nominate_a_proposal_credits_its_authors() -> None:
    cmd_fields = {
        "category": "excellent_proposal",
        "nominee_id": PROPOSAL,
        "nominee_name": "关于加强农田水利建设的提案",
        "member_ids": [B, A],
    }
    refs = NomineeRefs(credited=(member(A), member(B, "xinzhuang")))
    event = nominated(refs, **cmd_fields)
    assert event.member_ids == (B, A) and event.township_id == "xinzhuang"
    assert event.member_township_ids == {B: "xinzhuang", A: "chengguan"}
    assert credited_ids(nominate(**cmd_fields)) == [B, A]


def test_proposal_without_title_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        nominated(NomineeRefs(), category="excellent_proposal", nominee_id=PROPOSAL)
    assert err.value.message == (
        "被推荐对象名称（提案或信息标题、单位名称）不能为空，"
        "请填写被推荐对象名称（提案或信息标题、单位名称）"
    )


def test_handling_unit_with_township() -> None:
    event = nominated(
        NomineeRefs(),
        category="advanced_handling_unit",
        nominee_id="unit-water",
        nominee_name="县水利局",
        township_id="chengguan",
    )
    assert (event.nominee_kind, event.township_id, event.member_ids) == (
        "handling_unit",
        "chengguan",
        (),
    )


def test_unknown_member_or_group_is_not_found() -> None:
    with pytest.raises(NotFound) as err:
        nominated(NomineeRefs(member=member(registered=False)))
    assert err.value.message == f"委员（编号 {A}）不存在，不能被推荐；请核对委员编号"
    with pytest.raises(NotFound) as err:
        nominated(
            NomineeRefs(group=group("hekou", established=False)),
            category="excellent_liaison_group",
            nominee_id="hekou",
        )
    assert err.value.message == "乡镇“hekou”尚未设立政协联络组，请核对被推荐联络组编号"


def test_future_year_and_bad_category_are_invalid() -> None:
    with pytest.raises(Invalid) as err:
        nominated(year=2026)
    assert err.value.message == "争先创优年度 2026 无效：应在 2000 年到今年（2025）之间"
    with pytest.raises(Invalid) as err:
        nominated(category="best_clerk")
    assert err.value.message.startswith(
        "评选类别“best_clerk”无效：可选 excellent_member（优秀政协委员）"
    )


def test_same_nominee_twice_in_a_year_is_rejected() -> None:
    state = given(nominated())
    with pytest.raises(Rejected) as err:
        decide_nominate_excellence(
            nominate(nomination_id=PROPOSAL), state, NomineeRefs(member=member())
        )
    assert err.value.message == (f"2025 年度“优秀政协委员”已推荐过该对象（编号 {A}），不能重复推荐")


def test_award_carries_the_nomination() -> None:
    [event] = decide_award_excellence(award(award_title="2025年度优秀政协委员"), given(nominated()))
    assert event == ExcellenceAwarded(
        year=2025,
        nomination_id=ITEM_ID,
        category="excellent_member",
        nominee_kind="member",
        nominee_id=A,
        nominee_name="张三",
        member_ids=(A,),
        member_township_ids={A: "chengguan"},
        township_id="chengguan",
        level="county",
        award_title="2025年度优秀政协委员",
    )


def test_award_at_each_level_once() -> None:
    state = given(nominated(), *decide_award_excellence(award(), given(nominated())))
    [city] = decide_award_excellence(award(level="city"), state)
    assert isinstance(city, ExcellenceAwarded) and city.level == "city"
    with pytest.raises(Rejected) as err:
        decide_award_excellence(award(), state)
    assert err.value.message == "“张三”已获县级“优秀政协委员”表彰，不能重复表彰"


def test_award_unknown_nomination_or_level() -> None:
    with pytest.raises(NotFound) as err:
        decide_award_excellence(award(), INITIAL_EXCELLENCE)
    assert err.value.message == f"2025 年度争先创优没有编号为 {ITEM_ID} 的推荐，请核对"
    with pytest.raises(Invalid) as bad:
        decide_award_excellence(award(level="township"), given(nominated()))
    assert bad.value.message == (
        "表彰级别“township”无效：可选 county（县级）、city（市级）、province（省级）、"
        "national（全国）"
    )
