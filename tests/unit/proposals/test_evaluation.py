"""Proposer evaluation, re-handling and 办结 (E1–E4), with the configurable rules."""

from __future__ import annotations

from datetime import date

import pytest

from services.proposals.domain import ProposalStatus, RegisterState
from services.proposals.domain.commands_handling import (
    ConcludeProposal,
    OrderRehandling,
    RecordEvaluationLapsed,
)
from services.proposals.domain.config import LifecycleConfig
from services.proposals.domain.decide import (
    decide_conclude_proposal,
    decide_order_rehandling,
    decide_record_evaluation_lapsed,
    decide_register_proposal,
)
from services.proposals.domain.events_evaluation import (
    EvaluationLapsed,
    ProposalConcluded,
    RehandlingOrdered,
    ReplyEvaluated,
)
from services.proposals.domain.events_reply import ProposalAllRepliesIssued

from .helpers import CLERK, CO1, LEAD, PID, joint_cmd, register_cmd, submitted
from .lifecycle import CAL, Story, at, rejection


def lapse(reply_id: str, days: float) -> RecordEvaluationLapsed:
    return RecordEvaluationLapsed(proposal_id=PID, actor="system", at=at(days), reply_id=reply_id)


def test_satisfied_lead_author_concludes_the_proposal() -> None:
    story = Story.replied()
    evaluated, concluded = story.evaluate("t1-1", "satisfied")
    assert isinstance(evaluated, ReplyEvaluated)
    assert (evaluated.by_lead_author, evaluated.channel) == (True, "online")
    assert isinstance(concluded, ProposalConcluded)
    assert (concluded.basis, concluded.result_classes) == ("evaluations", {"t1-1": "A"})
    assert story.state.status is ProposalStatus.CONCLUDED and story.state.is_terminal


def test_basically_satisfied_concludes_by_default() -> None:
    story = Story.replied()
    events = story.evaluate("t1-1", "basically_satisfied")
    assert isinstance(events[-1], ProposalConcluded)


def test_dissatisfied_orders_rehandling_then_a_new_round() -> None:
    story = Story.replied()
    evaluated, ordered = story.evaluate("t1-1", "dissatisfied", when=at(2))
    assert isinstance(evaluated, ReplyEvaluated) and isinstance(ordered, RehandlingOrdered)
    assert (ordered.round, ordered.reason, ordered.due_on) == (2, "dissatisfied", date(2024, 2, 19))
    state = story.state
    assert state.status is ProposalStatus.REHANDLING
    assert state.task("t1").reply_id == "t1-2"  # type: ignore[union-attr]
    error = rejection(lambda: story.evaluate("t1-1", "satisfied", member=LEAD))
    assert error.message == "该答复已安排重新办理（或已被新的答复取代），不能评价答复"

    events = story.reply("t1", "B", when=at(10))
    assert isinstance(events[-1], ProposalAllRepliesIssued)
    assert story.state.status is ProposalStatus.REPLIED
    assert isinstance(story.evaluate("t1-2", "satisfied", when=at(11))[-1], ProposalConcluded)


def test_after_the_last_round_a_dissatisfied_evaluation_settles() -> None:
    story = Story.replied()
    story.evaluate("t1-1", "dissatisfied")
    story.reply("t1")
    events = story.evaluate("t1-2", "dissatisfied")
    assert isinstance(events[-1], ProposalConcluded)  # max_rehandling_rounds = 1


def test_basically_satisfied_may_be_configured_to_rehandle() -> None:
    story = Story.replied(LifecycleConfig(rehandle_on_basically_satisfied=True))
    events = story.evaluate("t1-1", "basically_satisfied")
    assert isinstance(events[-1], RehandlingOrdered) and events[-1].reason == "basically_satisfied"


def test_threshold_satisfied_leaves_basically_satisfied_to_the_committee() -> None:
    story = Story.replied(LifecycleConfig(conclude_threshold="satisfied"))
    events = story.evaluate("t1-1", "basically_satisfied")
    assert [type(e) for e in events] == [ReplyEvaluated]
    [concluded] = story.do(
        decide_conclude_proposal, ConcludeProposal(proposal_id=PID, actor=CLERK, at=at(3))
    )
    assert isinstance(concluded, ProposalConcluded) and concluded.basis == "committee"


def test_co_author_evaluations_are_recorded_but_the_lead_decides() -> None:
    story = Story(submitted(joint_cmd()))
    story.do(decide_register_proposal, register_cmd(), RegisterState())
    story.assign(("zhujianju", "sole"))
    story.accept("t1")
    story.reply("t1")
    [event] = story.evaluate("t1-1", "dissatisfied", member=CO1)
    assert isinstance(event, ReplyEvaluated) and not event.by_lead_author
    assert story.state.status is ProposalStatus.REPLIED
    again = rejection(lambda: story.evaluate("t1-1", "satisfied", member=CO1))
    assert again.message == "该提案者已评价过这份答复，不能重复评价"


