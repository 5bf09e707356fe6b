"""`proposal_cosigners` (joint-proposal invitations and e-signatures) and
`proposal_review_opinions` (审查意见 per stage)."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Date, DateTime, Integer, String, Text, bindparam, delete

from services.proposals.domain import ProposalSubmitted
from services.proposals.domain.events_review import ProposalReviewOpinionRecorded
from services.proposals.domain.events_submission import (
    ProposalCosignCancelled,
    ProposalCosignDeclined,
    ProposalCosigned,
    ProposalCosignInvited,
    ProposalReturnedForRevision,
)
from shared.db import upsert
from shared.events import RecordedEvent
from shared.projection import Handler, Projection, Write

from .proposal_rows import keyed, keyed_update
from .registries import read_registry

CO_KEY = ("proposal_id", "member_id")


class ProposalReviewBoard(Projection):
    name = "proposal_review"
    sources = ("PROPOSALS",)
    registry = read_registry

    def define(self) -> None:
        self.cosigners = self.table(
            "proposal_cosigners",
            Column("proposal_id", String(64), primary_key=True),
            Column("member_id", String(64), primary_key=True),
            Column("member_name", String(100), nullable=True),
            Column("township_id", String(32), nullable=True),
            Column("status", String(16), nullable=False),
            Column("deadline_on", Date, nullable=False),
            Column("invited_at", DateTime(timezone=True), nullable=False),
            Column("answered_at", DateTime(timezone=True), nullable=True),
            Column("last_seq", BigInteger, nullable=False),
        )
        self.opinions = self.table(
            "proposal_review_opinions",
            Column("proposal_id", String(64), primary_key=True),
            Column("position", Integer, primary_key=True),
            Column("stage", String(32), nullable=False),
            Column("stage_label", String(32), nullable=False),
            Column("opinion", Text, nullable=False),
            Column("recorded_at", DateTime(timezone=True), nullable=False),
        )
        self.put_cosigner = upsert(self.dialect, self.cosigners, list(CO_KEY))
        self.answer = keyed_update(self.cosigners, CO_KEY, "status", "answered_at", "last_seq")
        self.put_opinion = upsert(self.dialect, self.opinions, ["proposal_id", "position"])
        o = self.opinions
        self.clear_opinions = delete(o).where(o.c.proposal_id == bindparam("b_proposal_id"))
        self.on(ProposalCosignInvited, self.invited)
        self.on(ProposalCosigned, self.answered("signed"))
        self.on(ProposalCosignDeclined, self.answered("declined"))
        self.on(ProposalCosignCancelled, self.answered("cancelled"))
        self.on(ProposalSubmitted, self.submitted)
        self.on(ProposalReviewOpinionRecorded, self.opinion)
        self.on(ProposalReturnedForRevision, self.returned)

    def invited(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, ProposalCosignInvited)
        row = {
            "proposal_id": e.proposal_id,
            "member_id": e.member_id,
            "member_name": e.member_name,
            "township_id": e.member_township_id,
            "status": "invited",
            "deadline_on": e.deadline_on,
            "invited_at": e.invited_at,
            "answered_at": None,
            "last_seq": r.seq,
        }
        return [(self.put_cosigner, row)]

    def answered(self, status: str) -> Handler:
        def handler(r: RecordedEvent) -> list[Write]:
            keys = {"proposal_id": r.aggregate_id, "member_id": r.event.member_id}  # type: ignore[attr-defined]
            return keyed(self.answer, keys, status=status, answered_at=r.time, last_seq=r.seq)

        return handler

    def submitted(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, ProposalSubmitted)
        writes: list[Write] = []
        for member_id in e.dropped_cosigner_ids:
            keys = {"proposal_id": e.proposal_id, "member_id": member_id}
            writes += keyed(self.answer, keys, status="dropped", answered_at=r.time, last_seq=r.seq)
        return writes

    def opinion(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, ProposalReviewOpinionRecorded)
        row = {
            "proposal_id": e.proposal_id,
            "position": r.seq,
            "stage": e.stage,
            "stage_label": e.stage_label,
            "opinion": e.opinion,
            "recorded_at": e.recorded_at,
        }
        return [(self.put_opinion, row)]

    def returned(self, r: RecordedEvent) -> list[Write]:
        return [(self.clear_opinions, {"b_proposal_id": r.aggregate_id})]
