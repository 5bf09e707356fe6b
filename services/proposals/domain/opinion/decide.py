"""The report deciders (aggregate types) and the editorial flow O2–O5: command + state →
events, or a Chinese rejection. Creation is in `decide_submit`, later steps in `decide_use`.
"""

from __future__ import annotations

from typing import Any, cast

from shared.domain import Decider, Invalid, NotFound, Rejected
from shared.events import DomainEvent

from . import rules
from .commands import (
    AcceptReport,
    ArchiveReport,
    EditReport,
    ReportCommand,
    ResubmitReport,
    ReturnReport,
    StartEditing,
)
from .events import (
    CONTEXT,
    OPINION_REGISTER,
    OPINION_REPORT,
    OpinionReportAccepted,
    OpinionReportArchived,
    OpinionReportEdited,
    OpinionReportEditingStarted,
    OpinionReportResubmitted,
    OpinionReportReturned,
    UseMode,
)
from .labels import (
    USE_MODE_LABELS,
    report_status_label,
)
from .state import (
    OpinionRegisterState,
    ReportState,
    ReportStatus,
    evolve,
    evolve_register,
)

report_decider: Decider[ReportState] = Decider(CONTEXT, OPINION_REPORT, ReportState(), evolve)
opinion_register_decider: Decider[OpinionRegisterState] = Decider(
    CONTEXT, OPINION_REGISTER, OpinionRegisterState(), evolve_register
)
S = ReportStatus


# --- O2–O5 editorial flow -------------------------------------------------------------------


def decide_start_editing(cmd: StartEditing, state: ReportState) -> list[DomainEvent]:
    """开始编辑 (submitted → in_editing)."""
    _require(cmd, state, {S.SUBMITTED}, "开始编辑")
    return [
        OpinionReportEditingStarted(
            report_id=state.report_id,
            township_id=state.township_id,
            editor_id=cmd.actor,
            started_at=rules.utc(cmd.at),
        )
    ]


def decide_edit_report(cmd: EditReport, state: ReportState) -> list[DomainEvent]:
    """编辑加工 (in_editing): edited title/text and notes."""
    _require(cmd, state, {S.IN_EDITING}, "编辑加工")
    if cmd.edited_title is None and cmd.edited_body is None and not cmd.editor_notes:
        raise Invalid("请至少修改标题、正文或编辑意见中的一项", code="nothing_to_edit")
    return [
        OpinionReportEdited(
            report_id=state.report_id,
            township_id=state.township_id,
            edited_title=rules.title(cmd.edited_title) if cmd.edited_title is not None else None,
            edited_body=rules.body(cmd.edited_body) if cmd.edited_body is not None else None,
            editor_notes=rules.optional_text(cmd.editor_notes, "编辑意见"),
            edited_at=rules.utc(cmd.at),
        )
    ]


def decide_return_report(cmd: ReturnReport, state: ReportState) -> list[DomainEvent]:
    """退回修改 (in_editing → returned)."""
    _require(cmd, state, {S.IN_EDITING}, "退回修改")
    return [
        OpinionReportReturned(
            **authored(state),
            reason=rules.required_text(cmd.reason, "退回理由"),
            returned_at=rules.utc(cmd.at),
        )
    ]


def decide_resubmit_report(cmd: ResubmitReport, state: ReportState) -> list[DomainEvent]:
    """修改后重新报送 (returned → submitted)."""
    _require(cmd, state, {S.RETURNED}, "重新报送")
    return [
        OpinionReportResubmitted(
            **authored(state),
            title=rules.title(cmd.title) if cmd.title is not None else state.title,
            body=rules.body(cmd.body) if cmd.body is not None else state.body,
            resubmitted_at=rules.utc(cmd.at),
        )
    ]


def decide_accept_report(cmd: AcceptReport, state: ReportState) -> list[DomainEvent]:
    """拟采用 (in_editing → accepted)."""
    _require(cmd, state, {S.IN_EDITING}, "采用")
    use_mode = cast(UseMode, rules.choice(cmd.use_mode, USE_MODE_LABELS, "采用方式"))
    return [
        OpinionReportAccepted(**authored(state), use_mode=use_mode, accepted_at=rules.utc(cmd.at))
    ]


def decide_archive_report(cmd: ArchiveReport, state: ReportState) -> list[DomainEvent]:
    """存档不用 (in_editing → archived)."""
    _require(cmd, state, {S.IN_EDITING}, "存档")
    return [
        OpinionReportArchived(
            **authored(state),
            reason=rules.required_text(cmd.reason, "存档理由"),
            archived_at=rules.utc(cmd.at),
        )
    ]


# --- helpers --------------------------------------------------------------------------------


def authored(state: ReportState) -> dict[str, Any]:
    """The fields every authored report event carries."""
    return {
        "report_id": state.report_id,
        "township_id": state.township_id,
        "author_ids": state.author_ids,
        "year": state.year,
    }


def require_report(cmd: ReportCommand, state: ReportState) -> None:
    if not state.exists:
        raise NotFound("未找到该社情民意信息，请核对编号后重试", code="report_not_found")
    if state.report_id != cmd.report_id:
        raise ValueError(f"state of {state.report_id} given for {cmd.report_id}")


def _require(
    cmd: ReportCommand, state: ReportState, allowed: set[ReportStatus], action: str
) -> None:
    require_report(cmd, state)
    if state.status not in allowed:
        raise Rejected(state_message(state, action), code="invalid_state")


def state_message(state: ReportState, action: str) -> str:
    return f"该社情民意信息当前状态为“{report_status_label(state.status)}”，不能{action}"
