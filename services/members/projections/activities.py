"""Read model `duty_activities`: every duty activity of members in four generic tables, so
that one access rule (DOMAIN §6.2 attribution) serves every area.

- `activity_records`: one row per record (a visit, constituent link, training session,
  livelihood activity, enterprise visit, liaison contact or excellence nomination);
  `area` says which, `details` holds the area's own fields (JSON, sorted keys).
- `activity_townships`: the liaison groups a record belongs to and why (`in_township`:
  held there / concerns it; `by_member`: a member of that group at event time took part).
- `activity_members`: the members a record involves and in which role.
- `activity_items`: numbered parts of a record (a visit's issues, a nomination's awards).

Deterministic (event data and recorded time only), so a rebuild equals the live tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Index,
    Integer,
    String,
    Text,
    bindparam,
    update,
)

from services.members.projections import activities_rows_records, activities_rows_visits
from services.members.projections.activities_rows import RowHandler, Rows
from services.members.projections.activities_rows import registry as read_registry
from shared.db import upsert
from shared.projection import Handler, Projection

ID = String(64)
CODE = String(64)
TIME = DateTime(timezone=True)


class DutyActivities(Projection):
    name = "duty_activities"
    sources = ("MEMBERS",)
    registry = read_registry

    def define(self) -> None:
        self.records = self.table(
            "activity_records",
            Column("record_id", ID, primary_key=True),
            Column("area", CODE, nullable=False, index=True),
            Column("kind", CODE, nullable=False),
            Column("title", Text),
            Column("on_date", Date),
            Column("end_date", Date),
            Column("year", Integer, nullable=False, index=True),
            Column("township_id", ID),
            Column("owner_id", ID, index=True),
            Column("status", CODE, nullable=False),
            Column("open_to_all", Boolean, nullable=False),
            Column("details", Text, nullable=False),
            Column("recorded_at", TIME, nullable=False),
            Column("status_at", TIME),
            Column("status_by", Text),
            Column("status_note", Text),
        )
        self.townships = self.table(
            "activity_townships",
            Column("record_id", ID, primary_key=True),
            Column("township_id", ID, primary_key=True),
            Column("reason", CODE, nullable=False),
        )
        self.members = self.table(
            "activity_members",
            Column("record_id", ID, primary_key=True),
            Column("member_id", ID, primary_key=True),
            Column("role", CODE, primary_key=True),
            Column("township_id", ID),
            Column("full_attendance", Boolean),
            Column("recorded_at", TIME, nullable=False),
        )
        # A member's own activities, counted per member by the township panels: covering,
        # so the planner starts from the member (not from every record of the year).
        m = self.members.c
        Index(f"ix_{self.prefix}activity_members_member", m.member_id, m.role, m.record_id)
        # One area's records of a year (the township panels' livelihood and training lists):
        # without it SQLite walks every record of the year (mostly visits) to find a few.
        r = self.records.c
        Index(f"ix_{self.prefix}activity_records_area_year", r.area, r.year)
        self.items = self.table(
            "activity_items",
            Column("record_id", ID, primary_key=True),
            Column("item_kind", CODE, primary_key=True),
            Column("item_no", Integer, primary_key=True),
            Column("text", Text),
            Column("status", CODE, nullable=False),
            Column("target", CODE),
            Column("ref_id", ID),
            Column("updated_at", TIME, nullable=False),
        )
        self._statements()
        rows = Rows(self)
        for handlers in (activities_rows_visits.HANDLERS, activities_rows_records.HANDLERS):
            for event_cls, fn in handlers.items():
                self.on(event_cls, _bind(fn, rows))

    def _statements(self) -> None:
        self.put_record = upsert(self.dialect, self.records, ["record_id"])
        self.put_township = upsert(self.dialect, self.townships, ["record_id", "township_id"], [])
        self.put_member = upsert(self.dialect, self.members, ["record_id", "member_id", "role"])
        self.put_item = upsert(self.dialect, self.items, ["record_id", "item_kind", "item_no"])
        r, i = self.records.c, self.items.c
        self.set_status = (
            update(self.records)
            .where(r.record_id == bindparam("b_record_id"))
            .values(
                status=bindparam("b_status", type_=CODE),
                status_at=bindparam("b_at", type_=TIME),
                status_by=bindparam("b_by", type_=Text),
                status_note=bindparam("b_note", type_=Text),
            )
        )
        self.set_item = (
            update(self.items)
            .where(
                i.record_id == bindparam("b_record_id"),
                i.item_kind == bindparam("b_kind"),
                i.item_no == bindparam("b_no"),
            )
            .values(
                target=bindparam("b_target", type_=CODE),
                ref_id=bindparam("b_ref", type_=ID),
                updated_at=bindparam("b_at", type_=TIME),
            )
        )


def _bind(fn: RowHandler, rows: Rows) -> Handler:
    """`fn` with this instance's `rows` bound (a `partial`: no extra Python frame)."""
    return partial(fn, rows)


def activity_projections(dialect: str) -> Sequence[Projection]:
    """The duty-activity read models (added to the service's projection list)."""
    return [DutyActivities(dialect=dialect)]
