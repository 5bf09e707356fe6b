"""The performance file over three streams: facts from meetings, proposals, reports and
consultations with their points and rules; attribution to the group at event time;
another service's event arriving before the member's registration."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path

import pytest
from nats.aio.client import Client as NATS

from shared.natsserver import EmbeddedNats
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
)

P1, P2, P9 = (f"0190b000-0000-7000-8000-00000000010{i}" for i in (1, 2, 9))
R1, R2 = "0190b100-0000-7000-8000-000000000001", "0190b100-0000-7000-8000-000000000002"
C1, C2 = "0190c000-0000-7000-8000-000000000011", "0190c000-0000-7000-8000-000000000012"
LATE_MEMBER = "0190a6c2-7d1e-7c3a-9f1e-2b3c4d5e6f99"


@pytest.fixture
async def perf(nats_server: EmbeddedNats, nc: NATS, tmp_path: Path) -> AsyncIterator[Perf]:
    async with perf_app(nats_server, nc, tmp_path) as p:
        yield p


async def test_file_explains_every_fact_from_every_stream(perf: Perf) -> None:
    a = await perf.member("chengguan", name="张三")
    b = await perf.member("chengguan", name="李四")
    await perf.meeting("plenary_session", f"{YEAR}-03-01", {a: "present", b: "absent_unexcused"})
    await perf.foreign(
        "proposals",
        submitted(P1, a, [b]),
        registered(P1, a, [b]),
        designated_key(P1, a),
        submitted(P2, a),
        converted(P2, a, R2),
        from_proposal(R2, P2, [a]),  # the report made from P2: the same fact, not a second
        report(R1, [a]),
        adopted(R1, [a], "city"),
    )
    consultation = held(C1, [(a, "speaker"), (b, "participant")], date(YEAR, 4, 1))
    await perf.foreign("consultation", consultation)

    mine = await perf.file(a)
    assert subtotals(mine) == {
        "attendance": 30,
        "proposal": 20,  # P1: 5 + 10 + 5; P2 converted: 0
        "opinion_report": 14,  # R2 from P2: 3; R1: 3 + 8
        "activity": 5,  # consultation 2 + oral speech 3
        "visit": 0,
        "bonus": 0,
        "penalty": 0,
        "adjustment": 0,
    }
    score = mine["score"]
    assert (score["total"], score["grade"], score["grade_label"]) == (69, "competent", "称职")
    facts = by_kind(mine)
    assert len(facts[("opinion_report", "submitted")]) == 2
    [void] = [f for f in facts[("proposal", "submitted")] if f["ref_id"] == P2]
    assert (void["points"], void["rule"]) == (0, "void.converted_to_public_opinion")
    [plenary] = facts[("attendance", "present")]
    assert plenary["explanation"] == (
        "会议出勤·出席（全体会议）：+30 分（规则 attendance.present.plenary_session）"
    )
    assert {f["township_id"] for f in score["breakdown"]} == {"chengguan"}

    theirs = await perf.file(b)
    assert subtotals(theirs)["attendance"] == -10
    assert subtotals(theirs)["proposal"] == 9  # co-author of P1: 2 + 5 + 2 (key)
    assert {f["rule"] for f in by_kind(theirs)[("proposal", "registered")]} == {
        "proposal.registered.co"
    }
    assert theirs["score"]["total"] == 1 and theirs["score"]["grade_label"] == "不称职"


async def test_member_moving_groups_mid_year_is_counted_where_they_were(perf: Perf) -> None:
    a = await perf.member("chengguan")
    await perf.foreign("consultation", held(C1, [(a, "participant")], date(YEAR, 4, 1)))
    await perf.ok(f"/members/{a}/liaison-group-changes", {"to_township_id": "xinzhuang"})
    await perf.foreign("consultation", held(C2, [(a, "speaker")], date(YEAR, 9, 1)))

    mine = await perf.file(a)
    by_ref = {f["ref_id"]: f["township_id"] for f in mine["score"]["breakdown"]}
    assert by_ref == {C1: "chengguan", C2: "xinzhuang"}
    assert mine["townships"] == ["chengguan", "xinzhuang"]
    assert mine["township_id"] == "xinzhuang"

    old = await perf.read("/townships/chengguan/performance")
    new = await perf.read("/townships/xinzhuang/performance")
    [here], [there] = old["members"], new["members"]
    assert (here["member_id"], here["facts_here"], here["points_here"]) == (a, 1, 2)
    assert (there["facts_here"], there["points_here"]) == (2, 5)  # participation 2 + speech 3
    assert here["total"] == there["total"] == 7  # the whole year, wherever it was earned
    assert (await perf.read("/townships/hekou/performance"))["members"] == []


async def test_an_event_arriving_before_the_registration_lands_correctly(perf: Perf) -> None:
    # The proposals stream has the member's proposal before the members stream has the member.
    await perf.foreign("proposals", submitted(P9, LATE_MEMBER), registered(P9, LATE_MEMBER))
    r = await perf.get(f"/members/{LATE_MEMBER}/performance")
    assert r.status_code == 404
    assert r.json()["detail"] == f"委员（编号 {LATE_MEMBER}）不存在，请核对委员编号"

    await perf.member("hekou", member_id=LATE_MEMBER, name="王五")
    mine = await perf.file(LATE_MEMBER)
    assert subtotals(mine)["proposal"] == 15
    assert {f["township_id"] for f in mine["score"]["breakdown"]} == {"hekou"}
    group = await perf.read("/townships/hekou/performance")
    assert [(m["member_id"], m["facts_here"]) for m in group["members"]] == [(LATE_MEMBER, 2)]
    assert (await perf.read("/townships/chengguan/performance"))["members"] == []
