"""Facts for the scoring tests: one builder per kind of fact, default member A, year 2025."""

from __future__ import annotations

from datetime import UTC, date, datetime
from itertools import count
from typing import Any

from services.members.scoring import Fact

YEAR = 2025
A = "0190a6c2-7d1e-7c3a-9f1e-2b3c4d5e6f70"
B = "0190a6c2-7d1e-7c3a-9f1e-2b3c4d5e6f71"
P1, P2, P3 = "prop-1", "prop-2", "prop-3"

_ids = count(1)


def fact(category: str, kind: str, **kw: Any) -> Fact:
    n = next(_ids)
    on: date = kw.pop("on", date(YEAR, 3, 1))
    data: dict[str, Any] = {
        "fact_id": kw.pop("fact_id", f"{category}:{kind}:{n}"),
        "member_id": kw.pop("member_id", A),
        "year": kw.pop("year", on.year),
        "category": category,
        "kind": kind,
        "occurred_on": on,
        "recorded_at": datetime(on.year, on.month, on.day, 2, tzinfo=UTC),
        "seq": n,
    }
    data.update(kw)
    return Fact(**data)


def attend(status: str, meeting_kind: str = "liaison_group_meeting", **kw: Any) -> Fact:
    return fact("attendance", status, detail=meeting_kind, **kw)


def proposal(kind: str, ref: str, role: str = "lead", **kw: Any) -> Fact:
    return fact("proposal", kind, role=role, ref_id=ref, **kw)


def report(kind: str, ref: str, level: str | None = None, **kw: Any) -> Fact:
    return fact("opinion_report", kind, detail=level, ref_id=ref, **kw)


def activity(kind: str, detail: str | None = None, role: str | None = None, **kw: Any) -> Fact:
    return fact("activity", kind, detail=detail, role=role, **kw)
