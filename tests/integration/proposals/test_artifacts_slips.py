"""一表一单 over HTTP: assignment slips, supervision slips, feedback forms — and who sees them."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import httpx

from services.proposals.domain.calendar import WorkCalendar

from .helpers import Members, auth, member, office, submitted, township
from .test_artifacts_support import ADMIN, detail, get, post, registered_proposal, unit

UNITS = [
    {"unit_id": "zjj", "unit_name": "县住建局", "role": "lead"},
    {"unit_id": "hbj", "unit_name": "县生态环境分局", "role": "co"},
]


async def test_assignment_slip_is_issued_and_seen_by_its_units_and_township(
    client: httpx.AsyncClient, members: Members
) -> None:
    await members.register("m1", "张三", "chengguan")
    pid, _ = await registered_proposal(client, members, "m1")
    body = {
        "proposal_id": pid,
        "units": UNITS,
        "deadline": "2026-12-31",
        "supervising_leader": "李副主席",
    }
    r = await post(client, "/assignment-slips", office(), body)
    assert r.status_code == 201, r.text
    slip_id, seq = r.json()["id"], r.json()["seq"]
    again = await post(client, "/assignment-slips", office(), body)
    assert (
        again.status_code == 201
        and again.json()["id"] == slip_id
        and again.json()["event_ids"] == []
    )

    r = await get(client, f"/assignment-slips/{slip_id}", unit("hbj"), seq)
    slip = r.json()
    assert slip["proposal"] == {
        "proposal_id": pid,
        "serial_no": "10-3-D001",
        "title": "关于加快农村生活污水治理的建议",
        "township_id": "chengguan",
    }
    assert slip["revision"] == 1 and slip["deadline"] == "2026-12-31"
    assert slip["units"][0] == {
        "unit_id": "zjj",
        "unit_name": "县住建局",
        "role": {"code": "lead", "label": "主办"},
    }
    assert len((await get(client, "/assignment-slips", township("chengguan"), seq)).json()) == 1
    assert (await get(client, "/assignment-slips", township("hexi"), seq)).json() == []
    assert (await get(client, "/assignment-slips", unit("gaj"), seq)).json() == []
    r = await get(client, f"/assignment-slips/{slip_id}", unit("gaj"), seq)
    assert r.status_code == 404 and detail(r) == "未找到该交办单，请核对编号"
    r = await get(client, "/assignment-slips", member("m1"), seq)
    assert r.status_code == 403

    moved = {**body, "units": [{"unit_id": "nyj", "unit_name": "县农业农村局", "role": "sole"}]}
    r = await post(client, "/assignment-slips", ADMIN, moved)
    r = await get(client, "/assignment-slips", office(), r.json()["seq"], proposal_id=pid)
    [latest] = r.json()
    assert latest["revision"] == 2 and [u["unit_id"] for u in latest["units"]] == ["nyj"]
    assert (await get(client, "/assignment-slips", unit("zjj"), 0)).json() == []


async def test_assignment_slip_errors(client: httpx.AsyncClient, members: Members) -> None:
    await members.register("m1", "张三", "chengguan")
    pending = await submitted(client, members, "m1")
    r = await post(client, "/assignment-slips", office(), {"proposal_id": pending, "units": UNITS})
    assert r.status_code == 409
    assert (
        detail(r)
        == "提案“关于加快农村生活污水治理的建议”当前状态为“已提交”，尚未立案，不能出具交办单"
    )
    r = await post(client, "/assignment-slips", office(), {"proposal_id": "nope", "units": UNITS})
    assert r.status_code == 404 and detail(r) == "未找到该提案，请核对提案编号后重试（nope）"
    r = await post(
        client, "/assignment-slips", member("m1"), {"proposal_id": pending, "units": UNITS}
    )
    assert r.status_code == 403 and detail(r) == "只有提案委员会或政协机关工作人员可以出具交办单。"
    r = await post(client, "/assignment-slips", office(), {"proposal_id": pending, "units": []})
    assert r.status_code == 422 and "units" in detail(r)
    r = await post(client, "/assignment-slips", office(), {"proposal_id": "a.b", "units": UNITS})
    assert r.status_code == 422 and "proposal_id" in detail(r)
    pid, _ = await registered_proposal(client, members, "m1", title="关于改善乡村道路的建议")
    only_co = {"proposal_id": pid, "units": [UNITS[1]]}
    r = await post(client, "/assignment-slips", office(), only_co)
    assert r.status_code == 422 and detail(r) == "有会办单位时必须指定一个主办单位"


def county_today() -> datetime:
    return datetime.now(UTC).astimezone(timezone(timedelta(hours=8)))


async def test_supervision_slip_counts_working_days_and_is_answered_by_its_unit(
    client: httpx.AsyncClient, members: Members
) -> None:
    today = county_today().date()
    holidays = [today + timedelta(days=d) for d in (1, 2, 3)]
    days = {"kind": "holiday", "days": [{"day": str(d)} for d in holidays if d.year == today.year]}
    if days["days"]:
        r = await post(client, f"/calendar/{today.year}/days", ADMIN, days)
        assert r.status_code == 202
        # The slip reads the calendar from its read model: wait until it has the holidays.
        assert (
            await get(client, f"/calendar/{today.year}", ADMIN, r.json()["seq"])
        ).status_code == 200
    expected = WorkCalendar(holidays=frozenset(d for d in holidays if d.year == today.year))
    await members.register("m1", "张三", "chengguan")
    pid, _ = await registered_proposal(client, members, "m1")

    body = {
        "proposal_id": pid,
        "unit_id": "zjj",
        "unit_name": "县住建局",
        "reason": "overdue",
        "requirements": "请书面报告办理进展",
    }
    r = await post(client, "/supervision-slips", office(), body)
    assert r.status_code == 201, r.text
    slip_id, seq = r.json()["id"], r.json()["seq"]
    r = await get(client, f"/supervision-slips/{slip_id}", unit("zjj"), seq)
    slip = r.json()
    assert slip["respond_by"] == str(expected.add_workdays(today, 5))
    assert slip["reason"] == {"code": "overdue", "label": "逾期未办复"}
    assert slip["status"]["label"] == "待回复"

    r = await post(client, f"/supervision-slips/{slip_id}/answer", unit("hbj"), {"response": "x"})
    assert r.status_code == 403 and detail(r) == "该督办单不是发给本单位的，不能回复。"
    r = await post(client, f"/supervision-slips/{slip_id}/answer", office(), {"response": "x"})
    assert r.status_code == 403 and detail(r) == "只有被督办的承办单位可以回复督办单。"
    r = await post(
        client, f"/supervision-slips/{slip_id}/answer", unit("zjj"), {"response": "已完成方案"}
    )
    assert r.status_code == 202
    r = await get(client, "/supervision-slips", township("chengguan"), r.json()["seq"])
    [answered] = r.json()
    assert answered["status"]["label"] == "已回复" and answered["response"] == "已完成方案"
    r = await post(
        client, f"/supervision-slips/{slip_id}/answer", unit("zjj"), {"response": "again"}
    )
    assert r.status_code == 409 and detail(r) == "该督办单已回复，不能重复回复"
    r = await post(client, "/supervision-slips/nope/answer", unit("zjj"), {"response": "x"})
    assert r.status_code == 404 and detail(r) == "未找到该督办单，请核对督办单编号"
    assert (await get(client, "/supervision-slips", unit("hbj"), 0)).json() == []
    r = await post(client, "/supervision-slips", office(), {**body, "reason": "late"})
    assert r.status_code == 422 and detail(r).startswith("督办事由“late”无效")


FORM = {
    "reply_id": "r1",
    "unit_id": "zjj",
    "unit_name": "县住建局",
    "ratings": {"process": "satisfied", "result": "basically_satisfied"},
    "comments": "希望加快进度",
}


async def test_feedback_forms_by_proposers_and_paper_entry(
    client: httpx.AsyncClient, members: Members
) -> None:
    await members.register("m1", "张三", "chengguan")
    await members.register("m2", "李四", "hexi")
    pid, _ = await registered_proposal(
        client, members, "m1", author_kind="joint", co_author_ids=["m2"]
    )
    r = await post(client, "/feedback-forms", member("m1"), {"proposal_id": pid, **FORM})
    assert r.status_code == 201, r.text
    form_id = r.json()["id"]
    r = await post(
        client,
        "/feedback-forms",
        office(),
        {
            "proposal_id": pid,
            **FORM,
            "author_id": "m2",
            "ratings": {"process": "dissatisfied", "result": "dissatisfied"},
        },
    )
    assert r.status_code == 201
    seq = r.json()["seq"]

    r = await get(client, f"/feedback-forms/{form_id}", member("m1"), seq)
    form = r.json()
    assert form["author_id"] == "m1" and form["channel"] == {"code": "online", "label": "网上填写"}
    assert form["ratings"]["result"] == {"code": "basically_satisfied", "label": "基本满意"}
    r = await get(client, "/feedback-forms", member("m2"), seq)
    [paper] = r.json()
    assert paper["channel"]["label"] == "纸质表录入"
    assert len((await get(client, "/feedback-forms", unit("zjj"), seq)).json()) == 2
    assert (
        len((await get(client, "/feedback-forms", township("hexi"), seq)).json()) == 2
    )  # co-author's township
    assert (await get(client, "/feedback-forms", township("dongcun"), seq)).json() == []
    assert (await get(client, f"/feedback-forms/{form_id}", member("m3"), seq)).status_code == 404

    r = await post(client, "/feedback-forms", member("m1"), {"proposal_id": pid, **FORM})
    assert (
        r.status_code == 409 and detail(r) == "该提案人对这份答复的征询意见表已经提交，不能重复提交"
    )
    r = await post(client, "/feedback-forms", member("m3"), {"proposal_id": pid, **FORM})
    assert (
        r.status_code == 422
        and detail(r) == "（m3）不是该提案的提案人，只有提案人可以填写征询意见表"
    )
    r = await post(
        client, "/feedback-forms", member("m1"), {"proposal_id": pid, **FORM, "author_id": "m2"}
    )
    assert r.status_code == 403 and detail(r) == "只有提案人本人可以填写征询意见表。"
    r = await post(
        client, "/feedback-forms", office(), {"proposal_id": pid, **FORM, "reply_id": "r2"}
    )
    assert r.status_code == 422 and detail(r) == "代录纸质征询意见表时请填写提案人（author_id）"
    r = await post(
        client,
        "/feedback-forms",
        member("m1"),
        {"proposal_id": pid, **FORM, "reply_id": "r2", "ratings": {"process": "satisfied"}},
    )
    assert r.status_code == 422 and detail(r) == "请对“办理结果”作出评价"
    r = await client.get("/feedback-forms", headers=auth("ops-1", "ops"))
    assert r.status_code == 403


async def test_assigning_a_proposal_issues_its_slip(
    client: httpx.AsyncClient, members: Members
) -> None:
    """The policy: 交办 (lifecycle) → 交办单 with the tasks' units, roles and due date."""
    await members.register("m1", "张三", "chengguan")
    for unit_id, name in (("zjj", "县住建局"), ("hbj", "县生态环境分局")):
        body = {"unit_id": unit_id, "name": name, "kind": "government_department"}
        r = await post(client, "/handling-units", ADMIN, body)
        assert r.status_code == 201, r.text
    pid, _ = await registered_proposal(client, members, "m1")
    units = [{"unit_id": "zjj", "role": "lead"}, {"unit_id": "hbj", "role": "co"}]
    r = await post(client, f"/proposals/{pid}/assign", ADMIN, {"units": units})
    assert r.status_code == 202, r.text

    slips = await eventually(client, f"/assignment-slips?proposal_id={pid}", unit("zjj"))
    [slip] = slips
    assert slip["revision"] == 1
    assert [(u["unit_id"], u["unit_name"], u["role"]["code"]) for u in slip["units"]] == [
        ("zjj", "县住建局", "lead"),
        ("hbj", "县生态环境分局", "co"),
    ]
    due = datetime.fromisoformat(str(slip["deadline"])).date()
    assert due - county_today().date() >= timedelta(days=80)  # the 3-month reply deadline


async def eventually(
    client: httpx.AsyncClient, path: str, headers: dict[str, str], seconds: float = 5.0
) -> list[dict[str, Any]]:
    """Poll a list until it is not empty (a policy acts after the projection runner)."""
    deadline = asyncio.get_running_loop().time() + seconds
    while True:
        r = await client.get(path, headers=headers)
        assert r.status_code == 200, r.text
        if r.json() or asyncio.get_running_loop().time() > deadline:
            return list(r.json())
        await asyncio.sleep(0.05)
