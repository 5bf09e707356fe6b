"""supervision_slip (督办单): issued to one unit with a respond-by date; answered once."""

from __future__ import annotations

from datetime import date
from typing import Any

from services.proposals.domain.artifacts.supervision_slip import (
    AnswerSupervisionSlip,
    IssueSupervisionSlip,
    SupervisionSlipAnswered,
    SupervisionSlipIssued,
    decide_answer_supervision_slip,
    decide_issue_supervision_slip,
    supervision_slip_decider,
)
from services.proposals.domain.calendar import WorkCalendar

from .helpers import ACTOR, AT, CONFIG, PID, given, registered, rejected

EMPTY = supervision_slip_decider.initial
# Qingming: Fri 2026-03-06 off for the test; five working days after Mon 03-02 → Tue 03-10.
QINGMING = WorkCalendar(holidays=frozenset({date(2026, 3, 6)}))


def issue(**kw: Any) -> IssueSupervisionSlip:
    data: dict[str, Any] = {
        "unit_id": "zjj",
        "unit_name": "县住建局",
        "reason": "overdue",
        "requirements": "请于期限内书面报告办理进展",
    }
    data.update(kw)
    return IssueSupervisionSlip(actor=ACTOR, at=AT, slip_id="d1", proposal_id=PID, **data)


def answer(text: str = "已完成管网改造方案，正在招标") -> AnswerSupervisionSlip:
    return AnswerSupervisionSlip(actor="unit-zjj", at=AT, slip_id="d1", response=text)


def test_issue_with_a_working_day_deadline_then_answer() -> None:
    [issued] = decide_issue_supervision_slip(issue(), EMPTY, registered(), QINGMING, CONFIG)
    assert issued == SupervisionSlipIssued(
        slip_id="d1",
        proposal_id=PID,
        township_id="chengguan",
        unit_id="zjj",
        serial_no="10-3-D001",
        proposal_title="关于加快农村生活污水治理的建议",
        unit_name="县住建局",
        reason="overdue",
        requirements="请于期限内书面报告办理进展",
        respond_by=date(2026, 3, 10),
        issued_at=AT,
    )
    state = given(supervision_slip_decider, [issued])
    assert state.unit_id == "zjj"
    assert decide_answer_supervision_slip(answer(), state) == [
        SupervisionSlipAnswered(
            slip_id="d1",
            proposal_id=PID,
            township_id="chengguan",
            unit_id="zjj",
            response="已完成管网改造方案，正在招标",
            answered_at=AT,
        )
    ]


def test_an_explicit_respond_by_date() -> None:
    cmd = issue(respond_by=date(2026, 3, 20), reason="key_proposal")
    [issued] = decide_issue_supervision_slip(cmd, EMPTY, registered(), QINGMING, CONFIG)
    assert isinstance(issued, SupervisionSlipIssued) and issued.respond_by == date(2026, 3, 20)


def test_rejections() -> None:
    def fails(kind: str, message: str, **kw: Any) -> None:
        with rejected(kind, message):
            decide_issue_supervision_slip(issue(**kw), EMPTY, registered(), QINGMING, CONFIG)

    fails(
        "invalid",
        "督办事由“late”无效，可选：逾期未办复（overdue）、临近办理期限（due_soon）、"
        "重点提案督办（key_proposal）、办理进度滞后（slow_progress）、其他（other）",
        reason="late",
    )
    fails("invalid", "请填写督办要求", requirements="")
    fails(
        "invalid", "回复期限（2026-03-01）应晚于督办日期（2026-03-02）", respond_by=date(2026, 3, 1)
    )
    with rejected(
        "conflict", "提案“关于加快农村生活污水治理的建议”当前状态为“已撤案”，尚未立案，不能发督办单"
    ):
        decide_issue_supervision_slip(
            issue(), EMPTY, registered(status="withdrawn"), QINGMING, CONFIG
        )
    issued = given(
        supervision_slip_decider,
        decide_issue_supervision_slip(issue(), EMPTY, registered(), QINGMING, CONFIG),
    )
    with rejected("conflict", "该督办单已发出，请勿重复发出"):
        decide_issue_supervision_slip(issue(), issued, registered(), QINGMING, CONFIG)
    with rejected("not_found", "未找到该督办单，请核对督办单编号"):
        decide_answer_supervision_slip(answer(), EMPTY)
    with rejected("invalid", "请填写回复内容"):
        decide_answer_supervision_slip(answer(" "), issued)
    answered = supervision_slip_decider.fold(
        decide_answer_supervision_slip(answer(), issued), issued
    )
    with rejected("conflict", "该督办单已回复，不能重复回复"):
        decide_answer_supervision_slip(answer(), answered)
