"""Row builders of the `duty_activities` read model (tables in `activities.py`; handlers in
`activities_rows_visits.py` and `activities_rows_records.py`).

Every handler is deterministic: it uses the event's data and `recorded.meta` (or its
`recorded.time`) only.

A rebuild runs these once per event (tens of thousands of visits), so they build each row
as one dict literal, read `recorded.meta` at most once per event (`recorded.time` when the
time is all they need) and write JSON text without
`json.dumps`'s per-call setup; the rows are the same, value for value and key for key
(tests/integration/members/test_rebuild_rows_unchanged.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from services.members.domain import registry as member_registry
from services.members.domain.activities import registry as activities_registry
from services.members.localtime import local_date
from services.members.projections.jsontext import dumps_sorted
from shared.events import DomainEvent, EventRegistry, RecordedEvent
from shared.projection import Write

if TYPE_CHECKING:
    from services.members.projections.activities import DutyActivities

#: What the read model decodes: the members' own events (for `visit_logged`) and ours.
registry = EventRegistry()
registry.include(member_registry)
registry.include(activities_registry)

IN_TOWNSHIP = "in_township"
BY_MEMBER = "by_member"


def dumps(data: Mapping[str, Any]) -> str:
    """The `details` column: JSON with sorted keys, non-ASCII kept, other values `str()`."""
    return dumps_sorted(data)


def _record(rec: RecordedEvent, record_id: str, area: str, **fields: Any) -> dict[str, Any]:
    on_date: date | None = fields.get("on_date")
    at = rec.time
    if on_date:
        year = on_date.year
    elif "year" in fields:
        year = 0  # the caller's year replaces it below: no need to work out the local date
    else:
        year = local_date(at).year
    row: dict[str, Any] = {
        "record_id": record_id,
        "area": area,
        "title": None,
        "on_date": on_date,
        "end_date": None,
        "year": year,
        "township_id": None,
        "owner_id": None,
        "open_to_all": False,
        "recorded_at": at,
        "status_at": None,
        "status_by": None,
        "status_note": None,
    }
    row.update(fields)
    row["details"] = dumps_sorted(fields.get("details", {}))
    return row


class Rows:
    """Builds the writes of one projection instance (its statements, its tables)."""

    def __init__(self, p: DutyActivities) -> None:
        self.p = p

    def record(self, rec: RecordedEvent, record_id: str, area: str, **fields: Any) -> Write:
        return (self.p.put_record, _record(rec, record_id, area, **fields))

    def townships(
        self, record_id: str, in_township: Iterable[str | None], by_member: Iterable[str | None]
    ) -> list[Write]:
        """One row per township (the first reason found wins; None and "" are skipped)."""
        seen: dict[str, str] = {}
        for township in in_township:
            if township and township not in seen:
                seen[township] = IN_TOWNSHIP
        for township in by_member:
            if township and township not in seen:
                seen[township] = BY_MEMBER
        stmt = self.p.put_township
        return [
            (stmt, {"record_id": record_id, "township_id": t, "reason": r}) for t, r in seen.items()
        ]

    def members(
        self,
        rec: RecordedEvent,
        record_id: str,
        role: str,
        townships: Mapping[str, str | None],
        full_attendance: bool | None = None,
    ) -> list[Write]:
        if not townships:
            return []
        stmt = self.p.put_member
        at = rec.time
        return [
            (
                stmt,
                {
                    "record_id": record_id,
                    "member_id": member_id,
                    "role": role,
                    "township_id": township,
                    "full_attendance": full_attendance,
                    "recorded_at": at,
                },
            )
            for member_id, township in townships.items()
        ]

    def status(self, rec: RecordedEvent, record_id: str, status: str, note: str | None) -> Write:
        meta = rec.meta
        params = {
            "b_record_id": record_id,
            "b_status": status,
            "b_at": meta.time,
            "b_by": meta.actor,
            "b_note": note,
        }
        return (self.p.set_status, params)

    def item(self, rec: RecordedEvent, record_id: str, kind: str, no: int, **fields: Any) -> Write:
        row = {
            "record_id": record_id,
            "item_kind": kind,
            "item_no": no,
            "text": None,
            "target": None,
            "ref_id": None,
            "updated_at": rec.time,
            **fields,
        }
        return (self.p.put_item, row)


def unknown(ids: Iterable[str]) -> dict[str, str | None]:
    """Members whose group at event time is not known (each once, in order)."""
    return dict.fromkeys(ids)


RowHandler = Callable[[Rows, RecordedEvent], list[Write]]
HandlerMap = dict[type[DomainEvent], RowHandler]
