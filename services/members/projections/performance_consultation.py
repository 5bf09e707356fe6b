"""`performance` handlers for CONSULTATION: consultations held (participation and speeches,
by role) and inspections (members who attended)."""

from __future__ import annotations

from sqlalchemy.sql import Executable

from services.members.projections.foreign_performance import (
    PerfConsultationHeld,
    PerfInspectionConducted,
)
from services.members.projections.performance_rows import day, fact_row
from shared.events import RecordedEvent
from shared.projection import Write

ORAL_ROLES = {"speaker": "oral", "written": "written"}


class ConsultationFactHandlers:
    """Mixin of `Performance`: the statements are built in its `define()`."""

    put_fact: Executable

    def consultation(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, PerfConsultationHeld)
        on = day(e.held_on, rec)
        writes: list[Write] = []
        seen: set[str] = set()
        for p in e.participants:
            if not p.member_id or p.member_id in seen or p.attended is False:
                continue
            seen.add(p.member_id)
            base = f"consultation:{e.consultation_id}:{p.member_id}"
            common = {"detail": e.type or None, "ref_id": e.consultation_id}
            common["township_id"] = p.township_id
            row = fact_row(rec, base, p.member_id, "activity", "consultation", on, **common)
            writes.append((self.put_fact, row))
            if p.role in ORAL_ROLES:
                speech = fact_row(
                    rec, f"{base}:speech", p.member_id, "activity", "speech", on, **common
                )
                speech["role"] = ORAL_ROLES[p.role]
                writes.append((self.put_fact, speech))
        return writes

    def inspection(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, PerfInspectionConducted)
        inspection_id = e.inspection_id or rec.aggregate_id
        on = day(e.conducted_on, rec)
        members = dict.fromkeys(
            p.member_id for p in e.participants if p.member_id and p.attended is not False
        )
        snapshots = {p.member_id: p.township_id for p in e.participants}
        return [
            (
                self.put_fact,
                fact_row(
                    rec,
                    f"inspection:{inspection_id}:{m}",
                    m,
                    "activity",
                    "inspection",
                    on,
                    ref_id=inspection_id,
                    township_id=snapshots.get(m),
                ),
            )
            for m in members
        ]
