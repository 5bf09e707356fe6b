"""`proposal_list`: one row per proposal, plus `proposal_authors` for township attribution.

A proposal belongs to a township's panel when any of its authors belonged to that
township's liaison group at submission time (DOMAIN §6.2 a: the snapshot carried on the
`submitted` event, not current membership). Everything comes from event data, so a
rebuild reproduces the live tables exactly.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Column,
    Integer,
    String,
    bindparam,
    update,
)
from sqlalchemy.sql.dml import Update

from services.proposals.domain import (
    ProposalNotRegistered,
    ProposalRegistered,
    ProposalReviewStarted,
    ProposalStatus,
    ProposalSubmitted,
    ProposalWithdrawn,
)
from shared.db import upsert
from shared.events import RecordedEvent
from shared.projection import Projection, Write

from .proposal_columns import LIFECYCLE_DEFAULTS, proposal_columns
from .proposal_list_lifecycle import install_lifecycle
from .registries import read_registry


class ProposalList(Projection):
    name = "proposal_list"
    sources = ("PROPOSALS",)
    registry = read_registry

    def define(self) -> None:
        self.proposals = self.table("proposal_list", *proposal_columns())
        self.authors = self.table(
            "proposal_authors",
            Column("proposal_id", String(64), primary_key=True),
            Column("member_id", String(64), primary_key=True),
            Column("role", String(8), nullable=False),  # lead | co
            Column("position", Integer, nullable=False),  # 0 = lead, then co-authors in order
            Column("township_id", String(32), nullable=True, index=True),
            Column("member_name", String(100), nullable=True),
        )
        self.insert_proposal = upsert(self.dialect, self.proposals, ["proposal_id"])
        self.insert_author = upsert(self.dialect, self.authors, ["proposal_id", "member_id"])
        self.review_started_stmt = self._update("status", "review_started_at")
        self.registered_stmt = self._update("status", "serial_no", "category", "registered_at")
        self.declined_stmt = self._update(
            "status", "not_registered_reason", "disposition", "decision_note", "decided_at"
        )
        self.withdrawn_stmt = self._update("status", "withdrawn_at", "withdrawal_reason")
        self.on(ProposalSubmitted, self.submitted)
        self.on(ProposalReviewStarted, self.review_started)
        self.on(ProposalRegistered, self.registered)
        self.on(ProposalNotRegistered, self.not_registered)
        self.on(ProposalWithdrawn, self.withdrawn)
        install_lifecycle(self)

    def _update(self, *columns: str) -> Update:
        t = self.proposals
        values: dict[str, Any] = {c: bindparam(f"b_{c}") for c in (*columns, "last_seq")}
        return update(t).where(t.c.proposal_id == bindparam("b_proposal_id")).values(**values)

    def _set(self, stmt: Update, recorded: RecordedEvent, **values: Any) -> list[Write]:
        params = {f"b_{k}": v for k, v in values.items()}
        params["b_proposal_id"] = recorded.aggregate_id
        params["b_last_seq"] = recorded.seq
        return [(stmt, params)]

    # --- handlers --------------------------------------------------------------------

    def submitted(self, recorded: RecordedEvent) -> list[Write]:
        e = recorded.event
        assert isinstance(e, ProposalSubmitted)
        row = {
            "proposal_id": e.proposal_id,
            "serial_no": None,
            "title": e.title,
            "category": e.category,
            "author_kind": e.author_kind,
            "lead_author_id": e.lead_author_id,
            "lead_author_name": e.author_names.get(e.lead_author_id),
            "status": ProposalStatus.SUBMITTED.value,
            "term_no": e.term_no,
            "session_no": e.session_no,
            "period": e.period,
            "township_id": e.township_id,
            "situation": e.body.situation,
            "analysis": e.body.analysis,
            "suggestions": e.body.suggestions,
            "suggested_units": list(e.suggested_units),
            "submitted_at": e.submitted_at,
            "review_started_at": None,
            "registered_at": None,
            "not_registered_reason": None,
            "disposition": None,
            "decision_note": None,
            "decided_at": None,
            "withdrawn_at": None,
            "withdrawal_reason": None,
            **LIFECYCLE_DEFAULTS,
            "author_body_id": e.author_body.id if e.author_body else None,
            "author_body_name": e.author_body.name if e.author_body else None,
            "last_seq": recorded.seq,
        }
        writes: list[Write] = [(self.insert_proposal, row)]
        for position, member_id in enumerate((e.lead_author_id, *e.co_author_ids)):
            author = {
                "proposal_id": e.proposal_id,
                "member_id": member_id,
                "role": "lead" if position == 0 else "co",
                "position": position,
                "township_id": e.author_township_ids.get(member_id),
                "member_name": e.author_names.get(member_id),
            }
            writes.append((self.insert_author, author))
        return writes

    def review_started(self, recorded: RecordedEvent) -> list[Write]:
        e = recorded.event
        assert isinstance(e, ProposalReviewStarted)
        return self._set(
            self.review_started_stmt,
            recorded,
            status=ProposalStatus.UNDER_REVIEW.value,
            review_started_at=e.review_started_at,
        )

    def registered(self, recorded: RecordedEvent) -> list[Write]:
        e = recorded.event
        assert isinstance(e, ProposalRegistered)
        return self._set(
            self.registered_stmt,
            recorded,
            status=ProposalStatus.REGISTERED.value,
            serial_no=e.serial_no,
            category=e.category,
            registered_at=e.registered_at,
        )

    def not_registered(self, recorded: RecordedEvent) -> list[Write]:
        e = recorded.event
        assert isinstance(e, ProposalNotRegistered)
        return self._set(
            self.declined_stmt,
            recorded,
            status=ProposalStatus.NOT_REGISTERED.value,
            not_registered_reason=e.reason,
            disposition=e.disposition,
            decision_note=e.note,
            decided_at=e.decided_at,
        )

    def withdrawn(self, recorded: RecordedEvent) -> list[Write]:
        e = recorded.event
        assert isinstance(e, ProposalWithdrawn)
        return self._set(
            self.withdrawn_stmt,
            recorded,
            status=ProposalStatus.WITHDRAWN.value,
            withdrawn_at=e.withdrawn_at,
            withdrawal_reason=e.reason,
        )
