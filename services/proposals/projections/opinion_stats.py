"""`opinion_member_stats`: per member and year, reports submitted, accepted, archived,
published, adopted per level (a report counts once per level) and leader instructions —
the numbers the members service will fold into the performance file (DOMAIN §3.5, §5.3).

A report counts for every member-author, in the year it was submitted.
"""

from __future__ import annotations

from sqlalchemy import Column, Integer, String, bindparam, update
from sqlalchemy.sql.dml import Update

from services.proposals.domain.opinion import (
    OpinionReportAccepted,
    OpinionReportAdopted,
    OpinionReportArchived,
    OpinionReportCreatedFromProposal,
    OpinionReportInstructed,
    OpinionReportPublished,
    OpinionReportSubmitted,
)
from shared.db import upsert
from shared.events import DomainEvent, RecordedEvent
from shared.projection import Projection, Write

from .registries import read_registry

ADOPTION_LEVELS = ("county", "county_party_gov", "city", "province", "national")
COUNTERS = (
    "submitted",
    "accepted",
    "archived",
    "published",
    *(f"adopted_{level}" for level in ADOPTION_LEVELS),
    "instructions",
)


class MemberReportStats(Projection):
    name = "opinion_member_stats"
    sources = ("PROPOSALS",)
    registry = read_registry

    def define(self) -> None:
        self.stats = self.table(
            "opinion_member_stats",
            Column("member_id", String(64), primary_key=True),
            Column("year", Integer, primary_key=True),
            *(Column(c, Integer, nullable=False) for c in COUNTERS),
        )
        self.ensure_row = upsert(self.dialect, self.stats, ["member_id", "year"], update=[])
        self.bump: dict[str, Update] = {c: self._bump(c) for c in COUNTERS}
        self.on(OpinionReportSubmitted, self.counter("submitted"))
        self.on(OpinionReportCreatedFromProposal, self.counter("submitted"))
        self.on(OpinionReportAccepted, self.counter("accepted"))
        self.on(OpinionReportArchived, self.counter("archived"))
        self.on(OpinionReportPublished, self.counter("published"))
        self.on(OpinionReportInstructed, self.counter("instructions"))
        self.on(OpinionReportAdopted, self.adopted)

    def _bump(self, column: str) -> Update:
        t = self.stats
        return (
            update(t)
            .where(t.c.member_id == bindparam("b_member_id"), t.c.year == bindparam("b_year"))
            .values({column: t.c[column] + 1})
        )

    def counter(self, column: str) -> _Counter:
        return _Counter(self, column)

    def writes(self, column: str, event: DomainEvent) -> list[Write]:
        authors: tuple[str, ...] = getattr(event, "author_ids", ())
        year: int = getattr(event, "year", 0)
        writes: list[Write] = []
        for member_id in authors:
            zero = {"member_id": member_id, "year": year, **dict.fromkeys(COUNTERS, 0)}
            writes.append((self.ensure_row, zero))
            writes.append((self.bump[column], {"b_member_id": member_id, "b_year": year}))
        return writes

    def adopted(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, OpinionReportAdopted)
        return self.writes(f"adopted_{e.level}", e) if e.first_at_level else []


class _Counter:
    """A handler adding one to `column` for each author of the event."""

    def __init__(self, projection: MemberReportStats, column: str) -> None:
        self.projection = projection
        self.column = column

    def __call__(self, recorded: RecordedEvent) -> list[Write]:
        return self.projection.writes(self.column, recorded.event)
