"""followup_review (回头看): start, assess items (re-assessing replaces), conclude."""

from __future__ import annotations

from typing import Any

from services.proposals.domain.artifacts.followup_review import (
    AssessFollowupItem,
    ConcludeFollowupReview,
    FollowupItemAssessed,
    FollowupReviewConcluded,
    FollowupReviewStarted,
    FollowupReviewState,
    StartFollowupReview,
    decide_assess_followup_item,
    decide_conclude_followup_review,
    decide_start_followup_review,
    followup_review_decider,
)

from .helpers import ACTOR, AT, PID, given, registered, rejected

EMPTY = followup_review_decider.initial


def start(**kw: Any) -> StartFollowupReview:
    data: dict[str, Any] = {
        "year": 2025,
        "title": "2025年度提案办理“回头看”",
        "scope": "B类答复及重点提案",
    }
    data.update(kw)
    return StartFollowupReview(actor=ACTOR, at=AT, review_id="v1", **data)


def assess(**kw: Any) -> AssessFollowupItem:
    data: dict[str, Any] = {
        "proposal_id": PID,
        "promised_action": "年内完成管网改造",
        "status": "in_progress",
        "evidence": "",
    }
    data.update(kw)
    return AssessFollowupItem(actor=ACTOR, at=AT, review_id="v1", **data)


def conclude(text: str = "总体落实较好") -> ConcludeFollowupReview:
    return ConcludeFollowupReview(actor=ACTOR, at=AT, review_id="v1", report=text)


def started() -> FollowupReviewState:
    return given(followup_review_decider, decide_start_followup_review(start(), EMPTY))


def test_start_assess_reassess_and_conclude() -> None:
    [s] = decide_start_followup_review(start(), EMPTY)
    assert s == FollowupReviewStarted(
        review_id="v1",
        year=2025,
        title="2025年度提案办理“回头看”",
        scope="B类答复及重点提案",
        started_at=AT,
    )
    state = given(followup_review_decider, [s])
    [a] = decide_assess_followup_item(assess(), state, registered())
    assert a == FollowupItemAssessed(
        review_id="v1",
        proposal_id=PID,
        serial_no="10-3-D001",
        proposal_title="关于加快农村生活污水治理的建议",
        township_id="chengguan",
        promised_action="年内完成管网改造",
        status="in_progress",
        evidence="",
        assessed_at=AT,
    )
    state = followup_review_decider.fold([a], state)
    again = decide_assess_followup_item(
        assess(status="done", evidence="竣工验收报告"), state, registered()
    )
    state = followup_review_decider.fold(again, state)
    other = registered(proposal_id="p-2")
    state = followup_review_decider.fold(
        decide_assess_followup_item(assess(proposal_id="p-2", status="abandoned"), state, other),
        state,
    )
    [c] = decide_conclude_followup_review(conclude(), state)
    assert c == FollowupReviewConcluded(
        review_id="v1",
        year=2025,
        report="总体落实较好",
        status_counts={"done": 1, "in_progress": 0, "not_started": 0, "abandoned": 1},
        concluded_at=AT,
    )


def test_rejections() -> None:
    with rejected("invalid", "请填写“回头看”范围"):
        decide_start_followup_review(start(scope=""), EMPTY)
    with rejected("invalid", "年度“1999”无效，请填写 2000 至 2100 之间的年份"):
        decide_start_followup_review(start(year=1999), EMPTY)
    with rejected("conflict", "该“回头看”已启动，请勿重复提交"):
        decide_start_followup_review(start(), started())
    with rejected("not_found", "未找到该“回头看”，请核对编号"):
        decide_assess_followup_item(assess(), EMPTY, registered())
    with rejected("invalid", "落实情况为“已落实”时，请填写佐证材料"):
        decide_assess_followup_item(assess(status="done"), started(), registered())
    with rejected(
        "invalid",
        "落实情况“half”无效，可选：已落实（done）、正在落实（in_progress）、尚未落实（not_started）、不再落实（abandoned）",
    ):
        decide_assess_followup_item(assess(status="half"), started(), registered())
    with rejected("invalid", "请填写承诺事项"):
        decide_assess_followup_item(assess(promised_action=""), started(), registered())
    with rejected(
        "conflict",
        "提案“关于加快农村生活污水治理的建议”当前状态为“已并案”，尚未立案，不能列入“回头看”",
    ):
        decide_assess_followup_item(assess(), started(), registered(status="merged"))
    with rejected("conflict", "还没有评估任何事项，请先评估事项再作总结"):
        decide_conclude_followup_review(conclude(), started())
    state = started()
    state = followup_review_decider.fold(
        decide_assess_followup_item(assess(), state, registered()), state
    )
    with rejected("invalid", "请填写“回头看”报告"):
        decide_conclude_followup_review(conclude(""), state)
    done = followup_review_decider.fold(decide_conclude_followup_review(conclude(), state), state)
    with rejected("conflict", "该“回头看”已总结结束，不能评估事项"):
        decide_assess_followup_item(assess(), done, registered())
    with rejected("conflict", "该“回头看”已总结结束，不能再次总结"):
        decide_conclude_followup_review(conclude(), done)
