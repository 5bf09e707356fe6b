"""Path and query parameters shared by the proposal routes; the clock (edge only)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Annotated

from fastapi import Path, Query

from services.proposals.domain import ProposalStatus

ProposalId = Annotated[str, Path(min_length=1, max_length=64, description="提案编号")]
TaskId = Annotated[str, Path(pattern=r"^t[0-9]{1,4}$", description="承办任务编号，如 t1")]
ReplyId = Annotated[str, Path(pattern=r"^t[0-9]{1,4}-[0-9]{1,2}$", description="答复编号，如 t1-1")]
MemberIdPath = Annotated[str, Path(min_length=1, max_length=64, description="委员编号")]
UnitIdPath = Annotated[str, Path(pattern=r"^[a-z0-9][a-z0-9_-]{1,31}$", description="承办单位编号")]
TownshipId = Annotated[
    str, Path(pattern=r"^[a-z0-9][a-z0-9_-]{1,31}$", description="乡镇（联络组）编号")
]
StatusFilter = Annotated[ProposalStatus | None, Query(description="按状态筛选")]
PageNo = Annotated[int, Query(ge=1, le=10_000, description="页码，从 1 开始")]
PageSize = Annotated[int, Query(ge=1, le=100, description="每页条数")]
AsOf = Annotated[date | None, Query(description="以该日（YYYY-MM-DD）为准判断是否超期；默认今天")]


def now() -> datetime:
    return datetime.now(UTC)


def today(utc_offset_hours: int = 8) -> date:
    """Today in the county (the default `as_of`)."""
    return now().astimezone(timezone(timedelta(hours=utc_offset_hours))).date()
