"""Visits over HTTP: verification by the liaison group, escalation of issues into drafts
(exactly one `visit.issue_escalated` per issue, repeats are no-ops), 403/404/409/422."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from services.members.domain.activities.visit import VisitIssueEscalated, VisitVerified
from shared.ids import stable_id
from shared.natsserver import EmbeddedNats
from tests.integration.members.test_activities_support import (
    Acts,
    auth,
    problem,
    running,
    settings_for,
)


@pytest.fixture
async def acts(nats_server: EmbeddedNats, tmp_path: Path) -> AsyncIterator[Acts]:
    async with running(settings_for(nats_server.url, tmp_path)) as a:
        yield a


async def _world(acts: Acts) -> tuple[str, str]:
    for township in ("chengguan", "xinzhuang", "hekou"):
        await acts.group(township)
    member = await acts.member("chengguan")
    visit = await acts.visit(member, "hekou", member_township_id="chengguan")
    return member, visit


async def _events(acts: Acts, visit_id: str) -> list[object]:
    recorded, _ = await acts.rt.store.load("members", "visit", visit_id)
    return [r.event for r in recorded]


async def test_verify_by_the_visits_group(acts: Acts) -> None:
    member, visit = await _world(acts)
    body = await acts.read(f"/visits/{visit}", ("township:hekou",))
    assert (body["status"], body["status_label"], body["owner_id"]) == ("logged", "待核实", member)
    assert [i["status_label"] for i in body["items"]] == ["待办理", "当场解决"]

    r = await acts.post(f"/visits/{visit}/verify", {"note": "情况属实"}, ("township:hekou",))
    assert "该走访属于联络组“chengguan”" in problem(r, 403)
    r = await acts.post(f"/visits/{visit}/verify", None, (f"member:{member}",))
    assert "无权核实" in problem(r, 403)

    done = await acts.ok(f"/visits/{visit}/verify", {"note": "情况属实"}, ("township:chengguan",))
    assert done["id"] == visit
    body = await acts.read(f"/visits/{visit}")
    assert (body["status"], body["status_note"]) == ("verified", "情况属实")
    assert body["status_by"] == "tester"
    r = await acts.post(f"/visits/{visit}/verify", {})
    assert problem(r, 409) == "该走访已经联络组核实，不能重复核实"
    [event] = await _events(acts, visit)
    assert isinstance(event, VisitVerified)
    assert (event.township_id, event.visitor_ids, event.member_id) == (
        "chengguan",
        (member,),
        member,
    )
    listed = await acts.read("/visits", ("township:chengguan",), status="verified")
    assert [v["record_id"] for v in listed] == [visit]


async def test_escalation_is_one_event_per_issue(acts: Acts) -> None:
    member, visit = await _world(acts)
    url = f"/visits/{visit}/issues/0/escalate"
    first = await acts.ok(url, {"target": "proposal"}, (f"member:{member}",))
    draft = stable_id(visit, "0", "proposal")
    assert (first["draft_id"], first["already_escalated"]) == (draft, False)
    assert len(first["event_ids"]) == 1

    again = await acts.ok(
        url, {"target": "proposal", "title": "另一个标题"}, ("township:chengguan",)
    )
    assert (again["draft_id"], again["already_escalated"], again["event_ids"]) == (draft, True, [])
    r = await acts.post(url, {"target": "opinion_report"})
    assert problem(r, 409) == (
        f"该问题已转为提案草稿（草稿编号 {draft}），不能再转为社情民意信息；请在已有草稿中继续办理"
    )
    [event] = await _events(acts, visit)
    assert isinstance(event, VisitIssueEscalated)
    assert (event.title, event.text, event.township_id) == (
        "关于灌溉水渠年久失修的提案",
        "灌溉水渠年久失修",
        "chengguan",
    )
    body = await acts.read(f"/visits/{visit}", (f"member:{member}",))
    issue = body["items"][0]
    assert (issue["target"], issue["target_label"], issue["ref_id"]) == ("proposal", "提案", draft)


async def test_escalation_rules_and_errors(acts: Acts) -> None:
    _member, visit = await _world(acts)
    r = await acts.post(f"/visits/{visit}/issues/1/escalate", {"target": "opinion_report"})
    assert problem(r, 409) == "该问题已在走访时当场解决，无需转为社情民意信息草稿"
    acts.configure(escalate_resolved_issues=True)
    await acts.ok(f"/visits/{visit}/issues/1/escalate", {"target": "opinion_report"})

    r = await acts.post(f"/visits/{visit}/issues/5/escalate", {"target": "proposal"})
    assert "该走访没有第 6 条问题" in problem(r, 404)
    r = await acts.post(f"/visits/{visit}/issues/-1/escalate", {"target": "proposal"})
    problem(r, 422)
    r = await acts.post(f"/visits/{visit}/issues/0/escalate", {"target": "letter"})
    assert problem(r, 422).startswith("转办类型“letter”无效")
    r = await acts.post(f"/visits/{visit}/issues/0/escalate", {"target": "proposal", "x": 1})
    assert "不认识的字段“x”" in problem(r, 422)
    r = await acts.post(
        f"/visits/{visit}/issues/0/escalate", {"target": "proposal"}, ("township:xinzhuang",)
    )
    assert "登记该走访的委员本人" in problem(r, 403)
    r = await acts.client.post(f"/visits/{visit}/issues/0/escalate", json={"target": "proposal"})
    problem(r, 401)


async def test_unknown_visits_are_404(acts: Acts) -> None:
    await _world(acts)
    for url in ("/visits/0190a6c3-0000-7000-8000-0000000000ff/verify", "/visits/not-a-uuid/verify"):
        assert "走访记录" in problem(await acts.post(url, {}), 404)
    r = await acts.get("/visits/0190a6c3-0000-7000-8000-0000000000ff")
    assert (
        problem(r, 404) == "走访记录（编号 0190a6c3-0000-7000-8000-0000000000ff）不存在，请核对编号"
    )


async def test_visit_logged_through_the_members_api_can_be_verified(acts: Acts) -> None:
    await acts.group("chengguan")
    member = await acts.member("chengguan")
    body = {
        "visit_kind": "member_visits_constituents",
        "visit_date": "2025-05-01",
        "mode": "door_to_door",
        "role_tags": ["investigator"],
        "constituents": [{"category": "种植户", "count": 5}],
        "issues_raised": [{"text": "道路坑洼"}],
    }
    r = await acts.client.post(f"/members/{member}/visits", json=body, headers=auth("county_admin"))
    assert r.status_code == 201, r.text
    acts.seq = r.json()["seq"]
    visit = r.json()["id"]
    await acts.ok(f"/visits/{visit}/verify", {}, ("township:chengguan",))
    await acts.ok(f"/visits/{visit}/issues/0/escalate", {"target": "opinion_report"})
    [visit_row] = await acts.read("/visits", member_id=member)
    assert visit_row["status"] == "verified" and visit_row["items"][0]["ref_id"]
