"""`handling_tasks`: one row per handling task — the units' inboxes, and the unit, class
and overdue filters of the proposal list. Deadlines come from the events (no clock)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Boolean, Column, Date, DateTime, Integer, String, Text

from services.proposals.domain.events_evaluation import (
    ProposalConcluded,
    ProposalQualityRated,
    RehandlingOrdered,
)
from services.proposals.domain.events_handling import (
    CoHandlerOpinionSubmitted,
    ExtensionGranted,
    ExtensionRequested,
    HandlingContactRecorded,
    HandlingTaskAccepted,
    HandlingTaskCreated,
    HandlingTaskReassigned,
    HandlingTaskReturnRejected,
    HandlingTaskReturnRequested,
)
from services.proposals.domain.events_reply import (
    ProposalReplied,
    ReplyCosigned,
    ReplyCosignRequested,
    ReplyDrafted,
    ReplyRejected,
    ReplySubmittedForReview,
)
from services.proposals.domain.events_review import ProposalDesignatedKey
from shared.db import upsert
from shared.events import RecordedEvent
from shared.projection import Projection, Write

from .proposal_rows import keyed, keyed_update
from .registries import read_registry

# Event → the phase its task enters (TASK_PHASE_LABELS).
PHASE_OF: dict[type, str] = {
    HandlingTaskReturnRequested: "return_requested",
    HandlingTaskReassigned: "returned",
    ReplyDrafted: "reply_drafting",
    ReplyCosignRequested: "reply_cosigning",
    ReplyCosigned: "reply_cosigned",
    ReplySubmittedForReview: "reply_in_review",
}


class HandlingTasks(Projection):
    name = "handling_tasks"
    sources = ("PROPOSALS",)
    registry = read_registry

    def define(self) -> None:
        self.tasks = self.table("handling_tasks", *_columns())
        t, key = self.tasks, ("proposal_id", "task_id")
        self.insert = upsert(self.dialect, t, list(key))
        self.phase = keyed_update(t, key, "phase", "last_seq")
        self.accepted_stmt = keyed_update(t, key, "phase", "accepted_at", "last_seq")
        self.co_stmt = keyed_update(t, key, "phase", "co_opinion", "last_seq")
        self.replied_stmt = keyed_update(
            t, key, "phase", "replied", "result_class", "replied_at", "last_seq"
        )
        self.rehandle_stmt = keyed_update(
            t, key, "phase", "round", "replied", "due_on", "deadline_at", "last_seq"
        )
        self.due_stmt = keyed_update(
            t, key, "due_on", "deadline_at", "extension_pending", "last_seq"
        )
        self.pending_stmt = keyed_update(t, key, "extension_pending", "last_seq")
        self.contact_stmt = keyed_update(t, key, "last_seq", contacts=t.c.contacts + 1)
        self.quality_stmt = keyed_update(t, key, "quality", "last_seq")
        self.key_stmt = keyed_update(t, ("proposal_id",), "is_key")
        self.concluded_stmt = keyed_update(t, ("proposal_id",), "phase").where(
            t.c.phase != "returned"
        )
        # co-signatures lapse when the lead's reply is sent back or handled again
        self.uncosign_stmt = keyed_update(t, ("proposal_id",), "phase").where(
            t.c.phase == "reply_cosigned"
        )
        self._register_handlers()

    def _register_handlers(self) -> None:
        self.on(HandlingTaskCreated, self.created)
        for cls in PHASE_OF:
            self.on(cls, self.moved)
        self.on(HandlingTaskAccepted, self.accepted)
        self.on(HandlingTaskReturnRejected, self.accepted)
        self.on(CoHandlerOpinionSubmitted, self.co_opinion)
        self.on(ReplyRejected, self.reply_rejected)
        self.on(ProposalReplied, self.replied)
        self.on(RehandlingOrdered, self.rehandling)
        self.on(ExtensionRequested, self.extension_requested)
        self.on(ExtensionGranted, self.extension_granted)
        self.on(HandlingContactRecorded, self.contact)
        self.on(ProposalQualityRated, self.quality)
        self.on(ProposalDesignatedKey, self.key)
        self.on(ProposalConcluded, self.concluded)

    def _task(self, stmt: Any, r: RecordedEvent, **values: Any) -> list[Write]:
        task_id = r.event.task_id  # type: ignore[attr-defined]
        keys = {"proposal_id": r.aggregate_id, "task_id": task_id}
        return keyed(stmt, keys, last_seq=r.seq, **values)

    def created(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, HandlingTaskCreated)
        row = {
            "proposal_id": e.proposal_id,
            "task_id": e.task_id,
            "unit_id": e.unit_id,
            "unit_name": e.unit_name,
            "role": e.role,
            "phase": "assigned",
            "round": 1,
            "serial_no": e.serial_no,
            "title": e.title,
            "category": e.category,
            "township_id": e.township_id,
            "is_key": e.is_key,
            "lead_author_id": e.lead_author_id,
            "assigned_at": e.assigned_at,
            "accepted_at": None,
            "due_on": e.due_on,
            "deadline_at": e.deadline_at,
            "return_due_on": e.return_due_on,
            "replied": False,
            "result_class": None,
            "replied_at": None,
            "extension_pending": False,
            "contacts": 0,
            "quality": None,
            "co_opinion": None,
            "reassigned_from": e.reassigned_from,
            "last_seq": r.seq,
        }
        return [(self.insert, row)]

    def moved(self, r: RecordedEvent) -> list[Write]:
        return self._task(self.phase, r, phase=PHASE_OF[type(r.event)])

    def accepted(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        at = e.accepted_at if isinstance(e, HandlingTaskAccepted) else r.time
        return self._task(self.accepted_stmt, r, phase="accepted", accepted_at=at)

    def co_opinion(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, CoHandlerOpinionSubmitted)
        return self._task(self.co_stmt, r, phase="co_opinion_submitted", co_opinion=e.opinion)

    def _uncosign(self, r: RecordedEvent) -> list[Write]:
        return keyed(self.uncosign_stmt, {"proposal_id": r.aggregate_id}, phase="accepted")

    def reply_rejected(self, r: RecordedEvent) -> list[Write]:
        return [*self._task(self.phase, r, phase="reply_drafting"), *self._uncosign(r)]

    def replied(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, ProposalReplied)
        values = {"result_class": e.result_class, "replied_at": e.issued_at}
        return self._task(self.replied_stmt, r, phase="replied", replied=True, **values)

    def rehandling(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, RehandlingOrdered)
        values = {"round": e.round, "due_on": e.due_on, "deadline_at": e.deadline_at}
        moved = self._task(self.rehandle_stmt, r, phase="rehandling", replied=False, **values)
        return [*moved, *self._uncosign(r)]

    def extension_requested(self, r: RecordedEvent) -> list[Write]:
        return self._task(self.pending_stmt, r, extension_pending=True)

    def extension_granted(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, ExtensionGranted)
        values = {"due_on": e.due_on, "deadline_at": e.deadline_at}
        return self._task(self.due_stmt, r, extension_pending=False, **values)

    def contact(self, r: RecordedEvent) -> list[Write]:
        return self._task(self.contact_stmt, r)

    def quality(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, ProposalQualityRated)
        return self._task(self.quality_stmt, r, quality=e.quality)

    def key(self, r: RecordedEvent) -> list[Write]:
        return keyed(self.key_stmt, {"proposal_id": r.aggregate_id}, is_key=True)

    def concluded(self, r: RecordedEvent) -> list[Write]:
        return keyed(self.concluded_stmt, {"proposal_id": r.aggregate_id}, phase="concluded")


def _columns() -> list[Column[Any]]:
    def when(name: str) -> Column[Any]:
        return Column(name, DateTime(timezone=True), nullable=True)

    return [
        Column("proposal_id", String(64), primary_key=True),
        Column("task_id", String(16), primary_key=True),
        Column("unit_id", String(32), nullable=False, index=True),
        Column("unit_name", String(100), nullable=False),
        Column("role", String(16), nullable=False),
        Column("phase", String(32), nullable=False, index=True),
        Column("round", Integer, nullable=False),
        Column("serial_no", String(32), nullable=True),
        Column("title", String(200), nullable=False),
        Column("category", String(32), nullable=False),
        Column("township_id", String(32), nullable=True),
        Column("is_key", Boolean, nullable=False),
        Column("lead_author_id", String(64), nullable=False),
        when("assigned_at"),
        when("accepted_at"),
        Column("due_on", Date, nullable=False, index=True),
        when("deadline_at"),
        Column("return_due_on", Date, nullable=False),
        Column("replied", Boolean, nullable=False),
        Column("result_class", String(8), nullable=True),
        when("replied_at"),
        Column("extension_pending", Boolean, nullable=False),
        Column("contacts", Integer, nullable=False),
        Column("quality", String(16), nullable=True),
        Column("co_opinion", Text, nullable=True),
        Column("reassigned_from", String(16), nullable=True),
        Column("last_seq", BigInteger, nullable=False),
    ]
