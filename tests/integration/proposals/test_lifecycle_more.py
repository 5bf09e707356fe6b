"""Drafts and co-signing, handling units and their inboxes, list filters (unit, key,
class, overdue as of a day), 退办/改交, 并案, routing to 社情民意, and a rebuild of the
lifecycle read models — over HTTP with role tokens."""

from __future__ import annotations

from datetime import date, timedelta

import httpx
from fastapi import FastAPI

from services.proposals.api.params import today as county_today
from shared.runner import compare_tables
from shared.service import ServiceRuntime
from shared.streams import last_sequence

from .helpers import Members, member, office, proposal, read, township
from .lifecycle_support import (
    REPLY,
    admin,
    assigning,
    ok,
    post,
    register_member,
    register_units,
    registered,
    supervising,
    unit,
)


async def listed(
    client: httpx.AsyncClient, headers: dict[str, str], seq: int, **params: object
) -> set[str]:
    r = await read(client, "/proposals", headers, seq, **params)
    return {i["proposal_id"] for i in ok(r, 200)["items"]}


async def test_draft_cosign_submit_return_and_resubmit(
    client: httpx.AsyncClient, members: Members
) -> None:
    for mid, name, town in (("m1", "张三", "chengguan"), ("m2", "李四", "xinzhuang")):
        await register_member(members, mid, name, town)
    await register_member(members, "m3", "王五", "hexi")
    draft = {k: v for k, v in proposal(author_kind="joint").items() if k != "body"}
    draft["body"] = {"situation": "收集率偏低。"}
    params = {"min_seq": members.min_seq}
    pid = ok(
        await client.post("/proposals/drafts", json=draft, headers=member("m1"), params=params), 201
    )["id"]
    await post(client, f"/proposals/{pid}/cosigners", member("m1"), {"member_ids": ["m2", "m3"]})
    r = await client.post(f"/proposals/{pid}/cosigners/m2/sign", headers=member("m3"))
    assert r.status_code == 403 and r.json()["detail"] == "只有受邀委员本人可以签名"
    seq = (await post(client, f"/proposals/{pid}/cosigners/m2/sign", member("m2")))["seq"]

    assert await listed(client, office(), seq) == set()  # a draft is its authors' own
    assert await listed(client, member("m3"), seq) == {pid}  # …and its invitees'
    detail = ok(await read(client, f"/proposals/{pid}", member("m2"), seq), 200)
    assert [(c["member_id"], c["status"]["code"]) for c in detail["cosigners"]] == [
        ("m2", "signed"),
        ("m3", "invited"),
    ]
    r = await client.post(f"/proposals/{pid}/submit", headers=member("m1"))
    assert r.status_code == 422 and "缺少“具体建议”" in r.json()["detail"]
    content = ("author_kind", "title", "category", "period", "suggested_units")
    edited = {k: draft[k] for k in content}
    edited["body"] = {"situation": "收集率偏低。", "suggestions": "加快管网建设。"}
    r = await client.put(f"/proposals/{pid}/draft", json=edited, headers=member("m1"))
    assert r.status_code == 409 and "撤回尚未签名的联名邀请" in r.json()["detail"]
    await post(client, f"/proposals/{pid}/cosigners/m3/cancel", member("m1"))
    r = await client.put(f"/proposals/{pid}/draft", json=edited, headers=member("m1"))
    assert r.status_code == 202, r.text
    await post(client, f"/proposals/{pid}/submit", member("m1"))

    await post(client, f"/proposals/{pid}/review", office())
    opinion = {"stage": "first_review", "opinion": "建议补充可行性分析"}
    await post(client, f"/proposals/{pid}/review-opinions", office(), opinion)
    r = await client.post(
        f"/proposals/{pid}/review-opinions",
        json={**opinion, "stage": "final_review"},
        headers=office(),
    )
    assert r.status_code == 409 and "请先记录“会审”意见" in r.json()["detail"]
    seq = (
        await post(client, f"/proposals/{pid}/return", office(), {"reason": "请补充可行性分析"})
    )["seq"]
    back = ok(await read(client, f"/proposals/{pid}", member("m1"), seq), 200)
    assert (back["status"]["code"], back["returned_reason"]) == ("draft", "请补充可行性分析")
    assert [a["member_id"] for a in back["authors"]] == ["m1", "m2"]
    assert await listed(client, office(), seq) == {pid}  # once submitted, the office keeps it
    seq = (await post(client, f"/proposals/{pid}/submit", member("m1")))["seq"]
    again = ok(await read(client, f"/proposals/{pid}", township("xinzhuang"), seq), 200)
    assert again["status"]["code"] == "submitted" and again["returned_reason"] is None


