"""Folding drafting, co-signing, review opinions, routing, 并案 and 重点提案 events."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from shared.events import DomainEvent

from .events_review import (
    ProposalDesignatedKey,
    ProposalMerged,
    ProposalReviewOpinionRecorded,
    ProposalsMerged,
)
from .events_submission import (
    ProposalCosignCancelled,
    ProposalCosignDeclined,
    ProposalCosigned,
    ProposalCosignInvited,
    ProposalDrafted,
    ProposalDraftUpdated,
    ProposalReturnedForRevision,
)
from .model import Cosigner, CosignStatus, ProposalState, ProposalStatus, ReviewOpinion


def _drafted(state: ProposalState, e: ProposalDrafted) -> ProposalState:
    return replace(
        state,
        proposal_id=e.proposal_id,
        status=ProposalStatus.DRAFT,
        author_kind=e.author_kind,
        author_body=e.author_body,
        lead_author_id=e.lead_author_id,
        title=e.title,
        body=e.body,
        category=e.category,
        term_no=e.term_no,
        session_no=e.session_no,
        period=e.period,
        suggested_units=e.suggested_units,
        township_id=e.township_id,
        author_township_ids=dict(e.author_township_ids),
        author_names=dict(e.author_names),
        drafted_at=e.drafted_at,
    )


def _draft_updated(state: ProposalState, e: ProposalDraftUpdated) -> ProposalState:
    return replace(
        state,
        author_kind=e.author_kind,
        author_body=e.author_body,
        title=e.title,
        body=e.body,
        category=e.category,
        period=e.period,
        suggested_units=e.suggested_units,
        township_id=e.township_id,
    )


def _with_cosigner(state: ProposalState, member_id: str, **changes: Any) -> ProposalState:
    cosigners = tuple(
        replace(c, **changes) if c.member_id == member_id else c for c in state.cosigners
    )
    return replace(state, cosigners=cosigners)


def _invited(state: ProposalState, e: ProposalCosignInvited) -> ProposalState:
    others = tuple(c for c in state.cosigners if c.member_id != e.member_id)
    invitee = Cosigner(
        e.member_id, CosignStatus.INVITED, e.member_township_id, e.member_name, e.deadline_on
    )
    names = dict(state.author_names)
    if e.member_name:
        names[e.member_id] = e.member_name
    return replace(
        state,
        status=ProposalStatus.COSIGNING,
        cosigners=(*others, invitee),
        author_names=names,
    )


def _answered(state: ProposalState, member_id: str, **changes: Any) -> ProposalState:
    """Co-signing lasts while an invitation is open; then the draft is editable again."""
    state = _with_cosigner(state, member_id, **changes)
    pending = any(c.status == CosignStatus.INVITED for c in state.cosigners)
    return replace(state, status=ProposalStatus.COSIGNING if pending else ProposalStatus.DRAFT)


def _cosigned(state: ProposalState, e: ProposalCosigned) -> ProposalState:
    return _answered(state, e.member_id, status=CosignStatus.SIGNED, signed_at=e.signed_at)


def _declined(state: ProposalState, e: ProposalCosignDeclined) -> ProposalState:
    return _answered(state, e.member_id, status=CosignStatus.DECLINED)


def _cancelled(state: ProposalState, e: ProposalCosignCancelled) -> ProposalState:
    return _answered(state, e.member_id, status=CosignStatus.CANCELLED)


def _returned(state: ProposalState, e: ProposalReturnedForRevision) -> ProposalState:
    return replace(
        state,
        status=ProposalStatus.DRAFT,
        returned_reason=e.reason,
        review_started_at=None,
        review_opinions=(),
    )


def _opinion(state: ProposalState, e: ProposalReviewOpinionRecorded) -> ProposalState:
    opinion = ReviewOpinion(e.stage, e.opinion, e.recorded_at)
    return replace(state, review_opinions=(*state.review_opinions, opinion))


def _merged_primary(state: ProposalState, e: ProposalsMerged) -> ProposalState:
    return replace(
        state,
        co_author_ids=e.co_author_ids,
        author_township_ids={**state.author_township_ids, **e.author_township_ids},
        author_names={**state.author_names, **e.author_names},
        merged_from=(*state.merged_from, *e.secondary_ids),
    )


def _merged_secondary(state: ProposalState, e: ProposalMerged) -> ProposalState:
    return replace(state, status=ProposalStatus.MERGED, merged_into=e.primary_id)


def _key(state: ProposalState, e: ProposalDesignatedKey) -> ProposalState:
    return replace(state, is_key=True, key_leader_ids=e.supervising_leader_ids)


FOLDS: dict[type[DomainEvent], Callable[[ProposalState, Any], ProposalState]] = {
    ProposalDrafted: _drafted,
    ProposalDraftUpdated: _draft_updated,
    ProposalCosignInvited: _invited,
    ProposalCosigned: _cosigned,
    ProposalCosignDeclined: _declined,
    ProposalCosignCancelled: _cancelled,
    ProposalReturnedForRevision: _returned,
    ProposalReviewOpinionRecorded: _opinion,
    ProposalsMerged: _merged_primary,
    ProposalMerged: _merged_secondary,
    ProposalDesignatedKey: _key,
}
