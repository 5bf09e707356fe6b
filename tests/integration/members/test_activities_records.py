"""Livelihood activities, enterprise visits, liaison contacts and the excellence campaign
over HTTP: flows, attribution to townships, 403/404/409/422."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from shared.natsserver import EmbeddedNats
from tests.integration.members.test_activities_support import (
    Acts,
    problem,
    running,
    settings_for,
)

UNKNOWN = "0190a6c3-0000-7000-8000-0000000000ff"


@pytest.fixture
async def acts(nats_server: EmbeddedNats, tmp_path: Path) -> AsyncIterator[Acts]:
    async with running(settings_for(nats_server.url, tmp_path)) as a:
        for township in ("chengguan", "xinzhuang", "hekou"):
            await a.group(township)
        yield a


def livelihood(participants: list[str], **more: object) -> dict[str, object]:
    body: dict[str, object] = {
        "kind": "free_clinic",
        "title": "医卫界委员送医下乡",
        "township_ids": ["hekou"],
        "activity_date": "2025-05-01",
        "organiser_kind": "sector",
        "organiser_name": "医卫界",
        "participant_member_ids": participants,
        "beneficiaries_count": 127,
        "donation_amount_yuan": "3000.50",
    }
    return body | more


async def test_livelihood_record_verify_and_attribution(acts: Acts) -> None:
    a = await acts.member("chengguan")
    activity = (await acts.ok("/livelihood-activities", livelihood([a]), (f"member:{a}",)))["id"]
    body = await acts.read(f"/livelihood-activities/{activity}", ("township:hekou",))
    assert (body["kind_label"], body["status_label"]) == ("义诊", "已登记")
    assert body["details"]["donation"] == {"amount_yuan": "3000.50", "in_kind": None}
    assert {(t["township_id"], t["reason"]) for t in body["townships"]} == {
        ("hekou", "in_township"),
        ("chengguan", "by_member"),
    }
    r = await acts.post(f"/livelihood-activities/{activity}/verify", {}, (f"member:{a}",))
    assert "无权核实" in problem(r, 403)
    r = await acts.post(f"/livelihood-activities/{activity}/verify", {}, ("township:xinzhuang",))
    assert problem(r, 403) == "您只能办理本乡镇的民生实事核实，该事项属于乡镇“hekou”。"
    await acts.ok(
        f"/livelihood-activities/{activity}/verify", {"note": "属实"}, ("township:hekou",)
    )
    r = await acts.post(f"/livelihood-activities/{activity}/verify", {})
    assert problem(r, 409) == "民生实事“医卫界委员送医下乡”已核实，不能重复核实"
    mine = await acts.read("/livelihood-activities", ("township:chengguan",), status="verified")
    assert [x["record_id"] for x in mine] == [activity]
    assert await acts.read("/livelihood-activities", ("township:xinzhuang",)) == []


async def test_livelihood_errors(acts: Acts) -> None:
    a = await acts.member("chengguan")
    r = await acts.post("/livelihood-activities", livelihood([a], activity_date="2099-01-01"))
    assert "晚于今天" in problem(r, 422)
    r = await acts.post("/livelihood-activities", livelihood([a], donation_amount_yuan="1.234"))
    assert problem(r, 422) == "捐赠金额最多保留两位小数（单位：元）"
    r = await acts.post("/livelihood-activities", livelihood([]))
    assert "participant_member_ids" in problem(r, 422)
    r = await acts.post("/livelihood-activities", livelihood([UNKNOWN]))
    assert "不存在" in problem(r, 404)
    r = await acts.post("/livelihood-activities", livelihood([a]), ("township:xinzhuang",))
    assert problem(r, 403) == "您只能办理本乡镇的民生实事，该事项属于乡镇“hekou”。"
    r = await acts.post(f"/livelihood-activities/{UNKNOWN}/verify", {})
    assert problem(r, 404) == f"民生实事（编号 {UNKNOWN}）不存在，请核对编号"


async def test_enterprise_visits_and_liaison_contacts(acts: Acts) -> None:
    a = await acts.member("chengguan", "张三")
    b = await acts.member("xinzhuang", "李四")
    visit = {
        "visited_member_ids": [a],
        "visitor_member_ids": [b],
        "enterprise_name": "城关镇农业合作社",
        "township_id": "chengguan",
        "visit_date": "2025-05-02",
        "notes": "了解用工情况",
    }
    v = (await acts.ok("/enterprise-visits", visit, ("township:chengguan",)))["id"]
    body = await acts.read(f"/enterprise-visits/{v}", (f"member:{b}",))
    assert {(m["member_id"], m["role_label"]) for m in body["members"]} == {
        (a, "被走访委员"),
        (b, "走访人"),
    }
    r = await acts.post("/enterprise-visits", visit | {"visitor_member_ids": [a]})
    assert problem(r, 422) == "被走访的委员不能同时是走访人，请检查名单"
    r = await acts.post("/enterprise-visits", visit, ("township:hekou",))
    assert "该事项属于乡镇“chengguan”" in problem(r, 403)

    contact = {
        "contact_kind": "hometown_notable",
        "contact_name": "陈先生",
        "member_ids": [a],
        "township_id": "chengguan",
        "contact_date": "2025-05-03",
        "mode": "phone",
    }
    c = (await acts.ok("/liaison-contacts", contact, (f"member:{a}",)))["id"]
    [listed] = await acts.read(
        "/liaison-contacts", ("township:chengguan",), kind="hometown_notable"
    )
    assert (listed["record_id"], listed["kind_label"], listed["title"]) == (c, "在外乡贤", "陈先生")
    r = await acts.post("/liaison-contacts", contact | {"mode": "letter"})
    assert problem(r, 422).startswith("联系方式“letter”无效")
    r = await acts.post("/liaison-contacts", contact | {"phone": "138"})
    assert "不认识的字段“phone”" in problem(r, 422)
    assert "不存在" in problem(await acts.get(f"/liaison-contacts/{UNKNOWN}"), 404)


async def test_excellence_campaign(acts: Acts) -> None:
    a = await acts.member("chengguan", "张三")
    b = await acts.member("xinzhuang", "李四")
    url = "/excellence/2025/nominations"
    own = ("township:chengguan",)
    n = await acts.ok(
        url, {"category": "excellent_member", "nominee_id": a, "reason": "履职积极"}, own
    )
    group = {"category": "excellent_liaison_group", "nominee_id": "chengguan", "reason": "活动扎实"}
    await acts.ok(url, group, own)
    proposal = {
        "category": "excellent_proposal",
        "nominee_id": "P-2025-001",
        "nominee_name": "关于加强农田水利建设的提案",
        "member_ids": [b],
        "reason": "办理成效好",
    }
    p = await acts.ok(url, proposal)
    r = await acts.post(url, {"category": "excellent_member", "nominee_id": b, "reason": "好"}, own)
    assert problem(r, 403) == "您只能推荐本乡镇联络组的委员或联络组，被推荐对象属于“xinzhuang”。"
    r = await acts.post(url, proposal, own)
    assert "其他类别由县政协机关推荐" in problem(r, 403)
    r = await acts.post(url, {"category": "excellent_member", "nominee_id": a, "reason": "再次"})
    assert problem(r, 409) == f"2025 年度“优秀政协委员”已推荐过该对象（编号 {a}），不能重复推荐"

    award = f"/excellence/2025/nominations/{n['id']}/awards"
    await acts.ok(award, {"level": "county", "award_title": "2025年度优秀政协委员"})
    await acts.ok(award, {"level": "city"})
    assert "已获县级" in problem(await acts.post(award, {"level": "county"}), 409)
    assert "权限" in problem(await acts.post(award, {"level": "province"}, own), 403)
    r = await acts.post(f"/excellence/2025/nominations/{UNKNOWN}/awards", {"level": "county"})
    assert "没有编号为" in problem(r, 404)

    body = await acts.read(f"/excellence/nominations/{n['id']}", (f"member:{a}",))
    assert body["status"] == "awarded"
    assert [(i["status"], i["status_label"]) for i in body["items"]] == [
        ("county", "县级"),
        ("city", "市级"),
    ]
    awarded = await acts.read("/excellence", year=2025, status="awarded")
    assert [x["record_id"] for x in awarded] == [n["id"]]
    seen = await acts.read("/excellence", ("township:xinzhuang",), year=2025)
    assert [x["record_id"] for x in seen] == [p["id"]]
    r = await acts.post("/excellence/2099/nominations", group | {"nominee_id": "hekou"})
    assert problem(r, 422).startswith("争先创优年度 2099 无效")
    for nominee in (UNKNOWN, "zhangsan"):
        body = {"category": "excellent_member", "nominee_id": nominee, "reason": "好"}
        assert "不存在" in problem(await acts.post(url, body, own), 404)
    r = await acts.post(url, group | {"nominee_id": "shanxia"})
    assert problem(r, 404) == "乡镇“shanxia”尚未设立政协联络组，请核对被推荐联络组编号"
