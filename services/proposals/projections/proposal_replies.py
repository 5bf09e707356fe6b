"""`proposal_replies` (one row per reply and round), `reply_cosigns` and
`reply_evaluations`: the reply sub-flow and the proposers' evaluations."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    DateTime,
    Integer,
    String,
    Text,
    and_,
    bindparam,
    delete,
)

from services.proposals.domain.events_evaluation import (
    EvaluationLapsed,
    RehandlingOrdered,
    ReplyEvaluated,
)
from services.proposals.domain.events_reply import (
    ProposalReplied,
    ReplyApproved,
    ReplyCosigned,
    ReplyCosignRequested,
    ReplyDrafted,
    ReplyRejected,
    ReplySubmittedForReview,
)
from shared.db import upsert
from shared.events import RecordedEvent
from shared.projection import Projection, Write

from .proposal_rows import keyed, keyed_update
from .registries import read_registry

KEY = ("proposal_id", "reply_id")


class ProposalReplies(Projection):
    name = "proposal_replies"
    sources = ("PROPOSALS",)
    registry = read_registry

    def define(self) -> None:
        self.replies = self.table("proposal_replies", *_reply_columns())
        self.cosigns = self.table(
            "reply_cosigns",
            Column("proposal_id", String(64), primary_key=True),
            Column("reply_id", String(16), primary_key=True),
            Column("task_id", String(16), primary_key=True),
            Column("unit_id", String(32), nullable=False),
            Column("note", Text, nullable=True),
            Column("cosigned_at", DateTime(timezone=True), nullable=False),
        )
        self.evaluations = self.table("reply_evaluations", *_evaluation_columns())
        self._statements()
        self._register_handlers()

    def _statements(self) -> None:
        r, c = self.replies, self.cosigns
        self.put_reply = upsert(self.dialect, r, list(KEY))
        self.put_cosign = upsert(self.dialect, c, [*KEY, "task_id"])
        self.put_evaluation = upsert(self.dialect, self.evaluations, [*KEY, "evaluator_id"])
        self.status_stmt = keyed_update(r, KEY, "status", "last_seq")
        self.approved_stmt = keyed_update(
            r, KEY, "result_class", "changed_class_from", "review_note", "last_seq"
        )
        self.rejected_stmt = keyed_update(r, KEY, "status", "rejection_reason", "last_seq")
        self.issued_stmt = keyed_update(
            r, KEY, "status", "result_class", "issued_at", "evaluation_due_on", "last_seq"
        )
        self.lead_eval_stmt = keyed_update(
            r, KEY, "lead_process", "lead_result", "evaluated_at", "last_seq"
        )
        self.flag_stmt = {
            name: keyed_update(r, KEY, name, "last_seq") for name in ("lapsed", "rehandled")
        }
        self.drop_cosigns = delete(c).where(
            and_(
                c.c.proposal_id == bindparam("k_proposal_id"),
                c.c.reply_id == bindparam("k_reply_id"),
            )
        )

    def _register_handlers(self) -> None:
        self.on(ReplyDrafted, self.drafted)
        self.on(ReplyCosignRequested, self.status("cosigning"))
        self.on(ReplyCosigned, self.cosigned)
        self.on(ReplySubmittedForReview, self.status("in_review"))
        self.on(ReplyApproved, self.approved)
        self.on(ReplyRejected, self.rejected)
        self.on(ProposalReplied, self.issued)
        self.on(ReplyEvaluated, self.evaluated)
        self.on(EvaluationLapsed, self.flag("lapsed"))
        self.on(RehandlingOrdered, self.flag("rehandled"))

    def _keys(self, r: RecordedEvent) -> dict[str, str]:
        return {"proposal_id": r.aggregate_id, "reply_id": r.event.reply_id}  # type: ignore[attr-defined]

    def drafted(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, ReplyDrafted)
        row = {
            **self._keys(r),
            "task_id": e.task_id,
            "unit_id": e.unit_id,
            "unit_name": e.unit_name,
            "role": e.role,
            "round": e.round,
            "status": "drafting",
            "doc_no": e.doc_no,
            "body": e.body,
            "result_class": e.result_class,
            "contact_person": e.contact_person,
            "contact_phone": e.contact_phone,
            "signed_by": e.signed_by,
            "drafted_at": e.drafted_at,
            "changed_class_from": None,
            "review_note": None,
            "rejection_reason": None,
            "issued_at": None,
            "evaluation_due_on": None,
            "lead_process": None,
            "lead_result": None,
            "evaluated_at": None,
            "lapsed": False,
            "rehandled": False,
            "last_seq": r.seq,
        }
        return [(self.put_reply, row)]

    def status(self, value: str) -> Any:
        return lambda r: keyed(self.status_stmt, self._keys(r), status=value, last_seq=r.seq)

    def flag(self, name: str) -> Any:
        return lambda r: keyed(self.flag_stmt[name], self._keys(r), last_seq=r.seq, **{name: True})

    def cosigned(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, ReplyCosigned)
        row = {
            **self._keys(r),
            "task_id": e.task_id,
            "unit_id": e.unit_id,
            "note": e.note,
            "cosigned_at": e.cosigned_at,
        }
        return [(self.put_cosign, row)]

    def approved(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, ReplyApproved)
        values = {"changed_class_from": e.changed_class_from, "review_note": e.note}
        return keyed(
            self.approved_stmt, self._keys(r), result_class=e.result_class, last_seq=r.seq, **values
        )

    def rejected(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, ReplyRejected)
        keys = self._keys(r)
        values = {"status": "drafting", "rejection_reason": e.reason, "last_seq": r.seq}
        dropped: Write = (self.drop_cosigns, {f"k_{k}": v for k, v in keys.items()})
        return [*keyed(self.rejected_stmt, keys, **values), dropped]

    def issued(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, ProposalReplied)
        values = {"result_class": e.result_class, "evaluation_due_on": e.evaluation_due_on}
        return keyed(
            self.issued_stmt,
            self._keys(r),
            status="issued",
            issued_at=e.issued_at,
            last_seq=r.seq,
            **values,
        )

    def evaluated(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, ReplyEvaluated)
        row = {
            **self._keys(r),
            "evaluator_id": e.evaluator_id,
            "by_lead_author": e.by_lead_author,
            "process_satisfaction": e.process_satisfaction,
            "result_satisfaction": e.result_satisfaction,
            "comment": e.comment,
            "channel": e.channel,
            "evaluated_at": e.evaluated_at,
        }
        writes: list[Write] = [(self.put_evaluation, row)]
        if e.by_lead_author:
            values = {"lead_process": e.process_satisfaction, "lead_result": e.result_satisfaction}
            writes += keyed(
                self.lead_eval_stmt,
                self._keys(r),
                evaluated_at=e.evaluated_at,
                last_seq=r.seq,
                **values,
            )
        return writes


def _reply_columns() -> list[Column[Any]]:
    def when(name: str) -> Column[Any]:
        return Column(name, DateTime(timezone=True), nullable=True)

    return [
        Column("proposal_id", String(64), primary_key=True),
        Column("reply_id", String(16), primary_key=True),
        Column("task_id", String(16), nullable=False),
        Column("unit_id", String(32), nullable=False, index=True),
        Column("unit_name", String(100), nullable=False),
        Column("role", String(16), nullable=False),
        Column("round", Integer, nullable=False),
        Column("status", String(16), nullable=False),
        Column("doc_no", String(100), nullable=False),
        Column("body", Text, nullable=False),
        Column("result_class", String(8), nullable=False),
        Column("contact_person", String(50), nullable=False),
        Column("contact_phone", String(30), nullable=False),
        Column("signed_by", String(50), nullable=False),
        when("drafted_at"),
        Column("changed_class_from", String(8), nullable=True),
        Column("review_note", Text, nullable=True),
        Column("rejection_reason", Text, nullable=True),
        when("issued_at"),
        Column("evaluation_due_on", Date, nullable=True),
        Column("lead_process", String(32), nullable=True),
        Column("lead_result", String(32), nullable=True),
        when("evaluated_at"),
        Column("lapsed", Boolean, nullable=False),
        Column("rehandled", Boolean, nullable=False),
        Column("last_seq", BigInteger, nullable=False),
    ]


def _evaluation_columns() -> list[Column[Any]]:
    return [
        Column("proposal_id", String(64), primary_key=True),
        Column("reply_id", String(16), primary_key=True),
        Column("evaluator_id", String(64), primary_key=True),
        Column("by_lead_author", Boolean, nullable=False),
        Column("process_satisfaction", String(32), nullable=False),
        Column("result_satisfaction", String(32), nullable=False),
        Column("comment", Text, nullable=True),
        Column("channel", String(16), nullable=False),
        Column("evaluated_at", DateTime(timezone=True), nullable=False),
    ]
