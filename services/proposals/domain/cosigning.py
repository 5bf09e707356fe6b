"""Answers to a co-signing invitation (DOMAIN §2.4.1 P3): sign, decline, cancel."""

from __future__ import annotations

from shared.domain import Rejected
from shared.events import DomainEvent

from .commands import CancelCosignInvitation, DeclineCosign, SignCosign
from .common import (
    forbidden,
    member_principal,
    optional_text,
    require_existing,
    require_status,
    today,
    utc,
)
from .config import DEFAULT_CONFIG, LifecycleConfig
from .drafting import require_lead
from .events_submission import ProposalCosignCancelled, ProposalCosignDeclined, ProposalCosigned
from .labels import status_label
from .model import EDITABLE_STATUSES, Cosigner, CosignStatus, ProposalState


def decide_sign_cosign(
    cmd: SignCosign, state: ProposalState, config: LifecycleConfig = DEFAULT_CONFIG
) -> list[DomainEvent]:
    """联名签名确认 by the invitee, before the deadline."""
    invitee = _invitation(cmd.actor, cmd.member_id, cmd, state, "签名")
    day = today(cmd.at, config)
    if day > invitee.deadline_on:
        raise Rejected(
            f"联名截止日期（{invitee.deadline_on}）已过，不能再签名；"
            "如仍需联名，请联系第一提案人重新邀请",
            code="cosign_deadline_passed",
        )
    return [
        ProposalCosigned(
            proposal_id=state.proposal_id,
            township_id=state.township_id,
            lead_author_id=state.lead_author_id,
            member_id=invitee.member_id,
            signed_at=utc(cmd.at),
        )
    ]


def decide_decline_cosign(cmd: DeclineCosign, state: ProposalState) -> list[DomainEvent]:
    invitee = _invitation(cmd.actor, cmd.member_id, cmd, state, "拒绝联名")
    return [
        ProposalCosignDeclined(
            proposal_id=state.proposal_id,
            township_id=state.township_id,
            lead_author_id=state.lead_author_id,
            member_id=invitee.member_id,
            reason=optional_text(cmd.reason, "拒绝理由"),
            declined_at=utc(cmd.at),
        )
    ]


def _invitation(
    actor: str, member_id: str, cmd: SignCosign | DeclineCosign, state: ProposalState, what: str
) -> Cosigner:
    require_existing(cmd, state)
    if actor != member_principal(member_id):
        raise forbidden(f"只有受邀委员本人可以{what}", code="not_invitee")
    if state.status not in EDITABLE_STATUSES:
        raise Rejected(
            f"提案当前状态为“{status_label(state.status)}”，联名征集已结束，不能{what}",
            code="invalid_state",
        )
    invitee = state.cosigner(member_id)
    if invitee is None or invitee.status != CosignStatus.INVITED:
        raise Rejected("您没有待处理的联名邀请（可能已处理或已被撤回）", code="no_invitation")
    return invitee


def decide_cancel_cosign(cmd: CancelCosignInvitation, state: ProposalState) -> list[DomainEvent]:
    require_existing(cmd, state)
    require_lead(cmd.actor, state, False, "撤回联名邀请")
    require_status(state, EDITABLE_STATUSES, "撤回联名邀请")
    invitee = state.cosigner(cmd.member_id)
    if invitee is None or invitee.status != CosignStatus.INVITED:
        raise Rejected(
            "只能撤回尚未签名的联名邀请；该委员未受邀、已签名或已拒绝", code="no_invitation"
        )
    return [
        ProposalCosignCancelled(
            proposal_id=state.proposal_id,
            township_id=state.township_id,
            lead_author_id=state.lead_author_id,
            member_id=invitee.member_id,
            cancelled_at=utc(cmd.at),
        )
    ]
