"""`opinion_report_list`: one row per 社情民意 report, its authors, the townships it is
attributed to (DOMAIN §6.2: `author` — an author's liaison group at submission;
`about` — a township the report concerns; `reporter` — the liaison group or direct report
point that submitted it), and its adoptions, leader instructions and feedback letters.

Everything comes from event data (numbers of additive facts are carried on the events),
so a rebuild reproduces the live tables exactly.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Integer,
    String,
    Text,
)

from services.proposals.domain.opinion import (
    OpinionReportCreatedFromProposal,
    OpinionReportSubmitted,
    ReportStatus,
)
from shared.db import upsert
from shared.events import RecordedEvent
from shared.projection import Write

from .opinion_report_updates import ReportUpdates
from .registries import read_registry

Created = OpinionReportSubmitted | OpinionReportCreatedFromProposal


class OpinionReportList(ReportUpdates):
    name = "opinion_report_list"
    sources = ("PROPOSALS",)
    registry = read_registry

    def define(self) -> None:
        self.reports = self.table("opinion_reports", *_report_columns())
        self.authors = self.table(
            "opinion_report_authors",
            Column("report_id", String(64), primary_key=True),
            Column("member_id", String(64), primary_key=True),
            Column("position", Integer, nullable=False),
            Column("township_id", String(32), nullable=True, index=True),
            Column("member_name", String(100), nullable=True),
        )
        self.townships = self.table(
            "opinion_report_townships",
            Column("report_id", String(64), primary_key=True),
            Column("township_id", String(32), primary_key=True),
            Column("reason", String(16), primary_key=True),  # author | about | reporter
        )
        self.adoptions = self.table("opinion_adoptions", *_adoption_columns())
        self.instructions = self.table("opinion_instructions", *_instruction_columns())
        self.feedbacks = self.table("opinion_feedbacks", *_feedback_columns())
        self.insert_report = upsert(self.dialect, self.reports, ["report_id"])
        self.insert_author = upsert(self.dialect, self.authors, ["report_id", "member_id"])
        self.insert_township = upsert(
            self.dialect, self.townships, ["report_id", "township_id", "reason"]
        )
        self.on(OpinionReportSubmitted, self.created)
        self.on(OpinionReportCreatedFromProposal, self.created)
        self.define_updates()

    # --- creation -------------------------------------------------------------------

    def created(self, recorded: RecordedEvent) -> list[Write]:
        e = recorded.event
        assert isinstance(e, OpinionReportSubmitted | OpinionReportCreatedFromProposal)
        writes: list[Write] = [(self.insert_report, _row(e, recorded.seq))]
        for position, member_id in enumerate(e.author_ids):
            author = {
                "report_id": e.report_id,
                "member_id": member_id,
                "position": position,
                "township_id": e.author_township_ids.get(member_id),
                "member_name": e.author_names.get(member_id),
            }
            writes.append((self.insert_author, author))
        for township_id, reason in sorted(_attribution(e)):
            row = {"report_id": e.report_id, "township_id": township_id, "reason": reason}
            writes.append((self.insert_township, row))
        return writes


def _attribution(e: Created) -> set[tuple[str, str]]:
    found = {(t, "author") for t in e.author_township_ids.values()}
    found |= {(t, "about") for t in e.township_ids}
    if isinstance(e, OpinionReportSubmitted) and e.reporter_kind in (
        "liaison_group",
        "direct_report_point",
    ):
        found.add((e.township_id or "", "reporter"))
    elif e.township_id and not e.author_township_ids:
        found.add((e.township_id, "author"))
    return {(t, r) for t, r in found if t}


def _row(e: Created, seq: int) -> dict[str, Any]:
    lead = e.author_ids[0] if e.author_ids else None
    row: dict[str, Any] = {
        "report_id": e.report_id,
        "serial_no": e.serial_no,
        "year": e.year,
        "title": e.title,
        "status": ReportStatus.SUBMITTED.value,
        "lead_author_id": lead,
        "lead_author_name": e.author_names.get(lead) if lead else None,
        "township_id": e.township_id,
        "info_nature": e.info_nature,
        "category": e.category,
        "situation": e.body.situation,
        "analysis": e.body.analysis,
        "suggestions": e.body.suggestions,
        "forwarded_to": [],
        "upward_levels": [],
        "adoption_count": 0,
        "instruction_count": 0,
        "feedback_count": 0,
        "last_seq": seq,
    }
    if isinstance(e, OpinionReportSubmitted):
        row.update(
            reporter_kind=e.reporter_kind,
            reporter_name=e.reporter_name,
            direct_report_point_id=e.direct_report_point_id,
            urgency=e.urgency,
            source_channel=e.source_channel,
            origin_proposal_id=None,
            submitted_at=e.submitted_at,
        )
    else:
        row.update(
            reporter_kind="member",
            reporter_name=None,
            direct_report_point_id=None,
            urgency="normal",
            source_channel="from_proposal",
            origin_proposal_id=e.origin_proposal_id,
            submitted_at=e.created_at,
        )
    return {c: row.get(c) for c in _COLUMN_NAMES}


def _when(name: str) -> Column[Any]:
    return Column(name, DateTime(timezone=True), nullable=True)


def _report_columns() -> list[Column[Any]]:
    def text(name: str, size: int = 0) -> Column[Any]:
        return Column(name, String(size) if size else Text, nullable=True)

    return [
        Column("report_id", String(64), primary_key=True),
        Column("serial_no", String(32), nullable=False, index=True),
        Column("year", Integer, nullable=False, index=True),
        Column("title", String(200), nullable=False),
        text("edited_title", 200),
        Column("status", String(32), nullable=False, index=True),
        Column("reporter_kind", String(32), nullable=False, index=True),
        text("reporter_name", 100),
        text("lead_author_id", 64),
        text("lead_author_name", 100),
        text("township_id", 32),
        text("direct_report_point_id", 64),
        Column("info_nature", String(32), nullable=False, index=True),
        Column("category", String(32), nullable=False),
        Column("urgency", String(16), nullable=False),
        Column("source_channel", String(32), nullable=False),
        text("origin_proposal_id", 64),
        Column("situation", Text, nullable=False),
        Column("analysis", Text, nullable=False),
        Column("suggestions", Text, nullable=False),
        Column("edited_body", JSON, nullable=True),
        text("editor_notes"),
        _when("submitted_at"),
        text("editor_id", 100),
        text("use_mode", 32),
        _when("accepted_at"),
        text("return_reason"),
        _when("returned_at"),
        text("archive_reason"),
        _when("archived_at"),
        text("issue_id", 64),
        text("issue_label", 32),
        _when("published_at"),
        Column("forwarded_to", JSON, nullable=False),
        Column("upward_levels", JSON, nullable=False),
        _when("reported_upward_at"),
        Column("adoption_count", Integer, nullable=False),
        Column("instruction_count", Integer, nullable=False),
        Column("feedback_count", Integer, nullable=False),
        _when("closed_at"),
        Column("last_seq", BigInteger, nullable=False),
    ]


def _adoption_columns() -> list[Column[Any]]:
    return [
        Column("report_id", String(64), primary_key=True),
        Column("adoption_no", Integer, primary_key=True),
        Column("level", String(32), nullable=False, index=True),
        Column("adopting_body", String(100), nullable=False),
        Column("vehicle", String(100), nullable=True),
        Column("mode", String(32), nullable=False),
        Column("adopted_on", Date, nullable=False),
    ]


def _instruction_columns() -> list[Column[Any]]:
    return [
        Column("report_id", String(64), primary_key=True),
        Column("instruction_no", Integer, primary_key=True),
        Column("leader", String(50), nullable=False),
        Column("level", String(32), nullable=False),
        Column("text", Text, nullable=False),
        Column("instructed_on", Date, nullable=False),
        Column("principal", Boolean, nullable=False),
    ]


def _feedback_columns() -> list[Column[Any]]:
    return [
        Column("report_id", String(64), primary_key=True),
        Column("feedback_no", Integer, primary_key=True),
        Column("department", String(100), nullable=False),
        Column("text", Text, nullable=False),
        Column("received_on", Date, nullable=False),
    ]


_COLUMN_NAMES = [c.name for c in _report_columns()]
