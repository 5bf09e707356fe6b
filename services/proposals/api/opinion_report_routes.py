"""HTTP routes of 社情民意 reports: submit, queries, member statistics."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query

from services.proposals.application import opinion_lists, opinion_reports, opinion_views
from services.proposals.application.lookup import projection
from services.proposals.application.opinion_access import OpinionViewer
from services.proposals.domain.opinion import ReportBody, ReportStatus, SubmitReport
from services.proposals.projections.opinion_reports import OpinionReportList
from services.proposals.projections.opinion_stats import MemberReportStats
from shared.auth import CurrentPrincipal, Forbidden
from shared.domain import NotFound
from shared.http import Accepted
from shared.ids import uuid7
from shared.service import ReadAfter, Runtime

from . import opinion_presenters as present
from .opinion_responses import MemberStatsOut, ReportDetailOut, ReportPageOut
from .opinion_schemas import ID_PATTERN, SubmitReportIn

router = APIRouter(tags=["社情民意"])

ReportId = Annotated[str, Path(pattern=ID_PATTERN, description="社情民意信息编号")]
PageNo = Annotated[int, Query(ge=1, le=10_000, description="页码，从 1 开始")]
PageSize = Annotated[int, Query(ge=1, le=100, description="每页条数")]
Year = Annotated[int | None, Query(ge=2000, le=2100, description="年份")]
NOT_FOUND = "未找到该社情民意信息，请核对编号后重试"


def now() -> datetime:
    return datetime.now(UTC)


@router.post(
    "/opinion-reports",
    status_code=201,
    summary="报送社情民意信息（委员本人；乡镇联络组或本乡镇直报点；信息中心代报）",
    dependencies=[ReadAfter],
)
async def submit_report(body: SubmitReportIn, principal: CurrentPrincipal, rt: Runtime) -> Accepted:
    cmd = SubmitReport(
        report_id=uuid7(),
        actor=principal.actor,
        at=now(),
        body=ReportBody(**body.body.model_dump()),
        **body.model_dump(exclude={"body"}),
    )
    return await opinion_reports.submit(rt, principal, cmd)


@router.get(
    "/opinion-reports",
    summary="社情民意信息列表（信息中心看全部；乡镇看本乡镇的；委员看本人的）",
    dependencies=[ReadAfter],
)
async def list_reports(
    principal: CurrentPrincipal,
    rt: Runtime,
    status: Annotated[ReportStatus | None, Query(description="按状态筛选")] = None,
    adopted_level: Annotated[
        str | None, Query(max_length=32, description="按采用层级筛选，如 city")
    ] = None,
    info_nature: Annotated[str | None, Query(max_length=32, description="按信息性质筛选")] = None,
    township_id: Annotated[str | None, Query(max_length=32, description="归属该乡镇")] = None,
    reporter_kind: Annotated[str | None, Query(max_length=32, description="按报送主体")] = None,
    author_id: Annotated[str | None, Query(max_length=64, description="按作者（委员）")] = None,
    year: Year = None,
    page: PageNo = 1,
    page_size: PageSize = 20,
) -> ReportPageOut:
    viewer = OpinionViewer.of(principal)
    if not viewer.may_list:
        raise Forbidden("您的账号没有查看社情民意信息的权限。")
    if township_id is not None and not viewer.office and not viewer.member_ids:
        principal.require_township(township_id)
    proj = projection(rt, OpinionReportList)
    filters = opinion_views.ReportFilters(
        status=status.value if status else None,
        adopted_level=adopted_level,
        info_nature=info_nature,
        township_id=township_id,
        reporter_kind=reporter_kind,
        author_id=author_id,
        year=year,
    )
    where = opinion_views.filtered(proj, filters)
    scope = opinion_views.visible_to(proj, viewer)
    if scope is not None:
        where.append(scope)
    async with rt.db.read() as conn:
        found = await opinion_views.report_page(conn, proj, where, page, page_size)
    return present.report_page(found, page, page_size, township=False)


@router.get(
    "/opinion-reports/stats/members",
    summary="委员社情民意统计：报送、采用（分层级）、批示（信息中心看全部；委员看本人）",
    dependencies=[ReadAfter],
)
async def member_stats(
    principal: CurrentPrincipal,
    rt: Runtime,
    year: Year = None,
    member_id: Annotated[str | None, Query(max_length=64, description="委员编号")] = None,
) -> list[MemberStatsOut]:
    viewer = OpinionViewer.of(principal)
    if not viewer.office:
        if not viewer.member_ids:
            raise Forbidden("只有信息中心、政协机关或委员本人可以查看委员社情民意统计。")
        if member_id is not None and member_id not in viewer.member_ids:
            raise Forbidden("委员只能查看本人的社情民意统计。")
        member_id = member_id or sorted(viewer.member_ids)[0]
    async with rt.db.read() as conn:
        rows = await opinion_lists.member_stats(
            conn, projection(rt, MemberReportStats), year, member_id
        )
    return [present.member_stats(r) for r in rows]


@router.get(
    "/opinion-reports/{report_id}",
    summary="社情民意信息详情（含采用、批示、反馈）",
    dependencies=[ReadAfter],
)
async def get_report(
    report_id: ReportId, principal: CurrentPrincipal, rt: Runtime
) -> ReportDetailOut:
    proj = projection(rt, OpinionReportList)
    async with rt.db.read() as conn:
        found = await opinion_views.report_detail(conn, proj, report_id)
    if found is None:
        raise NotFound(NOT_FOUND, code="report_not_found")
    viewer = OpinionViewer.of(principal)
    authors = {a.member_id for a in found.authors}
    townships = {t.township_id for t in found.townships}
    if not viewer.may_see(authors, townships):
        raise Forbidden("您无权查看该社情民意信息：只能查看本人报送的或归属本乡镇的信息。")
    return present.report_detail(found, viewer.office)
