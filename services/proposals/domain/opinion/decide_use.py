"""Deciders after 采用 (DOMAIN §3.3 O7–O12): forwarding, reporting upward, and the additive
facts — adoptions, leader instructions, feedback — then closing. (O6 publishing happens
through a bulletin issue: `decide_bulletin.decide_publish_issue`.)"""

from __future__ import annotations

from datetime import date, datetime
from typing import cast

from shared.domain import Invalid, Rejected
from shared.events import DomainEvent

from . import rules
from .commands import (
    CloseReport,
    ForwardReport,
    RecordAdoption,
    RecordFeedback,
    RecordInstruction,
    ReportCommand,
    ReportUpward,
)
from .decide import authored, require_report, state_message
from .events import AdoptionLevel, InstructionLevel, UpwardLevel, UseMode
from .labels import (
    ADOPTION_LEVEL_LABELS,
    INSTRUCTION_LEVEL_LABELS,
    UPWARD_LEVEL_LABELS,
    USE_MODE_LABELS,
)
from .state import (
    ADOPTABLE_STATUSES,
    CHINA_TZ,
    FORWARDABLE_STATUSES,
    USED_STATUSES,
    ReportState,
    ReportStatus,
)
from .use_events import (
    OpinionReportAdopted,
    OpinionReportClosed,
    OpinionReportFeedbackReceived,
    OpinionReportForwarded,
    OpinionReportInstructed,
    OpinionReportReportedUpward,
)

UPPER_LEVELS = frozenset({"city", "province", "national"})


def decide_forward_report(cmd: ForwardReport, state: ReportState) -> list[DomainEvent]:
    """原稿转送有关部门 (accepted → forwarded; once)."""
    require_report(cmd, state)
    if state.forwarded_to:
        raise Rejected(
            f"该信息已转送{'、'.join(state.forwarded_to)}，不能重复转送", code="already_forwarded"
        )
    _require(cmd, state, FORWARDABLE_STATUSES, "转送有关部门")
    departments = rules.distinct(cmd.departments, "转送部门")
    if not departments:
        raise Invalid("请至少填写一个转送部门", code="departments_required")
    return [
        OpinionReportForwarded(
            **authored(state), departments=departments, forwarded_at=rules.utc(cmd.at)
        )
    ]


def decide_report_upward(cmd: ReportUpward, state: ReportState) -> list[DomainEvent]:
    """向上级政协报送 (published/forwarded → reported_upward), once per level."""
    _require(cmd, state, USED_STATUSES, "向上级报送")
    level = cast(UpwardLevel, rules.choice(cmd.level, UPWARD_LEVEL_LABELS, "报送层级"))
    if level in state.upward_levels:
        raise Rejected(
            f"该信息已向{UPWARD_LEVEL_LABELS[level]}报送，不能重复报送", code="already_reported"
        )
    return [
        OpinionReportReportedUpward(
            **authored(state),
            level=level,
            recipient=rules.optional_text(cmd.recipient, "接收单位", rules.NAME_MAX_CHARS),
            all_levels=(*state.upward_levels, level),
            reported_at=rules.utc(cmd.at),
        )
    ]


def decide_record_adoption(cmd: RecordAdoption, state: ReportState) -> list[DomainEvent]:
    """登记采用 (additive; after 采用). City level and above need a report upward first."""
    _require(cmd, state, ADOPTABLE_STATUSES, "登记采用情况")
    level = cast(AdoptionLevel, rules.choice(cmd.level, ADOPTION_LEVEL_LABELS, "采用层级"))
    mode = cast(UseMode, rules.choice(cmd.mode, USE_MODE_LABELS, "采用方式"))
    if level in UPPER_LEVELS and not state.upward_levels:
        raise Rejected(
            "该信息尚未向上级政协报送，不能登记市级及以上采用；请先登记“向上级报送”",
            code="not_reported_upward",
        )
    body = rules.required_text(cmd.adopting_body, "采用单位", rules.NAME_MAX_CHARS)
    vehicle = rules.optional_text(cmd.vehicle, "采用载体", rules.NAME_MAX_CHARS)
    if any(
        (a.level, a.adopting_body, a.vehicle) == (level, body, vehicle) for a in state.adoptions
    ):
        raise Rejected("该采用情况已登记，请勿重复登记", code="duplicate_adoption")
    return [
        OpinionReportAdopted(
            **authored(state),
            adoption_no=len(state.adoptions) + 1,
            level=level,
            adopting_body=body,
            vehicle=vehicle,
            mode=mode,
            adopted_on=_not_future(cmd.adopted_on, cmd.at, "采用日期"),
            first_at_level=all(a.level != level for a in state.adoptions),
        )
    ]


def decide_record_instruction(cmd: RecordInstruction, state: ReportState) -> list[DomainEvent]:
    """登记领导批示 (additive; after publication, forwarding or reporting upward)."""
    _require(cmd, state, USED_STATUSES, "登记领导批示")
    level = cast(
        InstructionLevel, rules.choice(cmd.level, INSTRUCTION_LEVEL_LABELS, "批示领导层级")
    )
    return [
        OpinionReportInstructed(
            **authored(state),
            instruction_no=len(state.instructions) + 1,
            leader=rules.required_text(cmd.leader, "批示领导", 50),
            level=level,
            text=rules.required_text(cmd.text, "批示内容"),
            instructed_on=_not_future(cmd.instructed_on, cmd.at, "批示日期"),
            principal=cmd.principal,
        )
    ]


def decide_record_feedback(cmd: RecordFeedback, state: ReportState) -> list[DomainEvent]:
    """登记落实反馈 / 回函 (additive)."""
    _require(cmd, state, USED_STATUSES, "登记落实反馈")
    return [
        OpinionReportFeedbackReceived(
            **authored(state),
            feedback_no=len(state.feedbacks) + 1,
            department=rules.required_text(cmd.department, "反馈单位", rules.NAME_MAX_CHARS),
            text=rules.required_text(cmd.text, "反馈内容"),
            received_on=_not_future(cmd.received_on, cmd.at, "反馈日期"),
        )
    ]


def decide_close_report(cmd: CloseReport, state: ReportState) -> list[DomainEvent]:
    """办结 (published/forwarded/reported_upward → closed)."""
    _require(cmd, state, USED_STATUSES, "办结")
    return [
        OpinionReportClosed(
            **authored(state),
            note=rules.optional_text(cmd.note, "办结说明"),
            closed_at=rules.utc(cmd.at),
        )
    ]


def _require(
    cmd: ReportCommand, state: ReportState, allowed: frozenset[ReportStatus], action: str
) -> None:
    require_report(cmd, state)
    if state.status not in allowed:
        raise Rejected(state_message(state, action), code="invalid_state")


def _not_future(day: date, at: datetime, what: str) -> date:
    today = at.astimezone(CHINA_TZ).date()
    if day > today:
        raise Invalid(f"{what}不能晚于今天（{today.isoformat()}），请核对", code="future_date")
    return day
