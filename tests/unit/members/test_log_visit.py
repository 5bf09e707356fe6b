from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from services.members.domain import (
    INITIAL_MEMBER,
    Constituent,
    IssueRaised,
    LogVisit,
    MemberLiaisonGroupChanged,
    VisitLogged,
    decide_log_visit,
    member_decider,
)
from shared.domain import Invalid, Rejected
from tests.unit.members.builders import (
    MEMBER_ID,
    OTHER_MEMBER_ID,
    OTHER_VISIT_ID,
    THIRD_MEMBER_ID,
    TODAY,
    VISIT_ID,
    constituent_visit,
    given_member,
    leader_visit,
)


def _decide_one(cmd: LogVisit) -> VisitLogged:
    [event] = decide_log_visit(cmd, given_member())
    assert isinstance(event, VisitLogged)
    return event


def test_member_visits_constituents_emits_visit_logged() -> None:
    events = decide_log_visit(constituent_visit(), given_member())

    assert events == [
        VisitLogged(
            member_id=MEMBER_ID,
            visit_id=VISIT_ID,
            visit_kind="member_visits_constituents",
            visitor_ids=(MEMBER_ID,),
            visited_member_ids=(),
            constituents=(Constituent(category="种植大户", count=3),),
            township_id="chengguan",
            member_township_id="chengguan",
            place="城关镇东村",
            visit_date=date(2025, 2, 20),
            mode="door_to_door",
            role_tags=("investigator", "constituent_servant"),
            topics=("农村三变改革",),
            issues_raised=(IssueRaised(text="灌溉渠年久失修", resolved_on_site=False),),
        )
    ]


def test_leader_visits_member_emits_visit_logged() -> None:
    event = _decide_one(leader_visit(visitor_ids=[MEMBER_ID, THIRD_MEMBER_ID]))

    assert event.visit_kind == "leader_visits_member"
    assert event.visitor_ids == (MEMBER_ID, THIRD_MEMBER_ID)
    assert event.visited_member_ids == (OTHER_MEMBER_ID,)
    assert event.constituents == ()
    assert event.mode == "symposium"
    assert event.role_tags == ("policy_explainer",)


def test_visitor_ids_default_to_the_recording_member() -> None:
    cmd = constituent_visit()
    assert cmd.visitor_ids == [MEMBER_ID]
    explicit_none = constituent_visit(visitor_ids=None)
    assert explicit_none.visitor_ids == [MEMBER_ID]


def test_visit_in_another_township_keeps_both_townships() -> None:
    state = given_member(township_id="chengguan")
    [event] = decide_log_visit(constituent_visit(township_id="xinzhen"), state)
    assert isinstance(event, VisitLogged)
    assert event.township_id == "xinzhen"
    assert event.member_township_id == "chengguan"
    assert event.township() == "xinzhen"


def test_member_township_is_the_one_at_event_time() -> None:
    moved = MemberLiaisonGroupChanged(
        member_id=MEMBER_ID,
        from_township_id="chengguan",
        to_township_id="xinzhen",
        township_id="xinzhen",
    )
    [event] = decide_log_visit(constituent_visit(), given_member(moved))
    assert isinstance(event, VisitLogged)
    assert event.member_township_id == "xinzhen"


def test_visit_on_today_is_allowed() -> None:
    assert _decide_one(constituent_visit(visit_date=TODAY)).visit_date == TODAY


def test_lists_are_deduplicated_and_texts_stripped() -> None:
    event = _decide_one(
        constituent_visit(
            role_tags=["investigator", "investigator"],
            topics=[" 养老服务 ", "养老服务"],
            visitor_ids=[MEMBER_ID, MEMBER_ID],
            place="  ",
        )
    )
    assert event.role_tags == ("investigator",)
    assert event.topics == ("养老服务",)
    assert event.visitor_ids == (MEMBER_ID,)
    assert event.place is None


def test_logged_visits_are_counted_in_state() -> None:
    state = given_member()
    events = decide_log_visit(constituent_visit(), state)
    state = member_decider.fold(events, state)
    events2 = decide_log_visit(
        leader_visit(visit_id=OTHER_VISIT_ID, visit_date=date(2025, 2, 10)), state
    )
    state = member_decider.fold(events2, state)

    assert state.visit_count == 2
    assert state.visit_ids == {VISIT_ID, OTHER_VISIT_ID}
    assert state.last_visit_date == date(2025, 2, 20)


def test_redelivered_visit_event_is_not_counted_twice() -> None:
    [event] = decide_log_visit(constituent_visit(), given_member())
    state = given_member(event, event)
    assert state.visit_count == 1


# --- rejections ----------------------------------------------------------------------------


def test_unregistered_member_is_rejected() -> None:
    with pytest.raises(Rejected) as err:
        decide_log_visit(constituent_visit(), INITIAL_MEMBER)
    assert "委员未登记" in err.value.message
    assert "请先登记委员" in err.value.message
    assert err.value.kind == "conflict"
    assert err.value.code == "member_not_registered"


def test_inactive_member_is_rejected() -> None:
    state = replace(given_member(), active=False)
    with pytest.raises(Rejected) as err:
        decide_log_visit(constituent_visit(), state)
    assert "委员 张三 已不在任，不能登记走访" in err.value.message


def test_duplicate_visit_id_is_rejected() -> None:
    [event] = decide_log_visit(constituent_visit(), given_member())
    with pytest.raises(Rejected) as err:
        decide_log_visit(constituent_visit(), given_member(event))
    assert f"走访记录 {VISIT_ID} 已登记过，不能重复登记" in err.value.message
    assert err.value.code == "duplicate_visit"


