"""Handlers of drafts, co-signing, review opinions, 退回修改, 并案 and 重点提案."""

from __future__ import annotations

from typing import Any

from services.proposals.domain import ProposalState, proposal_decider
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
from services.proposals.domain.decide import (
    decide_cancel_cosign,
    decide_decline_cosign,
    decide_designate_key,
    decide_draft_proposal,
    decide_invite_cosigners,
    decide_merge_proposals,
    decide_record_review_opinion,
    decide_return_for_revision,
    decide_sign_cosign,
    decide_submit_draft,
    decide_update_draft,
)
from services.proposals.domain.decisions import check_secondary_ids
from services.proposals.projections.member_reference import (
    MemberReference,
    names_of,
    townships_of,
)
from shared.auth import Forbidden, Principal
from shared.commands import Decision, Target
from shared.domain import Invalid
from shared.http import Accepted
from shared.service import ServiceRuntime

from .access import OFFICE_ROLES
from .lifecycle import accepted, acting_as, config_of, on_proposal, require_role
from .lookup import projection

OFFICE_ONLY = "只有提案委员会或政协机关工作人员可以进行此项审查工作。"


async def draft(rt: ServiceRuntime, principal: Principal, cmd: DraftProposal) -> Accepted:
    """起草: a member for themself, or the office on a member's behalf."""
    lead = cmd.lead_author_id.strip() or (principal.member_id or "")
    if not lead:
        raise Invalid("请填写第一提案人（lead_author_id）", code="lead_author_required")
    if lead not in principal.scoped("member") and not principal.has(*OFFICE_ROLES):
        raise Forbidden(
            "委员只能以本人为第一提案人起草提案；代委员起草请使用提案委或政协机关账号。"
        )
    async with rt.db.read() as conn:
        refs = await projection(rt, MemberReference).lookup(conn, [lead])
    ref = refs.get(lead)
    cmd = cmd.model_copy(
        update={
            "lead_author_id": lead,
            "township_id": ref.township_id if ref else None,
            "author_name": ref.name if ref and ref.name else None,
        }
    )
    config = config_of(rt)
    result = await rt.commands.execute(
        "draft_proposal",
        [Target(proposal_decider, cmd.proposal_id, new=True)],
        lambda states: decide_draft_proposal(cmd, states[0], config),
        rt.context(principal, now=cmd.at),
    )
    return accepted(cmd.proposal_id, result)


async def update_draft(rt: ServiceRuntime, principal: Principal, cmd: UpdateDraft) -> Accepted:
    config = config_of(rt)

    def decide(state: ProposalState) -> Decision:
        as_lead = cmd.model_copy(
            update={
                "actor": acting_as(principal, state.lead_author_id),
                "by_office": principal.has(*OFFICE_ROLES),
            }
        )
        return decide_update_draft(as_lead, state, config)

    return await on_proposal(rt, principal, "update_draft", cmd, decide)


async def invite(rt: ServiceRuntime, principal: Principal, cmd: InviteCosigners) -> Accepted:
    ids = [m.strip() for m in cmd.member_ids]
    async with rt.db.read() as conn:
        refs = await projection(rt, MemberReference).lookup(conn, ids)
    cmd = cmd.model_copy(
        update={"member_township_ids": townships_of(refs), "member_names": names_of(refs)}
    )
    config = config_of(rt)

    def decide(state: ProposalState) -> Decision:
        as_lead = cmd.model_copy(update={"actor": acting_as(principal, state.lead_author_id)})
        return decide_invite_cosigners(as_lead, state, config)

    return await on_proposal(rt, principal, "invite_cosigners", cmd, decide)


async def sign(rt: ServiceRuntime, principal: Principal, cmd: SignCosign) -> Accepted:
    cmd = cmd.model_copy(update={"actor": acting_as(principal, cmd.member_id)})
    config = config_of(rt)
    return await on_proposal(
        rt, principal, "sign_cosign", cmd, lambda s: decide_sign_cosign(cmd, s, config)
    )


async def decline_cosign(rt: ServiceRuntime, principal: Principal, cmd: DeclineCosign) -> Accepted:
    cmd = cmd.model_copy(update={"actor": acting_as(principal, cmd.member_id)})
    return await on_proposal(
        rt, principal, "decline_cosign", cmd, lambda s: decide_decline_cosign(cmd, s)
    )


async def cancel_cosign(
    rt: ServiceRuntime, principal: Principal, cmd: CancelCosignInvitation
) -> Accepted:
    def decide(state: ProposalState) -> Decision:
        as_lead = cmd.model_copy(update={"actor": acting_as(principal, state.lead_author_id)})
        return decide_cancel_cosign(as_lead, state)

    return await on_proposal(rt, principal, "cancel_cosign", cmd, decide)


async def submit_draft(rt: ServiceRuntime, principal: Principal, cmd: SubmitDraft) -> Accepted:
    config = config_of(rt)

    def decide(state: ProposalState) -> Decision:
        as_lead = cmd.model_copy(
            update={
                "actor": acting_as(principal, state.lead_author_id),
                "by_office": principal.has(*OFFICE_ROLES),
            }
        )
        return decide_submit_draft(as_lead, state, config)

    return await on_proposal(rt, principal, "submit_draft", cmd, decide)


async def return_for_revision(
    rt: ServiceRuntime, principal: Principal, cmd: ReturnForRevision
) -> Accepted:
    require_role(principal, OFFICE_ROLES, OFFICE_ONLY)
    return await on_proposal(
        rt, principal, "return_for_revision", cmd, lambda s: decide_return_for_revision(cmd, s)
    )


async def review_opinion(
    rt: ServiceRuntime, principal: Principal, cmd: RecordReviewOpinion
) -> Accepted:
    require_role(principal, OFFICE_ROLES, OFFICE_ONLY)
    config = config_of(rt)
    return await on_proposal(
        rt,
        principal,
        "record_review_opinion",
        cmd,
        lambda s: decide_record_review_opinion(cmd, s, config),
    )


async def merge(rt: ServiceRuntime, principal: Principal, cmd: MergeProposals) -> Accepted:
    """并案: the primary and every secondary change in one atomic append."""
    require_role(principal, OFFICE_ROLES, "只有提案委员会或政协机关工作人员可以并案。")
    ids = [s.strip() for s in cmd.secondary_ids]
    check_secondary_ids(cmd.proposal_id, ids)
    cmd = cmd.model_copy(update={"secondary_ids": ids})
    others = [Target(proposal_decider, pid) for pid in ids]

    def decide(states: list[Any]) -> Decision:
        return decide_merge_proposals(cmd, states[0], states[1:])

    return await on_proposal(
        rt, principal, "merge_proposals", cmd, lambda s: [], others, extra_decide=decide
    )


async def designate_key(
    rt: ServiceRuntime, principal: Principal, cmd: DesignateKeyProposal
) -> Accepted:
    require_role(principal, OFFICE_ROLES, "只有提案委员会或政协机关工作人员可以确定重点提案。")
    return await on_proposal(
        rt, principal, "designate_key", cmd, lambda s: decide_designate_key(cmd, s)
    )
