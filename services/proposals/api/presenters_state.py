"""A proposal's folded state (as of a day) → the same `ProposalDetail` body the read
models give, with the same hiding rules."""

from __future__ import annotations

from datetime import date
from typing import Any

from services.proposals.application.views import Viewer
from services.proposals.domain import (
    AUTHOR_KIND_LABELS,
    CATEGORY_LABELS,
    DISPOSITION_LABELS,
    PERIOD_LABELS,
    REASON_LABELS,
    ProposalState,
    status_label,
)
from services.proposals.domain.config import LifecycleConfig
from services.proposals.domain.labels import (
    CHANNEL_LABELS,
    CONCLUSION_LABELS,
    COSIGN_STATUS_LABELS,
    REPLY_STATUS_LABELS,
    ROLE_LABELS,
    SATISFACTION_LABELS,
    TASK_PHASE_LABELS,
)
from services.proposals.domain.model import Reply, ReplyStatus, Task, TaskStatus

from .presenters import labelled
from .presenters_lifecycle import class_label
from .schemas import AuthorOut, BodyOut, DecisionOut, ProposalDetail
from .schemas_views import (
    AuthorBodyOut,
    CosignerOut,
    EvaluationOut,
    Labelled,
    ReplyOut,
    ReviewOpinionOut,
    TaskOut,
)


def detail_of(
    state: ProposalState, viewer: Viewer, as_of: date, config: LifecycleConfig
) -> ProposalDetail:
    authors = [
        AuthorOut(
            member_id=a,
            name=state.author_names.get(a),
            township_id=state.author_township_ids.get(a),
            role="lead" if i == 0 else "co",
        )
        for i, a in enumerate(state.author_ids)
    ]
    private = viewer.office or bool(viewer.member_ids.intersection(state.author_ids))
    insider = viewer.staff or bool(viewer.unit_ids.intersection(t.unit_id for t in state.tasks))
    assert state.category is not None and state.author_kind is not None
    return ProposalDetail(
        proposal_id=state.proposal_id,
        serial_no=state.serial_no,
        title=state.title,
        category=labelled(state.category, CATEGORY_LABELS),
        author_kind=labelled(state.author_kind, AUTHOR_KIND_LABELS),
        lead_author_id=state.lead_author_id,
        lead_author_name=state.author_names.get(state.lead_author_id),
        authors=authors,
        status=Labelled(code=state.status or "", label=status_label(state.status)),
        term_no=state.term_no,
        session_no=state.session_no,
        period=labelled(state.period or "", PERIOD_LABELS),
        township_id=state.township_id,
        submitted_at=state.submitted_at,
        review_started_at=state.review_started_at,
        registered_at=state.registered_at,
        withdrawn_at=state.withdrawn_at,
        decision=_decision(state) if private else None,
        author_body=AuthorBodyOut(**state.author_body.model_dump()) if state.author_body else None,
        is_key=state.is_key,
        overdue=any(_overdue(state, t, as_of) for t in state.tasks),
        body=BodyOut(**state.body.model_dump()),
        suggested_units=list(state.suggested_units),
        withdrawal_reason=state.withdrawal_reason if private else None,
        returned_reason=state.returned_reason if private else None,
        key_leader_ids=list(state.key_leader_ids),
        merged_into_id=state.merged_into,
        assigned_at=state.assigned_at,
        concluded_at=state.concluded_at,
        conclusion=labelled(state.conclusion, CONCLUSION_LABELS) if state.conclusion else None,
        as_of=as_of,
        **_parts(state, viewer, insider, as_of, config),
    )


def _parts(
    state: ProposalState, viewer: Viewer, insider: bool, as_of: date, config: LifecycleConfig
) -> dict[str, Any]:
    stages = config.review_stages
    return {
        "cosigners": [
            CosignerOut(
                member_id=c.member_id,
                name=c.name,
                township_id=c.township_id,
                status=labelled(c.status, COSIGN_STATUS_LABELS),
                deadline_on=c.deadline_on,
                answered_at=c.signed_at,
            )
            for c in state.cosigners
        ],
        "review_opinions": [
            ReviewOpinionOut(
                stage=labelled(o.stage, stages), opinion=o.opinion, recorded_at=o.recorded_at
            )
            for o in state.review_opinions
        ]
        if viewer.staff
        else [],
        "tasks": [_task(state, t, insider, as_of) for t in state.tasks],
        "replies": [
            _reply(state, r, config)
            for r in state.replies.values()
            if insider or r.status == ReplyStatus.ISSUED
        ],
    }


