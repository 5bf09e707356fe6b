"""`opinion_direct_report_points`: 社情民意直报点 per township, with how many reports each
has submitted and when the last one came in."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, BigInteger, Column, DateTime, Integer, String

from services.proposals.domain.opinion import (
    DirectReportPointContactChanged,
    DirectReportPointEstablished,
    DirectReportPointSuspended,
    OpinionReportSubmitted,
    PointStatus,
)
from shared.db import upsert
from shared.events import RecordedEvent
from shared.projection import Projection, Write

from .opinion_support import keyed, keyed_update
from .registries import read_registry


class DirectReportPoints(Projection):
    name = "opinion_direct_report_points"
    sources = ("PROPOSALS",)
    registry = read_registry

    def define(self) -> None:
        self.points = self.table("direct_report_points", *_point_columns())
        t = self.points
        self.insert_point = upsert(self.dialect, t, ["point_id"])
        self.contact_stmt = keyed_update(
            t, "point_id", "contact_person", "contact_phone", "last_seq"
        )
        self.suspend_stmt = keyed_update(
            t, "point_id", "status", "suspend_reason", "suspended_at", "last_seq"
        )
        self.submission_stmt = keyed_update(
            t,
            "point_id",
            "last_submission_at",
            "last_seq",
            submission_count=t.c.submission_count + 1,
        )
        self.on(DirectReportPointEstablished, self.established)
        self.on(DirectReportPointContactChanged, self.contact_changed)
        self.on(DirectReportPointSuspended, self.suspended)
        self.on(OpinionReportSubmitted, self.report_submitted)

    def established(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, DirectReportPointEstablished)
        row = {
            "point_id": e.point_id,
            "point_name": e.point_name,
            "kind": e.kind,
            "township_id": e.township_id,
            "address": e.address,
            "contact_person": e.contact_person,
            "contact_phone": e.contact_phone,
            "linked_member_ids": list(e.linked_member_ids),
            "status": PointStatus.ACTIVE.value,
            "established_at": e.established_at,
            "suspended_at": None,
            "suspend_reason": None,
            "submission_count": 0,
            "last_submission_at": None,
            "last_seq": r.seq,
        }
        return [(self.insert_point, row)]

    def contact_changed(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, DirectReportPointContactChanged)
        return keyed(
            self.contact_stmt,
            "point_id",
            e.point_id,
            contact_person=e.contact_person,
            contact_phone=e.contact_phone,
            last_seq=r.seq,
        )

    def suspended(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, DirectReportPointSuspended)
        return keyed(
            self.suspend_stmt,
            "point_id",
            e.point_id,
            status=PointStatus.SUSPENDED.value,
            suspend_reason=e.reason,
            suspended_at=e.suspended_at,
            last_seq=r.seq,
        )

    def report_submitted(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, OpinionReportSubmitted)
        if not e.direct_report_point_id:
            return []
        return keyed(
            self.submission_stmt,
            "point_id",
            e.direct_report_point_id,
            last_submission_at=e.submitted_at,
            last_seq=r.seq,
        )


def _point_columns() -> list[Column[Any]]:
    return [
        Column("point_id", String(64), primary_key=True),
        Column("point_name", String(100), nullable=False),
        Column("kind", String(16), nullable=False),
        Column("township_id", String(32), nullable=False, index=True),
        Column("address", String(200), nullable=True),
        Column("contact_person", String(50), nullable=False),
        Column("contact_phone", String(20), nullable=False),
        Column("linked_member_ids", JSON, nullable=False),
        Column("status", String(16), nullable=False),
        Column("established_at", DateTime(timezone=True), nullable=True),
        Column("suspended_at", DateTime(timezone=True), nullable=True),
        Column("suspend_reason", String(1000), nullable=True),
        Column("submission_count", Integer, nullable=False),
        Column("last_submission_at", DateTime(timezone=True), nullable=True),
        Column("last_seq", BigInteger, nullable=False),
    ]