def test_future_visit_date_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        decide_log_visit(constituent_visit(visit_date=date(2025, 3, 2)), given_member())
    assert "走访日期 2025-03-02 晚于今天（2025-03-01）" in err.value.message
    assert "请核对走访日期" in err.value.message
    assert err.value.code == "visit_date_in_future"


def test_malformed_visit_id_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        decide_log_visit(constituent_visit(visit_id="v-1"), given_member())
    assert "走访记录编号“v-1”格式不正确" in err.value.message


def test_unknown_visit_kind_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        decide_log_visit(constituent_visit(visit_kind="home_visit"), given_member())
    assert "走访类型“home_visit”无效" in err.value.message
    assert "member_visits_constituents（委员走访界别群众）" in err.value.message


def test_unknown_mode_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        decide_log_visit(constituent_visit(mode="letter"), given_member())
    assert "走访方式“letter”无效" in err.value.message
    assert "door_to_door（入户走访）" in err.value.message


def test_missing_role_tags_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        decide_log_visit(constituent_visit(role_tags=[]), given_member())
    assert "请至少选择一项“三做”履职角色" in err.value.message
    assert "investigator（基层情况调查员）" in err.value.message


def test_unknown_role_tag_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        decide_log_visit(constituent_visit(role_tags=["investigator", "cook"]), given_member())
    assert "“三做”履职角色“cook”无效" in err.value.message


def test_malformed_township_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        decide_log_visit(constituent_visit(township_id="X"), given_member())
    assert "走访所在乡镇编号“X”格式不正确" in err.value.message


def test_visitors_must_include_recording_member() -> None:
    with pytest.raises(Invalid) as err:
        decide_log_visit(constituent_visit(visitor_ids=[THIRD_MEMBER_ID]), given_member())
    assert "走访人中必须包含登记走访的委员本人" in err.value.message
    assert err.value.code == "visitor_missing_self"


def test_empty_visitor_list_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        decide_log_visit(constituent_visit(visitor_ids=[]), given_member())
    assert "走访人中必须包含登记走访的委员本人" in err.value.message


def test_malformed_visitor_id_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        decide_log_visit(constituent_visit(visitor_ids=[MEMBER_ID, "bob"]), given_member())
    assert "走访人编号“bob”格式不正确" in err.value.message


def test_leader_visit_requires_visited_members() -> None:
    with pytest.raises(Invalid) as err:
        decide_log_visit(leader_visit(visited_member_ids=[]), given_member())
    assert "“主席会议成员走访基层委员”须填写被走访的委员" in err.value.message


def test_malformed_visited_member_id_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        decide_log_visit(leader_visit(visited_member_ids=["x"]), given_member())
    assert "被走访委员编号“x”格式不正确" in err.value.message


def test_leader_cannot_visit_a_fellow_visitor() -> None:
    with pytest.raises(Invalid) as err:
        decide_log_visit(leader_visit(visited_member_ids=[MEMBER_ID]), given_member())
    assert "被走访的委员不能同时是走访人" in err.value.message


def test_leader_visit_takes_no_constituents() -> None:
    cmd = leader_visit(constituents=[{"category": "种植大户", "count": 1}])
    with pytest.raises(Invalid) as err:
        decide_log_visit(cmd, given_member())
    assert "不填写界别群众" in err.value.message
    assert "请将走访类型改为“委员走访界别群众”" in err.value.message


def test_constituent_visit_requires_constituents() -> None:
    with pytest.raises(Invalid) as err:
        decide_log_visit(constituent_visit(constituents=[]), given_member())
    assert "“委员走访界别群众”须填写走访的界别群众（类别和人数）" in err.value.message


def test_constituent_visit_takes_no_visited_members() -> None:
    cmd = constituent_visit(visited_member_ids=[OTHER_MEMBER_ID])
    with pytest.raises(Invalid) as err:
        decide_log_visit(cmd, given_member())
    assert "不填写被走访委员" in err.value.message


@pytest.mark.parametrize("count", [0, -2])
def test_constituent_count_must_be_positive(count: int) -> None:
    cmd = constituent_visit(constituents=[{"category": "种植大户", "count": count}])
    with pytest.raises(Invalid) as err:
        decide_log_visit(cmd, given_member())
    assert "界别群众“种植大户”的人数应至少为 1" in err.value.message


def test_constituent_category_is_required() -> None:
    cmd = constituent_visit(constituents=[{"category": " ", "count": 1}])
    with pytest.raises(Invalid) as err:
        decide_log_visit(cmd, given_member())
    assert "界别群众类别不能为空" in err.value.message


def test_empty_issue_text_is_invalid() -> None:
    cmd = constituent_visit(issues_raised=[{"text": "", "resolved_on_site": True}])
    with pytest.raises(Invalid) as err:
        decide_log_visit(cmd, given_member())
    assert "反映的问题不能为空" in err.value.message


def test_too_many_issues_is_invalid() -> None:
    cmd = constituent_visit(issues_raised=[{"text": f"问题{i}"} for i in range(51)])
    with pytest.raises(Invalid) as err:
        decide_log_visit(cmd, given_member())
    assert "一次走访最多登记 50 条反映问题" in err.value.message


def test_empty_topic_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        decide_log_visit(constituent_visit(topics=[""]), given_member())
    assert "走访主题不能为空" in err.value.message


def test_too_many_topics_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        decide_log_visit(constituent_visit(topics=[f"主题{i}" for i in range(21)]), given_member())
    assert "一次走访最多登记 20 个主题" in err.value.message


def test_too_long_place_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        decide_log_visit(constituent_visit(place="地" * 101), given_member())
    assert "走访地点不能超过 100 个字" in err.value.message
