"""Query and path parameters shared by the duty-activity routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path, Query

from services.members.api.activities_queries import Filters
from services.members.projections.activities import DutyActivities
from shared.service import ServiceRuntime

Year = Annotated[int | None, Query(ge=2000, le=2100, description="年度")]
TownshipQ = Annotated[
    str | None, Query(max_length=32, description="只看属于该乡镇（联络组）的记录")
]
MemberQ = Annotated[str | None, Query(max_length=36, description="只看该委员参与的记录")]
Kind = Annotated[str | None, Query(max_length=40, description="类型代码")]
Status = Annotated[str | None, Query(max_length=40, description="状态代码")]
Limit = Annotated[int, Query(ge=1, le=1000, description="最多返回条数")]
Offset = Annotated[int, Query(ge=0, description="跳过条数")]
RecordPath = Annotated[str, Path(max_length=64, description="记录编号（UUID）")]


def filters(
    year: int | None,
    township_id: str | None,
    member_id: str | None,
    kind: str | None,
    status: str | None,
    limit: int,
    offset: int,
) -> Filters:
    return Filters(
        year=year,
        township_id=township_id,
        member_id=member_id,
        kind=kind,
        status=status,
        limit=limit,
        offset=offset,
    )


def projection(rt: ServiceRuntime) -> DutyActivities:
    return next(p for p in rt.runner.projections if isinstance(p, DutyActivities))
