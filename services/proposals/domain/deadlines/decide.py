"""Deciders of deadline reminders and of the timer's evaluation lapse.

Exactly once: a reminder already recorded for the same task, kind, round, due date and
threshold (or a tighter threshold) decides nothing — so a repeated scan, a second timer
instance (after its concurrency conflict and reload) or a restart records nothing twice.
A deadline that is no longer open (met, task returned, proposal concluded) or that moved
(extension, re-handling) since the timer read it also decides nothing.
"""

from __future__ import annotations

from typing import Any

from shared.domain import Invalid, NotFound, Rejected
from shared.events import DomainEvent

from ..calendar import WorkCalendar
from ..commands_handling import RecordEvaluationLapsed
from ..common import choice, deadline_at, require_existing, today, utc
from ..config import DEFAULT_CONFIG, LifecycleConfig
from ..evaluation import EVALUABLE, decide_record_evaluation_lapsed
from ..model import ProposalState, ReplyStatus
from .commands import RecordDeadlineApproaching, RecordOverdue
from .config import DEFAULT_DEADLINES, DeadlineConfig
from .events import ProposalDeadlineApproaching, ProposalOverdue
from .rules import KIND_LABELS, OpenDeadline, days_left, open_deadline, recorded_for


def decide_record_deadline_approaching(
    cmd: RecordDeadlineApproaching,
    state: ProposalState,
    calendar: WorkCalendar,
    lifecycle: LifecycleConfig = DEFAULT_CONFIG,
    config: DeadlineConfig = DEFAULT_DEADLINES,
) -> list[DomainEvent]:
    """临近期限 (T-15, T-5 …), once per deadline and threshold."""
    if cmd.threshold_days not in config.approaching_days:
        allowed = "、".join(str(t) for t in config.approaching_days) or "（未设置）"
        raise Invalid(
            f"提醒档次“{cmd.threshold_days}天”不在设置中，可选：{allowed}", code="bad_threshold"
        )
    if cmd.kind == "sign_in":
        raise Invalid("签收期限只记录超期，不发临近提醒", code="no_sign_in_reminder")
    deadline = _open(cmd, state)
    if deadline is None:
        return []
    day = today(cmd.at, lifecycle)
    left = days_left(day, deadline.due_on, config.day_unit, calendar)
    if left < 0:
        raise Rejected(
            f"期限（{deadline.due_on}）已过，应记录为超期，而不是临近期限", code="already_overdue"
        )
    reached = [t for t in config.approaching_days if left <= t]
    if cmd.threshold_days not in reached:
        raise Rejected(
            f"距期限（{deadline.due_on}）还有{left}天，尚未到{cmd.threshold_days}天提醒的时间",
            code="threshold_not_reached",
        )
    if cmd.threshold_days != min(reached):
        raise Rejected(
            f"距期限只剩{left}天，应发{min(reached)}天提醒，{cmd.threshold_days}天提醒不再发送",
            code="threshold_superseded",
        )
    smallest, _ = recorded_for(state.deadline_marks, deadline)
    if smallest is not None and smallest <= cmd.threshold_days:
        return []
    return [
        ProposalDeadlineApproaching(
            **_about(state, deadline, lifecycle),
            threshold_days=cmd.threshold_days,
            day_unit=config.day_unit,
            days_left=left,
            noticed_at=utc(cmd.at),
        )
    ]


def decide_record_overdue(
    cmd: RecordOverdue, state: ProposalState, lifecycle: LifecycleConfig = DEFAULT_CONFIG
) -> list[DomainEvent]:
    """超期, once per deadline: its due date passed with nothing done."""
    deadline = _open(cmd, state)
    if deadline is None:
        return []
    day = today(cmd.at, lifecycle)
    if day <= deadline.due_on:
        raise Rejected(
            f"期限（{deadline.due_on}）尚未届满，不能记为超期，请在期限过后再记录",
            code="not_overdue",
        )
    _, overdue = recorded_for(state.deadline_marks, deadline)
    if overdue:
        return []
    return [
        ProposalOverdue(
            **_about(state, deadline, lifecycle),
            days_overdue=(day - deadline.due_on).days,
            noticed_at=utc(cmd.at),
        )
    ]


def decide_lapse_when_due(
    cmd: RecordEvaluationLapsed, state: ProposalState, lifecycle: LifecycleConfig = DEFAULT_CONFIG
) -> list[DomainEvent]:
    """The timer's 逾期未评价: `decide_record_evaluation_lapsed` when it applies, else
    nothing (already lapsed or evaluated, superseded, window open, not yet evaluable)."""
    if not state.exists or state.status not in EVALUABLE:
        return []
    reply = state.replies.get(cmd.reply_id)
    if reply is None or reply.status != ReplyStatus.ISSUED or reply.evaluation_due_on is None:
        return []
    if reply.lapsed or reply.rehandling_ordered or reply.lead_evaluation is not None:
        return []
    task = state.task(reply.task_id)
    if task is None or not task.active or task.reply_id != reply.reply_id:
        return []
    if today(cmd.at, lifecycle) <= reply.evaluation_due_on:
        return []
    return decide_record_evaluation_lapsed(cmd, state, lifecycle)


def _open(
    cmd: RecordDeadlineApproaching | RecordOverdue, state: ProposalState
) -> OpenDeadline | None:
    """The open deadline the command is about; None when met, moved or closed."""
    require_existing(cmd, state)
    choice(cmd.kind, KIND_LABELS, "期限类型")
    if state.task(cmd.task_id) is None:
        raise NotFound("未找到该办理任务，请核对任务编号", code="task_not_found")
    deadline = open_deadline(state, cmd.task_id, cmd.kind)
    if deadline is None or deadline.due_on != cmd.due_on:
        return None
    return deadline


def _about(
    state: ProposalState, deadline: OpenDeadline, lifecycle: LifecycleConfig
) -> dict[str, Any]:
    task = deadline.task
    return {
        "proposal_id": state.proposal_id,
        "township_id": state.township_id,
        "task_id": task.task_id,
        "unit_id": task.unit_id,
        "unit_name": task.unit_name,
        "role": task.role,
        "kind": deadline.kind,
        "round": deadline.round,
        "due_on": deadline.due_on,
        "deadline_at": deadline_at(deadline.due_on, lifecycle),
        "serial_no": state.serial_no,
        "title": state.title,
        "lead_author_id": state.lead_author_id,
        "is_key": state.is_key,
    }
