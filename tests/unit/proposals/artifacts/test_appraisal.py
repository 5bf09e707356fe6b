"""handling_unit_appraisal (民主评议): hold, enter anonymous ballots, publish the tally."""

from __future__ import annotations

from datetime import date
from typing import Any

from services.proposals.domain.artifacts.appraisal import (
    AppraisalBallot,
    AppraisalBallotRecorded,
    HandlingUnitAppraisalHeld,
    HandlingUnitAppraisalResultPublished,
    HoldHandlingUnitAppraisal,
    PublishAppraisalResults,
    RecordAppraisalBallots,
    appraisal_decider,
    decide_hold_appraisal,
    decide_publish_results,
    decide_record_ballots,
)
from services.proposals.domain.artifacts.appraisal_tally import AppraisedUnit, UnitResult
from shared.events import DomainEvent

from .helpers import ACTOR, AT, given, rejected

EMPTY = appraisal_decider.initial
UNITS = [
    AppraisedUnit(unit_id="zjj", unit_name="县住建局"),
    AppraisedUnit(unit_id="jyj", unit_name="县教育局"),
]


def hold(**kw: Any) -> HoldHandlingUnitAppraisal:
    data: dict[str, Any] = {
        "year": 2025,
        "title": "2025年度提案承办单位民主评议",
        "held_on": date(2026, 3, 1),
        "units": UNITS,
    }
    data.update(kw)
    return HoldHandlingUnitAppraisal(actor=ACTOR, at=AT, appraisal_id="a1", **data)


def ballots(*sheets: tuple[str, str, str]) -> RecordAppraisalBallots:
    return RecordAppraisalBallots(
        actor=ACTOR,
        at=AT,
        appraisal_id="a1",
        ballots=[AppraisalBallot(ballot_no=n, choices={"zjj": z, "jyj": j}) for n, z, j in sheets],
    )


def publish() -> PublishAppraisalResults:
    return PublishAppraisalResults(actor=ACTOR, at=AT, appraisal_id="a1")


def held() -> list[DomainEvent]:
    return decide_hold_appraisal(hold(), EMPTY)


def test_hold_record_and_publish() -> None:
    [event] = decide_hold_appraisal(hold(title=" 2025年度提案承办单位民主评议 "), EMPTY)
    assert event == HandlingUnitAppraisalHeld(
        appraisal_id="a1",
        year=2025,
        title="2025年度提案承办单位民主评议",
        held_on=date(2026, 3, 1),
        units=tuple(UNITS),
    )
    recorded = decide_record_ballots(
        ballots(
            ("1", "very_satisfied", "satisfied"),
            ("2", "dissatisfied", "abstain"),
            ("3", "satisfied", "abstain"),
            ("4", "basically_satisfied", "abstain"),
        ),
        given(appraisal_decider, [event]),
    )
    assert recorded[0] == AppraisalBallotRecorded(
        appraisal_id="a1", ballot_no="1", choices={"zjj": "very_satisfied", "jyj": "satisfied"}
    )
    [published] = decide_publish_results(publish(), given(appraisal_decider, [event, *recorded]))
    assert isinstance(published, HandlingUnitAppraisalResultPublished)
    assert published.ballots == 4 and published.published_at == AT
    zjj, jyj = published.results
    assert zjj == UnitResult(
        unit_id="zjj",
        unit_name="县住建局",
        ballots=4,
        counts={
            "very_satisfied": 1,
            "satisfied": 1,
            "basically_satisfied": 1,
            "dissatisfied": 1,
            "abstain": 0,
        },
        shares={
            "very_satisfied": 0.25,
            "satisfied": 0.25,
            "basically_satisfied": 0.25,
            "dissatisfied": 0.25,
            "abstain": 0.0,
        },
        satisfied_rate=0.5,
        approval_rate=0.75,
    )
    assert (
        jyj.counts["abstain"] == 3 and jyj.satisfied_rate == 1.0 and jyj.shares["abstain"] == 0.75
    )


def test_hold_rejections() -> None:
    with rejected("invalid", "评议日期（2026-03-03）不能晚于今天"):
        decide_hold_appraisal(hold(held_on=date(2026, 3, 3)), EMPTY)
    with rejected("invalid", "请至少选择一个参加评议的承办单位"):
        decide_hold_appraisal(hold(units=[]), EMPTY)
    with rejected("invalid", "承办单位重复：zjj，请删除重复项"):
        decide_hold_appraisal(hold(units=[UNITS[0], UNITS[0]]), EMPTY)
    with rejected("invalid", "请填写评议名称"):
        decide_hold_appraisal(hold(title=""), EMPTY)
    with rejected("invalid", "年度“3000”无效，请填写 2000 至 2100 之间的年份"):
        decide_hold_appraisal(hold(year=3000), EMPTY)
    with rejected("conflict", "该评议已登记，请勿重复登记"):
        decide_hold_appraisal(hold(), given(appraisal_decider, held()))


def test_ballot_rejections() -> None:
    state = given(appraisal_decider, held())
    with rejected("not_found", "未找到该评议，请核对评议编号"):
        decide_record_ballots(ballots(("1", "satisfied", "satisfied")), EMPTY)
    with rejected("invalid", "请至少录入一张测评票"):
        decide_record_ballots(ballots(), state)
    with rejected("invalid", "测评票编号重复：1，请删除重复项"):
        decide_record_ballots(
            ballots(("1", "satisfied", "satisfied"), ("1", "satisfied", "satisfied")), state
        )
    partial = RecordAppraisalBallots(
        actor=ACTOR,
        at=AT,
        appraisal_id="a1",
        ballots=[AppraisalBallot(ballot_no="7", choices={"zjj": "satisfied"})],
    )
    with rejected("invalid", "第7号测评票缺少对“县教育局”的评价（未评价的请选“弃权”）"):
        decide_record_ballots(partial, state)
    stray = RecordAppraisalBallots(
        actor=ACTOR,
        at=AT,
        appraisal_id="a1",
        ballots=[
            AppraisalBallot(
                ballot_no="8", choices={"zjj": "satisfied", "jyj": "satisfied", "gaj": "satisfied"}
            )
        ],
    )
    with rejected("invalid", "第8号测评票中的单位“gaj”不在本次评议范围内"):
        decide_record_ballots(stray, state)
    with rejected(
        "invalid",
        "对“县住建局”的评价“great”无效，可选：非常满意（very_satisfied）、满意（satisfied）、基本满意（basically_satisfied）、不满意（dissatisfied）、弃权（abstain）",
    ):
        decide_record_ballots(ballots(("9", "great", "satisfied")), state)
    with_one = appraisal_decider.fold(
        decide_record_ballots(ballots(("1", "satisfied", "satisfied")), state), state
    )
    with rejected("conflict", "测评票 1 已录入，请勿重复录入"):
        decide_record_ballots(ballots(("1", "satisfied", "satisfied")), with_one)


def test_publish_rejections_and_a_closed_appraisal() -> None:
    state = given(appraisal_decider, held())
    with rejected("conflict", "尚未录入测评票，不能公布评议结果"):
        decide_publish_results(publish(), state)
    with_one = appraisal_decider.fold(
        decide_record_ballots(ballots(("1", "satisfied", "abstain")), state), state
    )
    done = appraisal_decider.fold(decide_publish_results(publish(), with_one), with_one)
    with rejected("conflict", "评议结果已公布，不能再次公布结果"):
        decide_publish_results(publish(), done)
    with rejected("conflict", "评议结果已公布，不能录入测评票"):
        decide_record_ballots(ballots(("2", "satisfied", "satisfied")), done)
