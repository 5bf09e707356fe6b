"""Visit verification and issue escalation: given / when / then, every rejection's text."""

from __future__ import annotations

from datetime import date

import pytest

from services.members.domain import LiaisonGroupEstablished
from services.members.domain.activities.config import DEFAULT_CONFIG, ActivitiesConfig
from services.members.domain.activities.visit import (
    INITIAL_VISIT,
    VisitIssueEscalated,
    VisitState,
    VisitVerified,
    decide_escalate_visit_issue,
    decide_verify_visit,
    default_title,
    visit_decider,
)
from shared.domain import Invalid, NotFound, Rejected
from tests.unit.members.activities.builders import (
    DRAFT_ID,
    VISIT_ID,
    A,
    escalate,
    facts,
    member,
    verify,
)


def given(*events: object) -> VisitState:
    return visit_decider.fold(list(events))  # type: ignore[arg-type]


def verified() -> VisitVerified:
    [event] = decide_verify_visit(verify(), INITIAL_VISIT, facts(), member())
    assert isinstance(event, VisitVerified)
    return event


def escalated(**kw: object) -> VisitIssueEscalated:
    [event] = decide_escalate_visit_issue(
        escalate(**kw), INITIAL_VISIT, facts(), member(), DEFAULT_CONFIG
    )
    assert isinstance(event, VisitIssueEscalated)
    return event


# --- verification ------------------------------------------------------------------------


def test_verify_emits_verified_with_the_visits_group() -> None:
    [event] = decide_verify_visit(verify(note=" 情况属实 "), INITIAL_VISIT, facts(), member())
    assert event == VisitVerified(
        visit_id=VISIT_ID,
        member_id=A,
        township_id="chengguan",
        visit_township_id="hekou",
        visit_kind="member_visits_constituents",
        visit_date=date(2025, 6, 1),
        visitor_ids=(A,),
        note="情况属实",
    )
    assert event.township() == "chengguan"
    assert event.ce_type() == "cn.cppcc.members.visit.verified.v1"


def test_group_falls_back_to_the_visited_township() -> None:
    [event] = decide_verify_visit(verify(), INITIAL_VISIT, facts(member_township_id=None), member())
    assert isinstance(event, VisitVerified) and event.township_id == "hekou"


def test_verify_twice_is_rejected() -> None:
    with pytest.raises(Rejected) as err:
        decide_verify_visit(verify(), given(verified()), facts(), member())
    assert err.value.message == "该走访已经联络组核实，不能重复核实"


def test_verify_a_visit_the_member_did_not_log_is_not_found() -> None:
    with pytest.raises(NotFound) as err:
        decide_verify_visit(verify(), INITIAL_VISIT, facts(), member(visit_ids=frozenset()))
    assert err.value.message == f"走访记录 {VISIT_ID} 不存在，请核对走访记录编号"


def test_verify_note_too_long_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        decide_verify_visit(verify(note="很" * 201), INITIAL_VISIT, facts(), member())
    assert "核实意见不能超过 200 个字" in err.value.message


# --- escalation --------------------------------------------------------------------------


def test_escalate_emits_the_issue_with_default_title() -> None:
    event = escalated()
    assert event == VisitIssueEscalated(
        visit_id=VISIT_ID,
        issue_index=0,
        target="opinion_report",
        draft_id=DRAFT_ID,
        member_id=A,
        township_id="chengguan",
        text="灌溉水渠年久失修，夏季用水困难。",
        title="关于灌溉水渠年久失修，夏季用水困难的情况反映",
        visit_township_id="hekou",
        visit_date=date(2025, 6, 1),
    )
    assert event.ce_type() == "cn.cppcc.members.visit.issue_escalated.v1"


def test_escalate_to_proposal_with_own_title() -> None:
    event = escalated(target="proposal", title=" 关于修缮灌溉水渠的提案 ")
    assert (event.target, event.title) == ("proposal", "关于修缮灌溉水渠的提案")


