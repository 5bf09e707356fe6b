"""Read-model rows → response bodies, hiding what the viewer may not see."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Row

from services.proposals.application.views import Page, Viewer
from services.proposals.domain import (
    AUTHOR_KIND_LABELS,
    CATEGORY_LABELS,
    DISPOSITION_LABELS,
    PERIOD_LABELS,
    REASON_LABELS,
    STATUS_LABELS,
    status_label,
)
from services.proposals.domain.labels import CONCLUSION_LABELS

from .schemas import (
    AuthorOut,
    BodyOut,
    DecisionOut,
    ProposalDetail,
    ProposalItem,
    ProposalPage,
    StatusCount,
)
from .schemas_views import AuthorBodyOut, Labelled


def utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; the projections store UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def labelled(code: str, labels: Mapping[str, str]) -> Labelled:
    return Labelled(code=code, label=labels.get(code, code))


def item(row: Row[Any], authors: Sequence[Row[Any]], viewer: Viewer) -> ProposalItem:
    return ProposalItem(**_item_fields(row, authors, viewer))


def detail(
    row: Row[Any], authors: Sequence[Row[Any]], viewer: Viewer, **lifecycle: Any
) -> ProposalDetail:
    """`lifecycle`: the parts from `presenters_lifecycle.parts_fields`."""
    private = viewer.sees_decision(authors)
    return ProposalDetail(
        **_item_fields(row, authors, viewer),
        body=BodyOut(situation=row.situation, analysis=row.analysis, suggestions=row.suggestions),
        suggested_units=list(row.suggested_units or []),
        withdrawal_reason=row.withdrawal_reason if private else None,
        returned_reason=row.returned_reason if private else None,
        key_leader_ids=list(row.key_leader_ids or []),
        merged_into_id=row.merged_into_id,
        assigned_at=utc(row.assigned_at),
        replied_at=utc(row.replied_at),
        concluded_at=utc(row.concluded_at),
        conclusion=labelled(row.conclusion, CONCLUSION_LABELS) if row.conclusion else None,
        **lifecycle,
    )


def page_of(
    page: Page, number: int, size: int, viewer: Viewer, overdue: set[str] | None = None
) -> ProposalPage:
    late = overdue or set()
    items = [
        item(r, page.authors.get(r.proposal_id, []), viewer).model_copy(
            update={"overdue": r.proposal_id in late}
        )
        for r in page.rows
    ]
    return ProposalPage(total=page.total, page=number, page_size=size, items=items)


def counts_of(counts: Mapping[str, int]) -> list[StatusCount]:
    """Every status that occurs, in lifecycle order."""
    return [
        StatusCount(status=s, label=status_label(s), count=counts[s])
        for s in STATUS_LABELS
        if s in counts
    ]


def _item_fields(row: Row[Any], authors: Sequence[Row[Any]], viewer: Viewer) -> dict[str, Any]:
    return {
        "proposal_id": row.proposal_id,
        "serial_no": row.serial_no,
        "title": row.title,
        "category": labelled(row.category, CATEGORY_LABELS),
        "author_kind": labelled(row.author_kind, AUTHOR_KIND_LABELS),
        "lead_author_id": row.lead_author_id,
        "lead_author_name": row.lead_author_name,
        "authors": [
            AuthorOut(
                member_id=a.member_id, name=a.member_name, township_id=a.township_id, role=a.role
            )
            for a in authors
        ],
        "status": Labelled(code=row.status, label=status_label(row.status)),
        "term_no": row.term_no,
        "session_no": row.session_no,
        "period": labelled(row.period, PERIOD_LABELS),
        "township_id": row.township_id,
        "submitted_at": utc(row.submitted_at),
        "review_started_at": utc(row.review_started_at),
        "registered_at": utc(row.registered_at),
        "withdrawn_at": utc(row.withdrawn_at),
        "decision": _decision(row) if viewer.sees_decision(authors) else None,
        "author_body": (
            AuthorBodyOut(id=row.author_body_id, name=row.author_body_name)
            if row.author_body_id
            else None
        ),
        "is_key": bool(row.is_key),
    }


def _decision(row: Row[Any]) -> DecisionOut | None:
    if row.not_registered_reason is None or row.disposition is None:
        return None
    return DecisionOut(
        reason=labelled(row.not_registered_reason, REASON_LABELS),
        disposition=labelled(row.disposition, DISPOSITION_LABELS),
        note=row.decision_note,
        decided_at=utc(row.decided_at),
    )
