"""feedback_form (征询意见表): one per reply and author, rated on the configured dimensions."""

from __future__ import annotations

from typing import Any

from services.proposals.domain.artifacts import ArtifactsConfig
from services.proposals.domain.artifacts.feedback_form import (
    FeedbackFormReturned,
    ReturnFeedbackForm,
    decide_return_feedback_form,
    feedback_form_decider,
)

from .helpers import ACTOR, AT, CONFIG, PID, given, registered, rejected

EMPTY = feedback_form_decider.initial
RATINGS = {"process": "satisfied", "result": "basically_satisfied"}


def form(**kw: Any) -> ReturnFeedbackForm:
    data: dict[str, Any] = {
        "reply_id": "r1",
        "unit_id": "zjj",
        "unit_name": "县住建局",
        "author_id": "m1",
        "ratings": RATINGS,
        "comments": "希望加快进度",
    }
    data.update(kw)
    return ReturnFeedbackForm(actor=ACTOR, at=AT, form_id="f1", proposal_id=PID, **data)


def test_the_proposer_returns_the_form() -> None:
    [event] = decide_return_feedback_form(form(), EMPTY, registered(), CONFIG)
    assert event == FeedbackFormReturned(
        form_id="f1",
        proposal_id=PID,
        serial_no="10-3-D001",
        proposal_title="关于加快农村生活污水治理的建议",
        township_id="chengguan",
        reply_id="r1",
        unit_id="zjj",
        unit_name="县住建局",
        author_id="m1",
        ratings=RATINGS,
        comments="希望加快进度",
        channel="online",
        returned_at=AT,
    )
    assert given(feedback_form_decider, [event]).returned_at == AT


def test_a_county_with_one_dimension() -> None:
    one = ArtifactsConfig(feedback_dimensions={"overall": "总体评价"})
    cmd = form(ratings={"overall": "dissatisfied"}, channel="paper", author_id="m2")
    [event] = decide_return_feedback_form(cmd, EMPTY, registered(), one)
    assert isinstance(event, FeedbackFormReturned) and event.ratings == {"overall": "dissatisfied"}


def test_rejections() -> None:
    def fails(kind: str, message: str, **kw: Any) -> None:
        with rejected(kind, message):
            decide_return_feedback_form(form(**kw), EMPTY, registered(), CONFIG)

    fails("invalid", "（m9）不是该提案的提案人，只有提案人可以填写征询意见表", author_id="m9")
    fails("invalid", "请对“办理结果”作出评价", ratings={"process": "satisfied"})
    fails(
        "invalid",
        "不认识的评价项目：speed；评价项目为：办理工作（process）、办理结果（result）",
        ratings={**RATINGS, "speed": "satisfied"},
    )
    fails(
        "invalid",
        "“办理工作”的评价“good”无效，可选：满意（satisfied）、基本满意（basically_satisfied）、"
        "不满意（dissatisfied）",
        ratings={"process": "good", "result": "satisfied"},
    )
    fails(
        "invalid", "填写方式“fax”无效，可选：网上填写（online）、纸质表录入（paper）", channel="fax"
    )
    fails("invalid", "意见建议不能超过1000个字，当前为1001个字，请精简", comments="字" * 1001)
    with rejected(
        "conflict",
        "提案“关于加快农村生活污水治理的建议”当前状态为“已提交”，尚未立案，不能填写征询意见表",
    ):
        decide_return_feedback_form(form(), EMPTY, registered(status="submitted"), CONFIG)
    done = given(
        feedback_form_decider, decide_return_feedback_form(form(), EMPTY, registered(), CONFIG)
    )
    with rejected("conflict", "该提案人对这份答复的征询意见表已经提交，不能重复提交"):
        decide_return_feedback_form(form(), done, registered(), CONFIG)