@pytest.mark.parametrize(
    ("kwargs", "kind", "message"),
    [
        ({"member": "m-other"}, "forbidden", "只有该提案的提案者可以评价答复"),
        (
            {"actor": "staff:x"},
            "forbidden",
            "网上评价须由提案者本人操作；纸质评价表请由提案委员会录入",
        ),
        ({"channel": "paper"}, "forbidden", "纸质评价表由提案委员会录入"),
        ({"channel": "fax"}, "invalid", "评价方式“fax”无效"),
        ({"process": None}, "invalid", "请选择办理工作满意度"),
    ],
)
def test_evaluation_guards(kwargs: dict[str, object], kind: str, message: str) -> None:
    story = Story.replied()
    error = rejection(lambda: story.evaluate("t1-1", "satisfied", **kwargs))  # type: ignore[arg-type]
    assert error.kind == kind and message in error.message


def test_one_dimensional_evaluation_when_configured() -> None:
    story = Story.replied(LifecycleConfig(split_evaluation=False))
    evaluated = story.evaluate("t1-1", "satisfied", process=None)[0]
    assert isinstance(evaluated, ReplyEvaluated) and evaluated.process_satisfaction == "satisfied"


def test_paper_form_entered_by_the_office_even_after_the_window() -> None:
    story = Story.replied()
    events = story.evaluate(
        "t1-1", "satisfied", channel="paper", actor=CLERK, by_office=True, when=at(30)
    )
    assert isinstance(events[0], ReplyEvaluated) and events[0].channel == "paper"


def test_online_evaluation_after_the_window_is_rejected() -> None:
    story = Story.replied()
    error = rejection(lambda: story.evaluate("t1-1", "satisfied", when=at(30)))
    assert error.message == "评价期限（至2024-02-05）已过；如有纸质评价表，请交提案委员会录入"


def test_unknown_or_unissued_reply() -> None:
    story = Story.replied()
    assert rejection(lambda: story.evaluate("t9-1", "satisfied")).kind == "not_found"


# --- lapse, committee rehandling and conclusion -------------------------------------------


def test_lapse_after_the_window_concludes() -> None:
    story = Story.replied()
    error = rejection(lambda: story.do(decide_record_evaluation_lapsed, lapse("t1-1", 21)))
    assert error.message == "评价期限（至2024-02-05）尚未届满，不能记为逾期未评价"
    lapsed, concluded = story.do(decide_record_evaluation_lapsed, lapse("t1-1", 22))
    assert isinstance(lapsed, EvaluationLapsed) and lapsed.due_on == date(2024, 2, 5)
    assert isinstance(concluded, ProposalConcluded) and concluded.lapsed_reply_ids == ("t1-1",)


def test_no_lapse_once_the_lead_author_evaluated() -> None:
    story = Story.replied(LifecycleConfig(conclude_threshold="satisfied"))
    story.evaluate("t1-1", "basically_satisfied")
    error = rejection(lambda: story.do(decide_record_evaluation_lapsed, lapse("t1-1", 40)))
    assert error.message == "第一提案人已评价该答复，不能记为逾期未评价"


def test_committee_orders_rehandling() -> None:
    story = Story.replied(LifecycleConfig(conclude_threshold="satisfied"))
    story.evaluate("t1-1", "basically_satisfied")
    cmd = OrderRehandling(proposal_id=PID, actor=CLERK, at=at(1), reply_id="t1-1", note="再研究")
    [ordered] = story.do(decide_order_rehandling, cmd, CAL)
    assert isinstance(ordered, RehandlingOrdered) and ordered.reason == "committee"
    error = rejection(lambda: story.do(decide_order_rehandling, cmd, CAL))
    assert error.message == "该答复已安排重新办理（或已被新的答复取代），不能安排重新办理"


def test_committee_cannot_conclude_before_evaluation_or_lapse() -> None:
    story = Story.replied()
    cmd = ConcludeProposal(proposal_id=PID, actor=CLERK, at=at(1))
    error = rejection(lambda: story.do(decide_conclude_proposal, cmd))
    assert error.code == "evaluations_pending"
    assert error.message.startswith("尚有答复未经第一提案人评价且评价期限未届满，不能办结")
    registered = Story.registered()
    error = rejection(lambda: registered.do(decide_conclude_proposal, cmd))
    assert error.message == "提案当前状态为“已立案”，不能办结"


def test_a_concluded_proposal_accepts_nothing_more() -> None:
    story = Story.replied()
    story.evaluate("t1-1", "satisfied")
    assert rejection(lambda: story.evaluate("t1-1", "satisfied", member=LEAD)).kind == "conflict"
    assert rejection(lambda: story.accept("t1")).message == "提案当前状态为“已办结”，不能签收"
