"""Read models of consultation activities: consultations, their suggestions and participants."""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    Integer,
    String,
    Text,
    bindparam,
    func,
    select,
    update,
)

from services.consultation.domain.events import (
    ConsultationCancelled,
    ConsultationHeld,
    ConsultationPostponed,
    ConsultationScheduled,
    SuggestionAdopted,
)
from services.consultation.domain.values import ConsultationStatus
from services.consultation.projections.registries import read_registry
from shared.db import upsert
from shared.events import RecordedEvent
from shared.projection import Projection, Write

PENDING = "pending"


class ConsultationBoard(Projection):
    """Tables `consultations`, `suggestions` (status pending|adopted|partially_adopted|planned)
    and `participants`."""

    name = "consultation_board"
    sources = ("CONSULTATION",)
    registry = read_registry

    def define(self) -> None:
        self._tables()
        self._statements()
        self.on(ConsultationScheduled, self.scheduled)
        self.on(ConsultationHeld, self.held)
        self.on(SuggestionAdopted, self.adopted)
        self.on(ConsultationPostponed, self.postponed)
        self.on(ConsultationCancelled, self.cancelled)

    def _tables(self) -> None:
        self.consultations = self.table(
            "consultations",
            Column("consultation_id", String(64), primary_key=True),
            Column("type", String(40), nullable=False),
            Column("topic", String(200), nullable=False),
            Column("township_id", String(32), nullable=True, index=True),
            Column("organizer", String(200), nullable=False),
            Column("planned_date", Date, nullable=False),
            Column("held_on", Date, nullable=True),
            Column("status", String(32), nullable=False, index=True),
            Column("suggestions_count", Integer, nullable=False),
            Column("adopted_count", Integer, nullable=False),
        )
        self.suggestions = self.table(
            "suggestions",
            Column("suggestion_id", String(64), primary_key=True),
            Column("consultation_id", String(64), nullable=False, index=True),
            Column("text", Text, nullable=False),
            Column("target_department", String(200), nullable=True),
            Column("status", String(32), nullable=False),
            Column("adopted_by", String(200), nullable=True),
        )
        self.participants = self.table(
            "participants",
            Column("consultation_id", String(64), primary_key=True),
            Column("member_id", String(64), primary_key=True),
            Column("role", String(20), nullable=False),
            Column("township_id", String(32), nullable=True, index=True),
        )

    def _statements(self) -> None:
        c, s = self.consultations, self.suggestions
        by_id = c.c.consultation_id == bindparam("b_id")
        self.insert_consultation = upsert(self.dialect, c, ["consultation_id"])
        # A suggestion id reused by another consultation must not break the projection:
        # the first one wins (deterministic, so a rebuild gives the same rows).
        self.insert_suggestion = upsert(self.dialect, s, ["suggestion_id"], update=[])
        self.insert_participant = upsert(
            self.dialect, self.participants, ["consultation_id", "member_id"]
        )
        self.mark_held = (
            update(c)
            .where(by_id)
            .values(
                held_on=bindparam("b_held_on"),
                status=ConsultationStatus.HELD.value,
                suggestions_count=bindparam("b_count"),
            )
        )
        self.adopt_suggestion = (
            update(s)
            .where(
                s.c.suggestion_id == bindparam("b_sid"),
                s.c.consultation_id == bindparam("b_id"),
            )
            .values(status=bindparam("b_status"), adopted_by=bindparam("b_by"))
        )
        adopted = (
            select(func.count())
            .select_from(s)
            .where(s.c.consultation_id == bindparam("b_id"), s.c.status != PENDING)
            .scalar_subquery()
        )
        self.count_adopted = update(c).where(by_id).values(adopted_count=adopted)
        self.move_date = (
            update(c)
            .where(by_id)
            .values(planned_date=bindparam("b_date"), status=ConsultationStatus.POSTPONED.value)
        )
        self.cancel = update(c).where(by_id).values(status=ConsultationStatus.CANCELLED.value)

    # --- handlers ------------------------------------------------------------------------

    def scheduled(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, ConsultationScheduled)
        row = {
            "consultation_id": e.consultation_id,
            "type": e.type.value,
            "topic": e.topic,
            "township_id": e.township_id,
            "organizer": e.organizer,
            "planned_date": e.planned_date,
            "held_on": None,
            "status": ConsultationStatus.PLANNED.value,
            "suggestions_count": 0,
            "adopted_count": 0,
        }
        return [(self.insert_consultation, row)]

    def held(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, ConsultationHeld)
        cid = e.consultation_id
        params = {"b_id": cid, "b_held_on": e.held_on, "b_count": len(e.suggestions)}
        writes: list[Write] = [(self.mark_held, params)]
        for sug in e.suggestions:
            row = {
                "suggestion_id": sug.suggestion_id,
                "consultation_id": cid,
                "text": sug.text,
                "target_department": sug.target_department,
                "status": PENDING,
                "adopted_by": None,
            }
            writes.append((self.insert_suggestion, row))
        for p in e.participants:
            row = {
                "consultation_id": cid,
                "member_id": p.member_id,
                "role": p.role.value,
                "township_id": p.township_id,
            }
            writes.append((self.insert_participant, row))
        return writes

    def adopted(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, SuggestionAdopted)
        params = {
            "b_sid": e.suggestion_id,
            "b_id": e.consultation_id,
            "b_status": e.adoption.value,
            "b_by": e.adopted_by,
        }
        return [(self.adopt_suggestion, params), (self.count_adopted, {"b_id": e.consultation_id})]

    def postponed(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, ConsultationPostponed)
        return [(self.move_date, {"b_id": e.consultation_id, "b_date": e.new_planned_date})]

    def cancelled(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, ConsultationCancelled)
        return [(self.cancel, {"b_id": e.consultation_id})]
