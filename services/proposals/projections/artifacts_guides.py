"""`topic_guides` + `topic_guide_items` (参考要目) and `proposal_leads` (+ recipients)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Integer,
    String,
    Text,
    bindparam,
    delete,
    update,
)
from sqlalchemy.sql.dml import Update

from services.proposals.domain.artifacts.proposal_lead import (
    ProposalLeadDeclined,
    ProposalLeadForwarded,
    ProposalLeadSubmitted,
)
from services.proposals.domain.artifacts.topic_guide import (
    TopicGuideItemAdded,
    TopicGuideItemRemoved,
    TopicGuidePublished,
    guide_id,
)
from shared.db import upsert
from shared.events import RecordedEvent
from shared.projection import Projection, Write

from .registries import read_registry


def _when(name: str) -> Column[Any]:
    return Column(name, DateTime(timezone=True), nullable=True)


class TopicGuidesAndLeads(Projection):
    name = "topic_guides"
    sources = ("PROPOSALS",)
    registry = read_registry

    def define(self) -> None:
        self._guide_tables()
        self._lead_tables()
        self.on(TopicGuideItemAdded, self.item_added)
        self.on(TopicGuideItemRemoved, self.item_removed)
        self.on(TopicGuidePublished, self.published)
        self.on(ProposalLeadSubmitted, self.lead_submitted)
        self.on(ProposalLeadForwarded, self.lead_forwarded)
        self.on(ProposalLeadDeclined, self.lead_declined)

    def _guide_tables(self) -> None:
        self.guides = self.table(
            "topic_guides",
            Column("guide_id", String(16), primary_key=True),
            Column("term_no", Integer, nullable=False),
            Column("session_no", Integer, nullable=False),
            Column("status", String(16), nullable=False),  # draft | published
            _when("published_at"),
        )
        self.items = self.table(
            "topic_guide_items",
            Column("guide_id", String(16), primary_key=True),
            Column("item_id", String(64), primary_key=True),
            Column("position", BigInteger, nullable=False),  # stream sequence of the addition
            Column("title", String(200), nullable=False),
            Column("description", Text, nullable=False),
            Column("category", String(32), nullable=False),
        )
        self.insert_guide = upsert(self.dialect, self.guides, ["guide_id"], update=[])
        self.insert_item = upsert(self.dialect, self.items, ["guide_id", "item_id"])
        g, i = self.guides, self.items
        self.delete_item = delete(i).where(
            i.c.guide_id == bindparam("b_guide_id"), i.c.item_id == bindparam("b_item_id")
        )
        self.publish_guide = (
            update(g)
            .where(g.c.guide_id == bindparam("b_guide_id"))
            .values(status="published", published_at=bindparam("b_published_at"))
        )

    def _lead_tables(self) -> None:
        self.leads = self.table(
            "proposal_leads",
            Column("lead_id", String(64), primary_key=True),
            Column("township_id", String(32), nullable=True, index=True),
            Column("channel", String(16), nullable=False),
            Column("content", Text, nullable=False),
            Column("contact_name", String(100), nullable=False),
            Column("contact", String(200), nullable=False),
            Column("status", String(16), nullable=False, index=True),
            Column("to_all_members", Boolean, nullable=False),
            Column("note", Text, nullable=True),
            Column("decline_reason", Text, nullable=True),
            _when("received_at"),
            _when("triaged_at"),
        )
        self.recipients = self.table(
            "proposal_lead_recipients",
            Column("lead_id", String(64), primary_key=True),
            Column("member_id", String(64), primary_key=True),
        )
        self.insert_lead = upsert(self.dialect, self.leads, ["lead_id"])
        self.insert_recipient = upsert(
            self.dialect, self.recipients, ["lead_id", "member_id"], update=[]
        )
        self.forward_lead = self._lead_update("status", "to_all_members", "note", "triaged_at")
        self.decline_lead = self._lead_update("status", "decline_reason", "triaged_at")

    def _lead_update(self, *columns: str) -> Update:
        t = self.leads
        values: dict[str, Any] = {c: bindparam(f"b_{c}") for c in columns}
        return update(t).where(t.c.lead_id == bindparam("b_lead_id")).values(**values)

    # --- topic guide ------------------------------------------------------------------

    def item_added(self, recorded: RecordedEvent) -> list[Write]:
        e = recorded.event
        assert isinstance(e, TopicGuideItemAdded)
        gid = guide_id(e.term_no, e.session_no)
        guide = {
            "guide_id": gid,
            "term_no": e.term_no,
            "session_no": e.session_no,
            "status": "draft",
            "published_at": None,
        }
        item = {
            "guide_id": gid,
            "item_id": e.item_id,
            "position": recorded.seq,
            "title": e.title,
            "description": e.description,
            "category": e.category,
        }
        return [(self.insert_guide, guide), (self.insert_item, item)]

    def item_removed(self, recorded: RecordedEvent) -> list[Write]:
        e = recorded.event
        assert isinstance(e, TopicGuideItemRemoved)
        params = {"b_guide_id": guide_id(e.term_no, e.session_no), "b_item_id": e.item_id}
        return [(self.delete_item, params)]

    def published(self, recorded: RecordedEvent) -> list[Write]:
        e = recorded.event
        assert isinstance(e, TopicGuidePublished)
        params = {
            "b_guide_id": guide_id(e.term_no, e.session_no),
            "b_published_at": e.published_at,
        }
        return [(self.publish_guide, params)]

    # --- leads ------------------------------------------------------------------------

    def lead_submitted(self, recorded: RecordedEvent) -> list[Write]:
        e = recorded.event
        assert isinstance(e, ProposalLeadSubmitted)
        row = {
            "lead_id": e.lead_id,
            "township_id": e.township_id,
            "channel": e.channel,
            "content": e.content,
            "contact_name": e.contact_name,
            "contact": e.contact,
            "status": "received",
            "to_all_members": False,
            "note": None,
            "decline_reason": None,
            "received_at": e.received_at,
            "triaged_at": None,
        }
        return [(self.insert_lead, row)]

    def lead_forwarded(self, recorded: RecordedEvent) -> list[Write]:
        e = recorded.event
        assert isinstance(e, ProposalLeadForwarded)
        params = {
            "b_lead_id": e.lead_id,
            "b_status": "forwarded",
            "b_to_all_members": not e.member_ids,
            "b_note": e.note,
            "b_triaged_at": e.forwarded_at,
        }
        writes: list[Write] = [(self.forward_lead, params)]
        for member_id in e.member_ids:
            writes.append((self.insert_recipient, {"lead_id": e.lead_id, "member_id": member_id}))
        return writes

    def lead_declined(self, recorded: RecordedEvent) -> list[Write]:
        e = recorded.event
        assert isinstance(e, ProposalLeadDeclined)
        params = {
            "b_lead_id": e.lead_id,
            "b_status": "declined",
            "b_decline_reason": e.reason,
            "b_triaged_at": e.declined_at,
        }
        return [(self.decline_lead, params)]
