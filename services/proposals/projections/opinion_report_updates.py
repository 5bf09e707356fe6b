"""Handlers of `opinion_report_list` for the events after a report was created: status
changes of the editorial flow, and the additive adoptions, instructions and feedback."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, bindparam, case, func
from sqlalchemy.sql.dml import Insert, Update

from services.proposals.domain.opinion import (
    OpinionReportAccepted,
    OpinionReportAdopted,
    OpinionReportArchived,
    OpinionReportClosed,
    OpinionReportEdited,
    OpinionReportEditingStarted,
    OpinionReportFeedbackReceived,
    OpinionReportForwarded,
    OpinionReportInstructed,
    OpinionReportPublished,
    OpinionReportReportedUpward,
    OpinionReportResubmitted,
    OpinionReportReturned,
    ReportStatus,
)
from shared.db import upsert
from shared.events import RecordedEvent
from shared.projection import Projection, Write

from .opinion_support import keyed, keyed_update

S = ReportStatus


class ReportUpdates(Projection):
    """Mixin part of `OpinionReportList` (its tables are defined there)."""

    reports: Table
    adoptions: Table
    instructions: Table
    feedbacks: Table

    def define_updates(self) -> None:
        t = self.reports
        self.stmts: dict[str, Update] = {
            "editing": keyed_update(t, "report_id", "status", "editor_id", "last_seq"),
            "edited": self._edited_stmt(),
            "returned": keyed_update(
                t, "report_id", "status", "return_reason", "returned_at", "last_seq"
            ),
            "resubmitted": keyed_update(
                t,
                "report_id",
                "status",
                "title",
                "situation",
                "analysis",
                "suggestions",
                "last_seq",
            ),
            "accepted": keyed_update(
                t, "report_id", "status", "use_mode", "accepted_at", "last_seq"
            ),
            "archived": keyed_update(
                t, "report_id", "status", "archive_reason", "archived_at", "last_seq"
            ),
            "published": keyed_update(
                t, "report_id", "status", "issue_id", "issue_label", "published_at", "last_seq"
            ),
            "forwarded": self._forwarded_stmt(),
            "upward": keyed_update(
                t, "report_id", "status", "upward_levels", "reported_upward_at", "last_seq"
            ),
            "adoption_count": keyed_update(t, "report_id", "adoption_count", "last_seq"),
            "instruction_count": keyed_update(t, "report_id", "instruction_count", "last_seq"),
            "feedback_count": keyed_update(t, "report_id", "feedback_count", "last_seq"),
            "closed": keyed_update(t, "report_id", "status", "closed_at", "last_seq"),
        }
        self.inserts: dict[str, Insert] = {
            "adoption": upsert(self.dialect, self.adoptions, ["report_id", "adoption_no"]),
            "instruction": upsert(self.dialect, self.instructions, ["report_id", "instruction_no"]),
            "feedback": upsert(self.dialect, self.feedbacks, ["report_id", "feedback_no"]),
        }
        self.on(OpinionReportEditingStarted, self.editing_started)
        self.on(OpinionReportEdited, self.edited)
        self.on(OpinionReportReturned, self.returned)
        self.on(OpinionReportResubmitted, self.resubmitted)
        self.on(OpinionReportAccepted, self.accepted)
        self.on(OpinionReportArchived, self.archived)
        self.on(OpinionReportPublished, self.published)
        self.on(OpinionReportForwarded, self.forwarded)
        self.on(OpinionReportReportedUpward, self.reported_upward)
        self.on(OpinionReportAdopted, self.adopted)
        self.on(OpinionReportInstructed, self.instructed)
        self.on(OpinionReportFeedbackReceived, self.feedback_received)
        self.on(OpinionReportClosed, self.closed)

    def _forwarded_stmt(self) -> Update:
        t = self.reports
        status = case((t.c.status == S.ACCEPTED.value, S.FORWARDED.value), else_=t.c.status)
        return keyed_update(t, "report_id", "forwarded_to", "last_seq", status=status)

    def _edited_stmt(self) -> Update:
        t = self.reports
        keep: dict[str, Any] = {
            c: func.coalesce(bindparam(f"b_{c}"), t.c[c])
            for c in ("edited_title", "edited_body", "editor_notes")
        }
        return keyed_update(t, "report_id", "last_seq", **keep)

    def _set(self, key: str, recorded: RecordedEvent, **values: Any) -> list[Write]:
        return keyed(self.stmts[key], "report_id", recorded.aggregate_id, **values)

    # --- editorial flow ----------------------------------------------------------------

    def editing_started(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, OpinionReportEditingStarted)
        return self._set(
            "editing", r, status=S.IN_EDITING.value, editor_id=e.editor_id, last_seq=r.seq
        )

    def edited(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, OpinionReportEdited)
        body = e.edited_body.model_dump() if e.edited_body else None
        return self._set(
            "edited",
            r,
            edited_title=e.edited_title,
            edited_body=body,
            editor_notes=e.editor_notes,
            last_seq=r.seq,
        )

    def returned(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, OpinionReportReturned)
        return self._set(
            "returned",
            r,
            status=S.RETURNED.value,
            return_reason=e.reason,
            returned_at=e.returned_at,
            last_seq=r.seq,
        )

    def resubmitted(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, OpinionReportResubmitted)
        return self._set(
            "resubmitted",
            r,
            status=S.SUBMITTED.value,
            title=e.title,
            situation=e.body.situation,
            analysis=e.body.analysis,
            suggestions=e.body.suggestions,
            last_seq=r.seq,
        )

    def accepted(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, OpinionReportAccepted)
        return self._set(
            "accepted",
            r,
            status=S.ACCEPTED.value,
            use_mode=e.use_mode,
            accepted_at=e.accepted_at,
            last_seq=r.seq,
        )

    def archived(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, OpinionReportArchived)
        return self._set(
            "archived",
            r,
            status=S.ARCHIVED.value,
            archive_reason=e.reason,
            archived_at=e.archived_at,
            last_seq=r.seq,
        )

    # --- after 采用 ---------------------------------------------------------------------

    def published(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, OpinionReportPublished)
        return self._set(
            "published",
            r,
            status=S.PUBLISHED.value,
            issue_id=e.issue_id,
            issue_label=e.issue_label,
            published_at=e.published_at,
            last_seq=r.seq,
        )

    def forwarded(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, OpinionReportForwarded)
        return self._set("forwarded", r, forwarded_to=list(e.departments), last_seq=r.seq)

    def reported_upward(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, OpinionReportReportedUpward)
        return self._set(
            "upward",
            r,
            status=S.REPORTED_UPWARD.value,
            upward_levels=list(e.all_levels),
            reported_upward_at=e.reported_at,
            last_seq=r.seq,
        )

    def adopted(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, OpinionReportAdopted)
        row = {
            "report_id": e.report_id,
            "adoption_no": e.adoption_no,
            "level": e.level,
            "adopting_body": e.adopting_body,
            "vehicle": e.vehicle,
            "mode": e.mode,
            "adopted_on": e.adopted_on,
        }
        count = self._set("adoption_count", r, adoption_count=e.adoption_no, last_seq=r.seq)
        return [(self.inserts["adoption"], row), *count]

    def instructed(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, OpinionReportInstructed)
        row = {
            "report_id": e.report_id,
            "instruction_no": e.instruction_no,
            "leader": e.leader,
            "level": e.level,
            "text": e.text,
            "instructed_on": e.instructed_on,
            "principal": e.principal,
        }
        count = self._set(
            "instruction_count", r, instruction_count=e.instruction_no, last_seq=r.seq
        )
        return [(self.inserts["instruction"], row), *count]

    def feedback_received(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, OpinionReportFeedbackReceived)
        row = {
            "report_id": e.report_id,
            "feedback_no": e.feedback_no,
            "department": e.department,
            "text": e.text,
            "received_on": e.received_on,
        }
        count = self._set("feedback_count", r, feedback_count=e.feedback_no, last_seq=r.seq)
        return [(self.inserts["feedback"], row), *count]

    def closed(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, OpinionReportClosed)
        return self._set("closed", r, status=S.CLOSED.value, closed_at=e.closed_at, last_seq=r.seq)
