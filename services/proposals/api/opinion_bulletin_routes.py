"""HTTP routes of 《社情民意》 issues: compile, approve, publish, read, export as DOCX."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Path, Query, Response

from services.proposals.application import opinion_bulletins, opinion_lists
from services.proposals.application.lookup import projection
from services.proposals.application.opinion_access import require_editor
from services.proposals.domain import opinion as d
from services.proposals.projections.opinion_bulletins import BulletinIssues
from services.proposals.projections.opinion_reports import OpinionReportList
from shared.auth import CurrentPrincipal
from shared.domain import NotFound
from shared.http import Accepted
from shared.ids import uuid7
from shared.service import ReadAfter, Runtime

from . import opinion_docx
from . import opinion_presenters as present
from .opinion_responses import IssueAccepted, IssueDetailOut, IssuePageOut
from .opinion_schemas import ID_PATTERN, AddItemIn, CreateIssueIn, NoteIn, PublishIn

router = APIRouter(tags=["《社情民意》专刊"])
IssueId = Annotated[str, Path(pattern=ID_PATTERN, description="期刊编号")]
ReportId = Annotated[str, Path(pattern=ID_PATTERN, description="社情民意信息编号")]
BASE = "/bulletin-issues/{issue_id}"
NOT_FOUND = "未找到该期《社情民意》，请核对后重试"
READ = "查看《社情民意》期刊"


def _base(issue_id: str, principal: CurrentPrincipal) -> dict[str, Any]:
    return {"issue_id": issue_id, "actor": principal.actor, "at": datetime.now(UTC)}


@router.post("/bulletin-issues", status_code=201, summary="新建一期（自动编期号，信息中心）")
async def create_issue(
    body: CreateIssueIn, principal: CurrentPrincipal, rt: Runtime
) -> IssueAccepted:
    cmd = d.CreateIssue(**_base(uuid7(), principal), **body.model_dump())
    done, created = await opinion_bulletins.create(rt, principal, cmd)
    return IssueAccepted(**done.model_dump(), issue_no=created.issue_no, label=created.label)


@router.post(f"{BASE}/items", status_code=202, summary="编入一篇已采用的信息（信息中心）")
async def add_item(
    issue_id: IssueId, body: AddItemIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = d.AddIssueItem(**_base(issue_id, principal), **body.model_dump())
    return await opinion_bulletins.add_item(rt, principal, cmd)


@router.delete(f"{BASE}/items/{{report_id}}", status_code=202, summary="撤下一篇（信息中心）")
async def remove_item(
    issue_id: IssueId, report_id: ReportId, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = d.RemoveIssueItem(**_base(issue_id, principal), report_id=report_id)
    return await opinion_bulletins.remove_item(rt, principal, cmd)


@router.post(f"{BASE}/submit-for-approval", status_code=202, summary="送审（信息中心）")
async def submit_issue(issue_id: IssueId, principal: CurrentPrincipal, rt: Runtime) -> Accepted:
    cmd = d.SubmitIssueForApproval(**_base(issue_id, principal))
    return await opinion_bulletins.submit(rt, principal, cmd)


@router.post(f"{BASE}/approve", status_code=202, summary="审批通过（政协机关负责人）")
async def approve_issue(issue_id: IssueId, principal: CurrentPrincipal, rt: Runtime) -> Accepted:
    cmd = d.ApproveIssue(**_base(issue_id, principal))
    return await opinion_bulletins.approve(rt, principal, cmd)


@router.post(f"{BASE}/publish", status_code=202, summary="印发：本期各篇信息同时标记为已刊发")
async def publish_issue(
    issue_id: IssueId, body: PublishIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = d.PublishIssue(**_base(issue_id, principal), recipients=body.recipients)
    return await opinion_bulletins.publish(rt, principal, cmd)


@router.post(f"{BASE}/distribute", status_code=202, summary="登记分送完毕（信息中心）")
async def distribute_issue(
    issue_id: IssueId,
    principal: CurrentPrincipal,
    rt: Runtime,
    body: NoteIn | None = None,
) -> Accepted:
    cmd = d.DistributeIssue(**_base(issue_id, principal), note=body.note if body else None)
    return await opinion_bulletins.distribute(rt, principal, cmd)


@router.get("/bulletin-issues", summary="期刊列表（信息中心、政协机关）", dependencies=[ReadAfter])
async def list_issues(
    principal: CurrentPrincipal,
    rt: Runtime,
    year: Annotated[int | None, Query(ge=2000, le=2100, description="年份")] = None,
    status: Annotated[d.IssueStatus | None, Query(description="按状态筛选")] = None,
    page: Annotated[int, Query(ge=1, le=10_000, description="页码")] = 1,
    page_size: Annotated[int, Query(ge=1, le=100, description="每页条数")] = 20,
) -> IssuePageOut:
    require_editor(principal, READ)
    proj = projection(rt, BulletinIssues)
    where = []
    if year is not None:
        where.append(proj.issues.c.year == year)
    if status is not None:
        where.append(proj.issues.c.status == status.value)
    async with rt.db.read() as conn:
        total, rows, counts = await opinion_lists.issue_page(conn, proj, where, page, page_size)
    items = [present.issue(r, counts.get(r.issue_id, 0)) for r in rows]
    return IssuePageOut(total=total, page=page, page_size=page_size, items=items)


@router.get(BASE, summary="期刊详情及稿件（信息中心、政协机关）", dependencies=[ReadAfter])
async def get_issue(issue_id: IssueId, principal: CurrentPrincipal, rt: Runtime) -> IssueDetailOut:
    require_editor(principal, READ)
    return present.issue_detail(await _detail(rt, issue_id))


@router.get(
    f"{BASE}/docx",
    summary="导出本期为 Word 文档（DOCX）",
    dependencies=[ReadAfter],
    response_class=Response,
    responses={200: {"content": {opinion_docx.MEDIA_TYPE: {}}}},
)
async def export_docx(issue_id: IssueId, principal: CurrentPrincipal, rt: Runtime) -> Response:
    require_editor(principal, READ)
    found = await _detail(rt, issue_id)
    document = opinion_docx.issue_document(found)
    filename = quote(f"社情民意{found.row.label}.docx")
    return Response(
        opinion_docx.render(document),
        media_type=opinion_docx.MEDIA_TYPE,
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{filename}"},
    )


async def _detail(rt: Runtime, issue_id: str) -> opinion_lists.IssueDetail:
    issues, reports = projection(rt, BulletinIssues), projection(rt, OpinionReportList)
    async with rt.db.read() as conn:
        found = await opinion_lists.issue_detail(conn, issues, reports, issue_id)
    if found is None:
        raise NotFound(NOT_FOUND, code="issue_not_found")
    return found
