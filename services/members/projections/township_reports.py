"""Read model `township_report_facts`: 社情民意 reports (authors with their group snapshot,
townships concerned, adoptions, leader instructions, feedback) and direct report points —
from PROPOSALS (reports live in the proposals service, DOMAIN §3).

Facts only: attribution to liaison groups is decided at read time, like the proposals'.
Deterministic (event data and recorded time only): a rebuild equals live.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Column, Date, DateTime, Integer, String, Text, bindparam
from sqlalchemy import update as sql_update

from services.members.localtime import local_year
from services.members.projections.attribution import GROUP_AUTHORED, IN_TOWNSHIP
from services.members.projections.township_foreign_reports import (
    REPORT_STATUS_EVENTS,
    PointContactChanged,
    PointEstablished,
    PointSuspended,
    ReportAdopted,
    ReportFact,
    ReportFeedback,
    ReportFromProposal,
    ReportInstructed,
    ReportSubmitted,
    report_registry,
)
from shared.db import upsert
from shared.events import RecordedEvent
from shared.projection import Projection, Write

ID = String(64)
CODE = String(64)
TIME = DateTime(timezone=True)
LIAISON_GROUP = "liaison_group"
DIRECT_REPORT_POINT = "direct_report_point"


class TownshipReportFacts(Projection):
    name = "township_report_facts"
    sources = ("PROPOSALS",)
    registry = report_registry

    def define(self) -> None:
        self.reports = self.table(
            "lg_reports",
            Column("report_id", ID, primary_key=True),
            Column("serial_no", CODE),
            Column("title", Text, nullable=False),
            Column("year", Integer, nullable=False, index=True),
            Column("reporter_kind", CODE),
            Column("point_id", ID, index=True),
            Column("origin_proposal_id", ID),
            Column("status", CODE, nullable=False),
            Column("submitted_at", TIME, nullable=False),
            Column("updated_at", TIME, nullable=False),
        )
        self.authors = self.table(
            "lg_report_authors",
            Column("report_id", ID, primary_key=True),
            Column("member_id", ID, primary_key=True),
            Column("township_id", ID),
            Column("name", Text),
        )
        self.places = self.table(
            "lg_report_places",
            Column("report_id", ID, primary_key=True),
            Column("township_id", ID, primary_key=True),
            Column("reason", CODE, primary_key=True),
        )
        self.facts = self.table(
            "lg_report_facts",
            Column("report_id", ID, primary_key=True),
            Column("kind", CODE, primary_key=True),  # adoption | instruction | feedback
            Column("no", Integer, primary_key=True),
            Column("level", CODE),
            Column("body", Text),
            Column("on_date", Date),
        )
        self.points = self.table(
            "lg_points",
            Column("point_id", ID, primary_key=True),
            Column("township_id", ID, nullable=False, index=True),
            Column("point_name", Text, nullable=False),
            Column("kind", CODE, nullable=False),
            Column("contact_person", Text, nullable=False),
            Column("status", CODE, nullable=False),
            Column("established_at", TIME, nullable=False),
        )
        self._statements()

    def _statements(self) -> None:
        r, pt = self.reports.c, self.points.c
        at = bindparam("b_at", type_=TIME)
        self.put_report = upsert(self.dialect, self.reports, ["report_id"])
        self.put_author = upsert(self.dialect, self.authors, ["report_id", "member_id"])
        self.put_place = upsert(self.dialect, self.places, ["report_id", "township_id", "reason"])
        self.put_fact = upsert(self.dialect, self.facts, ["report_id", "kind", "no"])
        self.put_point = upsert(self.dialect, self.points, ["point_id"])
        self.set_status = (
            sql_update(self.reports)
            .where(r.report_id == bindparam("b_id"))
            .values(status=bindparam("b_status"), updated_at=at)
        )
        by_point = sql_update(self.points).where(pt.point_id == bindparam("b_id"))
        self.set_contact = by_point.values(contact_person=bindparam("b_contact"))
        self.suspend_point = by_point.values(status="suspended")
        self.on(ReportSubmitted, self.submitted)
        self.on(ReportFromProposal, self.submitted)
        for event_cls in REPORT_STATUS_EVENTS:
            self.on(event_cls, self.status_changed)
        for event_cls in (ReportAdopted, ReportInstructed, ReportFeedback):
            self.on(event_cls, self.fact)
        self.on(PointEstablished, self.point_established)
        self.on(PointContactChanged, self.point_contact)
        self.on(PointSuspended, self.point_suspended)

    def submitted(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, ReportSubmitted | ReportFromProposal)
        if isinstance(e, ReportSubmitted):
            at, kind, point = e.submitted_at, e.reporter_kind, e.direct_report_point_id
            origin = None
        else:
            at, kind, point, origin = e.created_at, "member", None, e.origin_proposal_id
        at = at or rec.time
        row = {
            "report_id": e.report_id,
            "serial_no": e.serial_no,
            "title": e.title,
            "year": e.year or local_year(at),
            "reporter_kind": kind,
            "point_id": point,
            "origin_proposal_id": origin,
            "status": "submitted",
            "submitted_at": at,
            "updated_at": rec.time,
        }
        writes: list[Write] = [(self.put_report, row)]
        for member_id in e.author_ids:
            author = {
                "report_id": e.report_id,
                "member_id": member_id,
                "township_id": e.author_township_ids.get(member_id),
                "name": e.author_names.get(member_id),
            }
            writes.append((self.put_author, author))
        return writes + [self._place(e.report_id, t, r) for t, r in _places(e)]

    def _place(self, report_id: str, township_id: str, reason: str) -> Write:
        return (
            self.put_place,
            {"report_id": report_id, "township_id": township_id, "reason": reason},
        )

    def status_changed(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, ReportFact)
        params = {
            "b_id": e.report_id,
            "b_status": REPORT_STATUS_EVENTS[type(e)],
            "b_at": rec.time,
        }
        return [(self.set_status, params)]

    def fact(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, ReportAdopted | ReportInstructed | ReportFeedback)
        row: tuple[str, int, str | None, str, date | None]
        if isinstance(e, ReportAdopted):
            row = ("adoption", e.adoption_no, e.level, e.adopting_body, e.adopted_on)
        elif isinstance(e, ReportInstructed):
            row = ("instruction", e.instruction_no, e.level, e.leader, e.instructed_on)
        else:
            row = ("feedback", e.feedback_no, None, e.department, e.received_on)
        keys = ("kind", "no", "level", "body", "on_date")
        return [(self.put_fact, {"report_id": e.report_id, **dict(zip(keys, row, strict=True))})]

    def point_established(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, PointEstablished)
        row = {
            "point_id": e.point_id,
            "township_id": e.township_id,
            "point_name": e.point_name,
            "kind": e.kind,
            "contact_person": e.contact_person,
            "status": "active",
            "established_at": e.established_at or rec.time,
        }
        return [(self.put_point, row)]

    def point_contact(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, PointContactChanged)
        return [(self.set_contact, {"b_id": e.point_id, "b_contact": e.contact_person})]

    def point_suspended(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, PointSuspended)
        return [(self.suspend_point, {"b_id": e.point_id})]


def _places(e: ReportSubmitted | ReportFromProposal) -> list[tuple[str, str]]:
    """The townships a report concerns, and the liaison group that wrote it (if any)."""
    places = [(t, IN_TOWNSHIP) for t in e.township_ids if t]
    if isinstance(e, ReportSubmitted):
        if e.reporter_kind == LIAISON_GROUP and e.liaison_group_id:
            places.append((e.liaison_group_id, GROUP_AUTHORED))
        if e.reporter_kind == DIRECT_REPORT_POINT and e.township_id:
            places.append((e.township_id, IN_TOWNSHIP))
    return list(dict.fromkeys(places))
