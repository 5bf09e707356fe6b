"""`followup_reviews` (+ items) for 回头看, and `awards` (优秀提案, 先进承办单位)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Column, DateTime, Integer, String, Text, bindparam, update

from services.proposals.domain.artifacts.award_roll import (
    HandlingUnitCommended,
    ProposalMarkedExcellent,
)
from services.proposals.domain.artifacts.followup_review import (
    FollowupItemAssessed,
    FollowupReviewConcluded,
    FollowupReviewStarted,
)
from shared.db import upsert
from shared.events import RecordedEvent
from shared.projection import Projection, Write

from .registries import read_registry


def _when(name: str) -> Column[Any]:
    return Column(name, DateTime(timezone=True), nullable=True)


class FollowupsAndAwards(Projection):
    name = "followups_and_awards"
    sources = ("PROPOSALS",)
    registry = read_registry

    def define(self) -> None:
        self.reviews = self.table(
            "followup_reviews",
            Column("review_id", String(64), primary_key=True),
            Column("year", Integer, nullable=False, index=True),
            Column("title", String(200), nullable=False),
            Column("scope", Text, nullable=False),
            Column("status", String(16), nullable=False),  # started | concluded
            Column("report", Text, nullable=True),
            Column("status_counts", JSON, nullable=True),
            _when("started_at"),
            _when("concluded_at"),
        )
        self.items = self.table(
            "followup_items",
            Column("review_id", String(64), primary_key=True),
            Column("proposal_id", String(64), primary_key=True),
            Column("serial_no", String(32), nullable=True),
            Column("proposal_title", String(200), nullable=False),
            Column("township_id", String(32), nullable=True),
            Column("promised_action", Text, nullable=False),
            Column("status", String(16), nullable=False),
            Column("evidence", Text, nullable=False),
            _when("assessed_at"),
        )
        self.awards = self.table(
            "awards",
            Column("year", Integer, primary_key=True),
            Column("kind", String(24), primary_key=True),  # excellent_proposal | commended_unit
            Column("subject_id", String(64), primary_key=True),  # proposal id | unit id
            Column("level", String(32), primary_key=True),
            Column("subject_name", String(200), nullable=False),
            Column("serial_no", String(32), nullable=True),
            Column("township_id", String(32), nullable=True),
            Column("author_ids", JSON, nullable=False),
            Column("citation", Text, nullable=False),
            _when("awarded_at"),
        )
        r = self.reviews
        self.insert_review = upsert(self.dialect, r, ["review_id"])
        self.insert_item = upsert(self.dialect, self.items, ["review_id", "proposal_id"])
        self.conclude = (
            update(r)
            .where(r.c.review_id == bindparam("b_review_id"))
            .values(
                status="concluded",
                report=bindparam("b_report"),
                status_counts=bindparam("b_status_counts"),
                concluded_at=bindparam("b_concluded_at"),
            )
        )
        self.insert_award = upsert(
            self.dialect, self.awards, ["year", "kind", "subject_id", "level"]
        )
        self.on(FollowupReviewStarted, self.started)
        self.on(FollowupItemAssessed, self.assessed)
        self.on(FollowupReviewConcluded, self.concluded)
        self.on(ProposalMarkedExcellent, self.excellent)
        self.on(HandlingUnitCommended, self.commended)

    def started(self, recorded: RecordedEvent) -> list[Write]:
        e = recorded.event
        assert isinstance(e, FollowupReviewStarted)
        row = {
            "review_id": e.review_id,
            "year": e.year,
            "title": e.title,
            "scope": e.scope,
            "status": "started",
            "report": None,
            "status_counts": None,
            "started_at": e.started_at,
            "concluded_at": None,
        }
        return [(self.insert_review, row)]

    def assessed(self, recorded: RecordedEvent) -> list[Write]:
        e = recorded.event
        assert isinstance(e, FollowupItemAssessed)
        return [(self.insert_item, e.model_dump())]

    def concluded(self, recorded: RecordedEvent) -> list[Write]:
        e = recorded.event
        assert isinstance(e, FollowupReviewConcluded)
        params = {
            "b_review_id": e.review_id,
            "b_report": e.report,
            "b_status_counts": dict(e.status_counts),
            "b_concluded_at": e.concluded_at,
        }
        return [(self.conclude, params)]

    def excellent(self, recorded: RecordedEvent) -> list[Write]:
        e = recorded.event
        assert isinstance(e, ProposalMarkedExcellent)
        row = {
            "year": e.year,
            "kind": "excellent_proposal",
            "subject_id": e.proposal_id,
            "level": e.level,
            "subject_name": e.proposal_title,
            "serial_no": e.serial_no,
            "township_id": e.township_id,
            "author_ids": list(e.author_ids),
            "citation": e.citation,
            "awarded_at": e.marked_at,
        }
        return [(self.insert_award, row)]

    def commended(self, recorded: RecordedEvent) -> list[Write]:
        e = recorded.event
        assert isinstance(e, HandlingUnitCommended)
        row = {
            "year": e.year,
            "kind": "commended_unit",
            "subject_id": e.unit_id,
            "level": e.level,
            "subject_name": e.unit_name,
            "serial_no": None,
            "township_id": None,
            "author_ids": [],
            "citation": e.citation,
            "awarded_at": e.commended_at,
        }
        return [(self.insert_award, row)]
