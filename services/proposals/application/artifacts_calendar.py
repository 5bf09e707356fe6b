"""The holiday calendar: set days (county_admin) and read it back as a `WorkCalendar`.

`load_work_calendar(db)` is what deadline computations call: every holiday and adjusted
working day the office has entered (all years), from the `calendar_days` read model.
With nothing entered it is the plain Monday–Friday calendar.
"""

from __future__ import annotations

from functools import cache

from sqlalchemy.ext.asyncio import AsyncConnection

from services.proposals.domain.artifacts.work_calendar import (
    AddCalendarDays,
    RemoveCalendarDays,
    decide_add_calendar_days,
    decide_remove_calendar_days,
    work_calendar_decider,
)
from services.proposals.domain.calendar import WorkCalendar
from services.proposals.projections.artifacts_calendar import CalendarDays
from shared.auth import Forbidden, Principal
from shared.commands import Target
from shared.db import Database
from shared.http import Accepted
from shared.service import ServiceRuntime

from .artifacts_common import run

ADMIN_ONLY = "只有政协机关（系统管理员）可以维护节假日和调休安排。"


@cache
def _live_days() -> CalendarDays:
    """The live (unprefixed) read model, for callers that only hold a database."""
    return CalendarDays()


async def load_work_calendar(db: Database | AsyncConnection) -> WorkCalendar:
    if isinstance(db, Database):
        async with db.read() as conn:
            return await _calendar(conn)
    return await _calendar(db)


async def _calendar(conn: AsyncConnection) -> WorkCalendar:
    rows = await _live_days().all_days(conn)
    return WorkCalendar(
        holidays=frozenset(r.day for r in rows if r.kind == "holiday"),
        extra_workdays=frozenset(r.day for r in rows if r.kind == "workday"),
    )


def _require_admin(principal: Principal) -> None:
    if not principal.is_admin:
        raise Forbidden(ADMIN_ONLY)


async def add_days(rt: ServiceRuntime, principal: Principal, cmd: AddCalendarDays) -> Accepted:
    _require_admin(principal)
    return await run(
        rt,
        principal,
        "add_calendar_days",
        [Target(work_calendar_decider, str(cmd.year))],
        lambda states: decide_add_calendar_days(cmd, states[0]),
        cmd.at,
    )


async def remove_days(
    rt: ServiceRuntime, principal: Principal, cmd: RemoveCalendarDays
) -> Accepted:
    _require_admin(principal)
    return await run(
        rt,
        principal,
        "remove_calendar_days",
        [Target(work_calendar_decider, str(cmd.year))],
        lambda states: decide_remove_calendar_days(cmd, states[0]),
        cmd.at,
    )
