"""Routes of drafts, 联名, 审查意见, 退回修改, 并案 and 重点提案."""

from __future__ import annotations

from enum import Enum

from fastapi import APIRouter

from services.proposals.application import submission
from services.proposals.domain import ProposalBody
from services.proposals.domain.commands import (
    CancelCosignInvitation,
    DeclineCosign,
    DesignateKeyProposal,
    DraftProposal,
    InviteCosigners,
    MergeProposals,
    RecordReviewOpinion,
    ReturnForRevision,
    SignCosign,
    SubmitDraft,
    UpdateDraft,
)
from services.proposals.domain.events import AuthorBody
from shared.auth import CurrentPrincipal
from shared.http import Accepted
from shared.ids import uuid7
from shared.service import ReadAfter, Runtime

from .params import MemberIdPath, ProposalId, now
from .schemas_lifecycle import (
    AuthorBodyIn,
    DeclineCosignIn,
    DraftContentIn,
    DraftIn,
    InviteIn,
    KeyIn,
    MergeIn,
    OpinionIn,
    ReasonIn,
)

router = APIRouter()
DRAFTS: list[str | Enum] = ["提案起草与联名"]
REVIEW: list[str | Enum] = ["提案审查"]


def _author_body(raw: AuthorBodyIn | None) -> AuthorBody | None:
    return AuthorBody(**raw.model_dump()) if raw else None


def _content(body: DraftContentIn) -> dict[str, object]:
    return {
        "author_kind": body.author_kind,
        "author_body": _author_body(body.author_body),
        "title": body.title,
        "body": ProposalBody(**body.body.model_dump()),
        "category": body.category,
        "period": body.period,
        "suggested_units": body.suggested_units,
    }


@router.post(
    "/proposals/drafts",
    status_code=201,
    tags=DRAFTS,
    summary="起草提案（委员本人，或提案委/政协机关代为起草）；草稿仅提案人可见",
    dependencies=[ReadAfter],
)
async def draft_proposal(body: DraftIn, principal: CurrentPrincipal, rt: Runtime) -> Accepted:
    cmd = DraftProposal(
        proposal_id=uuid7(),
        actor=principal.actor,
        at=now(),
        lead_author_id=body.lead_author_id or "",
        term_no=body.term_no,
        session_no=body.session_no,
        township_id=None,
        **_content(body),
    )
    return await submission.draft(rt, principal, cmd)


@router.put(
    "/proposals/{proposal_id}/draft",
    status_code=202,
    tags=DRAFTS,
    summary="修改草稿（第一提案人；联名征集中不能修改）",
)
async def update_draft(
    proposal_id: ProposalId, body: DraftContentIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = UpdateDraft(
        proposal_id=proposal_id,
        actor=principal.actor,
        at=now(),
        **_content(body),
    )
    return await submission.update_draft(rt, principal, cmd)


@router.post(
    "/proposals/{proposal_id}/cosigners",
    status_code=202,
    tags=DRAFTS,
    summary="邀请委员联名（第一提案人；联名提案）",
)
async def invite_cosigners(
    proposal_id: ProposalId, body: InviteIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = InviteCosigners(
        proposal_id=proposal_id,
        actor=principal.actor,
        at=now(),
        member_ids=body.member_ids,
        deadline_on=body.deadline_on,
    )
    return await submission.invite(rt, principal, cmd)


@router.post(
    "/proposals/{proposal_id}/cosigners/{member_id}/sign",
    status_code=202,
    tags=DRAFTS,
    summary="联名签名确认（受邀委员本人，截止日期前）",
)
async def sign_cosign(
    proposal_id: ProposalId, member_id: MemberIdPath, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = SignCosign(proposal_id=proposal_id, actor=principal.actor, at=now(), member_id=member_id)
    return await submission.sign(rt, principal, cmd)


@router.post(
    "/proposals/{proposal_id}/cosigners/{member_id}/decline",
    status_code=202,
    tags=DRAFTS,
    summary="拒绝联名（受邀委员本人）",
)
async def decline_cosign(
    proposal_id: ProposalId,
    member_id: MemberIdPath,
    principal: CurrentPrincipal,
    rt: Runtime,
    body: DeclineCosignIn | None = None,
) -> Accepted:
    cmd = DeclineCosign(
        proposal_id=proposal_id,
        actor=principal.actor,
        at=now(),
        member_id=member_id,
        reason=body.reason if body else None,
    )
    return await submission.decline_cosign(rt, principal, cmd)


@router.post(
    "/proposals/{proposal_id}/cosigners/{member_id}/cancel",
    status_code=202,
    tags=DRAFTS,
    summary="撤回尚未签名的联名邀请（第一提案人）",
)
async def cancel_cosign(
    proposal_id: ProposalId, member_id: MemberIdPath, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = CancelCosignInvitation(
        proposal_id=proposal_id, actor=principal.actor, at=now(), member_id=member_id
    )
    return await submission.cancel_cosign(rt, principal, cmd)


@router.post(
    "/proposals/{proposal_id}/submit",
    status_code=202,
    tags=DRAFTS,
    summary="提交草稿（第一提案人或提案委代交）；未签名的受邀委员不列为联名人",
)
async def submit_draft(
    proposal_id: ProposalId, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = SubmitDraft(proposal_id=proposal_id, actor=principal.actor, at=now())
    return await submission.submit_draft(rt, principal, cmd)


@router.post(
    "/proposals/{proposal_id}/return",
    status_code=202,
    tags=REVIEW,
    summary="退回修改（提案委/政协机关，注明原因）",
)
async def return_for_revision(
    proposal_id: ProposalId, body: ReasonIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = ReturnForRevision(
        proposal_id=proposal_id, actor=principal.actor, at=now(), reason=body.reason
    )
    return await submission.return_for_revision(rt, principal, cmd)


@router.post(
    "/proposals/{proposal_id}/review-opinions",
    status_code=202,
    tags=REVIEW,
    summary="记录审查意见（初审→会审→终审，按配置的环节依次进行）",
)
async def record_review_opinion(
    proposal_id: ProposalId, body: OpinionIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = RecordReviewOpinion(
        proposal_id=proposal_id,
        actor=principal.actor,
        at=now(),
        stage=body.stage,
        opinion=body.opinion,
    )
    return await submission.review_opinion(rt, principal, cmd)


@router.post(
    "/proposals/{proposal_id}/merge",
    status_code=202,
    tags=REVIEW,
    summary="并案：其他提案并入本提案（本提案保留提案号，被并提案人列为联名提案人）",
)
async def merge_proposals(
    proposal_id: ProposalId, body: MergeIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = MergeProposals(
        proposal_id=proposal_id, actor=principal.actor, at=now(), secondary_ids=body.secondary_ids
    )
    return await submission.merge(rt, principal, cmd)


@router.post(
    "/proposals/{proposal_id}/key",
    status_code=202,
    tags=REVIEW,
    summary="确定为重点提案并明确领衔督办领导（提案委/政协机关）",
)
async def designate_key(
    proposal_id: ProposalId, body: KeyIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = DesignateKeyProposal(
        proposal_id=proposal_id,
        actor=principal.actor,
        at=now(),
        supervising_leader_ids=body.supervising_leader_ids,
        note=body.note,
    )
    return await submission.designate_key(rt, principal, cmd)
