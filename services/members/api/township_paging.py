"""Paging of the liaison-group views' detail lists (visits, issues, proposals, members …).

Counters and statistics are always computed over all of the year's rows (in SQL where the
rows are many); only the lists of rows are cut to one page. Every list of a response is
paged with the same `limit`/`offset`, and each panel says in `pages` how many rows each of
its lists has in all, so a client can ask for the next page (usually through the one
panel's route: `/townships/{id}/panels/visits?offset=50`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from fastapi import Query
from pydantic import BaseModel, Field
from sqlalchemy import Select

T = TypeVar("T")

DEFAULT_LIMIT = 50
MAX_LIMIT = 500
MAX_OFFSET = 1_000_000

Limit = Annotated[
    int,
    Query(
        ge=1,
        le=MAX_LIMIT,
        description=(
            f"每个明细列表（走访、问题、提案、委员等）最多返回的条数，默认 {DEFAULT_LIMIT}，"
            f"最大 {MAX_LIMIT}；统计数字不受影响，始终按全年全部记录计算"
        ),
    ),
]
Offset = Annotated[
    int,
    Query(
        ge=0,
        le=MAX_OFFSET,
        description="每个明细列表跳过的条数（翻页用），默认 0；各列表的总条数见 pages",
    ),
]


class ListPage(BaseModel):
    """Which part of one list a response holds."""

    total: int = Field(description="该列表在当前查看范围内的总条数")
    offset: int = Field(description="本页跳过的条数")
    limit: int = Field(description="每页最多条数")
    has_more: bool = Field(description="后面还有记录（用 offset + limit 取下一页）")


@dataclass(frozen=True)
class Paging:
    """One request's `limit`/`offset`, applied to every detail list of the response."""

    limit: int = DEFAULT_LIMIT
    offset: int = 0

    def page(self, total: int) -> ListPage:
        return ListPage(
            total=total,
            offset=self.offset,
            limit=self.limit,
            has_more=self.offset + self.limit < total,
        )

    def cut(self, rows: Sequence[T]) -> list[T]:
        """One page of a list computed in Python (small lists only)."""
        return list(rows[self.offset : self.offset + self.limit])

    def apply(self, stmt: Select[Any]) -> Select[Any]:
        """One page of an ordered query."""
        return stmt.limit(self.limit).offset(self.offset)


#: Everything at once (the year summary and the alerts need every row, not a page).
ALL = Paging(limit=MAX_OFFSET, offset=0)
