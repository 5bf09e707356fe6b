"""Routes of the reply sub-flow: 起草 → 会签 → 报送 → 督办部门审核 (答复发出或退回)."""

from __future__ import annotations

from enum import Enum

from fastapi import APIRouter

from services.proposals.application import handling
from services.proposals.domain.commands_handling import (
    ApproveReply,
    CosignReply,
    DraftReply,
    RejectReply,
    RequestReplyCosign,
    SubmitReplyForReview,
)
from shared.auth import CurrentPrincipal
from shared.http import Accepted
from shared.service import Runtime

from .params import ProposalId, TaskId, now
from .schemas_lifecycle import CosignIn, ReasonIn, ReplyApprovalIn, ReplyIn

router = APIRouter()
UNIT: list[str | Enum] = ["承办单位办理"]
SUPERVISE: list[str | Enum] = ["督办审核"]
TASK = "/proposals/{proposal_id}/tasks/{task_id}"


@router.post(
    f"{TASK}/reply",
    status_code=202,
    tags=UNIT,
    summary="起草（或修改）答复（主办、分办、独办单位；会办单位不直接答复）",
)
async def draft_reply(
    proposal_id: ProposalId,
    task_id: TaskId,
    body: ReplyIn,
    principal: CurrentPrincipal,
    rt: Runtime,
) -> Accepted:
    cmd = DraftReply(
        proposal_id=proposal_id,
        actor=principal.actor,
        at=now(),
        task_id=task_id,
        **body.model_dump(),
    )
    return await handling.draft_reply(rt, principal, cmd)


@router.post(
    f"{TASK}/reply/cosign-request",
    status_code=202,
    tags=UNIT,
    summary="请会办单位会签答复（主办单位）",
)
async def request_cosign(
    proposal_id: ProposalId, task_id: TaskId, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = RequestReplyCosign(
        proposal_id=proposal_id, actor=principal.actor, at=now(), task_id=task_id
    )
    return await handling.request_cosign(rt, principal, cmd)


@router.post(
    f"{TASK}/cosign",
    status_code=202,
    tags=UNIT,
    summary="会签主办单位的答复（会办单位，用本单位的任务编号）",
)
async def cosign(
    proposal_id: ProposalId,
    task_id: TaskId,
    principal: CurrentPrincipal,
    rt: Runtime,
    body: CosignIn | None = None,
) -> Accepted:
    cmd = CosignReply(
        proposal_id=proposal_id,
        actor=principal.actor,
        at=now(),
        task_id=task_id,
        note=body.note if body else None,
    )
    return await handling.cosign(rt, principal, cmd)


@router.post(
    f"{TASK}/reply/submit",
    status_code=202,
    tags=UNIT,
    summary="答复报送督办部门审核（会办单位全部会签后）",
)
async def submit_reply(
    proposal_id: ProposalId, task_id: TaskId, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = SubmitReplyForReview(
        proposal_id=proposal_id, actor=principal.actor, at=now(), task_id=task_id
    )
    return await handling.submit_reply(rt, principal, cmd)


@router.post(
    f"{TASK}/reply/approve",
    status_code=202,
    tags=SUPERVISE,
    summary="审核通过答复并发出（督办部门；可调整办理结果类别）",
)
async def approve_reply(
    proposal_id: ProposalId,
    task_id: TaskId,
    principal: CurrentPrincipal,
    rt: Runtime,
    body: ReplyApprovalIn | None = None,
) -> Accepted:
    body = body or ReplyApprovalIn()
    cmd = ApproveReply(
        proposal_id=proposal_id,
        actor=principal.actor,
        at=now(),
        task_id=task_id,
        result_class=body.result_class,
        note=body.note,
    )
    return await handling.approve_reply(rt, principal, cmd)


@router.post(
    f"{TASK}/reply/reject",
    status_code=202,
    tags=SUPERVISE,
    summary="退回答复重新起草（督办部门，注明原因）",
)
async def reject_reply(
    proposal_id: ProposalId,
    task_id: TaskId,
    body: ReasonIn,
    principal: CurrentPrincipal,
    rt: Runtime,
) -> Accepted:
    cmd = RejectReply(
        proposal_id=proposal_id,
        actor=principal.actor,
        at=now(),
        task_id=task_id,
        reason=body.reason,
    )
    return await handling.reject_reply(rt, principal, cmd)
