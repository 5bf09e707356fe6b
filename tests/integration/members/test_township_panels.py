"""Liaison-group panels over a seeded county (DOMAIN §6.3): every panel with its
attribution reasons, the year summary, the league table, one route per panel equal to the
dashboard's panel, and rebuild equals live — on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from nats.aio.client import Client as NATS

from services.members.api.township_config import TownshipConfig
from services.members.projections import TownshipDashboard
from services.members.projections.township_proposals import TownshipProposalFacts
from services.members.projections.township_reports import TownshipReportFacts
from shared.runner import compare_tables
from shared.streams import last_sequence
from tests.integration.members.helpers import YEAR, Api, auth, runtime
from tests.integration.members.test_township_world import World, build_world
from tests.integration.members.test_township_world_events import (
    AS_OF,
    P1,
    P2,
    P3,
    P4,
    R1,
    R2,
    R3,
)

PANELS = [
    "members",
    "attendance",
    "visits",
    "proposals",
    "township-government",
    "reports",
    "consultations",
    "livelihood-training",
    "alerts",
]
SUMMARY = (
    "2025年，城关镇政协联络组共有委员2名（其中常委1名），开展“两访三做”走访2次，其中委员"
    "走访界别群众1次、主席会议成员走访基层委员1次，收集群众反映问题1条，转为社情民意信息或"
    "提案草稿1条。本组委员提交提案3件，立案1件，已答复1件，提案者满意或基本满意1件。报送社情"
    "民意信息2篇，被采用1篇，获领导批示1篇。在本乡镇开展协商活动1次，建议被有关部门采纳1条。"
    "组织开展民生实事1项，受益群众30人，捐款捐物折合1.2万元。委员参加培训1期，参训率50%。"
    "召开或参加会议1次，委员出席率50%。"
)


async def get(
    api: Api, url: str, w: World, roles: tuple[str, ...] = ("county_admin",), **q: Any
) -> Any:
    params = {"year": YEAR, "as_of": AS_OF.isoformat(), **q}
    query = [*params.items(), *(("min_seq", s) for s in w.seq)]
    r = await api.client.get(url, params=query, headers=auth(*roles))
    assert r.status_code == 200, r.text
    return r.json()


def by(items: list[dict[str, Any]], key: str) -> dict[str, dict[str, Any]]:
    return {item[key]: item for item in items}


def check_members(p: dict[str, Any], w: World) -> None:
    assert (p["total"], p["standing"], p["by_sector"]) == (2, 1, {"农业界": 1, "教育界": 1})
    rows = by(p["rows"], "member_id")
    a, b = rows[w.a], rows[w.b]
    assert (a["phone"], a["phone_visibility"], a["member_type_label"]) == (
        "13812345678",
        "full",
        "常委",
    )
    assert (a["proposals"], a["reports"], a["visits"], a["last_visit_date"]) == (
        1,
        1,
        1,
        f"{YEAR}-03-01",
    )
    assert (b["proposals"], b["reports"], b["activities"]) == (2, 1, 2)
    # score & grade come from the yearly appraisal (its rule set decides the numbers)
    assert p["scores_available"] and isinstance(a["score"], float) and a["grade_label"]


def check_attendance(p: dict[str, Any], w: World) -> None:
    first, later = p["meetings"]
    assert (first["present"], first["absent"], later["pending"]) == (1, 1, 2)
    assert [(x["member_name"], x["absences"]) for x in p["absentees"]] == [("李四", 1)]
    assert [m["title"] for m in p["upcoming"]] == ["年终述职会"] and p["attendance_rate"] == 0.5


def check_visits(p: dict[str, Any], w: World) -> None:
    assert p["by_kind"] == {"leader_visits_member": 1, "member_visits_constituents": 1}
    assert p["by_reason"] == {"by_member": 2} and p["by_role_tag"]["investigator"] == 2
    quota = by(p["quota"], "member_id")
    assert (quota[w.a]["done"], quota[w.a]["expected_by_now"], quota[w.a]["behind"]) == (1, 3, True)
    assert [(x["member_id"], x["times"]) for x in p["leader_visits_received"]] == [(w.a, 1)]
    assert p["issues"] == {
        "raised": 1,
        "resolved_on_site": 0,
        "escalated": 1,
        "escalated_by_target": {"opinion_report": 1},
        "open": 0,
    }
    assert p["issue_items"][0]["escalated_to_label"] == "社情民意信息"


def check_proposals(p: dict[str, Any], w: World) -> None:
    assert p["counters"] == {
        "submitted": 4,
        "registered": 2,
        "not_registered": 1,
        "converted": 1,
        "replied": 1,
        "on_time": 1,
        "satisfied": 1,
        "overdue": 1,
    }
    rows = by(p["rows"], "proposal_id")
    assert rows[P1]["attribution_reasons"] == ["by_member", "handled_by_township_government"]
    assert (rows[P1]["serial_no"], rows[P1]["satisfaction_label"]) == ("10-4-D001", "满意")
    assert (
        rows[P2]["attribution_reason"] == "handled_by_township_government" and rows[P2]["overdue"]
    )
    assert rows[P3]["disposition_label"] == "转为社情民意信息" and rows[P3]["converted"]
    assert rows[P4]["attribution_labels"] == ["本组委员参与", "本联络组提出"]


def check_government(p: dict[str, Any], w: World) -> None:
    assert (p["units"], p["total"], p["overdue"]) == (["城关镇人民政府"], 2, 2)
    assert [t["role_label"] for t in p["rows"]] == ["会办", "独办"]


def check_reports(p: dict[str, Any], w: World) -> None:
    assert p["counters"] == {
        "submitted": 3,
        "adopted": 1,
        "instructed": 1,
        "feedback_received": 1,
        "awaiting_feedback": 1,
    }
    rows = by(p["rows"], "report_id")
    assert rows[R1]["adoption_labels"] == ["县委、县政府采用"] and rows[R1]["awaiting_feedback"]
    assert rows[R2]["attribution_reason"] == "in_township" and rows[R3]["authors"] == ["李四"]
    [point] = p["points"]
    assert (point["name"], point["reports_this_year"]) == ("东街社区直报点", 1)
    assert (
        p["heads_configured"] is False and p["head_quota"] == 4 and "未设置组长" in p["heads_note"]
    )


def check_others(panels: dict[str, Any]) -> None:
    c = panels["consultations"]
    assert (c["total"], c["adopted"], c["items"][0]["type_label"]) == (1, 1, "基层协商")
    lt = panels["livelihood_training"]
    assert (lt["beneficiaries"], lt["donation_yuan"], lt["training_attendance_rate"]) == (
        30,
        "12000.00",
        0.5,
    )
    alerts = panels["alerts"]
    assert alerts["by_kind"] == {
        "overdue_proposal": 1,
        "visit_quota": 2,
        "report_feedback": 1,
        "unexcused_absence": 1,
    }
    assert "超期未答复" in alerts["items"][0]["message"] and alerts["items"][0]["ref_id"] == P2


async def test_panels_summary_league_and_rebuild(
    service_on_db: tuple[FastAPI, Api], nc: NATS
) -> None:
    app, api = service_on_db
    w = await build_world(api, nc)
    board = await get(api, "/townships/chengguan/dashboard", w)
    assert [m["name"] for m in board["members"]] == ["张三", "李四"]  # earlier fields stay
    assert board["visits"]["total"] == 2 and board["proposals"]["by_status"]
    panels = board["panels"]
    check_members(panels["members"], w)
    check_attendance(panels["attendance"], w)
    check_visits(panels["visits"], w)
    check_proposals(panels["proposals"], w)
    check_government(panels["township_government"], w)
    check_reports(panels["reports"], w)
    check_others(panels)
    assert board["summary"]["text"] == SUMMARY
    for name in PANELS:
        alone = await get(api, f"/townships/chengguan/panels/{name}", w)
        assert alone == panels[name.replace("-", "_")], name
    summary = await get(api, "/townships/chengguan/summary", w, as_of=None)
    assert summary["facts"]["proposals"] == 3 and summary["text"].startswith("2025年，城关镇")
    await check_league(api, w)
    await check_group_heads(app, api, w)
    await assert_rebuild_equals_live(app, nc)


async def check_group_heads(app: FastAPI, api: Api, w: World) -> None:
    runtime(app).extras["township_config"] = TownshipConfig(group_heads={"chengguan": [w.a]})
    reports = await get(api, "/townships/chengguan/panels/reports", w)
    assert reports["heads_configured"] and reports["heads_note"] is None
    assert [(h["member_name"], h["done"], h["quota"], h["met"]) for h in reports["heads"]] == [
        ("张三", 1, 4, False)
    ]
    alerts = await get(api, "/townships/chengguan/panels/alerts", w)
    [head] = [a for a in alerts["items"] if a["kind"] == "report_quota"]
    assert head["message"].startswith("联络组组长 张三 本年度报送社情民意信息 1 篇")


async def check_league(api: Api, w: World) -> None:
    league = await get(api, "/townships/league", w)
    rows = by(league["rows"], "township_id")
    assert (rows["chengguan"]["rank"], rows["chengguan"]["visits_per_member"]) == (1, 1.0)
    assert (rows["chengguan"]["proposals_registered"], rows["chengguan"]["reports_adopted"]) == (
        1,
        1,
    )
    assert (rows["xinzhuang"]["proposals_registered"], rows["xinzhuang"]["rank"]) == (2, 2)
    assert rows["hekou"]["members"] == 0 and rows["chengguan"]["consultations_held"] == 1
    assert isinstance(rows["chengguan"]["average_score"], float)
    assert rows["hekou"]["average_score"] is None
    ranked = await get(api, "/townships/league", w, order_by="proposals_registered")
    assert [r["township_id"] for r in ranked["rows"]][:2] == ["xinzhuang", "chengguan"]
    assert ranked["order_by_label"] == "提案立案件数"


async def assert_rebuild_equals_live(app: FastAPI, nc: NATS) -> None:
    rt = runtime(app)
    for cls in (TownshipProposalFacts, TownshipReportFacts, TownshipDashboard):
        live = next(p for p in rt.runner.projections if isinstance(p, cls))
        clone = live.clone("rb_")
        up_to = {s: await last_sequence(nc, s) for s in live.sources}
        await rt.runner.rebuild(clone, up_to=up_to)
        report = await compare_tables(rt.db, live, clone)
        assert all(a == b and diff == 0 for a, b, diff in report.values()), (cls, report)
        assert all(a > 0 for a, _, _ in report.values()), (cls, report)


async def test_unknown_panel_and_default_dates(api: Api, nc: NATS) -> None:
    seq = (await api.establish("chengguan"))["seq"]
    r = await api.client.get("/townships/chengguan/panels/budget", headers=auth("county_admin"))
    assert r.status_code == 404 and "没有名为“budget”的栏目" in r.json()["detail"]
    r = await api.client.get("/townships/nowhere/panels/members", headers=auth("county_admin"))
    assert r.status_code == 404 and "尚未设立政协联络组" in r.json()["detail"]
    url = f"/townships/chengguan/panels/alerts?min_seq={seq}"
    r = await api.client.get(url, headers=auth("county_admin"))
    assert r.status_code == 200 and r.json()["total"] == 0
    r = await api.client.get("/townships/league?order_by=name", headers=auth("county_admin"))
    assert r.status_code == 422
