"""Queries: the proposal list (filters, paging), a proposal (now or as of a day), its
audit history, and the township panel."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import ColumnElement

from services.proposals.application import history, views
from services.proposals.application import lifecycle_views as lv
from services.proposals.application.lifecycle import config_of
from services.proposals.domain.labels_events import event_label
from shared.auth import CurrentPrincipal, Forbidden, Principal
from shared.domain import NotFound
from shared.service import ReadAfter, Runtime, ServiceRuntime

from . import presenters
from .params import AsOf, PageNo, PageSize, ProposalId, StatusFilter, TownshipId, today
from .presenters_lifecycle import parts_fields
from .presenters_state import detail_of
from .schemas import ProposalDetail, ProposalPage, TownshipProposals
from .schemas_views import HistoryEntry, ProposalHistory
from .stats_panel import TownshipProposalPanel, township_panel

router = APIRouter(tags=["提案查询"])

NOT_FOUND = "未找到该提案，请核对提案编号后重试"
NO_ACCESS = "您无权查看该提案：只能查看本人提出的、本乡镇联络组委员提出的或交本单位办理的提案。"


def _as_of(rt: ServiceRuntime, as_of: date | None) -> date:
    return as_of or today(config_of(rt).utc_offset_hours)


@router.get(
    "/proposals",
    summary="提案列表：按状态、类别、承办单位、乡镇、重点提案、办理结果类别、是否超期筛选并分页",
    dependencies=[ReadAfter],
)
async def list_proposals(
    principal: CurrentPrincipal,
    rt: Runtime,
    status: StatusFilter = None,
    township_id: Annotated[
        str | None, Query(max_length=32, description="只看归属该乡镇的提案")
    ] = None,
    category: Annotated[str | None, Query(max_length=32, description="提案类别")] = None,
    unit_id: Annotated[str | None, Query(max_length=32, description="承办单位编号")] = None,
    is_key: Annotated[bool | None, Query(description="只看（或排除）重点提案")] = None,
    result_class: Annotated[
        str | None, Query(max_length=8, description="办理结果类别，如 A")
    ] = None,
    overdue: Annotated[bool | None, Query(description="只看（或排除）超期未办结的")] = None,
    as_of: AsOf = None,
    page: PageNo = 1,
    page_size: PageSize = 20,
) -> ProposalPage:
    viewer = views.Viewer.of(principal)
    if not viewer.may_list:
        raise Forbidden("您的账号没有查看提案的权限。")
    reads, day = lv.Reads.of(rt), _as_of(rt, as_of)
    t = reads.proposals.proposals.c
    where: list[ColumnElement[bool]] = []
    scope = views.visible_to(reads.proposals, viewer, reads.tasks, reads.review)
    if scope is not None:
        where.append(scope)
    if township_id is not None:
        if not (viewer.staff or viewer.member_ids or viewer.unit_ids):
            principal.require_township(township_id)
        where.append(views.attributed_to(reads.proposals, {township_id}))
    if status is not None:
        where.append(t.status == status.value)
    if category is not None:
        where.append(t.category == category)
    if unit_id is not None:
        where.append(lv.unit_filter(reads, unit_id))
    if is_key is not None:
        where.append(t.is_key.is_(is_key))
    if result_class is not None:
        where.append(lv.class_filter(reads, result_class))
    if overdue is not None:
        where.append(lv.overdue_filter(reads, day, overdue))
    async with rt.db.read() as conn:
        found = await views.list_page(conn, reads.proposals, where, page, page_size)
        late = await lv.overdue_ids(conn, reads, [r.proposal_id for r in found.rows], day)
    return presenters.page_of(found, page, page_size, viewer, late)


@router.get(
    "/proposals/{proposal_id}",
    summary=(
        "提案详情，含承办任务与答复；as_of=YYYY-MM-DD 查看该日结束时的状态"
        "（不予立案理由仅提案人、提案委和机关可见）"
    ),
    dependencies=[ReadAfter],
)
async def get_proposal(
    proposal_id: ProposalId,
    principal: CurrentPrincipal,
    rt: Runtime,
    as_of: Annotated[
        date | None, Query(description="按该日结束时的状态查看（由事件重放得出）")
    ] = None,
) -> ProposalDetail:
    reads, day = lv.Reads.of(rt), _as_of(rt, as_of)
    viewer = views.Viewer.of(principal)
    async with rt.db.read() as conn:
        found = await views.get_one(conn, reads.proposals, proposal_id)
        if found is None:
            raise NotFound(NOT_FOUND, code="proposal_not_found")
        row, authors = found
        parts = await lv.parts_of(conn, reads, proposal_id, day)
    if not viewer.may_see(authors, row, parts.unit_ids, parts.invitee_ids):
        raise Forbidden(NO_ACCESS)
    config = config_of(rt)
    if as_of is not None:
        state = await history.state_as_of(rt, proposal_id, as_of)
        return detail_of(state, viewer, as_of, config)
    detail = presenters.detail(row, authors, viewer, **parts_fields(parts, viewer, config))
    return detail.model_copy(update={"overdue": bool(parts.overdue_tasks)})


@router.get(
    "/proposals/{proposal_id}/history",
    summary="提案办理全过程记录：每个事件的操作人和时间（审计用，直接读事件存储）",
    dependencies=[ReadAfter],
)
async def proposal_history(
    proposal_id: ProposalId, principal: CurrentPrincipal, rt: Runtime
) -> ProposalHistory:
    await _require_history_access(rt, principal, proposal_id)
    viewer = views.Viewer.of(principal)
    recorded = await history.events_of(rt, proposal_id)
    authors: set[str] = set()
    for r in recorded:
        authors.update(getattr(r.event, "co_author_ids", ()) or ())
        authors.add(getattr(r.event, "lead_author_id", "") or "")
    private = viewer.office or bool(viewer.member_ids.intersection(authors))
    entries = [
        HistoryEntry(
            seq=r.seq,
            event=r.event.name,
            label=event_label(r.event.name),
            actor=r.meta.actor,
            time=r.meta.time,
            data=history.entry_data(r, private),
        )
        for r in recorded
    ]
    return ProposalHistory(proposal_id=proposal_id, events=entries)


async def _require_history_access(rt: ServiceRuntime, principal: Principal, pid: str) -> None:
    reads, viewer = lv.Reads.of(rt), views.Viewer.of(principal)
    async with rt.db.read() as conn:
        found = await views.get_one(conn, reads.proposals, pid)
        if found is None:
            raise NotFound(NOT_FOUND, code="proposal_not_found")
        _, authors = found
        parts = await lv.parts_of(conn, reads, pid, today())
    member_or_unit = viewer.member_ids.intersection(a.member_id for a in authors) or (
        viewer.unit_ids.intersection(parts.unit_ids)
    )
    if not (viewer.staff or member_or_unit):
        raise Forbidden("只有提案者、承办单位和提案委、交办、督办部门可以查看办理过程记录。")


@router.get(
    "/townships/{township_id}/proposals",
    tags=["乡镇联络组"],
    summary=(
        "乡镇联络组提案面板：按状态统计、提案计数，及提案列表（承办单位、答复期限、是否超期、"
        "办理结果类别、满意度、是否重点提案）"
    ),
    dependencies=[ReadAfter],
)
async def township_proposals(
    township_id: TownshipId,
    principal: CurrentPrincipal,
    rt: Runtime,
    status: StatusFilter = None,
    as_of: AsOf = None,
    page: PageNo = 1,
    page_size: PageSize = 20,
) -> TownshipProposalPanel:
    viewer = views.Viewer.of(principal)
    if not viewer.office:
        principal.require_township(township_id)
    reads = lv.Reads.of(rt)
    proj = reads.proposals
    where = [views.attributed_to(proj, {township_id}), proj.proposals.c.submitted_at.is_not(None)]
    if status is not None:
        where.append(proj.proposals.c.status == status.value)
    async with rt.db.read() as conn:
        counts = await views.status_counts(conn, proj, township_id)
        found = await views.list_page(conn, proj, where, page, page_size)
    base = TownshipProposals(
        township_id=township_id,
        total=sum(counts.values()),
        counts=presenters.counts_of(counts),
        page=presenters.page_of(found, page, page_size, viewer),
    )
    return await township_panel(rt, base, _as_of(rt, as_of))
