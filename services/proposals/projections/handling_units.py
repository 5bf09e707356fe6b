"""`handling_units`: the 承办单位 reference list."""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Column, DateTime, String

from services.proposals.domain.units import (
    HandlingUnitDeactivated,
    HandlingUnitRegistered,
    HandlingUnitRenamed,
)
from shared.db import upsert
from shared.events import RecordedEvent
from shared.projection import Projection, Write

from .proposal_rows import keyed, keyed_update
from .registries import read_registry


class HandlingUnits(Projection):
    name = "handling_units"
    sources = ("PROPOSALS",)
    registry = read_registry

    def define(self) -> None:
        self.units = self.table(
            "handling_units",
            Column("unit_id", String(32), primary_key=True),
            Column("name", String(100), nullable=False),
            Column("kind", String(32), nullable=False),
            Column("township_id", String(32), nullable=True),
            Column("active", Boolean, nullable=False),
            Column("registered_at", DateTime(timezone=True), nullable=False),
            Column("deactivated_at", DateTime(timezone=True), nullable=True),
            Column("last_seq", BigInteger, nullable=False),
        )
        self.put = upsert(self.dialect, self.units, ["unit_id"])
        self.rename = keyed_update(self.units, ("unit_id",), "name", "last_seq")
        self.deactivate = keyed_update(
            self.units, ("unit_id",), "active", "deactivated_at", "last_seq"
        )
        self.on(HandlingUnitRegistered, self.registered)
        self.on(HandlingUnitRenamed, self.renamed)
        self.on(HandlingUnitDeactivated, self.deactivated)

    def registered(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, HandlingUnitRegistered)
        row = {
            "unit_id": e.unit_id,
            "name": e.unit_name,
            "kind": e.kind,
            "township_id": e.township_id,
            "active": True,
            "registered_at": e.registered_at,
            "deactivated_at": None,
            "last_seq": r.seq,
        }
        return [(self.put, row)]

    def renamed(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, HandlingUnitRenamed)
        return keyed(self.rename, {"unit_id": e.unit_id}, name=e.unit_name, last_seq=r.seq)

    def deactivated(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, HandlingUnitDeactivated)
        values = {"active": False, "deactivated_at": e.deactivated_at, "last_seq": r.seq}
        return keyed(self.deactivate, {"unit_id": e.unit_id}, **values)
