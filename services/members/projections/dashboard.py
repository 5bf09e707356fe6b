"""Read model `township_dashboard`: what belongs to each liaison group (DOMAIN §6.2–6.3).

Sources: MEMBERS (visits), PROPOSALS and CONSULTATION (tolerant foreign models). Every
table has one row per (attributed township, item): `township_id` is the liaison group the
row belongs to and `reason` says why, so a panel can show "by our members" and "in our
township" apart. Attribution uses the snapshots the events carry (the visitor's group and
the authors' groups at event time), never today's membership.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    Index,
    Integer,
    String,
    Text,
    bindparam,
    func,
    update,
)
from sqlalchemy.sql import Executable

from services.members.domain import VisitLogged
from services.members.localtime import local_year
from services.members.projections.attribution import (
    BY_MEMBER,
    IN_TOWNSHIP,
    consultation_attribution,
    proposal_attribution,
)
from services.members.projections.foreign import (
    PROPOSAL_STATUS_OF,
    ConsultationHeld,
    ProposalEvent,
    ProposalSubmitted,
    SuggestionAdopted,
)
from services.members.projections.jsontext import json_str_tuple
from services.members.projections.registry import read_registry
from shared.db import upsert
from shared.events import RecordedEvent
from shared.projection import Projection, Write

ID = String(64)
CODE = String(64)


def _key(name: str) -> list[Column[str]]:
    return [
        Column("township_id", ID, primary_key=True),
        Column(name, ID, primary_key=True),
        Column("reason", CODE, nullable=False),
    ]


class TownshipDashboard(Projection):
    name = "township_dashboard"
    sources = ("MEMBERS", "PROPOSALS", "CONSULTATION")
    registry = read_registry

    def define(self) -> None:
        self.visits = self.table(
            "township_visits",
            *_key("visit_id"),
            Column("member_id", ID, nullable=False, index=True),
            Column("member_township_id", ID),
            Column("visit_township_id", ID, nullable=False),
            Column("visit_kind", CODE, nullable=False),
            Column("mode", CODE, nullable=False),
            Column("visit_date", Date, nullable=False),
            Column("year", Integer, nullable=False, index=True),
            Column("role_tags", Text, nullable=False),
            Column("topics", Text, nullable=False),
            Column("visitors_count", Integer, nullable=False),
            Column("constituents_count", Integer, nullable=False),
            Column("issues_count", Integer, nullable=False),
            Column("logged_at", DateTime(timezone=True), nullable=False),
        )
        self.proposals = self.table(
            "township_proposals",
            *_key("proposal_id"),
            Column("lead_author_id", ID),
            Column("lead_township_id", ID),
            Column("title", Text, nullable=False),
            Column("category", CODE),
            Column("status", CODE, nullable=False),
            Column("serial_no", CODE),
            Column("submitted_at", DateTime(timezone=True), nullable=False),
            Column("year", Integer, nullable=False, index=True),
        )
        self.consultations = self.table(
            "township_consultations",
            *_key("consultation_id"),
            Column("held_township_id", ID),
            Column("type", CODE, nullable=False),
            Column("topic", Text, nullable=False),
            Column("held_on", Date, nullable=False),
            Column("year", Integer, nullable=False, index=True),
            Column("participants_count", Integer, nullable=False),
            Column("suggestions_count", Integer, nullable=False),
        )
        self.adopted = self.table(
            "township_adopted_suggestions",
            Column("suggestion_id", ID, primary_key=True),
            Column("consultation_id", ID, nullable=False),
            Column("township_id", ID, nullable=False, index=True),
            Column("text", Text, nullable=False),
            Column("topic", Text, nullable=False),
            Column("adopted_by", Text, nullable=False),
            Column("adoption", CODE, nullable=False),
            Column("adopted_at", DateTime(timezone=True), nullable=False),
            Column("year", Integer, nullable=False, index=True),
        )
        self._indexes()
        self._statements()

    def _indexes(self) -> None:
        """The dashboard reads one group's year: counts GROUP BY on `(township_id, year)`
        and one page of rows in the order shown (newest visits first)."""
        v, p, c, a = self.visits.c, self.proposals.c, self.consultations.c, self.adopted.c
        pre = self.prefix
        Index(
            f"ix_{pre}township_visits_group_recent",
            v.township_id,
            v.year,
            v.visit_date.desc(),
            v.visit_id,
        )
        # The dashboard's visits per member of the page (`member_id IN (…)` and one year):
        # without it SQLite picks the year index and walks the whole county's year.
        Index(f"ix_{pre}township_visits_member_year", v.member_id, v.year, v.visit_id)
        Index(f"ix_{pre}township_proposals_group_year", p.township_id, p.year, p.submitted_at)
        Index(f"ix_{pre}township_consultations_group_year", c.township_id, c.year, c.held_on)
        Index(f"ix_{pre}township_adopted_group_year", a.township_id, a.year, a.adopted_at)

    def _statements(self) -> None:
        keys = ["township_id"]
        self.put_visit = upsert(self.dialect, self.visits, [*keys, "visit_id"])
        self.put_proposal = upsert(self.dialect, self.proposals, [*keys, "proposal_id"])
        self.put_consultation = upsert(self.dialect, self.consultations, [*keys, "consultation_id"])
        self.put_adopted = upsert(self.dialect, self.adopted, ["suggestion_id"])
        p = self.proposals.c
        self.set_status = (
            update(self.proposals)
            .where(p.proposal_id == bindparam("b_proposal_id"))
            .values(
                status=bindparam("b_status", type_=CODE),
                serial_no=func.coalesce(bindparam("b_serial_no", type_=CODE), p.serial_no),
                title=func.coalesce(bindparam("b_title", type_=Text), p.title),
            )
        )
        self.on(VisitLogged, self.visit_logged)
        self.on(ProposalSubmitted, self.proposal_submitted)
        for event_cls in PROPOSAL_STATUS_OF:
            self.on(event_cls, self.proposal_status)
        self.on(ConsultationHeld, self.consultation_held)
        self.on(SuggestionAdopted, self.suggestion_adopted)

    # --- handlers (deterministic: event data and recorded time only) -------------------

    def visit_logged(self, rec: RecordedEvent) -> list[Write]:
        """The hot event of a rebuild: `visit_attribution` and `_rows` are inlined (the
        same rows, key for key: the visitor's group, then the township if different)."""
        e = rec.event
        assert isinstance(e, VisitLogged)
        visit_date = e.visit_date
        member_township = e.member_township_id
        township = e.township_id
        row: dict[str, Any] = {
            "visit_id": e.visit_id,
            "member_id": e.member_id,
            "member_township_id": member_township,
            "visit_township_id": township,
            "visit_kind": e.visit_kind,
            "mode": e.mode,
            "visit_date": visit_date,
            "year": visit_date.year,
            "role_tags": ",".join(e.role_tags),
            "topics": json_str_tuple(e.topics),
            "visitors_count": len(e.visitor_ids),
            "constituents_count": sum(c.count for c in e.constituents),
            "issues_count": len(e.issues_raised),
            "logged_at": rec.time,
        }
        stmt = self.put_visit
        if member_township:
            first = {**row, "township_id": member_township, "reason": BY_MEMBER}
            if not township or township == member_township:
                return [(stmt, first)]
            row["township_id"] = township
            row["reason"] = IN_TOWNSHIP
            return [(stmt, first), (stmt, row)]
        if township:
            row["township_id"] = township
            row["reason"] = IN_TOWNSHIP
            return [(stmt, row)]
        return []

    def proposal_submitted(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, ProposalSubmitted)
        submitted_at = e.submitted_at or rec.time
        row = {
            "proposal_id": e.proposal_id,
            "lead_author_id": e.lead_author_id,
            "lead_township_id": e.township_id,
            "title": e.title or "",
            "category": e.category,
            "status": "submitted",
            "serial_no": None,
            "submitted_at": submitted_at,
            "year": local_year(submitted_at),
        }
        return _rows(self.put_proposal, row, proposal_attribution(e))

    def proposal_status(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, ProposalEvent)
        params = {
            "b_proposal_id": e.proposal_id,
            "b_status": PROPOSAL_STATUS_OF[type(e)],
            "b_serial_no": getattr(e, "serial_no", None),
            "b_title": e.title,
        }
        return [(self.set_status, params)]

    def consultation_held(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, ConsultationHeld)
        row = {
            "consultation_id": e.consultation_id,
            "held_township_id": e.township_id,
            "type": e.type,
            "topic": e.topic,
            "held_on": e.held_on,
            "year": e.held_on.year,
            "participants_count": len(e.participants),
            "suggestions_count": len(e.suggestions),
        }
        return _rows(self.put_consultation, row, consultation_attribution(e))

    def suggestion_adopted(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, SuggestionAdopted)
        if not e.township_id:
            return []  # a county-level suggestion belongs to no liaison group
        row = {
            "suggestion_id": e.suggestion_id,
            "consultation_id": e.consultation_id,
            "township_id": e.township_id,
            "text": e.text,
            "topic": e.topic,
            "adopted_by": e.adopted_by,
            "adoption": e.adoption,
            "adopted_at": rec.time,
            "year": local_year(rec.time),
        }
        return [(self.put_adopted, row)]


def _rows(stmt: Executable, row: dict[str, Any], attribution: dict[str, str]) -> list[Write]:
    return [
        (stmt, {**row, "township_id": township, "reason": reason})
        for township, reason in attribution.items()
    ]
