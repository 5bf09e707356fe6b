"""HTTP routes: commands (201/202 with the stream position) and read-model queries."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query
from sqlalchemy import ColumnElement

from services.proposals.application import handlers, views
from services.proposals.application.lookup import projection
from services.proposals.domain import (
    DeclineRegistration,
    ProposalBody,
    ProposalStatus,
    RegisterProposal,
    StartReview,
    SubmitProposal,
    WithdrawProposal,
)
from services.proposals.projections.proposal_list import ProposalList
from shared.auth import CurrentPrincipal, Forbidden
from shared.domain import NotFound
from shared.http import Accepted
from shared.ids import uuid7
from shared.service import ReadAfter, Runtime

from . import presenters
from .schemas import (
    DeclineIn,
    ProposalDetail,
    ProposalPage,
    RegisterAccepted,
    RegisterIn,
    SubmitIn,
    TownshipProposals,
    WithdrawIn,
)

router = APIRouter()

ProposalId = Annotated[str, Path(min_length=1, max_length=64, description="提案编号")]
TownshipId = Annotated[
    str, Path(pattern=r"^[a-z0-9][a-z0-9_-]{1,31}$", description="乡镇（联络组）编号")
]
StatusFilter = Annotated[ProposalStatus | None, Query(description="按状态筛选")]
PageNo = Annotated[int, Query(ge=1, le=10_000, description="页码，从 1 开始")]
PageSize = Annotated[int, Query(ge=1, le=100, description="每页条数")]
NOT_FOUND = "未找到该提案，请核对提案编号后重试"


def now() -> datetime:
    return datetime.now(UTC)


# --- commands -------------------------------------------------------------------------


@router.post(
    "/proposals",
    status_code=201,
    tags=["提案办理"],
    summary="提交提案（委员本人，或提案委/政协机关代为提交）",
    dependencies=[ReadAfter],
)
async def submit_proposal(body: SubmitIn, principal: CurrentPrincipal, rt: Runtime) -> Accepted:
    cmd = SubmitProposal(
        proposal_id=uuid7(),
        actor=principal.actor,
        at=now(),
        author_kind=body.author_kind,
        lead_author_id=body.lead_author_id or "",
        co_author_ids=body.co_author_ids,
        title=body.title,
        body=ProposalBody(**body.body.model_dump()),
        category=body.category,
        term_no=body.term_no,
        session_no=body.session_no,
        period=body.period,
        suggested_units=body.suggested_units,
        township_id=None,
    )
    return await handlers.submit(rt, principal, cmd)


@router.post(
    "/proposals/{proposal_id}/review",
    status_code=202,
    tags=["提案办理"],
    summary="开始审查（提案委/政协机关）",
)
async def start_review(
    proposal_id: ProposalId, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = StartReview(proposal_id=proposal_id, actor=principal.actor, at=now())
    return await handlers.start_review(rt, principal, cmd)


@router.post(
    "/proposals/{proposal_id}/register",
    status_code=202,
    tags=["提案办理"],
    summary="立案并编提案号（提案委/政协机关）",
)
async def register_proposal(
    proposal_id: ProposalId,
    principal: CurrentPrincipal,
    rt: Runtime,
    body: RegisterIn | None = None,
) -> RegisterAccepted:
    category = body.category if body else None
    cmd = RegisterProposal(
        proposal_id=proposal_id, actor=principal.actor, at=now(), category=category
    )
    done, serial_no = await handlers.register(rt, principal, cmd)
    return RegisterAccepted(**done.model_dump(), serial_no=serial_no)


@router.post(
    "/proposals/{proposal_id}/decline",
    status_code=202,
    tags=["提案办理"],
    summary="不予立案，注明理由与处理方式（提案委/政协机关）",
)
async def decline_registration(
    proposal_id: ProposalId, body: DeclineIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = DeclineRegistration(
        proposal_id=proposal_id,
        actor=principal.actor,
        at=now(),
        reason=body.reason,
        disposition=body.disposition,
        note=body.note,
    )
    return await handlers.decline(rt, principal, cmd)


@router.post(
    "/proposals/{proposal_id}/withdraw",
    status_code=202,
    tags=["提案办理"],
    summary="撤回提案（仅第一提案人本人，交办前）",
)
async def withdraw_proposal(
    proposal_id: ProposalId,
    principal: CurrentPrincipal,
    rt: Runtime,
    body: WithdrawIn | None = None,
) -> Accepted:
    reason = body.reason if body else None
    cmd = WithdrawProposal(proposal_id=proposal_id, actor=principal.actor, at=now(), reason=reason)
    return await handlers.withdraw(rt, principal, cmd)


# --- queries --------------------------------------------------------------------------


@router.get(
    "/proposals",
    tags=["提案查询"],
    summary="提案列表（提案委/机关看全部；乡镇看本乡镇委员的；委员看本人的）",
    dependencies=[ReadAfter],
)
async def list_proposals(
    principal: CurrentPrincipal,
    rt: Runtime,
    status: StatusFilter = None,
    township_id: Annotated[
        str | None, Query(max_length=32, description="只看归属该乡镇的提案")
    ] = None,
    page: PageNo = 1,
    page_size: PageSize = 20,
) -> ProposalPage:
    viewer = views.Viewer.of(principal)
    if not viewer.may_list:
        raise Forbidden("您的账号没有查看提案的权限。")
    proj = projection(rt, ProposalList)
    where: list[ColumnElement[bool]] = []
    scope = views.visible_to(proj, viewer)
    if scope is not None:
        where.append(scope)
    if township_id is not None:
        if not viewer.office and not viewer.member_ids:
            principal.require_township(township_id)
        where.append(views.attributed_to(proj, {township_id}))
    if status is not None:
        where.append(proj.proposals.c.status == status.value)
    async with rt.db.read() as conn:
        found = await views.list_page(conn, proj, where, page, page_size)
    return presenters.page_of(found, page, page_size, viewer)


@router.get(
    "/proposals/{proposal_id}",
    tags=["提案查询"],
    summary="提案详情（不予立案理由仅提案人、提案委和机关可见）",
    dependencies=[ReadAfter],
)
async def get_proposal(
    proposal_id: ProposalId, principal: CurrentPrincipal, rt: Runtime
) -> ProposalDetail:
    proj = projection(rt, ProposalList)
    async with rt.db.read() as conn:
        found = await views.get_one(conn, proj, proposal_id)
    if found is None:
        raise NotFound(NOT_FOUND, code="proposal_not_found")
    row, authors = found
    viewer = views.Viewer.of(principal)
    if not viewer.may_see(authors):
        raise Forbidden("您无权查看该提案：只能查看本人提出的或本乡镇联络组委员提出的提案。")
    return presenters.detail(row, authors, viewer)


@router.get(
    "/townships/{township_id}/proposals",
    tags=["乡镇联络组"],
    summary="乡镇联络组提案面板：按状态统计及提案列表",
    dependencies=[ReadAfter],
)
async def township_proposals(
    township_id: TownshipId,
    principal: CurrentPrincipal,
    rt: Runtime,
    status: StatusFilter = None,
    page: PageNo = 1,
    page_size: PageSize = 20,
) -> TownshipProposals:
    viewer = views.Viewer.of(principal)
    if not viewer.office:
        principal.require_township(township_id)
    proj = projection(rt, ProposalList)
    where = [views.attributed_to(proj, {township_id})]
    if status is not None:
        where.append(proj.proposals.c.status == status.value)
    async with rt.db.read() as conn:
        counts = await views.status_counts(conn, proj, township_id)
        found = await views.list_page(conn, proj, where, page, page_size)
    return TownshipProposals(
        township_id=township_id,
        total=sum(counts.values()),
        counts=presenters.counts_of(counts),
        page=presenters.page_of(found, page, page_size, viewer),
    )
