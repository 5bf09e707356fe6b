"""Routes of 交办, 签收/退办, 会办意见, 答复 (起草→会签→审核), 延期, 面商 and 双向评议."""

from __future__ import annotations

from enum import Enum

from fastapi import APIRouter

from services.proposals.application import handling
from services.proposals.domain.commands_handling import (
    AcceptTask,
    ApproveReturn,
    AssignProposal,
    GrantExtension,
    RateProposalQuality,
    RecordHandlingContact,
    RejectReturn,
    RequestExtension,
    RequestReturn,
    SubmitCoOpinion,
    UnitAssignment,
)
from shared.auth import CurrentPrincipal
from shared.http import Accepted
from shared.service import Runtime

from .params import ProposalId, TaskId, now
from .schemas_lifecycle import (
    AssignIn,
    ContactIn,
    CoOpinionIn,
    ExtensionGrantIn,
    ExtensionRequestIn,
    QualityIn,
    ReasonIn,
    ReturnApprovalIn,
    ReturnRequestIn,
    UnitAssignmentIn,
)
from .schemas_views import AssignAccepted

router = APIRouter()
ASSIGN: list[str | Enum] = ["交办"]
UNIT: list[str | Enum] = ["承办单位办理"]
SUPERVISE: list[str | Enum] = ["督办审核"]
TASK = "/proposals/{proposal_id}/tasks/{task_id}"


def _units(raw: list[UnitAssignmentIn]) -> list[UnitAssignment]:
    return [UnitAssignment(unit_id=u.unit_id, role=u.role) for u in raw]


@router.post(
    "/proposals/{proposal_id}/assign",
    status_code=202,
    tags=ASSIGN,
    summary="交办：明确主办、会办、分办或独办单位（交办机关/政协机关）；提醒信息不阻止交办",
)
async def assign(
    proposal_id: ProposalId, body: AssignIn, principal: CurrentPrincipal, rt: Runtime
) -> AssignAccepted:
    cmd = AssignProposal(
        proposal_id=proposal_id, actor=principal.actor, at=now(), assignments=_units(body.units)
    )
    done, warnings = await handling.assign(rt, principal, cmd)
    return AssignAccepted(**done.model_dump(), warnings=warnings)


@router.post(f"{TASK}/accept", status_code=202, tags=UNIT, summary="签收承办任务（本单位）")
async def accept(
    proposal_id: ProposalId, task_id: TaskId, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = AcceptTask(proposal_id=proposal_id, actor=principal.actor, at=now(), task_id=task_id)
    return await handling.accept(rt, principal, cmd)


@router.post(
    f"{TASK}/return-request",
    status_code=202,
    tags=UNIT,
    summary="申请退办（本单位，交办后规定工作日内）",
)
async def request_return(
    proposal_id: ProposalId,
    task_id: TaskId,
    body: ReturnRequestIn,
    principal: CurrentPrincipal,
    rt: Runtime,
) -> Accepted:
    cmd = RequestReturn(
        proposal_id=proposal_id,
        actor=principal.actor,
        at=now(),
        task_id=task_id,
        reason=body.reason,
        suggested_units=body.suggested_units,
    )
    return await handling.request_return(rt, principal, cmd)


@router.post(
    f"{TASK}/return-approval",
    status_code=202,
    tags=ASSIGN,
    summary="同意退办并可改交其他单位（交办机关/政协机关）",
)
async def approve_return(
    proposal_id: ProposalId,
    task_id: TaskId,
    principal: CurrentPrincipal,
    rt: Runtime,
    body: ReturnApprovalIn | None = None,
) -> Accepted:
    body = body or ReturnApprovalIn()
    cmd = ApproveReturn(
        proposal_id=proposal_id,
        actor=principal.actor,
        at=now(),
        task_id=task_id,
        reassign_to=_units(body.reassign_to),
        note=body.note,
    )
    return await handling.approve_return(rt, principal, cmd)


@router.post(
    f"{TASK}/return-rejection",
    status_code=202,
    tags=ASSIGN,
    summary="驳回退办申请（交办机关/政协机关），该单位继续办理",
)
async def reject_return(
    proposal_id: ProposalId,
    task_id: TaskId,
    body: ReasonIn,
    principal: CurrentPrincipal,
    rt: Runtime,
) -> Accepted:
    cmd = RejectReturn(
        proposal_id=proposal_id,
        actor=principal.actor,
        at=now(),
        task_id=task_id,
        reason=body.reason,
    )
    return await handling.reject_return(rt, principal, cmd)


@router.post(f"{TASK}/co-opinion", status_code=202, tags=UNIT, summary="提交会办意见（会办单位）")
async def co_opinion(
    proposal_id: ProposalId,
    task_id: TaskId,
    body: CoOpinionIn,
    principal: CurrentPrincipal,
    rt: Runtime,
) -> Accepted:
    cmd = SubmitCoOpinion(
        proposal_id=proposal_id,
        actor=principal.actor,
        at=now(),
        task_id=task_id,
        opinion=body.opinion,
    )
    return await handling.co_opinion(rt, principal, cmd)


@router.post(
    f"{TASK}/extension-request",
    status_code=202,
    tags=UNIT,
    summary="申请延期答复（主办、分办、独办单位）",
)
async def request_extension(
    proposal_id: ProposalId,
    task_id: TaskId,
    body: ExtensionRequestIn,
    principal: CurrentPrincipal,
    rt: Runtime,
) -> Accepted:
    cmd = RequestExtension(
        proposal_id=proposal_id,
        actor=principal.actor,
        at=now(),
        task_id=task_id,
        months=body.months,
        reason=body.reason,
    )
    return await handling.request_extension(rt, principal, cmd)


@router.post(
    f"{TASK}/extension",
    status_code=202,
    tags=SUPERVISE,
    summary="同意延期（提案委/督办部门/政协机关；自交办起最长 6 个月）",
)
async def grant_extension(
    proposal_id: ProposalId,
    task_id: TaskId,
    principal: CurrentPrincipal,
    rt: Runtime,
    body: ExtensionGrantIn | None = None,
) -> Accepted:
    cmd = GrantExtension(
        proposal_id=proposal_id,
        actor=principal.actor,
        at=now(),
        task_id=task_id,
        months=body.months if body else None,
    )
    return await handling.grant_extension(rt, principal, cmd)


@router.post(
    f"{TASK}/contacts",
    status_code=202,
    tags=UNIT,
    summary="记录与提案者的沟通（办前面商、办中沟通、办后回访）",
)
async def record_contact(
    proposal_id: ProposalId,
    task_id: TaskId,
    body: ContactIn,
    principal: CurrentPrincipal,
    rt: Runtime,
) -> Accepted:
    cmd = RecordHandlingContact(
        proposal_id=proposal_id,
        actor=principal.actor,
        at=now(),
        task_id=task_id,
        kind=body.kind,
        mode=body.mode,
        contacted_on=body.contacted_on,
        note=body.note,
    )
    return await handling.record_contact(rt, principal, cmd)


@router.post(
    f"{TASK}/quality-rating",
    status_code=202,
    tags=UNIT,
    summary="承办单位评价提案质量（双向评议）",
)
async def rate_quality(
    proposal_id: ProposalId,
    task_id: TaskId,
    body: QualityIn,
    principal: CurrentPrincipal,
    rt: Runtime,
) -> Accepted:
    cmd = RateProposalQuality(
        proposal_id=proposal_id,
        actor=principal.actor,
        at=now(),
        task_id=task_id,
        quality=body.quality,
        comment=body.comment,
    )
    return await handling.rate_quality(rt, principal, cmd)