def task_phase(state: ProposalState, task: Task) -> str:
    if not task.active:
        return "returned"
    if state.concluded_at is not None:
        return "concluded"
    if task.status != TaskStatus.ACCEPTED:
        return task.status.value
    if task.role == "co":
        lead = state.lead_task()
        reply = state.current_reply(lead) if lead else None
        if reply is not None and task.task_id in reply.cosigned_by:
            return "reply_cosigned"
        return "co_opinion_submitted" if task.co_opinion else "accepted"
    reply = state.current_reply(task)
    if reply is None:
        return "rehandling" if task.round > 1 else "accepted"
    return {
        ReplyStatus.DRAFTING: "reply_drafting",
        ReplyStatus.COSIGNING: "reply_cosigning",
        ReplyStatus.IN_REVIEW: "reply_in_review",
        ReplyStatus.ISSUED: "replied",
    }[reply.status]


def _replied(state: ProposalState, task: Task) -> bool:
    reply = state.current_reply(task)
    return reply is not None and reply.status == ReplyStatus.ISSUED


def _overdue(state: ProposalState, task: Task, as_of: date) -> bool:
    phase = task_phase(state, task)
    done = _replied(state, task) or (task.role == "co" and task.co_opinion is not None)
    return phase not in ("returned", "concluded") and not done and task.due_on < as_of


def _task(state: ProposalState, task: Task, insider: bool, as_of: date) -> TaskOut:
    reply = state.current_reply(task)
    return TaskOut(
        task_id=task.task_id,
        unit_id=task.unit_id,
        unit_name=task.unit_name,
        role=labelled(task.role, ROLE_LABELS),
        phase=labelled(task_phase(state, task), TASK_PHASE_LABELS),
        round=task.round,
        assigned_at=task.assigned_at,
        accepted_at=task.accepted_at,
        due_on=task.due_on,
        return_due_on=task.return_due_on,
        replied=_replied(state, task),
        result_class=reply.result_class if reply and _replied(state, task) else None,
        overdue=_overdue(state, task, as_of),
        extension_pending=task.extension_pending,
        contacts=task.contacts,
        co_opinion=task.co_opinion if insider else None,
    )


def _reply(state: ProposalState, reply: Reply, config: LifecycleConfig) -> ReplyOut:
    task = state.task(reply.task_id)
    return ReplyOut(
        reply_id=reply.reply_id,
        task_id=reply.task_id,
        unit_id=reply.unit_id,
        unit_name=task.unit_name if task else reply.unit_id,
        role=labelled(task.role if task else "", ROLE_LABELS),
        round=reply.round,
        status=labelled(reply.status, REPLY_STATUS_LABELS),
        doc_no=reply.doc_no,
        body=reply.body,
        result_class=class_label(reply.result_class, config),
        contact_person=reply.contact_person,
        contact_phone=reply.contact_phone,
        signed_by=reply.signed_by,
        cosigned_unit_ids=[t.unit_id for t in state.tasks if t.task_id in reply.cosigned_by],
        issued_at=reply.issued_at,
        evaluation_due_on=reply.evaluation_due_on,
        lapsed=reply.lapsed,
        rehandled=reply.rehandling_ordered,
        evaluations=[
            EvaluationOut(
                evaluator_id=e.evaluator_id,
                by_lead_author=e.by_lead_author,
                process_satisfaction=labelled(e.process, SATISFACTION_LABELS),
                result_satisfaction=labelled(e.result, SATISFACTION_LABELS),
                comment=e.comment,
                channel=labelled(e.channel, CHANNEL_LABELS),
                evaluated_at=e.evaluated_at,
            )
            for e in reply.evaluations.values()
        ],
    )


def _decision(state: ProposalState) -> DecisionOut | None:
    if state.not_registered_reason is None or state.disposition is None:
        return None
    return DecisionOut(
        reason=labelled(state.not_registered_reason, REASON_LABELS),
        disposition=labelled(state.disposition, DISPOSITION_LABELS),
        note=state.decision_note,
        decided_at=state.decided_at,
    )