def test_default_title_shortens_long_text() -> None:
    title = default_title("很" * 40 + "。", "proposal")
    assert title == "关于" + "很" * 30 + "…的提案"


def test_same_escalation_again_is_a_no_op() -> None:
    state = given(escalated())
    assert decide_escalate_visit_issue(escalate(), state, facts(), member(), DEFAULT_CONFIG) == []


def test_other_target_for_an_escalated_issue_is_rejected() -> None:
    state = given(escalated())
    with pytest.raises(Rejected) as err:
        decide_escalate_visit_issue(
            escalate(target="proposal"), state, facts(), member(), DEFAULT_CONFIG
        )
    assert err.value.message == (
        f"该问题已转为社情民意信息草稿（草稿编号 {DRAFT_ID}），不能再转为提案；"
        "请在已有草稿中继续办理"
    )


def test_each_issue_escalates_on_its_own() -> None:
    config = ActivitiesConfig(escalate_resolved_issues=True)
    state = given(escalated())
    [event] = decide_escalate_visit_issue(
        escalate(issue_index=1, target="proposal"), state, facts(), member(), config
    )
    assert isinstance(event, VisitIssueEscalated) and event.issue_index == 1
    assert len(given(escalated(), event).escalations) == 2


def test_issue_resolved_on_site_is_rejected_by_default() -> None:
    with pytest.raises(Rejected) as err:
        decide_escalate_visit_issue(
            escalate(issue_index=1), INITIAL_VISIT, facts(), member(), DEFAULT_CONFIG
        )
    assert err.value.message == "该问题已在走访时当场解决，无需转为社情民意信息草稿"


def test_verification_can_be_required_before_escalation() -> None:
    config = ActivitiesConfig(require_verification_before_escalation=True)
    with pytest.raises(Rejected) as err:
        decide_escalate_visit_issue(escalate(), INITIAL_VISIT, facts(), member(), config)
    assert err.value.message == (
        "该走访尚未经联络组核实，不能转为社情民意信息草稿；请联络组先核实走访"
    )
    [event] = decide_escalate_visit_issue(escalate(), given(verified()), facts(), member(), config)
    assert isinstance(event, VisitIssueEscalated)


@pytest.mark.parametrize("index", [2, 7])
def test_unknown_issue_is_not_found(index: int) -> None:
    with pytest.raises(NotFound) as err:
        decide_escalate_visit_issue(
            escalate(issue_index=index), INITIAL_VISIT, facts(), member(), DEFAULT_CONFIG
        )
    assert err.value.message == (
        f"该走访没有第 {index + 1} 条问题（问题序号从 0 开始，共 2 条），请核对问题序号"
    )


def test_unknown_target_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        decide_escalate_visit_issue(
            escalate(target="letter"), INITIAL_VISIT, facts(), member(), DEFAULT_CONFIG
        )
    assert err.value.message == (
        "转办类型“letter”无效：可选 opinion_report（社情民意信息）、proposal（提案）"
    )


def test_escalating_an_unlogged_visit_is_not_found() -> None:
    with pytest.raises(NotFound) as err:
        decide_escalate_visit_issue(
            escalate(), INITIAL_VISIT, facts(), member(visit_ids=frozenset()), DEFAULT_CONFIG
        )
    assert "不存在" in err.value.message


def test_title_too_long_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        escalated(title="长" * 101)
    assert err.value.message.startswith("草稿标题不能超过 100 个字")


def test_repeated_and_unknown_events_leave_the_state_unchanged() -> None:
    assert visit_decider.evolve(INITIAL_VISIT, verified()).verified
    state = given(escalated())
    assert visit_decider.evolve(state, escalated()) == state
    other = decide_verify_visit(verify(), INITIAL_VISIT, facts(), member())[0]
    assert visit_decider.evolve(state, other).escalations == state.escalations
    assert visit_decider.evolve(state, _foreign()) == state


def _foreign() -> LiaisonGroupEstablished:
    return LiaisonGroupEstablished(township_id="hekou", group_name="河口", township_name="河口镇")
