"""Handling tasks and handling units of `township_proposal_facts` (a mixin of the
projection): who handles each proposal, by when, whether it replied on time, and how the
proposer rated the reply — plus each unit's kind and township (DOMAIN §2.5, §6.2 (d)).

Deadlines are the ones the events carry (`due_on`, the local date); whether a task is
overdue is decided at read time against `as_of`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import Boolean, Column, Date, DateTime, String, Table, Text, bindparam, case
from sqlalchemy import update as sql_update

from services.members.localtime import local_date
from services.members.projections.township_foreign import (
    CoOpinionSubmitted,
    ExtensionGranted,
    RehandlingOrdered,
    Replied,
    ReplyEvaluated,
    TaskAccepted,
    TaskCreated,
    TaskReassigned,
    TaskReturnRejected,
    TaskReturnRequested,
    UnitRegistered,
    UnitRenamed,
)
from shared.db import upsert
from shared.events import DomainEvent, RecordedEvent
from shared.projection import Handler, Write

ID = String(64)
CODE = String(64)
TIME = DateTime(timezone=True)

#: Task events that only move the task to another phase.
PHASE_OF: dict[type[DomainEvent], str] = {
    TaskAccepted: "accepted",
    TaskReturnRequested: "return_requested",
    TaskReturnRejected: "accepted",
}


class TaskHandlers:
    if TYPE_CHECKING:
        dialect: str

        def table(self, name: str, *columns: Any, **kwargs: Any) -> Table: ...
        def on(self, event_cls: type[DomainEvent], handler: Handler) -> None: ...

    def define_tasks(self) -> None:
        self.tasks = self.table(
            "lg_tasks",
            Column("task_id", ID, primary_key=True),
            Column("proposal_id", ID, nullable=False, index=True),
            Column("unit_id", ID, nullable=False, index=True),
            Column("unit_name", Text, nullable=False),
            Column("unit_kind", CODE),
            Column("unit_township_id", ID),
            Column("role", CODE, nullable=False),
            Column("phase", CODE, nullable=False),
            Column("assigned_on", Date, nullable=False),
            Column("due_on", Date),
            Column("awaiting", Boolean, nullable=False),
            Column("replied_on", Date),
            Column("on_time", Boolean),
            Column("result_class", CODE),
            Column("result_class_label", Text),
            Column("satisfaction", CODE),
            Column("updated_at", TIME, nullable=False),
        )
        self.units = self.table(
            "lg_units",
            Column("unit_id", ID, primary_key=True),
            Column("unit_name", Text, nullable=False),
            Column("kind", CODE, nullable=False),
            Column("township_id", ID, index=True),
        )
        self._task_statements()

    def _task_statements(self) -> None:
        t = self.tasks.c
        by_task = sql_update(self.tasks).where(t.task_id == bindparam("b_task"))
        at = bindparam("b_at", type_=TIME)
        self.put_task = upsert(self.dialect, self.tasks, ["task_id"])
        self.put_unit = upsert(self.dialect, self.units, ["unit_id"])
        self.rename_unit = upsert(self.dialect, self.units, ["unit_id"], ["unit_name"])
        self.set_phase = by_task.values(phase=bindparam("b_phase"), updated_at=at)
        self.set_returned = by_task.values(phase="returned", awaiting=False, updated_at=at)
        self.set_co_done = by_task.values(
            phase="co_opinion_submitted", awaiting=False, updated_at=at
        )
        self.set_due = by_task.values(due_on=bindparam("b_due"), updated_at=at)
        self.set_rehandling = by_task.values(
            phase="rehandling", awaiting=True, due_on=bindparam("b_due"), updated_at=at
        )
        replied = bindparam("b_replied_on", type_=Date)
        self.set_replied = by_task.values(
            phase="replied",
            awaiting=False,
            replied_on=replied,
            on_time=case((t.due_on.is_(None), None), else_=t.due_on >= replied),
            result_class=bindparam("b_class"),
            result_class_label=bindparam("b_label"),
            updated_at=at,
        )
        self.set_satisfaction = by_task.values(satisfaction=bindparam("b_value"), updated_at=at)
        self.on(TaskCreated, self.task_created)
        for event_cls in PHASE_OF:
            self.on(event_cls, self.task_phase)
        self.on(TaskReassigned, self.task_simple)
        self.on(CoOpinionSubmitted, self.task_simple)
        self.on(ExtensionGranted, self.extension_granted)
        self.on(Replied, self.replied)
        self.on(ReplyEvaluated, self.evaluated)
        self.on(UnitRegistered, self.unit_registered)
        self.on(UnitRenamed, self.unit_renamed)

    def task_created(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, TaskCreated)
        row = {
            "task_id": e.task_id,
            "proposal_id": e.proposal_id,
            "unit_id": e.unit_id,
            "unit_name": e.unit_name,
            "unit_kind": e.unit_kind,
            "unit_township_id": e.unit_township_id,
            "role": e.role,
            "phase": "assigned",
            "assigned_on": local_date(e.assigned_at or rec.time),
            "due_on": e.due_on,
            "awaiting": True,
            "replied_on": None,
            "on_time": None,
            "result_class": None,
            "result_class_label": None,
            "satisfaction": None,
            "updated_at": rec.time,
        }
        return [(self.put_task, row)]

    def task_phase(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, TaskAccepted | TaskReturnRequested | TaskReturnRejected)
        params = {"b_task": e.task_id, "b_phase": PHASE_OF[type(e)], "b_at": rec.time}
        return [(self.set_phase, params)]

    def task_simple(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, TaskReassigned | CoOpinionSubmitted)
        stmt = self.set_returned if isinstance(e, TaskReassigned) else self.set_co_done
        return [(stmt, {"b_task": e.task_id, "b_at": rec.time})]

    def extension_granted(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, ExtensionGranted)
        if e.due_on is None:
            return []
        return [(self.set_due, {"b_task": e.task_id, "b_due": e.due_on, "b_at": rec.time})]

    def rehandling(self, rec: RecordedEvent) -> list[Write]:
        """Called by the projection's status handler (the event also changes the status)."""
        e = rec.event
        assert isinstance(e, RehandlingOrdered)
        params = {"b_task": e.task_id, "b_due": e.due_on, "b_at": rec.time}
        return [(self.set_rehandling, params)]

    def replied(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, Replied)
        params = {
            "b_task": e.task_id,
            "b_replied_on": local_date(e.issued_at or rec.time),
            "b_class": e.result_class,
            "b_label": e.result_class_label,
            "b_at": rec.time,
        }
        return [(self.set_replied, params)]

    def evaluated(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, ReplyEvaluated)
        if not e.by_lead_author or not e.result_satisfaction:
            return []  # the lead author's evaluation is the proposal's (DOMAIN §2.7)
        params = {"b_task": e.task_id, "b_value": e.result_satisfaction, "b_at": rec.time}
        return [(self.set_satisfaction, params)]

    def unit_registered(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, UnitRegistered)
        row = {
            "unit_id": e.unit_id,
            "unit_name": e.unit_name,
            "kind": e.kind,
            "township_id": e.township_id,
        }
        return [(self.put_unit, row)]

    def unit_renamed(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, UnitRenamed)
        row = {"unit_id": e.unit_id, "unit_name": e.unit_name, "kind": "", "township_id": None}
        return [(self.rename_unit, row)]
