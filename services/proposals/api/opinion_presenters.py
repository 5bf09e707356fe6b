"""Read-model rows → 社情民意 response bodies."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Row

from services.proposals.application.opinion_lists import IssueDetail
from services.proposals.application.opinion_views import ReportDetail, ReportPage
from services.proposals.domain.opinion.labels import (
    ADOPTION_LEVEL_LABELS,
    CATEGORY_LABELS,
    INFO_NATURE_LABELS,
    INSTRUCTION_LEVEL_LABELS,
    ITEM_MODE_LABELS,
    POINT_KIND_LABELS,
    POINT_STATUS_LABELS,
    REPORT_STATUS_LABELS,
    REPORTER_KIND_LABELS,
    SERIES_LABELS,
    SOURCE_CHANNEL_LABELS,
    UPWARD_LEVEL_LABELS,
    URGENCY_LABELS,
    USE_MODE_LABELS,
    issue_status_label,
    report_status_label,
)
from services.proposals.projections.opinion_stats import ADOPTION_LEVELS

from .opinion_responses import (
    AdoptionOut,
    BodyOut,
    FeedbackOut,
    InstructionOut,
    IssueDetailOut,
    IssueItemOut,
    IssueOut,
    Labelled,
    MemberStatsOut,
    PointOut,
    ReportAuthorOut,
    ReportDetailOut,
    ReportItem,
    ReportPageOut,
    StatusCount,
)


def utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; the projections store UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def labelled(code: str, labels: Mapping[str, str]) -> Labelled:
    return Labelled(code=code, label=labels.get(code, code))


def report_item(
    row: Row[Any], authors: Sequence[Row[Any]], levels: Sequence[str], reasons: list[str] | None
) -> ReportItem:
    return ReportItem(**_item_fields(row, authors, levels), attribution=reasons)


def report_page(page: ReportPage, number: int, size: int, township: bool) -> ReportPageOut:
    items = [
        report_item(
            r,
            page.authors.get(r.report_id, []),
            page.levels.get(r.report_id, []),
            page.reasons.get(r.report_id, []) if township else None,
        )
        for r in page.rows
    ]
    return ReportPageOut(total=page.total, page=number, page_size=size, items=items)


def report_detail(found: ReportDetail, office: bool) -> ReportDetailOut:
    row = found.row
    levels = list(dict.fromkeys(a.level for a in found.adoptions))
    edited = row.edited_body
    return ReportDetailOut(
        **_item_fields(row, found.authors, levels),
        body=BodyOut(situation=row.situation, analysis=row.analysis, suggestions=row.suggestions),
        edited_body=BodyOut(**edited) if edited else None,
        editor_notes=row.editor_notes if office else None,
        use_mode=labelled(row.use_mode, USE_MODE_LABELS) if row.use_mode else None,
        return_reason=row.return_reason,
        archive_reason=row.archive_reason,
        forwarded_to=list(row.forwarded_to or []),
        upward_levels=[labelled(lv, UPWARD_LEVEL_LABELS) for lv in row.upward_levels or []],
        township_ids=sorted({t.township_id for t in found.townships if t.reason == "about"}),
        adoptions=[_adoption(a) for a in found.adoptions],
        instructions=[_instruction(i) for i in found.instructions],
        feedbacks=[
            FeedbackOut(
                feedback_no=f.feedback_no,
                department=f.department,
                text=f.text,
                received_on=f.received_on,
            )
            for f in found.feedbacks
        ],
        closed_at=utc(row.closed_at),
    )


def counts_of(counts: Mapping[str, int]) -> list[StatusCount]:
    return [
        StatusCount(status=s, label=report_status_label(s), count=counts[s])
        for s in REPORT_STATUS_LABELS
        if s in counts
    ]


def issue(row: Row[Any], item_count: int) -> IssueOut:
    series = labelled(row.series, SERIES_LABELS)
    return IssueOut(
        issue_id=row.issue_id,
        series=series,
        year=row.year,
        issue_no=row.issue_no,
        label=row.label,
        heading=f"《{series.label}》{row.label}",
        title=row.title,
        classification=row.classification,
        status=Labelled(code=row.status, label=issue_status_label(row.status)),
        item_count=item_count,
        editor_id=row.editor_id,
        approver_id=row.approver_id,
        recipients=list(row.recipients or []),
        created_at=utc(row.created_at),
        approved_at=utc(row.approved_at),
        published_at=utc(row.published_at),
        distributed_at=utc(row.distributed_at),
    )


def issue_detail(found: IssueDetail) -> IssueDetailOut:
    items = [
        IssueItemOut(
            report_id=i.report_id,
            order=i.position,
            serial_no=i.serial_no,
            title=i.edited_title or i.report_title,
            mode=labelled(i.mode, ITEM_MODE_LABELS),
        )
        for i in found.items
    ]
    return IssueDetailOut(**issue(found.row, len(items)).model_dump(), items=items)


def point(row: Row[Any]) -> PointOut:
    return PointOut(
        point_id=row.point_id,
        point_name=row.point_name,
        kind=labelled(row.kind, POINT_KIND_LABELS),
        township_id=row.township_id,
        address=row.address,
        contact_person=row.contact_person,
        contact_phone=row.contact_phone,
        linked_member_ids=list(row.linked_member_ids or []),
        status=labelled(row.status, POINT_STATUS_LABELS),
        established_at=utc(row.established_at),
        submission_count=row.submission_count,
        last_submission_at=utc(row.last_submission_at),
    )


def member_stats(row: Row[Any]) -> MemberStatsOut:
    return MemberStatsOut(
        member_id=row.member_id,
        year=row.year,
        submitted=row.submitted,
        accepted=row.accepted,
        archived=row.archived,
        published=row.published,
        adopted={level: getattr(row, f"adopted_{level}") for level in ADOPTION_LEVELS},
        instructions=row.instructions,
    )


def _item_fields(
    row: Row[Any], authors: Sequence[Row[Any]], levels: Sequence[str]
) -> dict[str, Any]:
    return {
        "report_id": row.report_id,
        "serial_no": row.serial_no,
        "year": row.year,
        "title": row.edited_title or row.title,
        "original_title": row.title,
        "status": Labelled(code=row.status, label=report_status_label(row.status)),
        "reporter_kind": labelled(row.reporter_kind, REPORTER_KIND_LABELS),
        "reporter_name": row.reporter_name,
        "lead_author_id": row.lead_author_id,
        "lead_author_name": row.lead_author_name,
        "authors": [
            ReportAuthorOut(member_id=a.member_id, name=a.member_name, township_id=a.township_id)
            for a in authors
        ],
        "township_id": row.township_id,
        "direct_report_point_id": row.direct_report_point_id,
        "info_nature": labelled(row.info_nature, INFO_NATURE_LABELS),
        "category": labelled(row.category, CATEGORY_LABELS),
        "urgency": labelled(row.urgency, URGENCY_LABELS),
        "source_channel": labelled(row.source_channel, SOURCE_CHANNEL_LABELS),
        "origin_proposal_id": row.origin_proposal_id,
        "submitted_at": utc(row.submitted_at),
        "accepted_at": utc(row.accepted_at),
        "published_at": utc(row.published_at),
        "issue_label": row.issue_label,
        "adoption_levels": [labelled(lv, ADOPTION_LEVEL_LABELS) for lv in levels],
        "adoption_count": row.adoption_count,
        "instruction_count": row.instruction_count,
        "feedback_count": row.feedback_count,
    }


def _adoption(a: Row[Any]) -> AdoptionOut:
    return AdoptionOut(
        adoption_no=a.adoption_no,
        level=labelled(a.level, ADOPTION_LEVEL_LABELS),
        adopting_body=a.adopting_body,
        vehicle=a.vehicle,
        mode=labelled(a.mode, USE_MODE_LABELS),
        adopted_on=a.adopted_on,
    )


def _instruction(i: Row[Any]) -> InstructionOut:
    return InstructionOut(
        instruction_no=i.instruction_no,
        leader=i.leader,
        level=labelled(i.level, INSTRUCTION_LEVEL_LABELS),
        text=i.text,
        instructed_on=i.instructed_on,
        principal=i.principal,
    )
