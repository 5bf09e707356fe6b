"""HTTP routes of the performance file and the appraisal (履职档案与考评, DOMAIN §5.3–5.4).

Reads compute the score from the `performance` read model and the year's rule set;
commands (county office only) go to the `appraisal` aggregate of the member and year.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from services.members.api import performance_views as views
from services.members.api.performance_schemas import (
    AdjustmentIn,
    DecisionIn,
    EvaluationOut,
    LeagueOut,
    PerformanceOut,
    RulesetOut,
    TownshipPerformanceOut,
)
from services.members.application import scoring_handlers as sh
from services.members.application.scoring_config import scoring_config
from services.members.localtime import local_year, utc_now
from shared.auth import CurrentPrincipal
from shared.http import Accepted
from shared.service import ReadAfter, Runtime

router = APIRouter()

TAG = "履职档案与考评"

Year = Annotated[int | None, Query(ge=2000, le=2100, description="考评年度（默认今年）")]
YearPath = Annotated[int, Path(ge=2000, le=2100, description="考评年度，如 2025")]
MemberIdPath = Annotated[str, Path(max_length=64, description="委员编号（UUID）")]
TownshipPath = Annotated[
    str, Path(max_length=32, description="乡镇编号（联络组编号），如 chengguan")
]


def _year(year: int | None) -> int:
    return year if year is not None else local_year(utc_now())


@router.get(
    "/members/{member_id}/performance",
    tags=[TAG],
    summary="委员履职档案与考评得分",
    dependencies=[ReadAfter],
)
async def get_member_performance(
    member_id: MemberIdPath, principal: CurrentPrincipal, rt: Runtime, year: Year = None
) -> PerformanceOut:
    """逐项列出本年度计分事项、所用规则和得分，各类别小计（含上限）、总分和等次，以及触发的约束规则。
    委员本人、所在联络组（本年度曾所属的联络组）和县政协机关可以查看。"""
    return await views.member_performance(rt, principal, member_id, _year(year))


@router.get(
    "/townships/{township_id}/performance",
    tags=[TAG],
    summary="联络组委员考评得分",
    dependencies=[ReadAfter],
)
async def get_township_performance(
    township_id: TownshipPath, principal: CurrentPrincipal, rt: Runtime, year: Year = None
) -> TownshipPerformanceOut:
    """本年度曾在本联络组的委员：全年总分和等次，以及在本组期间的事项得分。本乡镇工作人员和县政协机关可以查看。"""
    return await views.township_performance(rt, principal, township_id, _year(year))


@router.get(
    "/performance/league",
    tags=[TAG],
    summary="全县委员考评排名",
    dependencies=[ReadAfter],
)
async def get_league(principal: CurrentPrincipal, rt: Runtime, year: Year = None) -> LeagueOut:
    """全部在任委员按总分排名（同分同名次），附各联络组平均分。仅限县政协机关。"""
    return await views.league(rt, principal, _year(year))


@router.get("/performance/ruleset", tags=[TAG], summary="考评规则")
async def get_ruleset(principal: CurrentPrincipal, rt: Runtime, year: Year = None) -> RulesetOut:
    """本年度使用的考评规则：基础分、等次、各类别上限、各事项分值和约束规则。登录用户均可查看。"""
    wanted = _year(year)
    return RulesetOut(year=wanted, ruleset=scoring_config(rt).for_year(wanted))


@router.post(
    "/appraisals/{year}/evaluate",
    status_code=202,
    tags=[TAG],
    summary="运行年度考评约束规则",
    dependencies=[ReadAfter],
)
async def evaluate(year: YearPath, principal: CurrentPrincipal, rt: Runtime) -> EvaluationOut:
    """对本年度在任委员逐一计算得分并检查约束规则（无故缺席全会、得分过低、连续低分、提案过少），
    每条规则每名委员每年只记录一次；重复运行不会重复记录。仅限县政协机关。"""
    return views.evaluation_out(await sh.evaluate(rt, principal, year))


@router.post(
    "/appraisals/{year}/members/{member_id}/decisions",
    status_code=202,
    tags=[TAG],
    summary="登记对委员的处理决定",
)
async def decide(
    year: YearPath,
    member_id: MemberIdPath,
    body: DecisionIn,
    principal: CurrentPrincipal,
    rt: Runtime,
) -> Accepted:
    """警示提醒、劝辞或撤销委员资格（记录决定、理由和决定人；结束任职另行办理）。仅限县政协机关。"""
    return await sh.decide(rt, principal, year, member_id, body.model_dump())


@router.post(
    "/appraisals/{year}/members/{member_id}/adjustments",
    status_code=202,
    tags=[TAG],
    summary="调整委员考评分数",
)
async def adjust(
    year: YearPath,
    member_id: MemberIdPath,
    body: AdjustmentIn,
    principal: CurrentPrincipal,
    rt: Runtime,
) -> Accepted:
    """人工加分或减分（须写明理由），在考评明细中单列显示。仅限县政协机关。"""
    return await sh.adjust(rt, principal, year, member_id, body.model_dump())


performance_routers: list[APIRouter] = [router]
