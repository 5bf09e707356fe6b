"""Rows for livelihood activities, enterprise visits, liaison contacts and excellence."""

from __future__ import annotations

from services.members.domain.activities.enterprise_visit import EnterpriseVisitRecorded
from services.members.domain.activities.excellence import ExcellenceAwarded, ExcellenceNominated
from services.members.domain.activities.liaison_contact import LiaisonContactRecorded
from services.members.domain.activities.livelihood import (
    LivelihoodActivityRecorded,
    LivelihoodActivityVerified,
)
from services.members.domain.activities.vocabulary import AWARD_LEVEL_RANK
from services.members.projections.activities_rows import HandlerMap, Rows, unknown
from shared.events import RecordedEvent
from shared.projection import Write

# --- livelihood activities, enterprise visits, liaison contacts -------------------------


def livelihood_recorded(rows: Rows, rec: RecordedEvent) -> list[Write]:
    e = rec.event
    assert isinstance(e, LivelihoodActivityRecorded)
    details = {
        "township_ids": list(e.township_ids),
        "organiser": e.organiser.model_dump(),
        "beneficiaries": e.beneficiaries.model_dump(),
        "donation": e.donation.model_dump() if e.donation else None,
        "description": e.description,
    }
    snapshot = e.participant_township_ids or unknown(e.participant_member_ids)
    return [
        rows.record(
            rec,
            e.activity_id,
            "livelihood",
            kind=e.kind,
            title=e.title,
            on_date=e.activity_date,
            township_id=e.township_id,
            status="recorded",
            details=details,
        ),
        *rows.townships(e.activity_id, e.township_ids, snapshot.values()),
        *rows.members(rec, e.activity_id, "participant", snapshot),
    ]


def livelihood_verified(rows: Rows, rec: RecordedEvent) -> list[Write]:
    e = rec.event
    assert isinstance(e, LivelihoodActivityVerified)
    return [rows.status(rec, e.activity_id, "verified", e.note)]


def enterprise_visit_recorded(rows: Rows, rec: RecordedEvent) -> list[Write]:
    e = rec.event
    assert isinstance(e, EnterpriseVisitRecorded)
    snap = e.member_township_ids
    record_id = e.enterprise_visit_id
    return [
        rows.record(
            rec,
            record_id,
            "enterprise_visit",
            kind="enterprise_visit",
            title=e.enterprise_name,
            on_date=e.visit_date,
            township_id=e.township_id,
            status="recorded",
            details={"topics": list(e.topics), "notes": e.notes},
        ),
        *rows.townships(record_id, [e.township_id], snap.values()),
        *rows.members(rec, record_id, "visited", {m: snap.get(m) for m in e.visited_member_ids}),
        *rows.members(rec, record_id, "visitor", {m: snap.get(m) for m in e.visitor_member_ids}),
    ]


def liaison_contact_recorded(rows: Rows, rec: RecordedEvent) -> list[Write]:
    e = rec.event
    assert isinstance(e, LiaisonContactRecorded)
    details = {
        "organisation": e.organisation,
        "mode": e.mode,
        "topics": list(e.topics),
        "notes": e.notes,
    }
    snap = e.member_township_ids or unknown(e.member_ids)
    return [
        rows.record(
            rec,
            e.contact_id,
            "liaison_contact",
            kind=e.contact_kind,
            title=e.contact_name,
            on_date=e.contact_date,
            township_id=e.township_id,
            status="recorded",
            details=details,
        ),
        *rows.townships(e.contact_id, [e.township_id], snap.values()),
        *rows.members(rec, e.contact_id, "member", snap),
    ]


# --- excellence --------------------------------------------------------------------------


def nominated(rows: Rows, rec: RecordedEvent) -> list[Write]:
    e = rec.event
    assert isinstance(e, ExcellenceNominated)
    details = {"nominee_kind": e.nominee_kind, "nominee_id": e.nominee_id, "reason": e.reason}
    snap = e.member_township_ids or unknown(e.member_ids)
    return [
        rows.record(
            rec,
            e.nomination_id,
            "excellence",
            kind=e.category,
            title=e.nominee_name,
            year=e.year,
            township_id=e.township_id,
            owner_id=str(e.year),
            status="nominated",
            details=details,
        ),
        *rows.townships(e.nomination_id, [e.township_id], snap.values()),
        *rows.members(rec, e.nomination_id, "credited", snap),
    ]


def awarded(rows: Rows, rec: RecordedEvent) -> list[Write]:
    e = rec.event
    assert isinstance(e, ExcellenceAwarded)
    rank = AWARD_LEVEL_RANK[e.level]
    return [
        rows.item(rec, e.nomination_id, "award", rank, text=e.award_title, status=e.level),
        rows.status(rec, e.nomination_id, "awarded", e.award_title),
    ]


HANDLERS: HandlerMap = {
    LivelihoodActivityRecorded: livelihood_recorded,
    LivelihoodActivityVerified: livelihood_verified,
    EnterpriseVisitRecorded: enterprise_visit_recorded,
    LiaisonContactRecorded: liaison_contact_recorded,
    ExcellenceNominated: nominated,
    ExcellenceAwarded: awarded,
}
