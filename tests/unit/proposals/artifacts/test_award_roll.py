"""award_roll (表彰): excellent proposals and commended handling units, per year and level."""

from __future__ import annotations

from typing import Any

from services.proposals.domain.artifacts.award_roll import (
    CommendHandlingUnit,
    HandlingUnitCommended,
    MarkProposalExcellent,
    ProposalMarkedExcellent,
    award_roll_decider,
    decide_commend_handling_unit,
    decide_mark_proposal_excellent,
)

from .helpers import ACTOR, AT, CONFIG, PID, given, registered, rejected

EMPTY = award_roll_decider.initial


def mark(**kw: Any) -> MarkProposalExcellent:
    data: dict[str, Any] = {
        "year": 2025,
        "proposal_id": PID,
        "level": "county",
        "citation": "选题精准",
    }
    data.update(kw)
    return MarkProposalExcellent(actor=ACTOR, at=AT, **data)


def commend(**kw: Any) -> CommendHandlingUnit:
    data: dict[str, Any] = {
        "year": 2025,
        "unit_id": "zjj",
        "unit_name": "县住建局",
        "level": "county",
    }
    data.update(kw)
    return CommendHandlingUnit(actor=ACTOR, at=AT, **data)


def test_mark_a_proposal_excellent_and_commend_a_unit() -> None:
    [e] = decide_mark_proposal_excellent(mark(), EMPTY, registered(status="concluded"), CONFIG)
    assert e == ProposalMarkedExcellent(
        year=2025,
        level="county",
        citation="选题精准",
        proposal_id=PID,
        serial_no="10-3-D001",
        proposal_title="关于加快农村生活污水治理的建议",
        township_id="chengguan",
        author_ids=("m1", "m2"),
        marked_at=AT,
    )
    [c] = decide_commend_handling_unit(commend(), EMPTY, CONFIG)
    assert c == HandlingUnitCommended(
        year=2025, level="county", citation="", unit_id="zjj", unit_name="县住建局", commended_at=AT
    )
    state = given(award_roll_decider, [e, c])
    # another level is another award
    assert decide_mark_proposal_excellent(mark(level="city"), state, registered(), CONFIG)


def test_rejections() -> None:
    state = given(
        award_roll_decider,
        [
            *decide_mark_proposal_excellent(mark(), EMPTY, registered(), CONFIG),
            *decide_commend_handling_unit(commend(), EMPTY, CONFIG),
        ],
    )
    with rejected("conflict", "该提案已被评为2025年度县级优秀提案，请勿重复评定"):
        decide_mark_proposal_excellent(mark(), state, registered(), CONFIG)
    with rejected("conflict", "该单位已被评为2025年度县级提案办理先进单位，请勿重复评定"):
        decide_commend_handling_unit(commend(), state, CONFIG)
    with rejected(
        "invalid",
        "表彰级别“gold”无效，可选：县级（county）、市级（city）、省级（province）、全国（national）",
    ):
        decide_mark_proposal_excellent(mark(level="gold"), EMPTY, registered(), CONFIG)
    with rejected("invalid", "请填写承办单位名称"):
        decide_commend_handling_unit(commend(unit_name=""), EMPTY, CONFIG)
    with rejected("invalid", "年度“1900”无效，请填写 2000 至 2100 之间的年份"):
        decide_commend_handling_unit(commend(year=1900), EMPTY, CONFIG)
    with rejected(
        "conflict",
        "提案“关于加快农村生活污水治理的建议”当前状态为“已提交”，尚未立案，不能评为优秀提案",
    ):
        decide_mark_proposal_excellent(mark(), EMPTY, registered(status="submitted"), CONFIG)
