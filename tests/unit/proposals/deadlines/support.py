"""Helpers of the deadline unit tests: a proposal assigned on Monday 2024-01-15 (reply due
2024-04-15, co-opinion due 2024-02-15, sign-in due 2024-01-22), commands on a given local
day, and the timer's choice for one deadline."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, timezone

from services.proposals.domain.calendar import WEEKENDS_ONLY
from services.proposals.domain.commands_handling import RecordEvaluationLapsed
from services.proposals.domain.deadlines.commands import RecordDeadlineApproaching, RecordOverdue
from services.proposals.domain.deadlines.config import DEFAULT_DEADLINES, DeadlineConfig
from services.proposals.domain.deadlines.decide import (
    decide_lapse_when_due,
    decide_record_deadline_approaching,
    decide_record_overdue,
)
from services.proposals.domain.deadlines.rules import (
    Reminder,
    open_deadline,
    recorded_for,
    reminder_due,
)
from shared.events import DomainEvent

from ..helpers import PID
from ..lifecycle import Story

CST = timezone(timedelta(hours=8))
REPLY_DUE = date(2024, 4, 15)
CO_DUE = date(2024, 2, 15)
SIGN_IN_DUE = date(2024, 1, 22)


def on(day: date, hour: int = 10) -> datetime:
    """`hour` o'clock in the county on `day`, as aware UTC."""
    return datetime.combine(day, time(hour), tzinfo=CST).astimezone(UTC)


def assigned(*pairs: tuple[str, str]) -> Story:
    story = Story.registered()
    story.assign(*(pairs or (("zhujianju", "sole"),)))
    return story


def approaching(
    story: Story,
    day: date,
    threshold: int,
    task_id: str = "t1",
    kind: str = "reply",
    due_on: date = REPLY_DUE,
    config: DeadlineConfig = DEFAULT_DEADLINES,
) -> list[DomainEvent]:
    cmd = RecordDeadlineApproaching(
        proposal_id=PID,
        actor="system",
        at=on(day),
        task_id=task_id,
        kind=kind,
        threshold_days=threshold,
        due_on=due_on,
    )
    return story.do(decide_record_deadline_approaching, cmd, WEEKENDS_ONLY, story.config, config)


def overdue(
    story: Story, day: date, task_id: str = "t1", kind: str = "reply", due_on: date = REPLY_DUE
) -> list[DomainEvent]:
    cmd = RecordOverdue(
        proposal_id=PID, actor="system", at=on(day), task_id=task_id, kind=kind, due_on=due_on
    )
    return story.do(decide_record_overdue, cmd, story.config)


def lapse(story: Story, day: date, reply_id: str = "t1-1") -> list[DomainEvent]:
    cmd = RecordEvaluationLapsed(proposal_id=PID, actor="system", at=on(day), reply_id=reply_id)
    return story.do(decide_lapse_when_due, cmd, story.config)


def due_today(
    story: Story,
    day: date,
    task_id: str = "t1",
    kind: str = "reply",
    config: DeadlineConfig = DEFAULT_DEADLINES,
) -> Reminder | None:
    """What the timer would record today for the task's deadline (from the state's marks)."""
    deadline = open_deadline(story.state, task_id, kind)
    if deadline is None:
        return None
    smallest, late = recorded_for(story.state.deadline_marks, deadline)
    return reminder_due(kind, deadline.due_on, day, smallest, late, config, WEEKENDS_ONLY)


def record_due(
    story: Story,
    day: date,
    task_id: str = "t1",
    kind: str = "reply",
    config: DeadlineConfig = DEFAULT_DEADLINES,
) -> list[DomainEvent]:
    """Act like one timer scan for one deadline on `day`."""
    deadline = open_deadline(story.state, task_id, kind)
    due = due_today(story, day, task_id, kind, config)
    if deadline is None or due is None:
        return []
    if due.overdue:
        return overdue(story, day, task_id, kind, deadline.due_on)
    assert due.threshold_days is not None
    return approaching(story, day, due.threshold_days, task_id, kind, deadline.due_on, config)
