"""Constituent links and training over HTTP: flows, quotas, 403/404/409/422."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date
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
        await a.group("chengguan")
        await a.group("xinzhuang")
        yield a


def link(member_id: str, name: str, **more: object) -> dict[str, object]:
    return {"member_id": member_id, "category": "种植大户", "name": name, **more}


async def test_links_quota_and_masking(acts: Acts) -> None:
    member = await acts.member("chengguan")
    self_ = (f"member:{member}",)
    first = await acts.ok(
        "/constituent-links", link(member, "王大户", contact="13812345678"), self_
    )
    await acts.ok("/constituent-links", link(member, "李大户"), ("township:chengguan",))
    await acts.visit(member, "chengguan", visit_date=date(2025, 4, 1))

    summary = await acts.read(f"/constituent-links/members/{member}", self_, year=2025)
    assert (summary["links_active"], summary["links_quota"], summary["links_quota_met"]) == (
        2,
        3,
        False,
    )
    assert (summary["constituent_visits"], summary["constituent_visits_quota"]) == (1, 4)
    masked = {x["details"]["name"]: x["details"]["contact_masked"] for x in summary["links"]}
    assert masked == {"王大户": "138****5678", "李大户": None}

    r = await acts.post("/constituent-links", link(member, "王大户"))
    assert problem(r, 409) == "委员 张三 已在固定联系“种植大户”王大户，无需重复登记"
    await acts.ok(f"/constituent-links/{first['id']}/end", {"reason": "外出务工"}, self_)
    r = await acts.post(f"/constituent-links/{first['id']}/end", {})
    assert problem(r, 409) == "该界别群众的固定联系已经结束，无需再次结束"
    ended = await acts.read("/constituent-links", member_id=member, status="ended")
    assert [(x["record_id"], x["status_note"]) for x in ended] == [(first["id"], "外出务工")]

    acts.configure(constituent_links_min=1, constituent_links_max=1)
    r = await acts.post("/constituent-links", link(member, "赵大户"))
    assert "已达上限 1 名" in problem(r, 409)


async def test_link_errors(acts: Acts) -> None:
    member = await acts.member("chengguan")
    r = await acts.post("/constituent-links", {"member_id": member})
    assert "缺少必填字段“category”" in problem(r, 422)
    r = await acts.post("/constituent-links", link(member, "王", contact="abc"))
    assert problem(r, 422).startswith("联系方式“abc”格式不正确")
    r = await acts.post("/constituent-links", link(UNKNOWN, "王"))
    assert "不存在" in problem(r, 404)
    r = await acts.post("/constituent-links", link(member, "王"), ("township:xinzhuang",))
    assert "委员所属联络组" in problem(r, 403)
    assert problem(await acts.post(f"/constituent-links/{UNKNOWN}/end", {}), 404)
    r = await acts.get(f"/constituent-links/members/{UNKNOWN}")
    assert "不存在" in problem(r, 404)
    r = await acts.get(f"/constituent-links/members/{member}", ("township:xinzhuang",))
    assert "无权查看" in problem(r, 403)


def training(**more: object) -> dict[str, object]:
    body: dict[str, object] = {
        "kind": "member_main_training",
        "title": "2025年度委员主体培训班",
        "start_date": "2025-05-10",
        "end_date": "2025-05-12",
        "location": "县委党校",
        "curriculum": ["新时代人民政协理论"],
    }
    return body | more


async def test_training_schedule_and_attendance(acts: Acts) -> None:
    a = await acts.member("chengguan", "张三")
    b = await acts.member("xinzhuang", "李四")
    county = (await acts.ok("/trainings", training()))["id"]
    local = (
        await acts.ok(
            "/trainings",
            training(kind="study_session", title="城关镇学习会", township_id="chengguan"),
            ("township:chengguan",),
        )
    )["id"]
    await acts.ok(f"/trainings/{county}/attendance", {"member_id": a}, ("township:chengguan",))
    await acts.ok(f"/trainings/{county}/attendance", {"member_id": b, "full_attendance": False})
    r = await acts.post(f"/trainings/{county}/attendance", {"member_id": a})
    assert problem(r, 409).endswith("的出勤已登记，不能重复登记")
    r = await acts.post(f"/trainings/{local}/attendance", {"member_id": a}, ("township:xinzhuang",))
    assert problem(r, 403) == "您只能办理本乡镇的培训出勤，该事项属于乡镇“chengguan”。"

    body = await acts.read(f"/trainings/{county}", (f"member:{b}",))
    assert body["kind_label"] == "委员主体培训班" and body["details"]["location"] == "县委党校"
    attendance = {m["member_id"]: m["full_attendance"] for m in body["members"]}
    assert attendance == {a: True, b: False}
    seen = await acts.read("/trainings", ("township:xinzhuang",))
    assert [t["record_id"] for t in seen] == [county]
    r = await acts.get(f"/trainings/{local}", ("township:xinzhuang",))
    assert "无权查看该培训班" in problem(r, 403)


async def test_training_errors(acts: Acts) -> None:
    member = await acts.member("chengguan")
    r = await acts.post("/trainings", training(end_date="2025-05-01"))
    assert problem(r, 422) == "结束日期 2025-05-01 早于开始日期 2025-05-10，请核对培训日期"
    r = await acts.post("/trainings", training(kind="party"))
    assert problem(r, 422).startswith("培训类型“party”无效")
    r = await acts.post("/trainings", training(start_date="明天"))
    assert "start_date" in problem(r, 422)
    r = await acts.post("/trainings", training(), ("township:chengguan",))
    assert "县级培训班由县政协机关排期" in problem(r, 403)
    r = await acts.post("/trainings", training(township_id="hekou"))
    assert problem(r, 404) == "乡镇“hekou”尚未设立政协联络组，请核对举办乡镇编号"
    future = await acts.ok("/trainings", training(start_date="2099-01-01", end_date="2099-01-02"))
    r = await acts.post(f"/trainings/{future['id']}/attendance", {"member_id": member})
    assert "尚未开始，不能登记出勤" in problem(r, 409)
    r = await acts.post(f"/trainings/{UNKNOWN}/attendance", {"member_id": member})
    assert problem(r, 404) == f"培训班（编号 {UNKNOWN}）不存在，请核对培训班编号"
    r = await acts.post(f"/trainings/{future['id']}/attendance", {"member_id": "m1"})
    assert "member_id" in problem(r, 422)
