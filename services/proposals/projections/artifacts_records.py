"""`key_proposal_supervisions` (+ activities) and `handling_consultations` (+ proposals)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Date,
    DateTime,
    Integer,
    String,
    Text,
    bindparam,
    update,
)

from services.proposals.domain.artifacts.handling_consultation import (
    ProposalHandlingConsultationHeld,
)
from services.proposals.domain.artifacts.key_supervision import (
    SupervisionConducted,
    SupervisionPlanned,
    SupervisionReportFiled,
)
from shared.db import upsert
from shared.events import RecordedEvent
from shared.projection import Projection, Write

from .registries import read_registry


def _when(name: str) -> Column[Any]:
    return Column(name, DateTime(timezone=True), nullable=True)


class SupervisionRecords(Projection):
    name = "supervision_records"
    sources = ("PROPOSALS",)
    registry = read_registry

    def define(self) -> None:
        self.supervisions = self.table(
            "key_proposal_supervisions",
            Column("supervision_id", String(64), primary_key=True),
            Column("proposal_id", String(64), nullable=False, index=True),
            Column("serial_no", String(32), nullable=True),
            Column("proposal_title", String(200), nullable=False),
            Column("township_id", String(32), nullable=True),
            Column("supervising_leader", String(100), nullable=False),
            Column("modes", JSON, nullable=False),
            Column("planned_on", Date, nullable=False),
            Column("plan", Text, nullable=False),
            Column("status", String(16), nullable=False),  # planned | conducted | reported
            Column("activity_count", Integer, nullable=False),
            Column("report", Text, nullable=True),
            _when("reported_at"),
        )
        self.activities = self.table(
            "key_proposal_supervision_activities",
            Column("supervision_id", String(64), primary_key=True),
            Column("position", BigInteger, primary_key=True),  # stream sequence
            Column("mode", String(32), nullable=False),
            Column("held_on", Date, nullable=False),
            Column("participants", JSON, nullable=False),
            Column("findings", Text, nullable=False),
        )
        self.consultations = self.table(
            "handling_consultations",
            Column("consultation_id", String(64), primary_key=True),
            Column("format", String(16), nullable=False),
            _when("held_at"),
            Column("participants", JSON, nullable=False),
            Column("minutes", Text, nullable=False),
            Column("agreements", JSON, nullable=False),
        )
        self.consulted = self.table(
            "handling_consultation_proposals",
            Column("consultation_id", String(64), primary_key=True),
            Column("proposal_id", String(64), primary_key=True),
            Column("position", Integer, nullable=False),
            Column("serial_no", String(32), nullable=True),
            Column("title", String(200), nullable=False),
            Column("township_id", String(32), nullable=True),
        )
        self._statements()
        self.on(SupervisionPlanned, self.planned)
        self.on(SupervisionConducted, self.conducted)
        self.on(SupervisionReportFiled, self.reported)
        self.on(ProposalHandlingConsultationHeld, self.consultation_held)

    def _statements(self) -> None:
        s = self.supervisions
        self.insert_supervision = upsert(self.dialect, s, ["supervision_id"])
        self.insert_activity = upsert(self.dialect, self.activities, ["supervision_id", "position"])
        where = s.c.supervision_id == bindparam("b_supervision_id")
        self.count_activity = (
            update(s).where(where).values(status="conducted", activity_count=s.c.activity_count + 1)
        )
        self.file_report = (
            update(s)
            .where(where)
            .values(
                status="reported",
                report=bindparam("b_report"),
                reported_at=bindparam("b_reported_at"),
            )
        )
        self.insert_consultation = upsert(self.dialect, self.consultations, ["consultation_id"])
        self.insert_consulted = upsert(
            self.dialect, self.consulted, ["consultation_id", "proposal_id"]
        )

    def planned(self, recorded: RecordedEvent) -> list[Write]:
        e = recorded.event
        assert isinstance(e, SupervisionPlanned)
        row = {
            "supervision_id": e.supervision_id,
            "proposal_id": e.proposal_id,
            "serial_no": e.serial_no,
            "proposal_title": e.proposal_title,
            "township_id": e.township_id,
            "supervising_leader": e.supervising_leader,
            "modes": list(e.modes),
            "planned_on": e.planned_on,
            "plan": e.plan,
            "status": "planned",
            "activity_count": 0,
            "report": None,
            "reported_at": None,
        }
        return [(self.insert_supervision, row)]

    def conducted(self, recorded: RecordedEvent) -> list[Write]:
        e = recorded.event
        assert isinstance(e, SupervisionConducted)
        activity = {
            "supervision_id": e.supervision_id,
            "position": recorded.seq,
            "mode": e.mode,
            "held_on": e.held_on,
            "participants": list(e.participants),
            "findings": e.findings,
        }
        return [
            (self.insert_activity, activity),
            (self.count_activity, {"b_supervision_id": e.supervision_id}),
        ]

    def reported(self, recorded: RecordedEvent) -> list[Write]:
        e = recorded.event
        assert isinstance(e, SupervisionReportFiled)
        params = {
            "b_supervision_id": e.supervision_id,
            "b_report": e.report,
            "b_reported_at": e.filed_at,
        }
        return [(self.file_report, params)]

    def consultation_held(self, recorded: RecordedEvent) -> list[Write]:
        e = recorded.event
        assert isinstance(e, ProposalHandlingConsultationHeld)
        row = {
            "consultation_id": e.consultation_id,
            "format": e.format,
            "held_at": e.held_at,
            "participants": [p.model_dump() for p in e.participants],
            "minutes": e.minutes,
            "agreements": list(e.agreements),
        }
        writes: list[Write] = [(self.insert_consultation, row)]
        for position, p in enumerate(e.proposals):
            link = {"consultation_id": e.consultation_id, "position": position, **p.model_dump()}
            writes.append((self.insert_consulted, link))
        return writes
