"""`handling_unit_appraisals` and their published per-unit `..._results` (一评议)."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Date,
    DateTime,
    Float,
    Integer,
    String,
    bindparam,
    update,
)

from services.proposals.domain.artifacts.appraisal import (
    AppraisalBallotRecorded,
    HandlingUnitAppraisalHeld,
    HandlingUnitAppraisalResultPublished,
)
from shared.db import upsert
from shared.events import RecordedEvent
from shared.projection import Projection, Write

from .registries import read_registry


class Appraisals(Projection):
    name = "handling_unit_appraisals"
    sources = ("PROPOSALS",)
    registry = read_registry

    def define(self) -> None:
        self.appraisals = self.table(
            "handling_unit_appraisals",
            Column("appraisal_id", String(64), primary_key=True),
            Column("year", Integer, nullable=False, index=True),
            Column("title", String(200), nullable=False),
            Column("held_on", Date, nullable=False),
            Column("units", JSON, nullable=False),
            Column("ballots", Integer, nullable=False),
            Column("status", String(16), nullable=False),  # held | published
            Column("published_at", DateTime(timezone=True), nullable=True),
        )
        self.results = self.table(
            "handling_unit_appraisal_results",
            Column("appraisal_id", String(64), primary_key=True),
            Column("unit_id", String(64), primary_key=True),
            Column("position", Integer, nullable=False),
            Column("unit_name", String(100), nullable=False),
            Column("ballots", Integer, nullable=False),
            Column("counts", JSON, nullable=False),
            Column("shares", JSON, nullable=False),
            Column("satisfied_rate", Float, nullable=True),
            Column("approval_rate", Float, nullable=True),
        )
        a = self.appraisals
        self.insert_appraisal = upsert(self.dialect, a, ["appraisal_id"])
        self.count_ballot = (
            update(a)
            .where(a.c.appraisal_id == bindparam("b_appraisal_id"))
            .values(ballots=a.c.ballots + 1)
        )
        self.publish = (
            update(a)
            .where(a.c.appraisal_id == bindparam("b_appraisal_id"))
            .values(status="published", published_at=bindparam("b_published_at"))
        )
        self.insert_result = upsert(self.dialect, self.results, ["appraisal_id", "unit_id"])
        self.on(HandlingUnitAppraisalHeld, self.held)
        self.on(AppraisalBallotRecorded, self.ballot)
        self.on(HandlingUnitAppraisalResultPublished, self.published)

    def held(self, recorded: RecordedEvent) -> list[Write]:
        e = recorded.event
        assert isinstance(e, HandlingUnitAppraisalHeld)
        row = {
            "appraisal_id": e.appraisal_id,
            "year": e.year,
            "title": e.title,
            "held_on": e.held_on,
            "units": [u.model_dump() for u in e.units],
            "ballots": 0,
            "status": "held",
            "published_at": None,
        }
        return [(self.insert_appraisal, row)]

    def ballot(self, recorded: RecordedEvent) -> list[Write]:
        e = recorded.event
        assert isinstance(e, AppraisalBallotRecorded)
        return [(self.count_ballot, {"b_appraisal_id": e.appraisal_id})]

    def published(self, recorded: RecordedEvent) -> list[Write]:
        e = recorded.event
        assert isinstance(e, HandlingUnitAppraisalResultPublished)
        params = {"b_appraisal_id": e.appraisal_id, "b_published_at": e.published_at}
        writes: list[Write] = [(self.publish, params)]
        for position, r in enumerate(e.results):
            row = {"appraisal_id": e.appraisal_id, "position": position, **r.model_dump()}
            writes.append((self.insert_result, row))
        return writes
