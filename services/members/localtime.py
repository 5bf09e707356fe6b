"""The county's local calendar (Asia/Shanghai): "today" and "this year" for users."""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

LOCAL_TZ = ZoneInfo("Asia/Shanghai")


def utc_now() -> datetime:
    """The clock, read only at the edge (HTTP handlers)."""
    return datetime.now(UTC)


def local_date(moment: datetime) -> date:
    """The calendar date in the county at an aware instant (deterministic)."""
    return moment.astimezone(LOCAL_TZ).date()


def local_year(moment: datetime) -> int:
    return local_date(moment).year
