"""Read model `township_proposal_facts`: proposals, their authors (with each author's group
snapshot), the townships they concern, handling tasks and handling units — from PROPOSALS.

Facts only: which liaison groups a proposal belongs to is decided at read time
(`attribution.item_attribution`), so reading PROPOSALS before or after MEMBERS gives the
same tables. Deterministic (event data and recorded time only): a rebuild equals live.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, Column, Date, DateTime, Integer, String, Text, bindparam, delete
from sqlalchemy import update as sql_update

from services.members.localtime import local_date, local_year
from services.members.projections.attribution import GROUP_AUTHORED, IN_TOWNSHIP
from services.members.projections.township_foreign import (
    AllRepliesIssued,
    Assigned,
    Concluded,
    ConvertedToOpinion,
    DesignatedKey,
    HandlingStarted,
    Merged,
    MergedInto,
    NotRegistered,
    ProposalFact,
    Registered,
    RehandlingOrdered,
    ReturnedForRevision,
    ReviewStarted,
    Submitted,
    Withdrawn,
    proposal_registry,
)
from services.members.projections.township_tasks import TaskHandlers
from shared.db import upsert
from shared.events import RecordedEvent
from shared.projection import Projection, Write

ID = String(64)
CODE = String(64)
TIME = DateTime(timezone=True)

#: Lifecycle events and the proposal status they lead to (DOMAIN §2.3).
STATUS_OF: dict[type[ProposalFact], str] = {
    ReviewStarted: "under_review",
    Registered: "registered",
    NotRegistered: "not_registered",
    Withdrawn: "withdrawn",
    ReturnedForRevision: "draft",
    Merged: "merged",
    Assigned: "assigned",
    HandlingStarted: "in_handling",
    AllRepliesIssued: "replied",
    RehandlingOrdered: "rehandling",
    Concluded: "concluded",
}
LIAISON_GROUP_KIND = "liaison_group"
#: Columns set one at a time by later events.
PROPOSAL_FIELDS = (
    "serial_no",
    "registered",
    "disposition",
    "converted_report_id",
    "is_key",
    "replied_on",
)


class TownshipProposalFacts(TaskHandlers, Projection):
    name = "township_proposal_facts"
    sources = ("PROPOSALS",)
    registry = proposal_registry

    def define(self) -> None:
        self.proposals = self.table(
            "lg_proposals",
            Column("proposal_id", ID, primary_key=True),
            Column("serial_no", CODE),
            Column("title", Text, nullable=False),
            Column("category", CODE),
            Column("author_kind", CODE),
            Column("lead_author_id", ID),
            Column("status", CODE, nullable=False),
            Column("submitted_at", TIME, nullable=False),
            Column("year", Integer, nullable=False, index=True),
            Column("registered", Boolean, nullable=False),
            Column("disposition", CODE),
            Column("converted_report_id", ID),
            Column("is_key", Boolean, nullable=False),
            Column("replied_on", Date),
            Column("updated_at", TIME, nullable=False),
        )
        self.authors = self.table(
            "lg_proposal_authors",
            Column("proposal_id", ID, primary_key=True),
            Column("member_id", ID, primary_key=True),
            Column("role", CODE, nullable=False),
            Column("township_id", ID),
            Column("name", Text),
        )
        self.places = self.table(
            "lg_proposal_places",
            Column("proposal_id", ID, primary_key=True),
            Column("township_id", ID, primary_key=True),
            Column("reason", CODE, primary_key=True),
        )
        self.define_tasks()
        self._statements()

    def _statements(self) -> None:
        p = self.proposals.c
        by_id = p.proposal_id == bindparam("b_id")
        self.put_proposal = upsert(self.dialect, self.proposals, ["proposal_id"])
        self.put_author = upsert(self.dialect, self.authors, ["proposal_id", "member_id"])
        self.put_place = upsert(self.dialect, self.places, ["proposal_id", "township_id", "reason"])
        a, pl = self.authors.c, self.places.c
        self.drop_authors = delete(self.authors).where(a.proposal_id == bindparam("b_id"))
        self.drop_places = delete(self.places).where(pl.proposal_id == bindparam("b_id"))
        self.set_status = (
            sql_update(self.proposals)
            .where(by_id)
            .values(status=bindparam("b_status"), updated_at=bindparam("b_at"))
        )
        self.set_fields = {
            name: sql_update(self.proposals)
            .where(by_id)
            .values({name: bindparam("b_value"), "updated_at": bindparam("b_at")})
            for name in PROPOSAL_FIELDS
        }
        self.on(Submitted, self.submitted)
        for event_cls in STATUS_OF:
            self.on(event_cls, self.status_changed)
        self.on(ConvertedToOpinion, self.converted)
        self.on(MergedInto, self.merged_into)
        self.on(DesignatedKey, self.designated_key)

    # --- handlers ------------------------------------------------------------------------

    def submitted(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, Submitted)
        at = e.submitted_at or rec.time
        row = {
            "proposal_id": e.proposal_id,
            "serial_no": e.serial_no,
            "title": e.title or "",
            "category": e.category,
            "author_kind": e.author_kind,
            "lead_author_id": e.lead_author_id,
            "status": "submitted",
            "submitted_at": at,
            "year": local_year(at),
            "registered": False,
            "disposition": None,
            "converted_report_id": None,
            "is_key": False,
            "replied_on": None,
            "updated_at": rec.time,
        }
        ids = {"b_id": e.proposal_id}
        writes: list[Write] = [(self.drop_authors, ids), (self.drop_places, dict(ids))]
        writes.append((self.put_proposal, row))
        writes += self._authors(e, e.lead_author_id, "lead", e.township_id)
        for member_id in e.co_author_ids:
            writes += self._authors(e, member_id, "co", None)
        writes += [self._place(e.proposal_id, t, IN_TOWNSHIP) for t in e.township_ids]
        if e.author_kind == LIAISON_GROUP_KIND and e.author_body and e.author_body.id:
            writes.append(self._place(e.proposal_id, e.author_body.id, GROUP_AUTHORED))
        return writes

    def _authors(
        self, e: Submitted | MergedInto, member_id: str | None, role: str, fallback: str | None
    ) -> list[Write]:
        if not member_id:
            return []
        row = {
            "proposal_id": e.proposal_id,
            "member_id": member_id,
            "role": role,
            "township_id": e.author_township_ids.get(member_id) or fallback,
            "name": e.author_names.get(member_id),
        }
        return [(self.put_author, row)]

    def _place(self, proposal_id: str, township_id: str, reason: str) -> Write:
        row = {"proposal_id": proposal_id, "township_id": township_id, "reason": reason}
        return (self.put_place, row)

    def _set(self, rec: RecordedEvent, proposal_id: str, field: str, value: Any) -> Write:
        params = {"b_id": proposal_id, "b_value": value, "b_at": rec.time}
        return (self.set_fields[field], params)

    def status_changed(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, ProposalFact)
        pid = e.proposal_id
        params = {"b_id": pid, "b_status": STATUS_OF[type(e)], "b_at": rec.time}
        writes: list[Write] = [(self.set_status, params)]
        if isinstance(e, Registered):
            writes += [self._set(rec, pid, "registered", True)]
            writes += [self._set(rec, pid, "serial_no", e.serial_no)] if e.serial_no else []
        elif isinstance(e, NotRegistered):
            writes.append(self._set(rec, pid, "disposition", e.disposition))
        elif isinstance(e, AllRepliesIssued):
            replied_on = local_date(e.issued_at or rec.time)
            writes.append(self._set(rec, pid, "replied_on", replied_on))
        elif isinstance(e, RehandlingOrdered):
            writes += self.rehandling(rec)
        return writes

    def converted(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, ConvertedToOpinion)
        return [self._set(rec, e.proposal_id, "converted_report_id", e.report_id or "")]

    def merged_into(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, MergedInto)
        return [w for m in e.added_co_author_ids for w in self._authors(e, m, "co", None)]

    def designated_key(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, DesignatedKey)
        return [self._set(rec, e.proposal_id, "is_key", True)]
