"""After 采用 (O7–O12): forward, report upward, adoptions, instructions, feedback, close."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from services.proposals.domain.opinion import (
    CloseReport,
    ForwardReport,
    OpinionReportAdopted,
    OpinionReportClosed,
    OpinionReportFeedbackReceived,
    OpinionReportForwarded,
    OpinionReportInstructed,
    OpinionReportReportedUpward,
    RecordAdoption,
    RecordFeedback,
    RecordInstruction,
    ReportStatus,
    ReportUpward,
    decide_close_report,
    decide_forward_report,
    decide_record_adoption,
    decide_record_feedback,
    decide_record_instruction,
    decide_report_upward,
)
from shared.domain import DomainError
from shared.events import DomainEvent

from .builders import AT, RID, accepted, cmd, given, in_editing

AUTHORED = {"report_id": RID, "township_id": "chengguan", "author_ids": ("m1",), "year": 2026}
DAY = date(2026, 3, 1)


def forwarded() -> list[DomainEvent]:
    events = accepted(use_mode="forwarded_original")
    return events + decide_forward_report(
        cmd(ForwardReport, departments=["县民政局"]), given(events)
    )


def upward(level: str = "city") -> list[DomainEvent]:
    events = forwarded()
    return events + decide_report_upward(cmd(ReportUpward, level=level), given(events))


def adoption(level: str = "city", body: str = "市政协", **kw: object) -> RecordAdoption:
    data: dict[str, Any] = {
        "level": level,
        "adopting_body": body,
        "mode": "single_article",
        "adopted_on": DAY,
    }
    data.update(kw)
    return cmd(RecordAdoption, **data)  # type: ignore[no-any-return]


def test_forward_then_report_upward() -> None:
    events = forwarded()
    assert events[-1] == OpinionReportForwarded(
        **AUTHORED, departments=("县民政局",), forwarded_at=AT
    )
    assert given(events).status == ReportStatus.FORWARDED
    up = decide_report_upward(
        cmd(ReportUpward, level="city", recipient="市政协信息处"), given(events)
    )
    assert up == [
        OpinionReportReportedUpward(
            **AUTHORED, level="city", recipient="市政协信息处", all_levels=("city",), reported_at=AT
        )
    ]
    again = decide_report_upward(cmd(ReportUpward, level="province"), given(events + up))
    assert isinstance(again[0], OpinionReportReportedUpward)
    assert again[0].all_levels == ("city", "province")


def test_adoptions_are_additive_and_counted_once_per_level() -> None:
    events = upward()
    first = decide_record_adoption(adoption(vehicle="《市政协信息》"), given(events))
    assert first == [
        OpinionReportAdopted(
            **AUTHORED,
            adoption_no=1,
            level="city",
            adopting_body="市政协",
            vehicle="《市政协信息》",
            mode="single_article",
            adopted_on=DAY,
            first_at_level=True,
        )
    ]
    events += first
    second = decide_record_adoption(adoption(body="市委办"), given(events))
    assert isinstance(second[0], OpinionReportAdopted)
    assert (second[0].adoption_no, second[0].first_at_level) == (2, False)
    assert len(given(events + second).adoptions) == 2


def test_county_adoption_needs_no_upward_report() -> None:
    events = decide_record_adoption(
        adoption(level="county_party_gov", body="县委办"), given(accepted())
    )
    assert isinstance(events[0], OpinionReportAdopted) and events[0].first_at_level


def test_instruction_feedback_and_close() -> None:
    events = upward()
    instructed = decide_record_instruction(
        cmd(
            RecordInstruction,
            leader="市委副书记",
            level="city_leader",
            text="请研究落实。",
            instructed_on=DAY,
            principal=True,
        ),
        given(events),
    )
    assert instructed == [
        OpinionReportInstructed(
            **AUTHORED,
            instruction_no=1,
            leader="市委副书记",
            level="city_leader",
            text="请研究落实。",
            instructed_on=DAY,
            principal=True,
        )
    ]
    feedback = decide_record_feedback(
        cmd(RecordFeedback, department="市民政局", text="已落实。", received_on=DAY), given(events)
    )
    assert feedback == [
        OpinionReportFeedbackReceived(
            **AUTHORED, feedback_no=1, department="市民政局", text="已落实。", received_on=DAY
        )
    ]
    events += instructed + feedback
    closed = decide_close_report(cmd(CloseReport), given(events))
    assert closed == [OpinionReportClosed(**AUTHORED, note=None, closed_at=AT)]
    state = given(events + closed)
    assert state.status == ReportStatus.CLOSED
    assert (len(state.instructions), len(state.feedbacks)) == (1, 1)


@pytest.mark.parametrize(
    ("events", "command", "decide", "message"),
    [
        (
            in_editing(),
            adoption(),
            decide_record_adoption,
            "该社情民意信息当前状态为“编辑中”，不能登记采用情况",
        ),
        (
            accepted(),
            adoption(),
            decide_record_adoption,
            "该信息尚未向上级政协报送，不能登记市级及以上采用；请先登记“向上级报送”",
        ),
        (
            accepted(),
            cmd(ReportUpward, level="city"),
            decide_report_upward,
            "该社情民意信息当前状态为“拟采用”，不能向上级报送",
        ),
        (
            upward(),
            cmd(ReportUpward, level="city"),
            decide_report_upward,
            "该信息已向市政协报送，不能重复报送",
        ),
        (
            forwarded(),
            cmd(ForwardReport, departments=["县财政局"]),
            decide_forward_report,
            "该信息已转送县民政局，不能重复转送",
        ),
        (
            in_editing(),
            cmd(ForwardReport, departments=["县财政局"]),
            decide_forward_report,
            "该社情民意信息当前状态为“编辑中”，不能转送有关部门",
        ),
        (
            accepted(),
            cmd(CloseReport),
            decide_close_report,
            "该社情民意信息当前状态为“拟采用”，不能办结",
        ),
        (
            accepted(),
            cmd(
                RecordInstruction,
                leader="县长",
                level="county_leader",
                text="阅",
                instructed_on=DAY,
            ),
            decide_record_instruction,
            "该社情民意信息当前状态为“拟采用”，不能登记领导批示",
        ),
        (
            accepted(),
            cmd(RecordFeedback, department="县民政局", text="已办", received_on=DAY),
            decide_record_feedback,
            "该社情民意信息当前状态为“拟采用”，不能登记落实反馈",
        ),
    ],
)
def test_steps_out_of_order_are_rejected(
    events: list[DomainEvent], command: object, decide: object, message: str
) -> None:
    with pytest.raises(DomainError) as err:
        decide(command, given(events))  # type: ignore[operator]
    assert err.value.kind == "conflict" and err.value.message == message


def test_duplicate_adoption_is_rejected() -> None:
    events = upward()
    events += decide_record_adoption(adoption(), given(events))
    with pytest.raises(DomainError) as err:
        decide_record_adoption(adoption(), given(events))
    assert err.value.message == "该采用情况已登记，请勿重复登记"


@pytest.mark.parametrize(
    ("command", "decide", "message"),
    [
        (
            adoption(adopted_on=date(2026, 3, 3)),
            decide_record_adoption,
            "采用日期不能晚于今天（2026-03-02），请核对",
        ),
        (adoption(level="galaxy"), decide_record_adoption, "采用层级“galaxy”无效"),
        (adoption(mode="copy"), decide_record_adoption, "采用方式“copy”无效"),
        (adoption(body=" "), decide_record_adoption, "请填写采用单位"),
        (cmd(ReportUpward, level="county"), decide_report_upward, "报送层级“county”无效"),
        (cmd(ForwardReport, departments=[]), decide_forward_report, "请至少填写一个转送部门"),
        (
            cmd(ForwardReport, departments=["县民政局", "县民政局"]),
            decide_forward_report,
            "转送部门重复：县民政局，请删除重复项",
        ),
        (
            cmd(RecordInstruction, leader="", level="city_leader", text="阅", instructed_on=DAY),
            decide_record_instruction,
            "请填写批示领导",
        ),
        (
            cmd(RecordInstruction, leader="市长", level="mayor", text="阅", instructed_on=DAY),
            decide_record_instruction,
            "批示领导层级“mayor”无效",
        ),
        (
            cmd(RecordFeedback, department="市民政局", text=" ", received_on=DAY),
            decide_record_feedback,
            "请填写反馈内容",
        ),
    ],
)
def test_bad_input_is_invalid(command: object, decide: object, message: str) -> None:
    state = given(upward()) if decide is not decide_forward_report else given(accepted())
    with pytest.raises(DomainError) as err:
        decide(command, state)  # type: ignore[operator]
    assert err.value.kind == "invalid" and err.value.message.startswith(message)
