"""HTTP routes of the liaison-group view (DOMAIN §6.3): the dashboard with every panel, one
route per panel, the year summary and the county league table. Access: township_access.

This router is mounted before the service's main router, so its
`/townships/{id}/dashboard` (the earlier fields plus the panels) is the one served.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Annotated, Literal, TypeVar

from fastapi import APIRouter, Path, Query

from services.members.api.township_access import PanelContext, open_context, require_county
from services.members.api.township_activity_panel import (
    build_consultations_panel,
    build_livelihood_training_panel,
)
from services.members.api.township_attendance import build_attendance_panel
from services.members.api.township_dashboard import build_township_dashboard
from services.members.api.township_league import build_league
from services.members.api.township_members import build_members_panel
from services.members.api.township_paging import DEFAULT_LIMIT, Limit, Offset, Paging
from services.members.api.township_panels import build_alerts, build_summary
from services.members.api.township_proposal_panel import (
    build_government_panel,
    build_proposals_panel,
)
from services.members.api.township_report_panel import build_reports_panel
from services.members.api.township_schemas import (
    AttendancePanel,
    MembersPanel,
    ProposalsPanel,
    TownshipGovernmentPanel,
    VisitsPanel,
)
from services.members.api.township_schemas_more import (
    AlertsPanel,
    ConsultationsPanel,
    LeagueOut,
    LivelihoodTrainingPanel,
    ReportsPanel,
    SummaryOut,
    TownshipDashboardOut,
)
from services.members.api.township_visits import build_visits_panel
from services.members.localtime import local_date, utc_now
from shared.auth import CurrentPrincipal
from shared.domain import NotFound
from shared.service import ReadAfter, Runtime

router = APIRouter(tags=["乡镇联络组看板"])
T = TypeVar("T")

Year = Annotated[int | None, Query(ge=2000, le=2100, description="年度（默认今年）")]
AsOf = Annotated[
    date | None,
    Query(description="统计截止日期（默认今天）：用于判断超期、任务进度和即将召开的会议"),
]
TownshipPath = Annotated[
    str, Path(max_length=32, description="乡镇编号（联络组编号），如 chengguan")
]
OrderBy = Literal[
    "visits_per_member",
    "proposals_registered",
    "reports_adopted",
    "consultations_held",
    "average_score",
]
PANELS = {
    "members": "委员",
    "attendance": "会议出勤",
    "visits": "两访三做",
    "proposals": "提案",
    "township-government": "本乡镇政府承办的提案",
    "reports": "社情民意信息",
    "consultations": "协商活动",
    "livelihood-training": "民生实事与培训",
    "alerts": "待办提醒",
}


async def _view(
    rt: Runtime,
    principal: CurrentPrincipal,
    township_id: str,
    year: int | None,
    as_of: date | None,
    build: Callable[[PanelContext], Awaitable[T]],
    paging: Paging | None = None,
) -> T:
    today = local_date(utc_now())
    async with rt.db.read() as conn:
        ctx = await open_context(
            rt, conn, principal, township_id, year or today.year, as_of or today, paging
        )
        return await build(ctx)


# --- league and dashboard ----------------------------------------------------------------


@router.get("/townships/league", summary="全县联络组工作排名", dependencies=[ReadAfter])
async def get_league(
    principal: CurrentPrincipal,
    rt: Runtime,
    year: Year = None,
    order_by: OrderBy = "visits_per_member",
) -> LeagueOut:
    """仅限县政协机关。每个联络组的委员人数、人均走访、提案立案、社情民意被采用、
    在本乡镇开展的协商次数和委员平均考评得分（尚未考评时为空），按所选指标排名。"""
    require_county(principal)
    async with rt.db.read() as conn:
        return await build_league(rt, conn, year or local_date(utc_now()).year, order_by)


@router.get(
    "/townships/{township_id}/dashboard",
    summary="乡镇政协联络组工作看板（全部栏目）",
    dependencies=[ReadAfter],
)
async def get_dashboard(
    township_id: TownshipPath,
    principal: CurrentPrincipal,
    rt: Runtime,
    year: Year = None,
    as_of: AsOf = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> TownshipDashboardOut:
    """县政协机关可以查看所有乡镇；乡镇工作人员只能查看本乡镇。委员请使用各栏目和
    年度小结接口（只显示与本人有关的记录）。

    统计数字（总数、分类统计、年度小结）按本年度全部记录计算；走访、问题、提案、委员等
    明细列表每个只返回一页（`limit` 条，跳过 `offset` 条，最近的走访在前），各列表的总条数
    见 `pages`、`page` 和 `members_page`。查看更多明细请用单个栏目接口翻页。"""
    principal.require_township(township_id)
    paging = Paging(limit, offset)
    return await _view(rt, principal, township_id, year, as_of, build_township_dashboard, paging)


@router.get(
    "/townships/{township_id}/summary",
    summary="联络组年度工作小结（草稿）",
    dependencies=[ReadAfter],
)
async def get_summary(
    township_id: TownshipPath, principal: CurrentPrincipal, rt: Runtime, year: Year = None
) -> SummaryOut:
    """根据本年度登记的数据自动生成的年度工作总结草稿，供联络组修改后报县政协。
    本组委员也可以查看。"""
    return await _view(rt, principal, township_id, year, None, build_summary)


# --- one route per panel -----------------------------------------------------------------

PANEL = "/townships/{township_id}/panels/"
ACCESS = (
    "县政协机关、本乡镇工作人员可以查看全部记录；本组委员看到统计数和与本人有关的记录。"
    "统计数字按本年度全部记录计算；明细列表用 limit/offset 分页，各列表的总条数见 pages。"
)


@router.get(PANEL + "members", summary="栏目：委员", dependencies=[ReadAfter], description=ACCESS)
async def get_members_panel(
    township_id: TownshipPath,
    principal: CurrentPrincipal,
    rt: Runtime,
    year: Year = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> MembersPanel:
    return await _view(
        rt, principal, township_id, year, None, build_members_panel, Paging(limit, offset)
    )


@router.get(
    PANEL + "attendance", summary="栏目：会议出勤", dependencies=[ReadAfter], description=ACCESS
)
async def get_attendance_panel(
    township_id: TownshipPath,
    principal: CurrentPrincipal,
    rt: Runtime,
    year: Year = None,
    as_of: AsOf = None,
) -> AttendancePanel:
    return await _view(rt, principal, township_id, year, as_of, build_attendance_panel)


@router.get(
    PANEL + "visits", summary="栏目：两访三做", dependencies=[ReadAfter], description=ACCESS
)
async def get_visits_panel(
    township_id: TownshipPath,
    principal: CurrentPrincipal,
    rt: Runtime,
    year: Year = None,
    as_of: AsOf = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> VisitsPanel:
    return await _view(
        rt, principal, township_id, year, as_of, build_visits_panel, Paging(limit, offset)
    )


@router.get(PANEL + "proposals", summary="栏目：提案", dependencies=[ReadAfter], description=ACCESS)
async def get_proposals_panel(
    township_id: TownshipPath,
    principal: CurrentPrincipal,
    rt: Runtime,
    year: Year = None,
    as_of: AsOf = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> ProposalsPanel:
    return await _view(
        rt, principal, township_id, year, as_of, build_proposals_panel, Paging(limit, offset)
    )


@router.get(
    PANEL + "township-government",
    summary="栏目：本乡镇人民政府承办的提案",
    dependencies=[ReadAfter],
    description=ACCESS,
)
async def get_government_panel(
    township_id: TownshipPath,
    principal: CurrentPrincipal,
    rt: Runtime,
    year: Year = None,
    as_of: AsOf = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> TownshipGovernmentPanel:
    return await _view(
        rt, principal, township_id, year, as_of, build_government_panel, Paging(limit, offset)
    )


@router.get(
    PANEL + "reports", summary="栏目：社情民意信息", dependencies=[ReadAfter], description=ACCESS
)
async def get_reports_panel(
    township_id: TownshipPath,
    principal: CurrentPrincipal,
    rt: Runtime,
    year: Year = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> ReportsPanel:
    return await _view(
        rt, principal, township_id, year, None, build_reports_panel, Paging(limit, offset)
    )


@router.get(
    PANEL + "consultations", summary="栏目：协商活动", dependencies=[ReadAfter], description=ACCESS
)
async def get_consultations_panel(
    township_id: TownshipPath,
    principal: CurrentPrincipal,
    rt: Runtime,
    year: Year = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> ConsultationsPanel:
    return await _view(
        rt, principal, township_id, year, None, build_consultations_panel, Paging(limit, offset)
    )


@router.get(
    PANEL + "livelihood-training",
    summary="栏目：民生实事与培训",
    dependencies=[ReadAfter],
    description=ACCESS,
)
async def get_livelihood_training_panel(
    township_id: TownshipPath,
    principal: CurrentPrincipal,
    rt: Runtime,
    year: Year = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> LivelihoodTrainingPanel:
    return await _view(
        rt,
        principal,
        township_id,
        year,
        None,
        build_livelihood_training_panel,
        Paging(limit, offset),
    )


@router.get(
    PANEL + "alerts", summary="栏目：待办提醒", dependencies=[ReadAfter], description=ACCESS
)
async def get_alerts_panel(
    township_id: TownshipPath,
    principal: CurrentPrincipal,
    rt: Runtime,
    year: Year = None,
    as_of: AsOf = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> AlertsPanel:
    return await _view(rt, principal, township_id, year, as_of, build_alerts, Paging(limit, offset))


@router.get(PANEL + "{panel}", summary="未知栏目", include_in_schema=False)
async def unknown_panel(township_id: TownshipPath, panel: str, principal: CurrentPrincipal) -> None:
    names = "、".join(f"{key}（{name}）" for key, name in PANELS.items())
    raise NotFound(f"没有名为“{panel}”的栏目，可用的栏目：{names}", code="panel_not_found")
