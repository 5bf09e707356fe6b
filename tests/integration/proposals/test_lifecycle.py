"""The whole 提案 path over HTTP with role tokens: member submits → office registers →
assigning office assigns lead + co → units sign in → co-handler opinion → reply co-signed
and approved → proposer 不满意 → re-handling → 满意 → concluded. Then the audit views."""

from __future__ import annotations

from datetime import timedelta

import httpx

from services.proposals.api.params import today as county_today

from .helpers import Members, member, office, read, township
from .lifecycle_support import (
    REPLY,
    assigning,
    ok,
    post,
    register_member,
    register_units,
    registered,
    supervising,
    unit,
)


async def test_full_path_from_submission_to_conclusion(
    client: httpx.AsyncClient, members: Members
) -> None:
    await register_member(members, "m1", "张三", "chengguan", work_unit="县住房和城乡建设局")
    await register_units(client)
    pid, serial = await registered(client, members, "m1")
    assert serial == "10-3-D001"

    units = [{"unit_id": "zhujianju", "role": "lead"}, {"unit_id": "huanbao", "role": "co"}]
    r = await client.post(f"/proposals/{pid}/assign", json={"units": units}, headers=office())
    assert r.status_code == 403 and "交办机关" in r.json()["detail"]
    assigned = await post(client, f"/proposals/{pid}/assign", assigning(), {"units": units})
    assert assigned["warnings"] and "回娘家" in assigned["warnings"][0]

    task = f"/proposals/{pid}/tasks"
    r = await client.post(f"{task}/t1/accept", headers=unit("huanbao"))
    assert r.status_code == 403 and "县住房和城乡建设局" in r.json()["detail"]
    await post(client, f"{task}/t1/accept", unit("zhujianju"))
    await post(client, f"{task}/t2/accept", unit("huanbao"))
    await post(client, f"{task}/t2/co-opinion", unit("huanbao"), {"opinion": "同意，配合落实"})

    r = await client.post(f"{task}/t2/reply", json=REPLY, headers=unit("huanbao"))
    assert r.status_code == 409 and r.json()["detail"].startswith("会办单位不直接答复提案者")
    await post(client, f"{task}/t1/reply", unit("zhujianju"), REPLY)
    r = await client.post(f"{task}/t1/reply/submit", headers=unit("zhujianju"))
    assert r.status_code == 409 and "请先请会办单位会签答复" in r.json()["detail"]
    await post(client, f"{task}/t1/reply/cosign-request", unit("zhujianju"))
    await post(client, f"{task}/t2/cosign", unit("huanbao"), {"note": "同意"})
    await post(client, f"{task}/t1/reply/submit", unit("zhujianju"))
    r = await client.post(f"{task}/t1/reply/approve", headers=unit("zhujianju"))
    assert r.status_code == 403 and "督办部门" in r.json()["detail"]
    replied = await post(client, f"{task}/t1/reply/approve", supervising(), {"result_class": "A"})

    detail = ok(await read(client, f"/proposals/{pid}", member("m1"), replied["seq"]), 200)
    assert detail["status"] == {"code": "replied", "label": "已答复"}
    [reply] = detail["replies"]
    assert reply["result_class"] == {"code": "A", "label": "所提问题已经解决或基本解决"}
    assert reply["cosigned_unit_ids"] == ["huanbao"] and reply["status"]["label"] == "已答复"
    assert [t["role"]["label"] for t in detail["tasks"]] == ["主办", "会办"]
    assert detail["tasks"][1]["co_opinion"] is None  # the co-opinion stays with the units

    reply_path = f"/proposals/{pid}/replies/t1-1"
    r = await client.post(
        f"{reply_path}/evaluation", json={"result_satisfaction": "satisfied"}, headers=member("m1")
    )
    assert r.status_code == 422 and "请选择办理工作满意度" in r.json()["detail"]
    evaluation = {
        "process_satisfaction": "basically_satisfied",
        "result_satisfaction": "dissatisfied",
    }
    rehandle = await post(client, f"{reply_path}/evaluation", member("m1"), evaluation)
    detail = ok(await read(client, f"/proposals/{pid}", unit("zhujianju"), rehandle["seq"]), 200)
    assert detail["status"]["label"] == "重新办理"
    assert [t["phase"]["code"] for t in detail["tasks"]] == ["rehandling", "accepted"]

    second = {**REPLY, "doc_no": "建提〔2026〕12号之二", "result_class": "A"}
    await post(client, f"{task}/t1/reply", unit("zhujianju"), second)
    await post(client, f"{task}/t1/reply/cosign-request", unit("zhujianju"))
    await post(client, f"{task}/t2/cosign", unit("huanbao"))
    await post(client, f"{task}/t1/reply/submit", unit("zhujianju"))
    await post(client, f"{task}/t1/reply/approve", supervising())
    satisfied = {"process_satisfaction": "satisfied", "result_satisfaction": "satisfied"}
    done = await post(client, f"/proposals/{pid}/replies/t1-2/evaluation", member("m1"), satisfied)

    detail = ok(await read(client, f"/proposals/{pid}", member("m1"), done["seq"]), 200)
    assert detail["status"] == {"code": "concluded", "label": "已办结"}
    assert detail["conclusion"]["code"] == "evaluations"
    assert [r["reply_id"] for r in detail["replies"]] == ["t1-1", "t1-2"]
    assert detail["replies"][0]["evaluations"][0]["result_satisfaction"]["label"] == "不满意"
    r = await client.post(f"{task}/t1/accept", headers=unit("zhujianju"))
    assert r.status_code == 409 and r.json()["detail"] == "提案当前状态为“已办结”，不能签收"

    await _audit_views(client, pid, done["seq"])


async def _audit_views(client: httpx.AsyncClient, pid: str, seq: int) -> None:
    r = await client.get(f"/proposals/{pid}/history", headers=unit("zhujianju"))
    history = ok(r, 200)["events"]
    names = [e["event"] for e in history]
    assert names[:3] == ["submitted", "registered", "assigned"]
    assert "rehandling_ordered" in names and names[-1] == "concluded"
    assert history[-1]["label"] == "办结" and history[-1]["actor"] == "member:m1"
    assert all(e["time"] for e in history)
    r = await client.get(f"/proposals/{pid}/history", headers=township("chengguan"))
    assert r.status_code == 403

    yesterday = (county_today() - timedelta(days=1)).isoformat()
    r = await client.get(f"/proposals/{pid}", headers=office(), params={"as_of": yesterday})
    assert r.status_code == 404 and "尚未起草或提交" in r.json()["detail"]
    tomorrow = (county_today() + timedelta(days=1)).isoformat()
    r = await client.get(f"/proposals/{pid}", headers=office(), params={"as_of": tomorrow})
    as_of = ok(r, 200)
    assert as_of["as_of"] == tomorrow and as_of["status"]["code"] == "concluded"
    assert [t["phase"]["code"] for t in as_of["tasks"]] == ["concluded", "concluded"]
