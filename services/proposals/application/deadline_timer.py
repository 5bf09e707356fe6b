"""The deadline timer: every `scan_interval_seconds` it reads the due deadlines from the
`deadline_watch` read model and issues the commands that record them — 临近期限 (T-15,
T-5 …), 超期 (reply, 会办意见, 签收) and 逾期未评价 (which may conclude the proposal).

Exactly once, also with several instances and across restarts: the proposal aggregate
keeps which reminders were recorded and the deciders return nothing for a repeat; two
instances racing on one proposal meet a concurrency conflict, the loser reloads and finds
nothing left to do (docs/decisions/0012-deadline-timers.md). The clock is injectable:
`rt.extras["clock"]` (a `Callable[[], datetime]`, default UTC now); tests call
`scan_once(rt, now)` directly.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import structlog
from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.engine import Row

from services.proposals.config_deadlines import deadline_config
from services.proposals.domain import ProposalState, proposal_decider
from services.proposals.domain.calendar import WorkCalendar, local_date
from services.proposals.domain.commands_handling import RecordEvaluationLapsed
from services.proposals.domain.config import LifecycleConfig
from services.proposals.domain.deadlines.commands import RecordDeadlineApproaching, RecordOverdue
from services.proposals.domain.deadlines.config import DeadlineConfig
from services.proposals.domain.deadlines.decide import (
    decide_lapse_when_due,
    decide_record_deadline_approaching,
    decide_record_overdue,
)
from services.proposals.domain.deadlines.rules import horizon, reminder_due
from services.proposals.projections.deadlines import EVALUATION, DeadlineWatch
from shared.commands import CommandContext, Decision, Target
from shared.domain import DomainError
from shared.events import DomainEvent
from shared.service import ServiceRuntime

from .lifecycle import config_of, work_calendar
from .lookup import projection

log = structlog.get_logger(__name__)

Clock = Callable[[], datetime]
Decide = Callable[[ProposalState], list[DomainEvent]]
CLOCK_KEY = "clock"
TASK_KEY = "proposals.deadline_timer"
WATCH_KEY = "proposals.deadline_watch"
ACTOR = "system"


def utc_now() -> datetime:
    return datetime.now(UTC)


def clock_of(rt: ServiceRuntime) -> Clock:
    clock = rt.extras.get(CLOCK_KEY)
    return clock if callable(clock) else utc_now


async def scan_once(rt: ServiceRuntime, now: datetime) -> int:
    """One scan at `now`: issue the due commands; returns how many recorded something."""
    config, lifecycle = deadline_config(rt), config_of(rt)
    calendar = await work_calendar(rt)
    day = local_date(now, lifecycle.utc_offset_hours)
    rows = await _due_rows(rt, day, config, calendar)
    ctx = CommandContext(actor=ACTOR, now=now)
    recorded = 0
    for row in rows:
        action = _action(row, now, day, config, lifecycle, calendar)
        if action is None:
            continue
        name, decide = action
        try:
            result = await rt.commands.execute(
                name, [Target(proposal_decider, row.proposal_id)], _on_proposal(decide), ctx
            )
        except DomainError as exc:  # stale read model, or conflicts exhausted: next scan
            log.warning(
                "deadline_command_skipped",
                command=name,
                proposal_id=row.proposal_id,
                item_id=row.item_id,
                error=exc.message,
            )
            continue
        recorded += 1 if result.events else 0
    if recorded:
        log.info("deadline_scan", day=str(day), recorded=recorded, considered=len(rows))
    return recorded


def _on_proposal(decide: Decide) -> Callable[[list[Any]], Decision]:
    def run(states: list[Any]) -> Decision:
        return decide(states[0])

    return run


def _action(
    row: Row[Any],
    now: datetime,
    day: date,
    config: DeadlineConfig,
    lifecycle: LifecycleConfig,
    calendar: WorkCalendar,
) -> tuple[str, Decide] | None:
    """The command one due row asks for (None: nothing due after all)."""
    pid = row.proposal_id
    if row.kind == EVALUATION:
        if day <= row.due_on:
            return None
        lapse = RecordEvaluationLapsed(proposal_id=pid, actor=ACTOR, at=now, reply_id=row.item_id)
        return "evaluation_lapsed", lambda s: decide_lapse_when_due(lapse, s, lifecycle)
    due = reminder_due(
        row.kind, row.due_on, day, row.last_threshold, row.overdue_recorded, config, calendar
    )
    if due is None:
        return None
    task = {"proposal_id": pid, "actor": ACTOR, "at": now, "task_id": row.task_id}
    if due.overdue:
        overdue = RecordOverdue(**task, kind=row.kind, due_on=row.due_on)
        return "record_overdue", lambda s: decide_record_overdue(overdue, s, lifecycle)
    assert due.threshold_days is not None
    approaching = RecordDeadlineApproaching(
        **task, kind=row.kind, threshold_days=due.threshold_days, due_on=row.due_on
    )
    return "record_deadline_approaching", lambda s: decide_record_deadline_approaching(
        approaching, s, calendar, lifecycle, config
    )


async def _due_rows(
    rt: ServiceRuntime, day: date, config: DeadlineConfig, calendar: WorkCalendar
) -> list[Row[Any]]:
    """Open, armed rows that need a command on `day` (oldest due date first)."""
    w = _watch(rt).watch
    kinds = ["reply"] + (["co_opinion"] if config.co_opinion_reminders else [])
    overdue_kinds = kinds + (["sign_in"] if config.sign_in_overdue else [])
    wanted: list[ColumnElement[bool]] = [
        and_(w.c.kind.in_(overdue_kinds), w.c.due_on < day, w.c.overdue_recorded.is_(False))
    ]
    if config.lapse_evaluations:
        wanted.append(and_(w.c.kind == EVALUATION, w.c.due_on < day))
    for threshold in config.approaching_days:
        last = horizon(day, threshold, config.day_unit, calendar)
        not_yet = or_(w.c.last_threshold.is_(None), w.c.last_threshold > threshold)
        wanted.append(and_(w.c.kind.in_(kinds), w.c.due_on >= day, w.c.due_on <= last, not_yet))
    stmt = (
        select(w)
        .where(w.c.open.is_(True), w.c.armed.is_(True), or_(*wanted))
        .order_by(w.c.due_on, w.c.proposal_id, w.c.kind, w.c.item_id)
        .limit(config.max_commands_per_scan)
    )
    async with rt.db.read() as conn:
        return list((await conn.execute(stmt)).all())


def _watch(rt: ServiceRuntime) -> DeadlineWatch:
    """The live projection, or (an instance that runs no projections) its tables."""
    found = rt.extras.get(WATCH_KEY)
    if isinstance(found, DeadlineWatch):
        return found
    try:
        found = projection(rt, DeadlineWatch)
    except LookupError:
        found = DeadlineWatch(dialect=rt.db.dialect)
    rt.extras[WATCH_KEY] = found
    return found


# --- the background task (service hooks) ---------------------------------------------------


async def run_timer(rt: ServiceRuntime, interval: float) -> None:
    """Scan now, then every `interval` seconds, until cancelled; errors wait a round."""
    while True:
        try:
            await scan_once(rt, clock_of(rt)())
        except asyncio.CancelledError:
            raise
        except Exception as exc:  # store or database trouble: try again next round
            log.warning("deadline_scan_failed", error=repr(exc))
        await asyncio.sleep(interval)


async def start_deadline_timer(rt: ServiceRuntime) -> None:
    """`on_start` hook: the timer runs beside the projections."""
    rt.extras.setdefault(CLOCK_KEY, utc_now)
    interval = deadline_config(rt).scan_interval_seconds
    rt.extras[TASK_KEY] = asyncio.create_task(run_timer(rt, interval), name="deadline-timer")


async def stop_deadline_timer(rt: ServiceRuntime) -> None:
    """`on_stop` hook: cancel the timer (a command cut short is safe: a repeat is a no-op)."""
    task = rt.extras.pop(TASK_KEY, None)
    if isinstance(task, asyncio.Task):
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await task
