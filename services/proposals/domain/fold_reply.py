"""Folding reply, evaluation, re-handling, conclusion and quality-rating events."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from shared.events import DomainEvent

from .events_evaluation import (
    EvaluationLapsed,
    ProposalConcluded,
    ProposalQualityRated,
    RehandlingOrdered,
    ReplyEvaluated,
)
from .events_reply import (
    ProposalAllRepliesIssued,
    ProposalReplied,
    ReplyApproved,
    ReplyCosigned,
    ReplyCosignRequested,
    ReplyDrafted,
    ReplyRejected,
    ReplySubmittedForReview,
)
from .fold_handling import with_task
from .model import Evaluation, ProposalState, ProposalStatus, Reply, ReplyStatus


def _with_reply(state: ProposalState, reply_id: str, **changes: Any) -> ProposalState:
    current = state.replies.get(reply_id)
    if current is None:
        return state
    return replace(state, replies={**state.replies, reply_id: replace(current, **changes)})


def _drafted(state: ProposalState, e: ReplyDrafted) -> ProposalState:
    reply = Reply(
        reply_id=e.reply_id,
        task_id=e.task_id,
        unit_id=e.unit_id,
        round=e.round,
        status=ReplyStatus.DRAFTING,
        doc_no=e.doc_no,
        body=e.body,
        result_class=e.result_class,
        contact_person=e.contact_person,
        contact_phone=e.contact_phone,
        signed_by=e.signed_by,
    )
    return replace(state, replies={**state.replies, e.reply_id: reply})


def _cosign_requested(state: ProposalState, e: ReplyCosignRequested) -> ProposalState:
    return _with_reply(state, e.reply_id, status=ReplyStatus.COSIGNING)


def _cosigned(state: ProposalState, e: ReplyCosigned) -> ProposalState:
    reply = state.replies.get(e.reply_id)
    signed = (reply.cosigned_by if reply else frozenset()) | {e.task_id}
    return _with_reply(state, e.reply_id, cosigned_by=signed)


def _submitted(state: ProposalState, e: ReplySubmittedForReview) -> ProposalState:
    return _with_reply(state, e.reply_id, status=ReplyStatus.IN_REVIEW)


def _approved(state: ProposalState, e: ReplyApproved) -> ProposalState:
    return _with_reply(state, e.reply_id, result_class=e.result_class)


def _rejected(state: ProposalState, e: ReplyRejected) -> ProposalState:
    return _with_reply(state, e.reply_id, status=ReplyStatus.DRAFTING, cosigned_by=frozenset())


def _replied(state: ProposalState, e: ProposalReplied) -> ProposalState:
    return _with_reply(
        state,
        e.reply_id,
        status=ReplyStatus.ISSUED,
        issued_at=e.issued_at,
        evaluation_due_on=e.evaluation_due_on,
    )


def _all_issued(state: ProposalState, e: ProposalAllRepliesIssued) -> ProposalState:
    return replace(state, status=ProposalStatus.REPLIED)


def _evaluated(state: ProposalState, e: ReplyEvaluated) -> ProposalState:
    reply = state.replies.get(e.reply_id)
    if reply is None:
        return state
    evaluation = Evaluation(
        evaluator_id=e.evaluator_id,
        process=e.process_satisfaction,
        result=e.result_satisfaction,
        comment=e.comment,
        channel=e.channel,
        evaluated_at=e.evaluated_at,
        by_lead_author=e.by_lead_author,
    )
    evaluations = {**reply.evaluations, e.evaluator_id: evaluation}
    return _with_reply(state, e.reply_id, evaluations=evaluations)


def _lapsed(state: ProposalState, e: EvaluationLapsed) -> ProposalState:
    return _with_reply(state, e.reply_id, lapsed=True)


def _rehandling(state: ProposalState, e: RehandlingOrdered) -> ProposalState:
    state = _with_reply(state, e.reply_id, rehandling_ordered=True)
    state = with_task(state, e.task_id, round=e.round, due_on=e.due_on)
    return replace(state, status=ProposalStatus.REHANDLING)


def _concluded(state: ProposalState, e: ProposalConcluded) -> ProposalState:
    return replace(
        state, status=ProposalStatus.CONCLUDED, concluded_at=e.concluded_at, conclusion=e.basis
    )


def _rated(state: ProposalState, e: ProposalQualityRated) -> ProposalState:
    return with_task(state, e.task_id, quality=e.quality)


FOLDS: dict[type[DomainEvent], Callable[[ProposalState, Any], ProposalState]] = {
    ReplyDrafted: _drafted,
    ReplyCosignRequested: _cosign_requested,
    ReplyCosigned: _cosigned,
    ReplySubmittedForReview: _submitted,
    ReplyApproved: _approved,
    ReplyRejected: _rejected,
    ProposalReplied: _replied,
    ProposalAllRepliesIssued: _all_issued,
    ReplyEvaluated: _evaluated,
    EvaluationLapsed: _lapsed,
    RehandlingOrdered: _rehandling,
    ProposalConcluded: _concluded,
    ProposalQualityRated: _rated,
}
