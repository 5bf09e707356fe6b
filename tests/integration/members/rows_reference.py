"""The rows of `duty_activities` and `township_dashboard` computed the way they were before
the fast handlers (commit 1d541c8): the reference their rows must equal, key for key.

Only the code that was rewritten for speed is kept here (row builders, `dumps`, the
`visit_logged` handlers and the visit attribution); the other handlers are the service's
own functions run with these builders.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from services.members.domain import VisitLogged
from services.members.localtime import local_date
from services.members.projections import activities_rows_records, activities_rows_visits
from services.members.projections.activities import DutyActivities
from services.members.projections.activities_rows import Rows
from services.members.projections.dashboard import TownshipDashboard
from shared.events import RecordedEvent
from shared.projection import Write

IN_TOWNSHIP = "in_township"
BY_MEMBER = "by_member"


def dumps(data: Mapping[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)


def _record(rec: RecordedEvent, record_id: str, area: str, **fields: Any) -> dict[str, Any]:
    on_date: date | None = fields.get("on_date")
    row: dict[str, Any] = {
        "record_id": record_id,
        "area": area,
        "title": None,
        "on_date": on_date,
        "end_date": None,
        "year": on_date.year if on_date else local_date(rec.meta.time).year,
        "township_id": None,
        "owner_id": None,
        "open_to_all": False,
        "recorded_at": rec.meta.time,
        "status_at": None,
        "status_by": None,
        "status_note": None,
    }
    row.update(fields)
    row["details"] = dumps(fields.get("details", {}))
    return row


class OldRows(Rows):
    """`Rows` as it was."""

    def record(self, rec: RecordedEvent, record_id: str, area: str, **fields: Any) -> Write:
        return (self.p.put_record, _record(rec, record_id, area, **fields))

    def townships(
        self, record_id: str, in_township: Iterable[str | None], by_member: Iterable[str | None]
    ) -> list[Write]:
        pairs = [(t, IN_TOWNSHIP) for t in in_township] + [(t, BY_MEMBER) for t in by_member]
        seen: dict[str, str] = {}
        for township, reason in pairs:
            if township and township not in seen:
                seen[township] = reason
        rows = [{"record_id": record_id, "township_id": t, "reason": r} for t, r in seen.items()]
        return [(self.p.put_township, row) for row in rows]

    def members(
        self,
        rec: RecordedEvent,
        record_id: str,
        role: str,
        townships: Mapping[str, str | None],
        full_attendance: bool | None = None,
    ) -> list[Write]:
        return [
            (
                self.p.put_member,
                {
                    "record_id": record_id,
                    "member_id": member_id,
                    "role": role,
                    "township_id": township,
                    "full_attendance": full_attendance,
                    "recorded_at": rec.meta.time,
                },
            )
            for member_id, township in townships.items()
        ]

    def status(self, rec: RecordedEvent, record_id: str, status: str, note: str | None) -> Write:
        params = {
            "b_record_id": record_id,
            "b_status": status,
            "b_at": rec.meta.time,
            "b_by": rec.meta.actor,
            "b_note": note,
        }
        return (self.p.set_status, params)

    def item(self, rec: RecordedEvent, record_id: str, kind: str, no: int, **fields: Any) -> Write:
        row = {"record_id": record_id, "item_kind": kind, "item_no": no, "text": None}
        row |= {"target": None, "ref_id": None, "updated_at": rec.meta.time, **fields}
        return (self.p.put_item, row)


def unknown(ids: Iterable[str]) -> dict[str, str | None]:
    return dict.fromkeys(ids)


def activities_visit_logged(rows: Rows, rec: RecordedEvent) -> list[Write]:
    e = rec.event
    assert isinstance(e, VisitLogged)
    details = {
        "member_township_id": e.member_township_id,
        "visit_township_id": e.township_id,
        "mode": e.mode,
        "role_tags": list(e.role_tags),
        "topics": list(e.topics),
        "place": e.place,
        "constituents_count": sum(c.count for c in e.constituents),
    }
    writes = [
        rows.record(
            rec,
            e.visit_id,
            "visit",
            kind=e.visit_kind,
            on_date=e.visit_date,
            township_id=e.member_township_id or e.township_id,
            owner_id=e.member_id,
            status="logged",
            details=details,
        ),
        *rows.townships(e.visit_id, [e.township_id], [e.member_township_id]),
        *rows.members(rec, e.visit_id, "visitor", unknown(e.visitor_ids)),
        *rows.members(rec, e.visit_id, "visited", unknown(e.visited_member_ids)),
    ]
    for index, issue in enumerate(e.issues_raised):
        status = "resolved_on_site" if issue.resolved_on_site else "open"
        writes.append(rows.item(rec, e.visit_id, "issue", index, text=issue.text, status=status))
    return writes


def activities_writes(p: DutyActivities, rec: RecordedEvent) -> list[Write]:
    """The writes `p` made for `rec` before."""
    cls = type(rec.event)
    rows = OldRows(p)
    if cls is VisitLogged:
        return activities_visit_logged(rows, rec)
    handlers = {**activities_rows_visits.HANDLERS, **activities_rows_records.HANDLERS}
    return handlers[cls](rows, rec)


def _collect(pairs: Iterable[tuple[str | None, str]]) -> dict[str, str]:
    result: dict[str, str] = {}
    for township, reason in pairs:
        if township and township not in result:
            result[township] = reason
    return result


def dashboard_visit_logged(p: TownshipDashboard, rec: RecordedEvent) -> list[Write]:
    e = rec.event
    assert isinstance(e, VisitLogged)
    row = {
        "visit_id": e.visit_id,
        "member_id": e.member_id,
        "member_township_id": e.member_township_id,
        "visit_township_id": e.township_id,
        "visit_kind": e.visit_kind,
        "mode": e.mode,
        "visit_date": e.visit_date,
        "year": e.visit_date.year,
        "role_tags": ",".join(e.role_tags),
        "topics": json.dumps(list(e.topics), ensure_ascii=False),
        "visitors_count": len(e.visitor_ids),
        "constituents_count": sum(c.count for c in e.constituents),
        "issues_count": len(e.issues_raised),
        "logged_at": rec.meta.time,
    }
    attribution = _collect([(e.member_township_id, BY_MEMBER), (e.township_id, IN_TOWNSHIP)])
    return [
        (p.put_visit, {**row, "township_id": township, "reason": reason})
        for township, reason in attribution.items()
    ]


def dashboard_writes(p: TownshipDashboard, rec: RecordedEvent) -> list[Write]:
    """The writes `p` made for `rec` before (its other handlers were not changed)."""
    if type(rec.event) is VisitLogged:
        return dashboard_visit_logged(p, rec)
    return list(p._handlers[type(rec.event)](rec))
