"""Rows for visits (verification, escalation), constituent links and training."""

from __future__ import annotations

from typing import Any

from services.members.domain import VisitLogged
from services.members.domain.activities.constituent_link import (
    ConstituentLinkEnded,
    ConstituentLinkEstablished,
)
from services.members.domain.activities.training import TrainingAttended, TrainingScheduled
from services.members.domain.activities.visit import VisitIssueEscalated, VisitVerified
from services.members.localtime import local_date
from services.members.projections.activities_rows import (
    BY_MEMBER,
    IN_TOWNSHIP,
    HandlerMap,
    Rows,
)
from services.members.projections.jsontext import json_opt, json_str, json_str_tuple
from shared.events import RecordedEvent
from shared.projection import Write

# --- visits ------------------------------------------------------------------------------


def visit_logged(rows: Rows, rec: RecordedEvent) -> list[Write]:
    """The hot event of a rebuild: its rows are laid out here directly (the same rows, key
    for key, as `rows.record`, `rows.townships`, `rows.members` and `rows.item` build)."""
    e = rec.event
    assert isinstance(e, VisitLogged)
    p = rows.p
    at = rec.time
    visit_id = e.visit_id
    township = e.township_id
    member_township = e.member_township_id
    visit_date = e.visit_date
    record = {
        "record_id": visit_id,
        "area": "visit",
        "title": None,
        "on_date": visit_date,
        "end_date": None,
        "year": visit_date.year,
        "township_id": member_township or township,
        "owner_id": e.member_id,
        "open_to_all": False,
        "recorded_at": at,
        "status_at": None,
        "status_by": None,
        "status_note": None,
        "kind": e.visit_kind,
        "status": "logged",
        "details": _visit_details(e),
    }
    writes: list[Write] = [(p.put_record, record)]
    # Townships: where it happened, then the visitor's group (once; empty ones skipped).
    put_township = p.put_township
    row: dict[str, Any]
    if township:
        row = {"record_id": visit_id, "township_id": township, "reason": IN_TOWNSHIP}
        writes.append((put_township, row))
    if member_township and member_township != township:
        row = {"record_id": visit_id, "township_id": member_township, "reason": BY_MEMBER}
        writes.append((put_township, row))
    put_member = p.put_member
    for role, ids in (("visitor", e.visitor_ids), ("visited", e.visited_member_ids)):
        for member_id in dict.fromkeys(ids) if len(ids) > 1 else ids:
            row = {
                "record_id": visit_id,
                "member_id": member_id,
                "role": role,
                "township_id": None,
                "full_attendance": None,
                "recorded_at": at,
            }
            writes.append((put_member, row))
    put_item = p.put_item
    for index, issue in enumerate(e.issues_raised):
        row = {
            "record_id": visit_id,
            "item_kind": "issue",
            "item_no": index,
            "text": issue.text,
            "target": None,
            "ref_id": None,
            "updated_at": at,
            "status": "resolved_on_site" if issue.resolved_on_site else "open",
        }
        writes.append((put_item, row))
    return writes


def _visit_details(e: VisitLogged) -> str:
    """`dumps` of the visit's details (keys in sorted order, so the same text)."""
    return (
        f'{{"constituents_count": {sum(c.count for c in e.constituents)!r}, '
        f'"member_township_id": {json_opt(e.member_township_id)}, '
        f'"mode": {json_str(e.mode)}, '
        f'"place": {json_opt(e.place)}, '
        f'"role_tags": {json_str_tuple(e.role_tags)}, '
        f'"topics": {json_str_tuple(e.topics)}, '
        f'"visit_township_id": {json_str(e.township_id)}}}'
    )


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
        "b_at": rec.time,
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
            on_date=local_date(rec.time),
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
