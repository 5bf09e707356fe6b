"""Working-day arithmetic over the county's calendar (pure: the calendar is an argument).

`WorkCalendar` is the contract with the holiday-calendar reference data (built elsewhere in
this service): official holidays (法定节假日) and adjusted working days (调休上班日). A day is
a working day when it is an adjusted working day, or a Monday–Friday that is not a holiday.

The application layer reads the calendar the office maintains (the `calendar_days` read
model, `application/artifacts_calendar.load_work_calendar`) and passes it to the deciders;
with no days entered it is the plain Monday–Friday calendar (`WEEKENDS_ONLY`).

Deadlines are local calendar dates in the county (due by the end of that day). A deadline
counted in months that falls on a non-working day moves to the next working day (as for
statutory periods: 期间届满的最后一日是节假日的，以节假日后的第一日为期间届满日).
"""

from __future__ import annotations

import calendar as _calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone


@dataclass(frozen=True)
class WorkCalendar:
    holidays: frozenset[date] = frozenset()
    extra_workdays: frozenset[date] = frozenset()

    def is_working_day(self, day: date) -> bool:
        if day in self.extra_workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5

    # Method forms (used by the artifacts deciders).
    def is_workday(self, day: date) -> bool:
        return self.is_working_day(day)

    def add_workdays(self, start: date, days: int) -> date:
        return add_working_days(start, days, self)

    def workdays_between(self, start: date, end: date) -> int:
        return working_days_between(start, end, self)

    def next_workday(self, day: date) -> date:
        return next_working_day(day, self)


WEEKENDS_ONLY = WorkCalendar()


def add_working_days(start: date, days: int, cal: WorkCalendar) -> date:
    """The `days`-th working day after `start` (`start` itself not counted)."""
    if days < 0:
        raise ValueError("days must be >= 0")
    current = start
    counted = 0
    while counted < days:
        current += timedelta(days=1)
        if cal.is_working_day(current):
            counted += 1
    return current


def working_days_between(start: date, end: date, cal: WorkCalendar) -> int:
    """Working days in (start, end]; 0 when end <= start."""
    count = 0
    current = start
    while current < end:
        current += timedelta(days=1)
        if cal.is_working_day(current):
            count += 1
    return count


def next_working_day(day: date, cal: WorkCalendar) -> date:
    """`day` itself when it is a working day, else the first working day after it."""
    current = day
    while not cal.is_working_day(current):
        current += timedelta(days=1)
    return current


def add_months(day: date, months: int) -> date:
    """Same day `months` later, clamped to the month's end (31 Jan + 1 month = 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = _calendar.monthrange(year, month)[1]
    return date(year, month, min(day.day, last))


def due_after_months(start: date, months: int, cal: WorkCalendar) -> date:
    """A months-counted deadline, moved to the next working day when needed."""
    return next_working_day(add_months(start, months), cal)


def local_tz(utc_offset_hours: int) -> timezone:
    return timezone(timedelta(hours=utc_offset_hours))


def local_date(moment: datetime, utc_offset_hours: int) -> date:
    """The county's calendar date at an aware instant."""
    return moment.astimezone(local_tz(utc_offset_hours)).date()


def end_of_day(day: date, utc_offset_hours: int) -> datetime:
    """The instant a deadline on `day` passes: local midnight after it, as aware UTC."""
    midnight = datetime.combine(day + timedelta(days=1), time(0), tzinfo=local_tz(utc_offset_hours))
    return midnight.astimezone(UTC)
