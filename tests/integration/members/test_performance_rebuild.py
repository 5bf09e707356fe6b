"""Rebuild equals live for the `performance` projection (every table filled, SQLite and
PostgreSQL); a changed rule set gives a different, explained score — after a rebuild too."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from nats.aio.client import Client as NATS

from services.members.projections import foreign_performance as fp
from shared.natsserver import EmbeddedNats
from shared.runner import compare_tables
from shared.streams import last_sequence
from tests.integration.members.helpers import YEAR
from tests.integration.members.performance_support import (
    Perf,
    adopted,
    by_kind,
    converted,
    designated_key,
    from_proposal,
    held,
    perf_app,
    registered,
    report,
    submitted,
    subtotals,
    when,
)

P1, P2, P3, P4 = (f"0190b000-0000-7000-8000-00000000030{i}" for i in range(1, 5))
R1, R2 = "0190b100-0000-7000-8000-000000000301", "0190b100-0000-7000-8000-000000000302"
C1 = "0190c000-0000-7000-8000-000000000301"


async def _member_side(perf: Perf, a: str, b: str) -> str:
    """Meetings (with a correction), a verified visit with an escalated issue, training,
    livelihood, excellence, a group change. Returns the escalated issue's draft id."""
    meeting = await perf.meeting("plenary_session", f"{YEAR}-03-01", {a: "present", b: "late"})
    correction = {"records": [{"member_id": b, "status": "absent_unexcused"}]}
    await perf.ok(f"/meetings/{meeting}/attendance", correction)
    visit = await perf.visit(a, visit_date=f"{YEAR}-03-02")
    await perf.ok(f"/visits/{visit}/verify", {"note": "属实"})
    escalated = await perf.ok(f"/visits/{visit}/issues/0/escalate", {"target": "opinion_report"})
    training = {
        "kind": "member_main_training",
        "title": "委员主体培训班",
        "start_date": f"{YEAR}-05-10",
        "end_date": f"{YEAR}-05-11",
        "location": "县委党校",
    }
    t = await perf.ok("/trainings", training, status=201)
    await perf.ok(f"/trainings/{t['id']}/attendance", {"member_id": b, "full_attendance": False})
    activity = {
        "kind": "poverty_relief",
        "title": "扶贫济困",
        "township_ids": ["hekou"],
        "activity_date": f"{YEAR}-05-01",
        "organiser_kind": "committee",
        "organiser_name": "县政协",
        "participant_member_ids": [a, b],
    }
    act = await perf.ok("/livelihood-activities", activity, status=201)
    await perf.ok(f"/livelihood-activities/{act['id']}/verify", {})
    nomination = {"category": "excellent_member", "nominee_id": b, "reason": "履职积极"}
    n = await perf.ok(f"/excellence/{YEAR}/nominations", nomination, status=201)
    await perf.ok(f"/excellence/{YEAR}/nominations/{n['id']}/awards", {"level": "city"})
    await perf.ok(f"/members/{b}/liaison-group-changes", {"to_township_id": "xinzhuang"})
    return str(escalated["draft_id"])


async def _other_streams(perf: Perf, a: str, b: str, c: str, draft: str) -> None:
    merged = fp.PerfProposalsMerged(
        proposal_id=P1, lead_author_id=a, added_co_author_ids=(c,), merged_at=when(6)
    )
    excellent = fp.PerfProposalMarkedExcellent(
        year=YEAR, level="county", proposal_id=P1, author_ids=(a, b, c), marked_at=when(11)
    )
    instructed = fp.PerfReportInstructed(
        report_id=R1, author_ids=(a,), level="city_leader", instructed_on=date(YEAR, 6, 1)
    )
    await perf.foreign(
        "proposals",
        submitted(P1, a, [b]),
        registered(P1, a, [b]),
        submitted(P3, c),
        (P1, merged),
        designated_key(P1, a),
        (str(YEAR), excellent),
        submitted(P4, a),
        (P4, fp.PerfProposalWithdrawn(proposal_id=P4, lead_author_id=a)),
        submitted(P2, b),
        converted(P2, b, R2),
        from_proposal(R2, P2, [b]),
        report(R1, [a]),
        adopted(R1, [a], "county"),
        adopted(R1, [a], "province"),
        (R1, instructed),
        report(draft, [a]),
        adopted(draft, [a], "county"),
    )
    inspection = fp.PerfInspectionConducted(
        inspection_id="insp-1",
        conducted_on=date(YEAR, 7, 1),
        participants=(fp.PerfParticipant(member_id=c),),
    )
    await perf.foreign(
        "consultation",
        held(C1, [(a, "speaker"), (b, "written")], date(YEAR, 4, 1), "plenary"),
        ("insp-1", inspection),
    )