async def test_units_inbox_filters_and_overdue(client: httpx.AsyncClient, members: Members) -> None:
    await register_member(members, "m1", "张三", "chengguan")
    r = await client.post(
        "/handling-units", json={"unit_id": "x1", "name": "x", "kind": "court"}, headers=office()
    )
    assert r.status_code == 403 and "承办单位名录" in r.json()["detail"]
    await register_units(client)
    r = await client.post(
        "/handling-units",
        json={"unit_id": "zhujianju", "name": "重复", "kind": "court"},
        headers=admin(),
    )
    assert r.status_code == 409 and "已被“县住房和城乡建设局”使用" in r.json()["detail"]
    await post(client, "/handling-units/jiaotong/rename", admin(), {"name": "县交通局"})
    await post(client, "/handling-units/huanbao/deactivate", admin(), {"reason": "机构改革"})

    a, _ = await registered(client, members, "m1")
    b, _ = await registered(client, members, "m1", category="society")
    await post(client, f"/proposals/{a}/key", office(), {"supervising_leader_ids": ["chair-1"]})
    r = await client.post(
        f"/proposals/{a}/assign",
        json={"units": [{"unit_id": "huanbao", "role": "sole"}]},
        headers=assigning(),
    )
    assert r.status_code == 422 and r.json()["detail"] == "承办单位“县生态环境分局”已停用，不能交办"
    await post(
        client,
        f"/proposals/{a}/assign",
        assigning(),
        {"units": [{"unit_id": "zhujianju", "role": "sole"}]},
    )
    seq = (
        await post(
            client,
            f"/proposals/{b}/assign",
            assigning(),
            {"units": [{"unit_id": "jiaotong", "role": "sole"}]},
        )
    )["seq"]
    await post(client, f"/proposals/{a}/tasks/t1/accept", unit("zhujianju"))
    await post(client, f"/proposals/{a}/tasks/t1/reply", unit("zhujianju"), REPLY)
    await post(client, f"/proposals/{a}/tasks/t1/reply/submit", unit("zhujianju"))
    seq = (await post(client, f"/proposals/{a}/tasks/t1/reply/approve", supervising()))["seq"]

    units = ok(await read(client, "/handling-units", member("m1"), seq), 200)
    assert [(u["unit_id"], u["name"], u["active"]) for u in units] == [
        ("huanbao", "县生态环境分局", False),
        ("jiaotong", "县交通局", True),
        ("zhujianju", "县住房和城乡建设局", True),
    ]
    inbox = ok(await read(client, "/handling-units/zhujianju/tasks", unit("zhujianju"), seq), 200)
    assert inbox["unit_name"] == "县住房和城乡建设局" and inbox["total"] == 1
    [item] = inbox["items"]
    assert (item["proposal_id"], item["phase"]["label"], item["is_key"], item["replied"]) == (
        a,
        "已答复",
        True,
        True,
    )
    r = await client.get("/handling-units/zhujianju/tasks", headers=unit("jiaotong"))
    assert r.status_code == 403 and r.json()["detail"] == "只能查看交给本单位办理的任务。"
    late = (county_today() + timedelta(days=200)).isoformat()
    r = await client.get(
        "/handling-units/jiaotong/tasks",
        headers=assigning(),
        params={"overdue": "true", "as_of": late},
    )
    assert [i["proposal_id"] for i in ok(r, 200)["items"]] == [b]

    assert await listed(client, office(), seq, unit_id="zhujianju") == {a}
    assert await listed(client, assigning(), seq, is_key="true") == {a}
    assert await listed(client, supervising(), seq, result_class="B") == {a}
    assert await listed(client, office(), seq, category="society") == {b}
    assert await listed(client, office(), seq, overdue="true") == set()
    assert await listed(client, office(), seq, overdue="true", as_of=late) == {b}
    r = await read(client, "/proposals", office(), seq, as_of=late)
    flags = {i["proposal_id"]: i["overdue"] for i in ok(r, 200)["items"]}
    assert flags == {a: False, b: True}
    assert await listed(client, unit("jiaotong"), seq) == {b}  # a unit sees what it handles
    r = await client.get(f"/proposals/{a}", headers=unit("jiaotong"))
    assert r.status_code == 403 and "交本单位办理的" in r.json()["detail"]


