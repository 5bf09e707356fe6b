"""Lifecycle read-model rows → response parts, hiding what the viewer may not see.

- co-signers: everyone who may see the proposal; review opinions: staff only;
- tasks: everyone; a co-handler's opinion: staff and the proposal's units;
- replies: issued ones for everyone, drafts for staff and the proposal's units.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import Row

from services.proposals.application.lifecycle_views import DetailParts
from services.proposals.application.views import Viewer
from services.proposals.domain.config import LifecycleConfig
from services.proposals.domain.labels import (
    CATEGORY_LABELS,
    CHANNEL_LABELS,
    COSIGN_STATUS_LABELS,
    REPLY_STATUS_LABELS,
    ROLE_LABELS,
    SATISFACTION_LABELS,
    TASK_PHASE_LABELS,
)
from services.proposals.domain.units import UNIT_KIND_LABELS

from .presenters import labelled, utc
from .schemas_views import (
    CosignerOut,
    EvaluationOut,
    HandlingUnitOut,
    Labelled,
    ReplyOut,
    ReviewOpinionOut,
    TaskOut,
    UnitTaskItem,
)


def class_label(code: str | None, config: LifecycleConfig) -> Labelled:
    code = code or ""
    return Labelled(code=code, label=config.result_classes.get(code, code))


def parts_fields(parts: DetailParts, viewer: Viewer, config: LifecycleConfig) -> dict[str, Any]:
    insider = viewer.staff or bool(viewer.unit_ids.intersection(parts.unit_ids))
    return {
        "cosigners": [_cosigner(c) for c in parts.cosigners],
        "review_opinions": [_opinion(o) for o in parts.opinions] if viewer.staff else [],
        "tasks": [_task(t, t.task_id in parts.overdue_tasks, insider) for t in parts.tasks],
        "replies": [
            _reply(r, parts, config) for r in parts.replies if insider or r.status == "issued"
        ],
    }


def _cosigner(row: Row[Any]) -> CosignerOut:
    return CosignerOut(
        member_id=row.member_id,
        name=row.member_name,
        township_id=row.township_id,
        status=labelled(row.status, COSIGN_STATUS_LABELS),
        deadline_on=row.deadline_on,
        answered_at=utc(row.answered_at),
    )


def _opinion(row: Row[Any]) -> ReviewOpinionOut:
    return ReviewOpinionOut(
        stage=Labelled(code=row.stage, label=row.stage_label),
        opinion=row.opinion,
        recorded_at=utc(row.recorded_at),
    )


def _task(row: Row[Any], overdue: bool, insider: bool) -> TaskOut:
    return TaskOut(
        task_id=row.task_id,
        unit_id=row.unit_id,
        unit_name=row.unit_name,
        role=labelled(row.role, ROLE_LABELS),
        phase=labelled(row.phase, TASK_PHASE_LABELS),
        round=row.round,
        assigned_at=utc(row.assigned_at),
        accepted_at=utc(row.accepted_at),
        due_on=row.due_on,
        return_due_on=row.return_due_on,
        replied=bool(row.replied),
        result_class=row.result_class,
        overdue=overdue,
        extension_pending=bool(row.extension_pending),
        contacts=row.contacts,
        co_opinion=row.co_opinion if insider else None,
    )


def _reply(row: Row[Any], parts: DetailParts, config: LifecycleConfig) -> ReplyOut:
    return ReplyOut(
        reply_id=row.reply_id,
        task_id=row.task_id,
        unit_id=row.unit_id,
        unit_name=row.unit_name,
        role=labelled(row.role, ROLE_LABELS),
        round=row.round,
        status=labelled(row.status, REPLY_STATUS_LABELS),
        doc_no=row.doc_no,
        body=row.body,
        result_class=class_label(row.result_class, config),
        contact_person=row.contact_person,
        contact_phone=row.contact_phone,
        signed_by=row.signed_by,
        cosigned_unit_ids=[c.unit_id for c in parts.cosigns.get(row.reply_id, [])],
        issued_at=utc(row.issued_at),
        evaluation_due_on=row.evaluation_due_on,
        lapsed=bool(row.lapsed),
        rehandled=bool(row.rehandled),
        evaluations=[evaluation(e) for e in parts.evaluations.get(row.reply_id, [])],
    )


def evaluation(row: Any) -> EvaluationOut:
    return EvaluationOut(
        evaluator_id=row.evaluator_id,
        by_lead_author=bool(row.by_lead_author),
        process_satisfaction=labelled(row.process_satisfaction, SATISFACTION_LABELS),
        result_satisfaction=labelled(row.result_satisfaction, SATISFACTION_LABELS),
        comment=row.comment,
        channel=labelled(row.channel, CHANNEL_LABELS),
        evaluated_at=utc(row.evaluated_at),
    )


def unit_task(row: Row[Any], as_of: date) -> UnitTaskItem:
    open_task = row.phase not in ("returned", "concluded") and not row.replied
    pending = open_task and (row.role != "co" or row.co_opinion is None)
    return UnitTaskItem(
        proposal_id=row.proposal_id,
        task_id=row.task_id,
        serial_no=row.serial_no,
        title=row.title,
        category=labelled(row.category, CATEGORY_LABELS),
        role=labelled(row.role, ROLE_LABELS),
        phase=labelled(row.phase, TASK_PHASE_LABELS),
        round=row.round,
        is_key=bool(row.is_key),
        assigned_at=utc(row.assigned_at),
        due_on=row.due_on,
        return_due_on=row.return_due_on,
        replied=bool(row.replied),
        overdue=pending and row.due_on < as_of,
        extension_pending=bool(row.extension_pending),
    )


def unit_out(row: Row[Any]) -> HandlingUnitOut:
    return HandlingUnitOut(
        unit_id=row.unit_id,
        name=row.name,
        kind=labelled(row.kind, UNIT_KIND_LABELS),
        township_id=row.township_id,
        active=bool(row.active),
        registered_at=utc(row.registered_at),
    )


def labels_of(codes: Sequence[str], labels: Mapping[str, str]) -> list[Labelled]:
    return [labelled(c, labels) for c in codes]
