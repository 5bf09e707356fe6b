"""`work_calendar` (one per year): official holidays and adjusted working days (调休).

Reference data for working-day deadlines (DOMAIN §8.2). No seed: the office enters each
year's days from the State Council notice. Aggregate id: the year, e.g. `2026`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import ClassVar, Literal, cast

from pydantic import BaseModel, ConfigDict

from shared.domain import Decider, Invalid, NotFound, Rejected
from shared.events import DomainEvent

from .base import CONTEXT, ArtifactCommand, choice, no_duplicates, registry, text, year_of
from .labels import DAY_KIND_LABELS

WORK_CALENDAR = "work_calendar"
DayKind = Literal["holiday", "workday"]
WEEKDAYS = "一二三四五六日"
LABEL_MAX_CHARS = 20


class WorkCalendarEvent(DomainEvent):
    context: ClassVar[str] = CONTEXT
    aggregate: ClassVar[str] = WORK_CALENDAR

    year: int


@registry.register
class CalendarDayAdded(WorkCalendarEvent):
    """A day set as 法定节假日 (holiday) or 调休上班日 (workday); re-adding renames it."""

    name: ClassVar[str] = "day_added"

    day: date
    kind: DayKind
    label: str


@registry.register
class CalendarDayRemoved(WorkCalendarEvent):
    name: ClassVar[str] = "day_removed"

    day: date
    kind: DayKind


@dataclass(frozen=True)
class WorkCalendarState:
    year: int = 0
    days: Mapping[date, tuple[DayKind, str]] = field(default_factory=dict)


def evolve_work_calendar(state: WorkCalendarState, event: DomainEvent) -> WorkCalendarState:
    match event:
        case CalendarDayAdded():
            days = {**state.days, event.day: (event.kind, event.label)}
            return replace(state, year=event.year, days=days)
        case CalendarDayRemoved():
            return replace(state, days={d: v for d, v in state.days.items() if d != event.day})
        case _:
            return state


work_calendar_decider: Decider[WorkCalendarState] = Decider(
    CONTEXT, WORK_CALENDAR, WorkCalendarState(), evolve_work_calendar
)


class CalendarDay(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    day: date
    label: str = ""


class AddCalendarDays(ArtifactCommand):
    """设置法定节假日（holiday）或调休上班日（workday）."""

    year: int
    kind: str
    days: list[CalendarDay]


class RemoveCalendarDays(ArtifactCommand):
    year: int
    days: list[date]


def decide_add_calendar_days(cmd: AddCalendarDays, state: WorkCalendarState) -> list[DomainEvent]:
    year = year_of(cmd.year)
    kind = cast(DayKind, choice(cmd.kind, DAY_KIND_LABELS, "日期类型"))
    _check_days(year, [d.day for d in cmd.days])
    events: list[DomainEvent] = []
    for item in cmd.days:
        label = text(item.label, "日期说明", LABEL_MAX_CHARS, required=False)
        if kind == "workday" and item.day.weekday() < 5:
            raise Invalid(
                f"{item.day}（星期{WEEKDAYS[item.day.weekday()]}）本来就是工作日，"
                "调休上班日只能设在周六或周日",
                code="not_a_weekend",
            )
        existing = state.days.get(item.day)
        if existing is not None and existing[0] != kind:
            raise Rejected(
                f"{item.day} 已设为{DAY_KIND_LABELS[existing[0]]}，"
                f"不能再设为{DAY_KIND_LABELS[kind]}；如需更改，请先删除该日期",
                code="day_kind_conflict",
            )
        if existing != (kind, label):
            events.append(CalendarDayAdded(year=year, day=item.day, kind=kind, label=label))
    return events


def decide_remove_calendar_days(
    cmd: RemoveCalendarDays, state: WorkCalendarState
) -> list[DomainEvent]:
    year = year_of(cmd.year)
    _check_days(year, cmd.days)
    missing = [str(d) for d in cmd.days if d not in state.days]
    if missing:
        raise NotFound(
            f"{'、'.join(missing)} 未设为节假日或调休上班日，无需删除，请核对日期",
            code="day_not_set",
        )
    return [CalendarDayRemoved(year=year, day=d, kind=state.days[d][0]) for d in cmd.days]


def _check_days(year: int, days: list[date]) -> None:
    if not days:
        raise Invalid("请至少填写一个日期", code="days_required")
    outside = [str(d) for d in days if d.year != year]
    if outside:
        raise Invalid(
            f"{'、'.join(outside)} 不在 {year} 年内，请按年份分别录入", code="day_outside_year"
        )
    no_duplicates([str(d) for d in days], "日期")
