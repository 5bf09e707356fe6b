"""Appraisal over HTTP: constraint rules recorded once per rule, member and year; human
decisions and score adjustments in the breakdown; the county league."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from nats.aio.client import Client as NATS

from shared.natsserver import EmbeddedNats
from shared.streams import last_sequence
from tests.integration.members.helpers import YEAR
from tests.integration.members.performance_support import (
    Perf,
    adopted,
    by_kind,
    designated_key,
    perf_app,
    registered,
    report,
    submitted,
    subtotals,
)

PROPOSAL = "0190b000-0000-7000-8000-000000000201"
REPORT = "0190b100-0000-7000-8000-000000000201"


@pytest.fixture
async def perf(nats_server: EmbeddedNats, nc: NATS, tmp_path: Path) -> AsyncIterator[Perf]:
    async with perf_app(nats_server, nc, tmp_path) as p:
        yield p


async def _two_members(perf: Perf) -> tuple[str, str, list[str]]:
    a = await perf.member("chengguan", name="张三")
    b = await perf.member("xinzhuang", name="李四")
    meetings = [
        await perf.meeting("plenary_session", on, {a: "absent_unexcused", b: "present"})
        for on in (f"{YEAR}-03-01", f"{YEAR}-09-01")
    ]
    # b: attendance 40 (capped) + proposal 20 + report 15 = 75
    await perf.foreign(
        "proposals",
        submitted(PROPOSAL, b),
        registered(PROPOSAL, b),
        designated_key(PROPOSAL, b),
        report(REPORT, [b]),
        adopted(REPORT, [b], "province"),
    )
    return a, b, meetings


async def test_evaluation_records_each_rule_once(perf: Perf) -> None:
    a, _, meetings = await _two_members(perf)
    r = await perf.evaluate()
    assert r.status_code == 202, r.text
    result = r.json()
    assert (result["evaluated_members"], result["ruleset_version"]) == (2, "default")
    found = {(t["member_id"], t["rule"]): t for t in result["triggered"]}
    assert set(found) == {(a, "revocation_proposed"), (a, "reminder_talk")}
    revocation = found[(a, "revocation_proposed")]
    assert revocation["evidence"] == [f"attendance:{m}:{a}" for m in meetings]
    assert revocation["detail"] == "第10届内无故缺席全体会议 2 次（达到 2 次）"
    assert found[(a, "reminder_talk")]["score"] == -20
    assert all(t["new"] for t in result["triggered"])

    mine = await perf.file(a)
    assert [c["rule"] for c in mine["constraints"]] == ["revocation_proposed", "reminder_talk"]
    assert mine["constraints"][1]["rule_label"] == "年度考评得分低于规定分数，进行提醒谈话"

    before = await last_sequence(perf.nc, "MEMBERS")
    again = (await perf.evaluate()).json()
    assert {(t["member_id"], t["rule"], t["new"]) for t in again["triggered"]} == {
        (a, "revocation_proposed", False),
        (a, "reminder_talk", False),
    }
    assert await last_sequence(perf.nc, "MEMBERS") == before  # nothing appended


async def test_decisions_and_adjustments_show_in_the_file(perf: Perf) -> None:
    a, _, _ = await _two_members(perf)
    base = f"/appraisals/{YEAR}/members/{a}"
    r = await perf.post(
        f"{base}/decisions", {"decision": "warn", "reason": "x", "rule": "reminder_talk"}
    )
    assert r.status_code == 409, r.text
    assert r.json()["detail"].startswith("该委员 2025 年度未触发约束规则")
    assert (await perf.evaluate()).status_code == 202

    warn = {"decision": "warn", "reason": "主席会议决定提醒谈话", "rule": "reminder_talk"}
    accepted = await perf.ok(f"{base}/decisions", warn)
    assert accepted["id"] == f"{YEAR}-{a}"
    r = await perf.post(f"{base}/decisions", warn)
    assert r.status_code == 409
    assert r.json()["detail"] == "该委员 2025 年度已登记“警示提醒”决定，不能重复登记"
    revoke = {"decision": "revoke", "reason": "常委会第5次会议决定", "rule": "revocation_proposed"}
    await perf.ok(f"{base}/decisions", revoke)
    await perf.ok(f"{base}/adjustments", {"points": 12.5, "reason": "参加抗洪抢险"})

    mine = await perf.file(a)
    facts = by_kind(mine)
    [warned] = facts[("penalty", "warned")]
    [revoked] = facts[("penalty", "qualification_revoked")]
    assert (warned["points"], revoked["points"]) == (0, 0)
    assert revoked["description"] == "约束与处理·撤销委员资格（依据：无故缺席全体会议）"
    [adjusted] = facts[("adjustment", "adjusted")]
    assert adjusted["explanation"] == "分数调整·人工调整：+12.5 分，理由：参加抗洪抢险"
    assert subtotals(mine)["adjustment"] == 12.5
    assert mine["score"]["total"] == -7.5


async def test_league_ranks_members_and_averages_groups(perf: Perf) -> None:
    a, b, _ = await _two_members(perf)
    c = await perf.member("xinzhuang", name="王五")
    league = await perf.read("/performance/league")
    assert [(r["rank"], r["member_id"], r["total"]) for r in league["rows"]] == [
        (1, b, 75),
        (2, c, 0),
        (3, a, -20),
    ]
    assert league["rows"][0]["subtotals"]["attendance"] == 40
    assert league["rows"][0]["grade_label"] == "良好"
    groups = {g["township_id"]: (g["members"], g["average"]) for g in league["groups"]}
    assert groups == {"xinzhuang": (2, 37.5), "chengguan": (1, -20)}


async def test_invalid_appraisal_requests(perf: Perf) -> None:
    a = await perf.member("chengguan")
    r = await perf.evaluate(2099)
    assert r.status_code == 422 and r.json()["detail"].startswith("考评年度 2099 无效")
    base = f"/appraisals/{YEAR}/members/{a}"
    r = await perf.post(f"{base}/adjustments", {"points": 0, "reason": "x"})
    assert r.json()["detail"] == "调整分值不能为 0，请填写加分（正数）或减分（负数）"
    r = await perf.post(f"{base}/adjustments", {"points": 500, "reason": "x"})
    assert r.status_code == 422 and "不能大于 100" in r.json()["detail"]
    r = await perf.post(f"{base}/decisions", {"decision": "fire", "reason": "x"})
    assert r.status_code == 422 and "取值无效" in r.json()["detail"]
    unknown = "0190a6c2-7d1e-7c3a-9f1e-2b3c4d5e6f98"
    r = await perf.post(
        f"/appraisals/{YEAR}/members/{unknown}/adjustments", {"points": 1, "reason": "x"}
    )
    assert r.status_code == 404 and r.json()["detail"].endswith("请核对委员编号")