async def test_return_reassign_extension_contact_and_quality(
    client: httpx.AsyncClient, members: Members
) -> None:
    await register_member(members, "m1", "张三", "chengguan")
    await register_units(client)
    pid, _ = await registered(client, members, "m1")
    task = f"/proposals/{pid}/tasks"
    await post(
        client,
        f"/proposals/{pid}/assign",
        assigning(),
        {"units": [{"unit_id": "huanbao", "role": "sole"}]},
    )
    await post(
        client,
        f"{task}/t1/return-request",
        unit("huanbao"),
        {"reason": "不属本单位职责", "suggested_units": ["县住建局"]},
    )
    r = await client.post(f"{task}/t1/return-approval", json={}, headers=unit("huanbao"))
    assert r.status_code == 403
    reassign = {"reassign_to": [{"unit_id": "zhujianju", "role": "sole"}], "note": "改交住建局"}
    await post(client, f"{task}/t1/return-approval", assigning(), reassign)
    await post(client, f"{task}/t2/accept", unit("zhujianju"))
    await post(
        client,
        f"{task}/t2/extension-request",
        unit("zhujianju"),
        {"months": 1, "reason": "需实地调研"},
    )
    r = await client.post(f"{task}/t2/extension", headers=unit("zhujianju"))
    assert r.status_code == 403
    await post(client, f"{task}/t2/extension", office())
    contact = {"kind": "pre", "mode": "face_to_face", "contacted_on": county_today().isoformat()}
    await post(client, f"{task}/t2/contacts", unit("zhujianju"), contact)
    seq = (await post(client, f"{task}/t2/quality-rating", unit("zhujianju"), {"quality": "good"}))[
        "seq"
    ]

    detail = ok(await read(client, f"/proposals/{pid}", assigning(), seq), 200)
    [returned, current] = detail["tasks"]
    assert (returned["unit_id"], returned["phase"]["code"]) == ("huanbao", "returned")
    assert (current["unit_id"], current["contacts"], current["extension_pending"]) == (
        "zhujianju",
        1,
        False,
    )
    assigned_on = date.fromisoformat(current["assigned_at"][:10])
    assert date.fromisoformat(current["due_on"]) > assigned_on + timedelta(days=110)


async def test_merge_and_decline_to_public_opinion(
    client: httpx.AsyncClient, members: Members
) -> None:
    await register_member(members, "m1", "张三", "chengguan")
    await register_member(members, "m2", "李四", "xinzhuang")
    primary, serial = await registered(client, members, "m1")
    r = await client.post(
        "/proposals", json=proposal(), headers=member("m2"), params={"min_seq": members.min_seq}
    )
    other = ok(r, 201)["id"]
    r = await client.post(
        f"/proposals/{primary}/merge", json={"secondary_ids": [other]}, headers=member("m1")
    )
    assert r.status_code == 403
    seq = (await post(client, f"/proposals/{primary}/merge", office(), {"secondary_ids": [other]}))[
        "seq"
    ]
    merged = ok(await read(client, f"/proposals/{primary}", township("xinzhuang"), seq), 200)
    assert [a["member_id"] for a in merged["authors"]] == ["m1", "m2"] and merged[
        "serial_no"
    ] == serial
    gone = ok(await client.get(f"/proposals/{other}", headers=member("m2")), 200)
    assert (gone["status"]["label"], gone["merged_into_id"]) == ("已并案", primary)

    r = await client.post(
        "/proposals", json=proposal(), headers=member("m1"), params={"min_seq": members.min_seq}
    )
    declined = ok(r, 201)["id"]
    decline = {"reason": "personal_matter", "disposition": "to_public_opinion"}
    seq = (await post(client, f"/proposals/{declined}/decline", office(), decline))["seq"]
    history = ok(await read(client, f"/proposals/{declined}/history", member("m1"), seq), 200)
    converted = history["events"][-1]
    assert (
        converted["event"] == "converted_to_public_opinion"
        and converted["label"] == "转为社情民意信息"
    )
    assert converted["data"]["report_id"] and converted["data"]["author_ids"] == ["m1"]
    hidden = ok(await client.get(f"/proposals/{declined}/history", headers=assigning()), 200)
    assert "reason" not in hidden["events"][1]["data"]


async def test_lifecycle_read_models_rebuild_equal(
    app: FastAPI, client: httpx.AsyncClient, members: Members
) -> None:
    await test_units_inbox_filters_and_overdue(client, members)
    rt: ServiceRuntime = app.state.runtime
    up_to = {s: await last_sequence(rt.nc, s) for s in ("PROPOSALS", "MEMBERS")}
    await read(client, "/proposals", office(), up_to["PROPOSALS"])
    names = {"handling_units", "handling_tasks", "proposal_replies", "proposal_list"}
    for live in [p for p in rt.runner.projections if p.name in names]:
        rebuilt = live.clone("rb_")
        await rt.runner.rebuild(rebuilt, up_to={s: up_to[s] for s in live.sources})
        report = await compare_tables(rt.db, live, rebuilt)
        assert all(a == b and diff == 0 for a, b, diff in report.values()), report
