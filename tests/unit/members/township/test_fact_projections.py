"""The fact projections behind the panels: which rows each event writes (no database)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from services.members.projections import township_foreign as pf
from services.members.projections import township_foreign_reports as rf
from services.members.projections.township_proposals import TownshipProposalFacts
from services.members.projections.township_reports import TownshipReportFacts
from shared.events import DomainEvent, EventMeta, RecordedEvent

AT = datetime(2025, 3, 1, 2, 0, tzinfo=UTC)
P, R = TownshipProposalFacts(), TownshipReportFacts()


def rec(event: DomainEvent, aggregate_id: str = "x") -> RecordedEvent:
    return RecordedEvent(
        event=event,
        meta=EventMeta("e-1", AT, "tester"),
        aggregate_id=aggregate_id,
        stream="PROPOSALS",
        seq=1,
        subject="s",
    )


def rows(writes: list[Any], stmt: Any) -> list[dict[str, Any]]:
    return [params for s, params in writes if s is stmt]


def test_submission_replaces_authors_and_places() -> None:
    event = pf.Submitted(
        proposal_id="p",
        township_id="chengguan",
        lead_author_id="a",
        co_author_ids=("b",),
        author_township_ids={"b": "xinzhuang"},
        author_kind="liaison_group",
        author_body=pf.BodyRef(id="chengguan", name="城关镇政协联络组"),
        township_ids=("hekou",),
        submitted_at=datetime(2024, 12, 31, 17, 0, tzinfo=UTC),
        title="t",
    )
    writes = P.submitted(rec(event))
    assert writes[0][0] is P.drop_authors and writes[1][0] is P.drop_places
    [proposal] = rows(writes, P.put_proposal)
    assert (proposal["year"], proposal["status"]) == (2025, "submitted")  # local (UTC+8) year
    authors = {a["member_id"]: (a["role"], a["township_id"]) for a in rows(writes, P.put_author)}
    assert authors == {"a": ("lead", "chengguan"), "b": ("co", "xinzhuang")}
    places = {(p["township_id"], p["reason"]) for p in rows(writes, P.put_place)}
    assert places == {("hekou", "in_township"), ("chengguan", "group_authored")}


def test_lifecycle_and_task_events() -> None:
    registered = P.status_changed(rec(pf.Registered(proposal_id="p", serial_no="10-4-D001")))
    assert [w[1].get("b_status", w[1].get("b_value")) for w in registered] == [
        "registered",
        True,
        "10-4-D001",
    ]
    rehandling = pf.RehandlingOrdered(proposal_id="p", task_id="t", due_on=date(2025, 9, 1))
    writes = P.status_changed(rec(rehandling))
    assert [w[0] for w in writes] == [P.set_status, P.set_rehandling]
    by_co_author = pf.ReplyEvaluated(
        proposal_id="p", task_id="t", by_lead_author=False, result_satisfaction="dissatisfied"
    )
    assert P.evaluated(rec(by_co_author)) == []
    assert P.extension_granted(rec(pf.ExtensionGranted(proposal_id="p", task_id="t"))) == []


def test_foreign_models_tolerate_unknown_and_missing_fields() -> None:
    event = pf.TaskCreated.model_validate(
        {
            "proposal_id": "p",
            "task_id": "t",
            "unit_id": "u",
            "deadline_at": "2025-07-01T00:00:00Z",
            "is_key": True,
            "category": "economy",
        }
    )
    assert (event.due_on, event.unit_kind, event.role) == (None, None, "")
    [task] = P.task_created(rec(event))
    assert task[1]["awaiting"] is True and task[1]["assigned_on"] == date(2025, 3, 1)


def test_report_places_and_facts() -> None:
    by_group = rf.ReportSubmitted(
        report_id="r",
        reporter_kind="liaison_group",
        liaison_group_id="chengguan",
        township_ids=("hekou",),
        year=2025,
    )
    places = {
        (p["township_id"], p["reason"]) for p in rows(R.submitted(rec(by_group)), R.put_place)
    }
    assert places == {("hekou", "in_township"), ("chengguan", "group_authored")}
    by_point = rf.ReportSubmitted(
        report_id="r",
        reporter_kind="direct_report_point",
        township_id="xinzhuang",
        direct_report_point_id="pt",
    )
    [report] = rows(R.submitted(rec(by_point)), R.put_report)
    assert (report["point_id"], report["year"]) == ("pt", 2025)
    [(stmt, fact)] = R.fact(
        rec(rf.ReportFeedback(report_id="r", feedback_no=2, department="县住建局"))
    )
    assert stmt is R.put_fact and (fact["kind"], fact["no"], fact["body"]) == (
        "feedback",
        2,
        "县住建局",
    )
