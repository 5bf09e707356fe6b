"""Small pure rules of the liaison-group panels (quota progress, rates)."""

from __future__ import annotations

from datetime import date


def expected_by(quota: int, year: int, as_of: date) -> int:
    """How many of a yearly quota should be done by `as_of`: pro rata by completed months
    (4 a year → 1 after March), the whole quota once the year is over, none before."""
    if as_of.year > year:
        return quota
    if as_of.year < year:
        return 0
    return quota * (as_of.month - 1) // 12


def rate(part: int, whole: int) -> float | None:
    """part / whole rounded to 4 places (None when there is nothing to divide by)."""
    return round(part / whole, 4) if whole else None


def per(part: int, whole: int) -> float:
    return round(part / whole, 2) if whole else 0.0
