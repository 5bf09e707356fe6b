"""Rows for visits (verification, escalation), constituent links and training."""

from __future__ import annotations

from services.members.domain import VisitLogged
from services.members.domain.activities.constituent_link import (
    ConstituentLinkEnded,
    ConstituentLinkEstablished,
)
from services.members.domain.activities.training import TrainingAttended, TrainingScheduled
from services.members.domain.activities.visit import VisitIssueEscalated, VisitVerified
from services.members.localtime import local_date
from services.members.projections.activities_rows import HandlerMap, Rows, unknown
from shared.events import RecordedEvent
from shared.projection import Write

# --- visits ------------------------------------------------------------------------------


def visit_logged(rows: Rows, rec: RecordedEvent) -> list[Write]:
    e = rec.event
    assert isinstance(e, VisitLogged)
    details = {
        "member_township_id": e.member_township_id,
        "visit_township_id": e.township_id,
        "mode": e.mode,
        "role_tags": list(e.role_tags),
        "topics": list(e.topics),
        "place": e.place,
        "constituents_count": sum(c.count for c in e.constituents),
    }
    writes = [
        rows.record(
            rec,
            e.visit_id,
            "visit",
            kind=e.visit_kind,
            on_date=e.visit_date,
            township_id=e.member_township_id or e.township_id,
            owner_id=e.member_id,
            status="logged",
            details=details,
        ),
        *rows.townships(e.visit_id, [e.township_id], [e.member_township_id]),
        *rows.members(rec, e.visit_id, "visitor", unknown(e.visitor_ids)),
        *rows.members(rec, e.visit_id, "visited", unknown(e.visited_member_ids)),
    ]
    for index, issue in enumerate(e.issues_raised):
        status = "resolved_on_site" if issue.resolved_on_site else "open"
        writes.append(rows.item(rec, e.visit_id, "issue", index, text=issue.text, status=status))
    return writes


def visit_verified(rows: Rows, rec: RecordedEvent) -> list[Write]:
    e = rec.event
    assert isinstance(e, VisitVerified)
    return [rows.status(rec, e.visit_id, "verified", e.note)]


def issue_escalated(rows: Rows, rec: RecordedEvent) -> list[Write]:
    e = rec.event
    assert isinstance(e, VisitIssueEscalated)
    params = {
        "b_record_id": e.visit_id,
        "b_kind": "issue",
        "b_no": e.issue_index,
        "b_target": e.target,
        "b_ref": e.draft_id,
        "b_at": rec.meta.time,
    }
    return [(rows.p.set_item, params)]


# --- constituent links -------------------------------------------------------------------


def link_established(rows: Rows, rec: RecordedEvent) -> list[Write]:
    e = rec.event
    assert isinstance(e, ConstituentLinkEstablished)
    details = {**e.constituent.model_dump(), "note": e.note}
    return [
        rows.record(
            rec,
            e.link_id,
            "constituent_link",
            kind="constituent",
            title=e.constituent.category,
            on_date=local_date(rec.meta.time),
            township_id=e.township_id,
            owner_id=e.member_id,
            status="active",
            details=details,
        ),
        *rows.townships(e.link_id, [], [e.township_id]),
        *rows.members(rec, e.link_id, "member", {e.member_id: e.township_id}),
    ]


def link_ended(rows: Rows, rec: RecordedEvent) -> list[Write]:
    e = rec.event
    assert isinstance(e, ConstituentLinkEnded)
    return [rows.status(rec, e.link_id, "ended", e.reason)]


# --- training ----------------------------------------------------------------------------


def training_scheduled(rows: Rows, rec: RecordedEvent) -> list[Write]:
    e = rec.event
    assert isinstance(e, TrainingScheduled)
    details = {"location": e.location, "curriculum": list(e.curriculum), "organiser": e.organiser}
    return [
        rows.record(
            rec,
            e.training_id,
            "training",
            kind=e.kind,
            title=e.title,
            on_date=e.start_date,
            end_date=e.end_date,
            township_id=e.township_id,
            status="scheduled",
            open_to_all=e.township_id is None,
            details=details,
        ),
        *rows.townships(e.training_id, [e.township_id], []),
    ]


def training_attended(rows: Rows, rec: RecordedEvent) -> list[Write]:
    e = rec.event
    assert isinstance(e, TrainingAttended)
    member = {e.member_id: e.township_id}
    return [
        *rows.members(rec, e.training_id, "attendee", member, e.full_attendance),
        *rows.townships(e.training_id, [], [e.township_id]),
    ]


HANDLERS: HandlerMap = {
    VisitLogged: visit_logged,
    VisitVerified: visit_verified,
    VisitIssueEscalated: issue_escalated,
    ConstituentLinkEstablished: link_established,
    ConstituentLinkEnded: link_ended,
    TrainingScheduled: training_scheduled,
    TrainingAttended: training_attended,
}
