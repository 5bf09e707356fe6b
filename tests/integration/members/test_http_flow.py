"""The members service end to end over HTTP: group → member → visit → dashboard."""

from __future__ import annotations

from fastapi import FastAPI

from services.members.localtime import local_date, utc_now
from tests.integration.members.helpers import YEAR, Api, auth, runtime


async def test_happy_path_group_member_visit_dashboard(service: tuple[FastAPI, Api]) -> None:
    app, api = service
    group = await api.establish("chengguan")
    assert group["id"] == "chengguan" and group["stream"] == "MEMBERS"
    member = await api.register("chengguan", is_standing_member=True)
    member_id = member["id"]
    visit = await api.visit(member_id, township_id="chengguan")
    assert visit["seq"] > member["seq"] and len(visit["event_ids"]) == 1

    board = await api.dashboard("chengguan", min_seq=[visit["seq"]])
    assert board["group_name"] == "城关镇政协联络组" and board["township_name"] == "城关镇"
    assert board["year"] == YEAR
    [row] = board["members"]
    assert row["member_id"] == member_id and row["name"] == "张三"
    assert row["political_affiliation_label"] == "中共党员" and row["is_standing_member"]
    assert row["visit_count"] == 1
    visits = board["visits"]
    assert visits["total"] == 1
    assert visits["by_kind"] == {"member_visits_constituents": 1}
    assert visits["by_role_tag"] == {"investigator": 1, "policy_explainer": 1}
    [item] = visits["items"]
    assert item["visit_id"] == visit["id"] and item["member_name"] == "张三"
    assert item["visit_kind_label"] == "委员走访界别群众"
    assert item["role_tag_labels"] == ["基层情况调查员", "党的政策宣讲员"]
    assert item["mode_label"] == "入户走访" and item["topics"] == ["春耕生产"]
    assert item["issues_count"] == 1 and item["constituents_count"] == 5
    assert item["reason"] == "by_member" and item["reason_label"] == "本组委员参与"
    empty = {"total": 0, "offset": 0, "limit": 50, "has_more": False}
    assert board["proposals"] == {"total": 0, "by_status": {}, "items": [], "page": empty}
    assert (
        board["consultations"]
        == board["adopted_suggestions"]
        == {
            "total": 0,
            "items": [],
            "page": empty,
        }
    )
    assert board["members_page"] == {**empty, "total": 1}
    assert (await api.dashboard("chengguan", year=YEAR - 1))["visits"]["total"] == 0
    assert runtime(app).runner.healthy()


async def test_reads_member_lists_and_groups(api: Api) -> None:
    await api.establish("chengguan")
    await api.establish("xinzhuang")
    a = await api.register("chengguan", name="张三")
    b = await api.register("chengguan", name="李四", political_affiliation="democratic_party:民盟")
    c = await api.register("xinzhuang", name="王五")
    seq = [c["seq"]]

    r = await api.get(f"/members/{b['id']}", min_seq=seq)
    assert r.status_code == 200
    assert r.json()["political_affiliation_label"] == "民盟"
    assert r.json()["township_id"] == "chengguan"

    r = await api.get("/townships/chengguan/members", ("township:chengguan",), min_seq=seq)
    assert r.status_code == 200
    assert {m["member_id"] for m in r.json()} == {a["id"], b["id"]}

    r = await api.get("/liaison-groups", min_seq=seq)
    assert [(g["township_id"], g["member_count"]) for g in r.json()] == [
        ("chengguan", 2),
        ("xinzhuang", 1),
    ]
    r = await api.get("/liaison-groups", ("township:xinzhuang",))
    assert [g["township_id"] for g in r.json()] == ["xinzhuang"]
    r = await api.get("/liaison-groups", (f"member:{a['id']}",))
    assert [g["township_id"] for g in r.json()] == ["chengguan"]


async def test_client_supplied_member_id_and_default_year(api: Api) -> None:
    await api.establish("chengguan")
    member_id = "0190a6c2-7d1e-7c3a-9f1e-2b3c4d5e6f70"
    member = await api.register("chengguan", member_id=member_id)
    assert member["id"] == member_id
    again = await api.post_member("chengguan", member_id=member_id)
    assert again.status_code == 409 and "已登记" in again.json()["detail"]

    today = local_date(utc_now())
    visit = await api.visit(member_id, visit_date=today.isoformat())
    board = await api.dashboard("chengguan", year=None, min_seq=[visit["seq"]])
    assert board["year"] == today.year and board["visits"]["total"] == 1


async def test_member_logs_own_visit_in_another_township(api: Api) -> None:
    await api.establish("chengguan")
    await api.establish("xinzhuang")
    member = await api.register("chengguan")
    r = await api.post_visit(member["id"], (f"member:{member['id']}",), township_id="xinzhuang")
    assert r.status_code == 201, r.text
    seq = [r.json()["seq"]]
    own = await api.dashboard("chengguan", min_seq=seq)
    there = await api.dashboard("xinzhuang", ("township:xinzhuang",), min_seq=seq)
    assert [i["reason"] for i in own["visits"]["items"]] == ["by_member"]
    assert [i["reason"] for i in there["visits"]["items"]] == ["in_township"]
    assert there["visits"]["items"][0]["reason_label"] == "在本乡镇开展"
    assert there["members"] == []


async def test_health_and_openapi(api: Api) -> None:
    assert (await api.client.get("/healthz")).json() == {"status": "ok"}
    spec = (await api.client.get("/openapi.json")).json()
    summaries = {op["summary"] for path in spec["paths"].values() for op in path.values()}
    assert {
        "设立乡镇政协联络组",
        "登记委员",
        "登记“两访”走访",
        "乡镇政协联络组工作看板（全部栏目）",
    } <= summaries
    r = await api.client.get("/townships/chengguan/dashboard", headers=auth("ops"))
    assert r.status_code == 403
