"""HTTP routes: commands (201/202 with the stream position) and read-model queries."""

from __future__ import annotations

from fastapi import APIRouter

from services.proposals.application import handlers
from services.proposals.domain import (
    DeclineRegistration,
    ProposalBody,
    RegisterProposal,
    StartReview,
    SubmitProposal,
    WithdrawProposal,
)
from services.proposals.domain.events import AuthorBody
from shared.auth import CurrentPrincipal
from shared.http import Accepted
from shared.ids import uuid7
from shared.service import ReadAfter, Runtime

from . import (
    routes_evaluation,
    routes_handling,
    routes_queries,
    routes_replies,
    routes_submission,
    routes_units,
)
from .params import ProposalId, now
from .schemas import DeclineIn, RegisterAccepted, RegisterIn, SubmitIn, WithdrawIn

router = APIRouter()


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
        author_body=AuthorBody(**body.author_body.model_dump()) if body.author_body else None,
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


# --- the rest of the lifecycle ----------------------------------------------------------

router.include_router(routes_submission.router)
router.include_router(routes_handling.router)
router.include_router(routes_replies.router)
router.include_router(routes_evaluation.router)
router.include_router(routes_units.router)
router.include_router(routes_queries.router)
