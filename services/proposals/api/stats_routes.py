"""Statistics of a session (立案率、办复率、按期办复率、面商率、满意率 …), county-wide and
for one township's liaison group."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from services.proposals.application import stats_reads
from services.proposals.application.stats_facts import Scope
from services.proposals.config_lifecycle import lifecycle_config
from shared.auth import CurrentPrincipal
from shared.service import ReadAfter, Runtime

from .params import TownshipId
from .stats_schemas import StatisticsOut, statistics_out

router = APIRouter()

TermNo = Annotated[int, Query(ge=1, le=99, description="届次，如 10")]
SessionNo = Annotated[int, Query(ge=1, le=20, description="会次，如 3")]
PeriodFilter = Annotated[
    Literal["plenary", "interim"] | None,
    Query(description="只统计大会提案 plenary 或平时提案 interim；省略 = 全部"),
]


def scope_of(
    term_no: int, session_no: int, period: str | None, township_id: str | None = None
) -> Scope:
    return Scope(term_no=term_no, session_no=session_no, period=period, township_id=township_id)


@router.get(
    "/statistics",
    tags=["提案统计"],
    summary=(
        "提案统计：立案率、办复率、按期办复率、面商率、满意率、结果类别构成、类别、重点提案、"
        "集体与个人提案占比、参与提案委员占比，及按乡镇分列（提案委、政协机关、交办和督办部门）"
    ),
    dependencies=[ReadAfter],
)
async def statistics(
    principal: CurrentPrincipal,
    rt: Runtime,
    term_no: TermNo,
    session_no: SessionNo,
    period: PeriodFilter = None,
) -> StatisticsOut:
    stats_reads.require_stats(principal)
    stats = await stats_reads.statistics(rt, scope_of(term_no, session_no, period))
    return statistics_out(stats, lifecycle_config(rt).result_classes)


@router.get(
    "/townships/{township_id}/statistics",
    tags=["乡镇联络组"],
    summary="乡镇联络组提案统计：本乡镇委员提出的提案的各项比率（本乡镇，或县级统计用户）",
    dependencies=[ReadAfter],
)
async def township_statistics(
    township_id: TownshipId,
    principal: CurrentPrincipal,
    rt: Runtime,
    term_no: TermNo,
    session_no: SessionNo,
    period: PeriodFilter = None,
) -> StatisticsOut:
    stats_reads.require_township_stats(principal, township_id)
    scope = scope_of(term_no, session_no, period, township_id)
    stats = await stats_reads.statistics(rt, scope)
    return statistics_out(stats, lifecycle_config(rt).result_classes)
