"""The `WorkCalendar` contract the artifacts rely on (module owned by the lifecycle work):
weekends, holidays and 调休 — and the round trip of adding and counting working days."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from services.proposals.domain.calendar import WorkCalendar

# 2026: 春节 Feb 15–23 off; Sat Feb 14 and Sat Feb 28 are adjusted working days.
SPRING = WorkCalendar(
    holidays=frozenset(date(2026, 2, d) for d in range(15, 24)),
    extra_workdays=frozenset({date(2026, 2, 14), date(2026, 2, 28)}),
)


def test_plain_calendar_counts_monday_to_friday() -> None:
    plain = WorkCalendar()
    assert plain.is_workday(date(2026, 3, 2))  # Monday
    assert not plain.is_workday(date(2026, 3, 7))  # Saturday
    assert plain.add_workdays(date(2026, 3, 6), 1) == date(2026, 3, 9)  # Fri → Mon
    assert plain.add_workdays(date(2026, 3, 2), 5) == date(2026, 3, 9)
    assert plain.workdays_between(date(2026, 3, 2), date(2026, 3, 9)) == 5


def test_holidays_are_skipped_and_adjusted_saturdays_count() -> None:
    assert SPRING.is_workday(date(2026, 2, 14))  # 调休 Saturday
    assert not SPRING.is_workday(date(2026, 2, 16))  # Monday in 春节
    # Fri Feb 13 + 1 → Sat Feb 14 (调休); + 2 → Tue Feb 24 (after the holiday)
    assert SPRING.add_workdays(date(2026, 2, 13), 1) == date(2026, 2, 14)
    assert SPRING.add_workdays(date(2026, 2, 13), 2) == date(2026, 2, 24)
    assert SPRING.workdays_between(date(2026, 2, 13), date(2026, 2, 28)) == 6
    assert SPRING.add_workdays(date(2026, 2, 16), 0) == date(2026, 2, 16)


START = date(2026, 1, 1)
days = st.integers(min_value=0, max_value=400).map(lambda n: START + timedelta(days=n))
calendars = st.builds(
    WorkCalendar,
    holidays=st.frozensets(days, max_size=40),
    extra_workdays=st.frozensets(days, max_size=10),
)


@settings(max_examples=150, deadline=None)
@given(cal=calendars, d=days, n=st.integers(min_value=0, max_value=60))
def test_adding_then_counting_gives_back_n(cal: WorkCalendar, d: date, n: int) -> None:
    later = cal.add_workdays(d, n)
    assert cal.workdays_between(d, later) == n
    assert later >= d
    assert n == 0 or cal.is_workday(later)


@settings(max_examples=150, deadline=None)
@given(cal=calendars, a=days, b=days, c=days)
def test_counting_forward_is_additive(cal: WorkCalendar, a: date, b: date, c: date) -> None:
    a, b, c = sorted((a, b, c))
    assert cal.workdays_between(a, b) + cal.workdays_between(b, c) == cal.workdays_between(a, c)
    assert 0 <= cal.workdays_between(a, b) <= (b - a).days