async def _appraisal(perf: Perf, b: str) -> None:
    assert (await perf.evaluate()).status_code == 202
    base = f"/appraisals/{YEAR}/members/{b}"
    await perf.ok(f"{base}/decisions", {"decision": "warn", "reason": "提醒谈话"})
    await perf.ok(f"{base}/adjustments", {"points": -2, "reason": "材料不全"})


async def _seed(perf: Perf) -> tuple[str, str, str]:
    a = await perf.member("chengguan", name="张三")
    b = await perf.member("hekou", name="李四")
    c = await perf.member("hekou", name="王五")
    draft = await _member_side(perf, a, b)
    await _other_streams(perf, a, b, c, draft)
    await _appraisal(perf, b)
    return a, b, c


async def test_performance_rebuild_equals_live(
    nats_server: EmbeddedNats, nc: NATS, tmp_path: Path, db_url: str
) -> None:
    async with perf_app(nats_server, nc, tmp_path, db_url) as perf:
        a, _, c = await _seed(perf)
        mine = await perf.file(a)  # waits until every stream is in
        kinds = by_kind(mine)
        assert [f["rule"] for f in kinds[("visit", "output_adopted")]] == ["visit.output_adopted"]
        assert len(kinds[("opinion_report", "adopted")]) == 3  # R1 county + province, draft
        [withdrawn] = [f for f in kinds[("proposal", "submitted")] if f["ref_id"] == P4]
        assert withdrawn["rule"] == "void.withdrawn"
        theirs = await perf.file(c)
        assert {f["kind"] for f in theirs["score"]["breakdown"]} >= {"registered", "key"}
        live = perf.projection
        clone = live.clone("rb_")
        up_to = {s: await last_sequence(nc, s) for s in live.sources}
        await perf.rt.runner.rebuild(clone, up_to=up_to)
        report_ = await compare_tables(perf.rt.db, live, clone)
        assert all(x == y and d == 0 and x > 0 for x, y, d in report_.values()), report_


RULESET = """
[scoring.2025]
version = "2025县定"

[scoring.2025.points]
"proposal.registered.lead" = 12
"attendance.present.plenary_session" = 25
"""


async def _score(perf: Perf, member_id: str) -> dict[str, Any]:
    return dict((await perf.file(member_id))["score"])


async def test_changed_ruleset_changes_the_explained_score_and_survives_rebuild(
    nats_server: EmbeddedNats, nc: NATS, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with perf_app(nats_server, nc, tmp_path) as perf:
        a = await perf.member("chengguan")
        await perf.meeting("plenary_session", f"{YEAR}-03-01", {a: "present"})
        await perf.foreign("proposals", submitted(P1, a), registered(P1, a))
        before = await _score(perf, a)
        marks = dict(perf.marks)
    assert (before["total"], before["ruleset_version"]) == (45, "default")

    config = tmp_path / "members.toml"
    config.write_text(RULESET, encoding="utf-8")
    monkeypatch.setenv("MEMBERS_CONFIG", str(config))
    async with perf_app(nats_server, nc, tmp_path, groups=False) as perf:
        perf.marks = marks
        after = await _score(perf, a)
        assert (after["total"], after["ruleset_version"]) == (42, "2025县定")
        explained = {f["rule"]: f["explanation"] for f in after["breakdown"]}
        assert explained["proposal.registered.lead"].endswith(
            "+12 分（规则 proposal.registered.lead）"
        )
        assert subtotals({"score": after})["attendance"] == 25
        await perf.rt.runner.reset_live(perf.projection)
        assert await _score(perf, a) == after
