"""HTTP routes of direct report points and the township panel of 社情民意 reports."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from services.proposals.application import opinion_lists, opinion_points, opinion_views
from services.proposals.application.lookup import projection
from services.proposals.application.opinion_access import is_editor, require_editor
from services.proposals.domain import opinion as d
from services.proposals.projections.opinion_points import DirectReportPoints
from services.proposals.projections.opinion_reports import OpinionReportList
from shared.auth import CurrentPrincipal, Forbidden
from shared.domain import NotFound
from shared.http import Accepted
from shared.ids import uuid7
from shared.service import ReadAfter, Runtime

from . import opinion_presenters as present
from .opinion_responses import PointOut, TownshipOpinionPanel
from .opinion_schemas import ID_PATTERN, SLUG_PATTERN, ContactIn, EstablishPointIn, ReasonIn

router = APIRouter()
PointId = Annotated[str, Path(pattern=ID_PATTERN, description="直报点编号")]
TownshipId = Annotated[str, Path(pattern=SLUG_PATTERN, description="乡镇（联络组）编号")]
POINTS = "社情民意直报点"
BASE = "/direct-report-points/{point_id}"


def _base(point_id: str, principal: CurrentPrincipal) -> dict[str, Any]:
    return {"point_id": point_id, "actor": principal.actor, "at": datetime.now(UTC)}


@router.post(
    "/direct-report-points",
    status_code=201,
    tags=[POINTS],
    summary="设立社情民意直报点（信息中心、政协机关）",
    dependencies=[ReadAfter],
)
async def establish_point(
    body: EstablishPointIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = d.EstablishPoint(**_base(uuid7(), principal), **body.model_dump())
    return await opinion_points.establish(rt, principal, cmd)


@router.post(
    f"{BASE}/contact",
    status_code=202,
    tags=[POINTS],
    summary="更换直报点联系人（信息中心，或直报点所在乡镇）",
)
async def change_contact(
    point_id: PointId, body: ContactIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = d.ChangePointContact(**_base(point_id, principal), **body.model_dump())
    return await opinion_points.change_contact(rt, principal, cmd)


@router.post(f"{BASE}/suspend", status_code=202, tags=[POINTS], summary="暂停直报点（信息中心）")
async def suspend_point(
    point_id: PointId, body: ReasonIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = d.SuspendPoint(**_base(point_id, principal), reason=body.reason)
    return await opinion_points.suspend(rt, principal, cmd)


@router.get(
    "/direct-report-points",
    tags=[POINTS],
    summary="直报点列表（信息中心看全部；乡镇看本乡镇的）",
    dependencies=[ReadAfter],
)
async def list_points(
    principal: CurrentPrincipal,
    rt: Runtime,
    township_id: Annotated[str | None, Query(max_length=32, description="所在乡镇")] = None,
) -> list[PointOut]:
    if not is_editor(principal):
        if township_id is None and len(principal.townships) == 1:
            township_id = next(iter(principal.townships))
        if township_id is None:
            require_editor(principal, "查看全部直报点")
        else:
            principal.require_township(township_id)
    async with rt.db.read() as conn:
        rows = await opinion_lists.points_of(conn, projection(rt, DirectReportPoints), township_id)
    return [present.point(r) for r in rows]


@router.get(BASE, tags=[POINTS], summary="直报点详情", dependencies=[ReadAfter])
async def get_point(point_id: PointId, principal: CurrentPrincipal, rt: Runtime) -> PointOut:
    async with rt.db.read() as conn:
        row = await opinion_lists.point_by_id(conn, projection(rt, DirectReportPoints), point_id)
    if row is None:
        raise NotFound("未找到该社情民意直报点，请核对直报点编号", code="point_not_found")
    if not is_editor(principal):
        principal.require_township(row.township_id)
    return present.point(row)


@router.get(
    "/townships/{township_id}/opinion-reports",
    tags=["乡镇联络组"],
    summary="乡镇联络组社情民意面板：本乡镇委员报送的、涉及本乡镇的信息，及直报点最近报送",
    dependencies=[ReadAfter],
)
async def township_panel(
    township_id: TownshipId,
    principal: CurrentPrincipal,
    rt: Runtime,
    status: Annotated[d.ReportStatus | None, Query(description="按状态筛选")] = None,
    page: Annotated[int, Query(ge=1, le=10_000, description="页码")] = 1,
    page_size: Annotated[int, Query(ge=1, le=100, description="每页条数")] = 20,
) -> TownshipOpinionPanel:
    if not is_editor(principal):
        if not principal.townships:
            raise Forbidden("只有乡镇联络组工作人员、信息中心或政协机关可以查看乡镇面板。")
        principal.require_township(township_id)
    reports = projection(rt, OpinionReportList)
    where = [opinion_views.attributed_to(reports, [township_id])]
    if status is not None:
        where.append(reports.reports.c.status == status.value)
    async with rt.db.read() as conn:
        counts = await opinion_views.status_counts(conn, reports, township_id)
        found = await opinion_views.report_page(conn, reports, where, page, page_size, township_id)
        points = await opinion_lists.points_of(
            conn, projection(rt, DirectReportPoints), township_id
        )
    return TownshipOpinionPanel(
        township_id=township_id,
        total=sum(counts.values()),
        counts=present.counts_of(counts),
        page=present.report_page(found, page, page_size, township=True),
        direct_report_points=[present.point(p) for p in points],
    )
