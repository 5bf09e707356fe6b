"""Routes: the holiday calendar (节假日与调休) and working-day arithmetic."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import APIRouter, Query

from services.proposals.application import artifacts_calendar as app
from services.proposals.application.lookup import projection
from services.proposals.domain.artifacts.labels import DAY_KIND_LABELS
from services.proposals.domain.artifacts.work_calendar import (
    AddCalendarDays,
    CalendarDay,
    RemoveCalendarDays,
)
from services.proposals.projections.artifacts_calendar import CalendarDays
from shared.auth import CurrentPrincipal
from shared.domain import Invalid
from shared.http import Accepted
from shared.service import ReadAfter, Runtime

from .artifacts_schemas import (
    AddDaysIn,
    CalendarDayOut,
    CalendarYear,
    DeadlineOut,
    RemoveDaysIn,
    WorkdaysOut,
    Year,
    coded,
)

router = APIRouter(tags=["节假日与调休"])
MAX_SPAN_DAYS = 3 * 366


def now() -> datetime:
    return datetime.now(UTC)


@router.post(
    "/calendar/{year}/days",
    status_code=202,
    summary="设置法定节假日或调休上班日（政协机关）",
)
async def add_days(
    year: Year, body: AddDaysIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    days = [CalendarDay(day=d.day, label=d.label) for d in body.days]
    cmd = AddCalendarDays(actor=principal.actor, at=now(), year=year, kind=body.kind, days=days)
    return await app.add_days(rt, principal, cmd)


@router.post(
    "/calendar/{year}/days/remove",
    status_code=202,
    summary="删除已设置的节假日或调休上班日（政协机关）",
)
async def remove_days(
    year: Year, body: RemoveDaysIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = RemoveCalendarDays(actor=principal.actor, at=now(), year=year, days=body.days)
    return await app.remove_days(rt, principal, cmd)


@router.get(
    "/calendar/workdays",
    summary="计算两个日期之间的工作日数（按已录入的节假日和调休）",
    dependencies=[ReadAfter],
)
async def workdays(
    _: CurrentPrincipal,
    rt: Runtime,
    start: Annotated[date, Query(description="起始日期（不计入）")],
    end: Annotated[date, Query(description="截止日期（计入）")],
) -> WorkdaysOut:
    if end < start:
        raise Invalid("截止日期不能早于起始日期", code="end_before_start")
    if (end - start).days > MAX_SPAN_DAYS:
        raise Invalid("起止日期相差不能超过三年", code="span_too_long")
    calendar = await app.load_work_calendar(rt.db)
    return WorkdaysOut(start=start, end=end, workdays=calendar.workdays_between(start, end))


@router.get(
    "/calendar/deadline",
    summary="计算若干个工作日后的日期（如办理期限）",
    dependencies=[ReadAfter],
)
async def deadline(
    _: CurrentPrincipal,
    rt: Runtime,
    start: Annotated[date, Query(description="起算日期（不计入）")],
    workdays: Annotated[int, Query(ge=0, le=250, description="工作日数")],
) -> DeadlineOut:
    calendar = await app.load_work_calendar(rt.db)
    return DeadlineOut(
        start=start, workdays=workdays, deadline=calendar.add_workdays(start, workdays)
    )


@router.get(
    "/calendar/{year}",
    summary="查看某年的法定节假日和调休上班日",
    dependencies=[ReadAfter],
)
async def calendar_year(year: Year, _: CurrentPrincipal, rt: Runtime) -> CalendarYear:
    async with rt.db.read() as conn:
        rows = await projection(rt, CalendarDays).year(conn, year)
    days = [
        CalendarDayOut(
            day=r.day,
            weekday=r.day.isoweekday(),
            kind=coded(r.kind, DAY_KIND_LABELS),
            label=r.label,
        )
        for r in rows
    ]
    return CalendarYear(
        year=year,
        holidays=sum(1 for d in days if d.kind.code == "holiday"),
        adjusted_workdays=sum(1 for d in days if d.kind.code == "workday"),
        days=days,
    )
