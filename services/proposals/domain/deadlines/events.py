"""Events of deadline reminders on the `proposal` aggregate.

`deadline_approaching` (T-15, T-5 … before a task's due date) and `overdue` (the due date
passed, nothing done). Each names the task, its unit and the deadline it is about
(`kind`, `round`, `due_on`), and carries what notifications need (event-carried state).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar, Literal

from ..events import ProposalEvent, registry

# reply: the reply of a lead/separate/sole unit · co_opinion: a co-handler's 会办意见 ·
# sign_in: 签收 (due at the end of the return window)
DeadlineKind = Literal["reply", "co_opinion", "sign_in"]
DayUnit = Literal["calendar", "working"]


class DeadlineEvent(ProposalEvent):
    task_id: str
    unit_id: str
    unit_name: str
    role: str
    kind: DeadlineKind
    round: int
    due_on: date
    deadline_at: datetime
    serial_no: str | None
    title: str
    lead_author_id: str
    is_key: bool = False


@registry.register
class ProposalDeadlineApproaching(DeadlineEvent):
    """临近期限: `days_left` (in `day_unit`) ≤ `threshold_days`, the tightest one reached."""

    name: ClassVar[str] = "deadline_approaching"

    threshold_days: int
    day_unit: DayUnit
    days_left: int
    noticed_at: datetime


@registry.register
class ProposalOverdue(DeadlineEvent):
    """超期: the due date passed and the task has not done what it owes."""

    name: ClassVar[str] = "overdue"

    days_overdue: int  # calendar days after `due_on`, when noticed
    noticed_at: datetime


__all__ = [
    "DayUnit",
    "DeadlineEvent",
    "DeadlineKind",
    "ProposalDeadlineApproaching",
    "ProposalOverdue",
]
