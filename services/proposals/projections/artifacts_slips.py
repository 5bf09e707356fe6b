"""一表一单: `assignment_slips` (+ units), `supervision_slips`, `feedback_forms`."""

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
    delete,
    update,
)

from services.proposals.domain.artifacts.assignment_slip import AssignmentSlipIssued
from services.proposals.domain.artifacts.feedback_form import FeedbackFormReturned
from services.proposals.domain.artifacts.supervision_slip import (
    SupervisionSlipAnswered,
    SupervisionSlipIssued,
)
from shared.db import upsert
from shared.events import RecordedEvent
from shared.projection import Projection, Write

from .registries import read_registry


def _when(name: str) -> Column[Any]:
    return Column(name, DateTime(timezone=True), nullable=True)


def _proposal_columns() -> list[Column[Any]]:
    return [
        Column("proposal_id", String(64), nullable=False, index=True),
        Column("serial_no", String(32), nullable=True),
        Column("proposal_title", String(200), nullable=False),
        Column("township_id", String(32), nullable=True),
    ]


class Slips(Projection):
    name = "proposal_slips"
    sources = ("PROPOSALS",)
    registry = read_registry

    def define(self) -> None:
        self.assignment = self.table(
            "assignment_slips",
            Column("slip_id", String(64), primary_key=True),
            *_proposal_columns(),
            Column("revision", Integer, nullable=False),
            Column("units", JSON, nullable=False),
            Column("deadline", Date, nullable=False),
            Column("supervising_leader", String(100), nullable=False),
            Column("note", Text, nullable=False),
            _when("issued_at"),
            Column("last_seq", BigInteger, nullable=False),
        )
        self.assignment_units = self.table(
            "assignment_slip_units",
            Column("slip_id", String(64), primary_key=True),
            Column("unit_id", String(64), primary_key=True),
            Column("unit_name", String(100), nullable=False),
            Column("role", String(16), nullable=False),
        )
        self.supervision = self.table(
            "supervision_slips",
            Column("slip_id", String(64), primary_key=True),
            *_proposal_columns(),
            Column("unit_id", String(64), nullable=False, index=True),
            Column("unit_name", String(100), nullable=False),
            Column("reason", String(32), nullable=False),
            Column("requirements", Text, nullable=False),
            Column("respond_by", Date, nullable=False),
            Column("status", String(16), nullable=False),  # issued | answered
            Column("response", Text, nullable=True),
            _when("issued_at"),
            _when("answered_at"),
        )
        self.forms = self.table(
            "feedback_forms",
            Column("form_id", String(64), primary_key=True),
            *_proposal_columns(),
            Column("reply_id", String(64), nullable=False),
            Column("unit_id", String(64), nullable=False, index=True),
            Column("unit_name", String(100), nullable=False),
            Column("author_id", String(64), nullable=False, index=True),
            Column("ratings", JSON, nullable=False),
            Column("comments", Text, nullable=False),
            Column("channel", String(16), nullable=False),
            _when("returned_at"),
        )
        self._statements()
        self.on(AssignmentSlipIssued, self.assignment_issued)
        self.on(SupervisionSlipIssued, self.supervision_issued)
        self.on(SupervisionSlipAnswered, self.supervision_answered)
        self.on(FeedbackFormReturned, self.form_returned)

    def _statements(self) -> None:
        self.upsert_assignment = upsert(self.dialect, self.assignment, ["slip_id"])
        u = self.assignment_units
        self.clear_units = delete(u).where(u.c.slip_id == bindparam("b_slip_id"))
        self.insert_unit = upsert(self.dialect, u, ["slip_id", "unit_id"])
        self.insert_supervision = upsert(self.dialect, self.supervision, ["slip_id"])
        s = self.supervision
        self.answer_supervision = (
            update(s)
            .where(s.c.slip_id == bindparam("b_slip_id"))
            .values(
                status="answered",
                response=bindparam("b_response"),
                answered_at=bindparam("b_answered_at"),
            )
        )
        self.insert_form = upsert(self.dialect, self.forms, ["form_id"])

    def assignment_issued(self, recorded: RecordedEvent) -> list[Write]:
        e = recorded.event
        assert isinstance(e, AssignmentSlipIssued)
        row = {
            **_proposal(e),
            "slip_id": e.slip_id,
            "revision": e.revision,
            "units": [u.model_dump() for u in e.units],
            "deadline": e.deadline,
            "supervising_leader": e.supervising_leader,
            "note": e.note,
            "issued_at": e.issued_at,
            "last_seq": recorded.seq,
        }
        writes: list[Write] = [
            (self.upsert_assignment, row),
            (self.clear_units, {"b_slip_id": e.slip_id}),
        ]
        for unit in e.units:
            writes.append((self.insert_unit, {"slip_id": e.slip_id, **unit.model_dump()}))
        return writes

    def supervision_issued(self, recorded: RecordedEvent) -> list[Write]:
        e = recorded.event
        assert isinstance(e, SupervisionSlipIssued)
        row = {
            **_proposal(e),
            "slip_id": e.slip_id,
            "unit_id": e.unit_id,
            "unit_name": e.unit_name,
            "reason": e.reason,
            "requirements": e.requirements,
            "respond_by": e.respond_by,
            "status": "issued",
            "response": None,
            "issued_at": e.issued_at,
            "answered_at": None,
        }
        return [(self.insert_supervision, row)]

    def supervision_answered(self, recorded: RecordedEvent) -> list[Write]:
        e = recorded.event
        assert isinstance(e, SupervisionSlipAnswered)
        params = {"b_slip_id": e.slip_id, "b_response": e.response, "b_answered_at": e.answered_at}
        return [(self.answer_supervision, params)]

    def form_returned(self, recorded: RecordedEvent) -> list[Write]:
        e = recorded.event
        assert isinstance(e, FeedbackFormReturned)
        row = {
            **_proposal(e),
            "form_id": e.form_id,
            "reply_id": e.reply_id,
            "unit_id": e.unit_id,
            "unit_name": e.unit_name,
            "author_id": e.author_id,
            "ratings": dict(e.ratings),
            "comments": e.comments,
            "channel": e.channel,
            "returned_at": e.returned_at,
        }
        return [(self.insert_form, row)]


def _proposal(e: Any) -> dict[str, Any]:
    return {
        "proposal_id": e.proposal_id,
        "serial_no": e.serial_no,
        "proposal_title": e.proposal_title,
        "township_id": e.township_id,
    }
