"""`proposal_stats_tasks`: the facts behind 按期办复率 and 面商率 that no other read model
keeps — each handling task's deadline when it first replied (the deadline carried by
`handling_task_created`, moved by `extension_granted`) and its face-to-face contacts.

`handling_tasks` overwrites its due date and reply time when a reply is handled again;
here the first reply and the deadline it was measured against stay as they were. Every
value comes from event data, so a rebuild equals the live table.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Boolean, Column, Date, DateTime, Integer, String

from services.proposals.domain.events_handling import (
    ExtensionGranted,
    HandlingContactRecorded,
    HandlingTaskCreated,
    HandlingTaskReassigned,
)
from services.proposals.domain.events_reply import ProposalReplied
from shared.db import upsert
from shared.events import RecordedEvent
from shared.projection import Projection, Write

from .proposal_rows import keyed, keyed_update
from .registries import read_registry

KEY = ("proposal_id", "task_id")
FACE_TO_FACE = "face_to_face"


class ProposalStatsTasks(Projection):
    name = "proposal_stats"
    sources = ("PROPOSALS",)
    registry = read_registry

    def define(self) -> None:
        self.tasks = self.table("proposal_stats_tasks", *_columns())
        t = self.tasks
        self.put = upsert(self.dialect, t, list(KEY))
        not_replied = t.c.first_replied_at.is_(None)
        self.extended = keyed_update(t, KEY, "due_on", "deadline_at", "last_seq").where(not_replied)
        self.returned = keyed_update(t, KEY, "returned", "last_seq")
        self.first_reply = keyed_update(t, KEY, "first_replied_at", "last_seq").where(not_replied)
        self.contact = keyed_update(t, KEY, "last_seq", contacts=t.c.contacts + 1)
        self.face_to_face = keyed_update(
            t, KEY, "last_seq", contacts=t.c.contacts + 1, face_to_face=t.c.face_to_face + 1
        )
        self.on(HandlingTaskCreated, self.created)
        self.on(ExtensionGranted, self.extension_granted)
        self.on(HandlingTaskReassigned, self.reassigned)
        self.on(ProposalReplied, self.replied)
        self.on(HandlingContactRecorded, self.contact_recorded)

    def _keys(self, r: RecordedEvent) -> dict[str, Any]:
        return {"proposal_id": r.aggregate_id, "task_id": r.event.task_id}  # type: ignore[attr-defined]

    def created(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, HandlingTaskCreated)
        row = {
            **self._keys(r),
            "unit_id": e.unit_id,
            "unit_name": e.unit_name,
            "role": e.role,
            "due_on": e.due_on,
            "deadline_at": e.deadline_at,
            "returned": False,
            "first_replied_at": None,
            "contacts": 0,
            "face_to_face": 0,
            "last_seq": r.seq,
        }
        return [(self.put, row)]

    def extension_granted(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, ExtensionGranted)
        values = {"due_on": e.due_on, "deadline_at": e.deadline_at}
        return keyed(self.extended, self._keys(r), last_seq=r.seq, **values)

    def reassigned(self, r: RecordedEvent) -> list[Write]:
        return keyed(self.returned, self._keys(r), returned=True, last_seq=r.seq)

    def replied(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, ProposalReplied)
        return keyed(self.first_reply, self._keys(r), first_replied_at=e.issued_at, last_seq=r.seq)

    def contact_recorded(self, r: RecordedEvent) -> list[Write]:
        e = r.event
        assert isinstance(e, HandlingContactRecorded)
        stmt = self.face_to_face if e.mode == FACE_TO_FACE else self.contact
        return keyed(stmt, self._keys(r), last_seq=r.seq)


def _columns() -> list[Column[Any]]:
    return [
        Column("proposal_id", String(64), primary_key=True),
        Column("task_id", String(16), primary_key=True),
        Column("unit_id", String(32), nullable=False),
        Column("unit_name", String(100), nullable=False),
        Column("role", String(16), nullable=False),
        Column("due_on", Date, nullable=False),
        Column("deadline_at", DateTime(timezone=True), nullable=False),
        Column("returned", Boolean, nullable=False),
        Column("first_replied_at", DateTime(timezone=True), nullable=True),
        Column("contacts", Integer, nullable=False),
        Column("face_to_face", Integer, nullable=False),
        Column("last_seq", BigInteger, nullable=False),
    ]
