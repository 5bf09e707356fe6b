"""Routes of proposer evaluation, 逾期未评价, 重新办理 and 办结."""

from __future__ import annotations

from fastapi import APIRouter

from services.proposals.application import evaluation
from services.proposals.domain.commands_handling import (
    ConcludeProposal,
    EvaluateReply,
    OrderRehandling,
    RecordEvaluationLapsed,
)
from shared.auth import CurrentPrincipal
from shared.http import Accepted
from shared.service import Runtime

from .params import ProposalId, ReplyId, now
from .schemas_lifecycle import EvaluationIn, NoteIn

router = APIRouter(tags=["评价与办结"])
REPLY = "/proposals/{proposal_id}/replies/{reply_id}"


@router.post(
    f"{REPLY}/evaluation",
    status_code=202,
    summary="评价答复（提案者本人网上评价；纸质评价表由提案委录入）；不满意将自动重新办理",
)
async def evaluate(
    proposal_id: ProposalId,
    reply_id: ReplyId,
    body: EvaluationIn,
    principal: CurrentPrincipal,
    rt: Runtime,
) -> Accepted:
    cmd = EvaluateReply(
        proposal_id=proposal_id,
        actor=principal.actor,
        at=now(),
        reply_id=reply_id,
        evaluator_id=body.evaluator_id or "",
        process_satisfaction=body.process_satisfaction,
        result_satisfaction=body.result_satisfaction,
        comment=body.comment,
        channel=body.channel,
    )
    return await evaluation.evaluate(rt, principal, cmd)


@router.post(
    f"{REPLY}/evaluation-lapsed",
    status_code=202,
    summary="记为逾期未评价（评价期限届满后；系统定时任务或提案委）",
)
async def evaluation_lapsed(
    proposal_id: ProposalId, reply_id: ReplyId, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = RecordEvaluationLapsed(
        proposal_id=proposal_id, actor=principal.actor, at=now(), reply_id=reply_id
    )
    return await evaluation.evaluation_lapsed(rt, principal, cmd)


@router.post(
    f"{REPLY}/rehandling",
    status_code=202,
    summary="商请承办单位重新办理（提案委/政协机关）",
)
async def order_rehandling(
    proposal_id: ProposalId,
    reply_id: ReplyId,
    principal: CurrentPrincipal,
    rt: Runtime,
    body: NoteIn | None = None,
) -> Accepted:
    cmd = OrderRehandling(
        proposal_id=proposal_id,
        actor=principal.actor,
        at=now(),
        reply_id=reply_id,
        note=body.note if body else None,
    )
    return await evaluation.order_rehandling(rt, principal, cmd)


@router.post(
    "/proposals/{proposal_id}/conclude",
    status_code=202,
    summary="办结（提案委员会决定；各答复须已评价或评价期限已过）",
)
async def conclude(
    proposal_id: ProposalId,
    principal: CurrentPrincipal,
    rt: Runtime,
    body: NoteIn | None = None,
) -> Accepted:
    cmd = ConcludeProposal(
        proposal_id=proposal_id, actor=principal.actor, at=now(), note=body.note if body else None
    )
    return await evaluation.conclude(rt, principal, cmd)
