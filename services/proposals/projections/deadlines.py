"""`deadline_watch`: the deadlines the timer watches — one row per open deadline of a
handling task (reply / co-opinion / sign-in) and per evaluation window of an issued reply.

Rows close when the deadline is met (or the task returned, the proposal concluded) and
re-arm when it moves (extension, re-handling). `last_threshold` / `overdue_recorded` mirror
the reminders recorded on the proposal, so a scan asks only for what is still due (the
proposal aggregate stays the judge: a stale row costs a no-op command, never a duplicate).
Deterministic: event data only.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Boolean, Column, Date, Integer, String, and_, bindparam, update

from services.proposals.domain.deadlines.events import (
    DeadlineEvent,
    ProposalDeadlineApproaching,
    ProposalOverdue,
)
from services.proposals.domain.events_evaluation import (
    EvaluationLapsed,
    ProposalConcluded,
    RehandlingOrdered,
    ReplyEvaluated,
)
from services.proposals.domain.events_handling import (
    CoHandlerOpinionSubmitted,
    ExtensionGranted,
    HandlingTaskAccepted,
    HandlingTaskCreated,
    HandlingTaskReassigned,
    HandlingTaskReturnRejected,
    HandlingTaskReturnRequested,
)
from services.proposals.domain.events_reply import ProposalAllRepliesIssued, ProposalReplied
from shared.db import upsert
from shared.events import RecordedEvent
from shared.projection import Projection, Write

from .proposal_rows import keyed, keyed_update
from .registries import read_registry

EVALUATION = "evaluation"
KEY = ("proposal_id", "kind", "item_id")


class DeadlineWatch(Projection):
    name = "deadline_watch"
    sources = ("PROPOSALS",)
    registry = read_registry

    def define(self) -> None:
        self.watch = self.table("deadline_watch", *_columns())
        w = self.watch
        self.insert = upsert(self.dialect, w, list(KEY))
        self.close_stmt = keyed_update(w, KEY, "open", "last_seq")
        self.rearm_stmt = keyed_update(
            w, KEY, "open", "round", "due_on", "last_threshold", "overdue_recorded", "last_seq"
        )
        self.due_stmt = keyed_update(
            w, KEY, "due_on", "last_threshold", "overdue_recorded", "last_seq"
        )
        self.arm_stmt = keyed_update(w, ("proposal_id", "kind"), "armed")
        self.close_all_stmt = keyed_update(w, ("proposal_id",), "open")
        self.close_task_stmt = keyed_update(w, ("proposal_id", "task_id"), "open").where(
            w.c.kind != EVALUATION
        )
        same_deadline = and_(
            w.c.proposal_id == bindparam("k_proposal_id"),
            w.c.kind == bindparam("k_kind"),
            w.c.item_id == bindparam("k_item_id"),
            w.c.round == bindparam("k_round"),
            w.c.due_on == bindparam("k_due_on"),
        )
        self.threshold_stmt = (
            update(w).where(same_deadline).values(last_threshold=bindparam("b_last_threshold"))
        )
        self.overdue_stmt = (
            update(w).where(same_deadline).values(overdue_recorded=bindparam("b_overdue"))
        )
        for cls, handler in self._handlers_by_event().items():
            self.on(cls, handler)

    def _handlers_by_event(self) -> dict[type, Any]:
        return {
            HandlingTaskCreated: self.created,
            HandlingTaskAccepted: self.signed_in,
            HandlingTaskReturnRequested: self.signed_in,
            HandlingTaskReturnRejected: self.signed_in,
            HandlingTaskReassigned: self.returned,
            CoHandlerOpinionSubmitted: self.co_opinion,
            ExtensionGranted: self.extended,
            RehandlingOrdered: self.rehandling,
            ProposalReplied: self.replied,
            ProposalAllRepliesIssued: self.all_replied,
            ReplyEvaluated: self.evaluated,
            EvaluationLapsed: self.lapsed,
            ProposalConcluded: self.concluded,
            ProposalDeadlineApproaching: self.approaching,
            ProposalOverdue: self.overdue,
        }

    # --- rows --------------------------------------------------------------------------

    def _row(self, r: RecordedEvent, kind: str, item_id: str, **values: Any) -> Write:
        e = r.event
        row = {
            "proposal_id": r.aggregate_id,
            "kind": kind,
            "item_id": item_id,
            "township_id": e.township_id,  # type: ignore[attr-defined]
            "open": True,
            "armed": True,
            "last_threshold": None,
            "overdue_recorded": False,
            "last_seq": r.seq,
            **values,
        }
        return (self.insert, row)

    def _close(self, r: RecordedEvent, kind: str, item_id: str) -> list[Write]:
        keys = {"proposal_id": r.aggregate_id, "kind": kind, "item_id": item_id}
        return keyed(self.close_stmt, keys, open=False, last_seq=r.seq)

    def created(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, HandlingTaskCreated)
        task = {"task_id": e.task_id, "unit_id": e.unit_id, "round": 1}
        kind = "co_opinion" if e.role == "co" else "reply"
        return [
            self._row(r, kind, e.task_id, due_on=e.due_on, **task),
            self._row(r, "sign_in", e.task_id, due_on=e.return_due_on, **task),
        ]

    def signed_in(self, r: RecordedEvent) -> list[Write]:
        return self._close(r, "sign_in", r.event.task_id)  # type: ignore[attr-defined]

    def returned(self, r: RecordedEvent) -> list[Write]:
        keys = {"proposal_id": r.aggregate_id, "task_id": r.event.task_id}  # type: ignore[attr-defined]
        return keyed(self.close_task_stmt, keys, open=False)

    def co_opinion(self, r: RecordedEvent) -> list[Write]:
        return self._close(r, "co_opinion", r.event.task_id)  # type: ignore[attr-defined]

    def _rearm(self, r: RecordedEvent, task_id: str, **values: Any) -> list[Write]:
        keys = {"proposal_id": r.aggregate_id, "kind": "reply", "item_id": task_id}
        fresh = {"open": True, "last_threshold": None, "overdue_recorded": False}
        return keyed(self.rearm_stmt, keys, last_seq=r.seq, **fresh, **values)

    def extended(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, ExtensionGranted)
        keys = {"proposal_id": r.aggregate_id, "kind": "reply", "item_id": e.task_id}
        values = {"due_on": e.due_on, "last_threshold": None, "overdue_recorded": False}
        return keyed(self.due_stmt, keys, last_seq=r.seq, **values)

    def rehandling(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, RehandlingOrdered)
        reopened = self._rearm(r, e.task_id, round=e.round, due_on=e.due_on)
        return [*self._close(r, EVALUATION, e.reply_id), *reopened]

    def replied(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, ProposalReplied)
        window = self._row(
            r,
            EVALUATION,
            e.reply_id,
            task_id=e.task_id,
            unit_id=e.unit_id,
            round=e.round,
            due_on=e.evaluation_due_on,
            armed=False,  # evaluable once every reply is issued (all_replies_issued)
        )
        return [*self._close(r, "reply", e.task_id), window]

    def all_replied(self, r: RecordedEvent) -> list[Write]:
        return keyed(self.arm_stmt, {"proposal_id": r.aggregate_id, "kind": EVALUATION}, armed=True)

    def evaluated(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, ReplyEvaluated)
        return self._close(r, EVALUATION, e.reply_id) if e.by_lead_author else []

    def lapsed(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, EvaluationLapsed)
        return self._close(r, EVALUATION, e.reply_id)

    def concluded(self, r: RecordedEvent) -> list[Write]:
        return keyed(self.close_all_stmt, {"proposal_id": r.aggregate_id}, open=False)

    def _recorded(self, r: RecordedEvent, stmt: Any, **values: Any) -> list[Write]:
        e = r.event
        assert isinstance(e, DeadlineEvent)
        keys = {
            "proposal_id": r.aggregate_id,
            "kind": e.kind,
            "item_id": e.task_id,
            "round": e.round,
            "due_on": e.due_on,
        }
        return keyed(stmt, keys, **values)

    def approaching(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, ProposalDeadlineApproaching)
        return self._recorded(r, self.threshold_stmt, last_threshold=e.threshold_days)

    def overdue(self, r: RecordedEvent) -> list[Write]:
        return self._recorded(r, self.overdue_stmt, overdue=True)


def _columns() -> list[Column[Any]]:
    return [
        Column("proposal_id", String(64), primary_key=True),
        Column("kind", String(16), primary_key=True),  # reply | co_opinion | sign_in | evaluation
        Column("item_id", String(40), primary_key=True),  # task id; reply id for evaluation
        Column("task_id", String(16), nullable=False),
        Column("unit_id", String(32), nullable=False),
        Column("township_id", String(32), nullable=True),
        Column("round", Integer, nullable=False),
        Column("due_on", Date, nullable=False, index=True),
        Column("open", Boolean, nullable=False, index=True),
        Column("armed", Boolean, nullable=False),
        Column("last_threshold", Integer, nullable=True),
        Column("overdue_recorded", Boolean, nullable=False),
        Column("last_seq", BigInteger, nullable=False),
    ]
