"""work_calendar: set and remove holidays / adjusted working days (county_admin data)."""

from __future__ import annotations

from datetime import date

from services.proposals.domain.artifacts.work_calendar import (
    AddCalendarDays,
    CalendarDay,
    CalendarDayAdded,
    CalendarDayRemoved,
    RemoveCalendarDays,
    decide_add_calendar_days,
    decide_remove_calendar_days,
    work_calendar_decider,
)

from .helpers import ACTOR, AT, given, rejected

SPRING = [CalendarDay(day=date(2026, 2, 16), label="春节"), CalendarDay(day=date(2026, 2, 17))]


def add(
    kind: str = "holiday", days: list[CalendarDay] | None = None, year: int = 2026
) -> AddCalendarDays:
    return AddCalendarDays(actor=ACTOR, at=AT, year=year, kind=kind, days=days or SPRING)


def remove(*days: date, year: int = 2026) -> RemoveCalendarDays:
    return RemoveCalendarDays(actor=ACTOR, at=AT, year=year, days=list(days))


def test_holidays_and_an_adjusted_saturday_are_set() -> None:
    events = decide_add_calendar_days(add(), work_calendar_decider.initial)
    assert events == [
        CalendarDayAdded(year=2026, day=date(2026, 2, 16), kind="holiday", label="春节"),
        CalendarDayAdded(year=2026, day=date(2026, 2, 17), kind="holiday", label=""),
    ]
    saturday = [CalendarDay(day=date(2026, 2, 14), label="春节调休上班")]
    [event] = decide_add_calendar_days(
        add("workday", saturday), given(work_calendar_decider, events)
    )
    assert isinstance(event, CalendarDayAdded) and event.kind == "workday"
    state = given(work_calendar_decider, [*events, event])
    assert state.days[date(2026, 2, 14)] == ("workday", "春节调休上班")


def test_setting_the_same_day_again_changes_nothing_but_a_new_label_renames() -> None:
    events = decide_add_calendar_days(add(), work_calendar_decider.initial)
    state = given(work_calendar_decider, events)
    assert decide_add_calendar_days(add(), state) == []
    renamed = [CalendarDay(day=date(2026, 2, 16), label="春节假期")]
    [event] = decide_add_calendar_days(add(days=renamed), state)
    assert isinstance(event, CalendarDayAdded) and event.label == "春节假期"


def test_removing_days() -> None:
    state = given(
        work_calendar_decider, decide_add_calendar_days(add(), work_calendar_decider.initial)
    )
    events = decide_remove_calendar_days(remove(date(2026, 2, 16)), state)
    assert events == [CalendarDayRemoved(year=2026, day=date(2026, 2, 16), kind="holiday")]
    assert date(2026, 2, 16) not in work_calendar_decider.fold(events, state).days


def test_rejections() -> None:
    empty = work_calendar_decider.initial
    with rejected(
        "invalid", "日期类型“weekend”无效，可选：法定节假日（holiday）、调休上班日（workday）"
    ):
        decide_add_calendar_days(add("weekend"), empty)
    with rejected("invalid", "年度“1999”无效，请填写 2000 至 2100 之间的年份"):
        decide_add_calendar_days(add(year=1999), empty)
    with rejected("invalid", "2026-02-16、2026-02-17 不在 2025 年内，请按年份分别录入"):
        decide_add_calendar_days(add(year=2025), empty)
    with rejected("invalid", "请至少填写一个日期"):
        decide_remove_calendar_days(remove(), empty)
    twice = [CalendarDay(day=date(2026, 5, 1)), CalendarDay(day=date(2026, 5, 1))]
    with rejected("invalid", "日期重复：2026-05-01，请删除重复项"):
        decide_add_calendar_days(add(days=twice), empty)
    monday = [CalendarDay(day=date(2026, 2, 16))]
    with rejected("invalid", "2026-02-16（星期一）本来就是工作日，调休上班日只能设在周六或周日"):
        decide_add_calendar_days(add("workday", monday), empty)
    long_label = [CalendarDay(day=date(2026, 5, 1), label="劳" * 21)]
    with rejected("invalid", "日期说明不能超过20个字，当前为21个字，请精简"):
        decide_add_calendar_days(add(days=long_label), empty)


def test_a_day_cannot_be_both_kinds_and_unknown_days_cannot_be_removed() -> None:
    saturday = [CalendarDay(day=date(2026, 2, 14))]
    state = given(
        work_calendar_decider,
        decide_add_calendar_days(add(days=saturday), work_calendar_decider.initial),
    )
    with rejected(
        "conflict", "2026-02-14 已设为法定节假日，不能再设为调休上班日；如需更改，请先删除该日期"
    ):
        decide_add_calendar_days(add("workday", saturday), state)
    with rejected("not_found", "2026-10-01 未设为节假日或调休上班日，无需删除，请核对日期"):
        decide_remove_calendar_days(remove(date(2026, 10, 1)), state)
