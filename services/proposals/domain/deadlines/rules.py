"""Which deadlines of a proposal are open, and which reminder is due on a given day.

Pure: the day, the calendar and the settings are arguments. The same `reminder_due` serves
the decider (with the marks folded into the proposal) and the timer (with the marks its
read model keeps), so both agree on what is due.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from ..calendar import WorkCalendar, add_working_days, working_days_between
from ..model import HANDLING_STATUSES, DeadlineMark, ProposalState, ReplyStatus, Task, TaskStatus
from .config import DeadlineConfig
from .events import DayUnit, DeadlineKind

KIND_LABELS: dict[str, str] = {"reply": "答复", "co_opinion": "会办意见", "sign_in": "签收"}


@dataclass(frozen=True)
class OpenDeadline:
    """A task's deadline that is still running: nothing done yet for it."""

    task: Task
    kind: DeadlineKind
    round: int
    due_on: date

    def same(self, mark: DeadlineMark) -> bool:
        return (mark.task_id, mark.kind, mark.round, mark.due_on) == (
            self.task.task_id,
            self.kind,
            self.round,
            self.due_on,
        )


@dataclass(frozen=True)
class Reminder:
    """What to record: overdue (`threshold_days` None) or the threshold reached."""

    overdue: bool
    threshold_days: int | None = None


def open_deadlines(state: ProposalState) -> list[OpenDeadline]:
    """Open deadlines of a proposal in handling (none once concluded or before 交办)."""
    if state.status not in HANDLING_STATUSES:
        return []
    found: list[OpenDeadline] = []
    for task in state.active_tasks:
        if task.status == TaskStatus.ASSIGNED:
            found.append(OpenDeadline(task, "sign_in", task.round, task.return_due_on))
        if task.role == "co":
            if task.co_opinion is None:
                found.append(OpenDeadline(task, "co_opinion", task.round, task.due_on))
            continue
        reply = state.current_reply(task)
        if reply is None or reply.status != ReplyStatus.ISSUED:
            found.append(OpenDeadline(task, "reply", task.round, task.due_on))
    return found


def open_deadline(state: ProposalState, task_id: str, kind: str) -> OpenDeadline | None:
    return next(
        (d for d in open_deadlines(state) if d.task.task_id == task_id and d.kind == kind), None
    )


def days_left(today: date, due_on: date, unit: DayUnit, calendar: WorkCalendar) -> int:
    """Days from `today` to `due_on`; negative once it has passed (calendar days then)."""
    if due_on < today or unit == "calendar":
        return (due_on - today).days
    return working_days_between(today, due_on, calendar)


def tightest_threshold(left: int, config: DeadlineConfig) -> int | None:
    """The smallest threshold `left` has reached (None: none yet, or already past)."""
    reached = [t for t in config.approaching_days if 0 <= left <= t]
    return min(reached) if reached else None


def horizon(today: date, days: int, unit: DayUnit, calendar: WorkCalendar) -> date:
    """The latest due date at most `days` (calendar or working) days after `today`."""
    if unit == "calendar":
        return today + timedelta(days=days)
    return add_working_days(today, days + 1, calendar) - timedelta(days=1)


def reminder_due(
    kind: str,
    due_on: date,
    today: date,
    smallest_recorded: int | None,
    overdue_recorded: bool,
    config: DeadlineConfig,
    calendar: WorkCalendar,
) -> Reminder | None:
    """The reminder to record today for one open deadline, if any.

    Past the due date: overdue (once). Before it: the tightest threshold reached, unless it
    (or a tighter one) was recorded for this deadline. Sign-in gets no early reminders.
    """
    if today > due_on:
        return None if overdue_recorded else Reminder(overdue=True)
    if kind == "sign_in":
        return None
    threshold = tightest_threshold(days_left(today, due_on, config.day_unit, calendar), config)
    if threshold is None:
        return None
    if smallest_recorded is not None and smallest_recorded <= threshold:
        return None
    return Reminder(overdue=False, threshold_days=threshold)


def recorded_for(marks: Iterable[DeadlineMark], deadline: OpenDeadline) -> tuple[int | None, bool]:
    """(smallest threshold recorded, overdue recorded) for one deadline."""
    mine = [m for m in marks if deadline.same(m)]
    thresholds = [m.threshold_days for m in mine if m.threshold_days is not None]
    return (min(thresholds) if thresholds else None), any(m.threshold_days is None for m in mine)
