"""Key-proposal supervision and handling consultations over HTTP."""

from __future__ import annotations

import httpx

from .helpers import Members, member, office, submitted, township
from .test_artifacts_support import detail, get, post, registered_proposal, unit

PLAN = {
    "supervising_leader": "王主席",
    "modes": ["site_inspection", "symposium"],
    "planned_on": "2026-04-15",
    "plan": "实地视察污水处理站",
}
ACTIVITY = {
    "mode": "site_inspection",
    "held_on": "2026-01-05",
    "participants": ["王主席", "县住建局 张局长"],
    "findings": "三个村管网未接通",
}


async def test_key_proposal_supervision_from_plan_to_report(
    client: httpx.AsyncClient, members: Members
) -> None:
    await members.register("m1", "张三", "chengguan")
    pid, _ = await registered_proposal(client, members, "m1")
    r = await post(client, "/key-proposal-supervisions", office(), {"proposal_id": pid, **PLAN})
    assert r.status_code == 201, r.text
    sid = r.json()["id"]
    for mode in ("site_inspection", "symposium"):
        r = await post(
            client,
            f"/key-proposal-supervisions/{sid}/activities",
            office(),
            {**ACTIVITY, "mode": mode},
        )
        assert r.status_code == 202, r.text
    r = await post(
        client,
        f"/key-proposal-supervisions/{sid}/report",
        office(),
        {"report": "督办取得阶段性成效"},
    )
    assert r.status_code == 202
    seq = r.json()["seq"]

    r = await get(client, f"/key-proposal-supervisions/{sid}", township("chengguan"), seq)
    record = r.json()
    assert record["status"] == {"code": "reported", "label": "已报送督办报告"}
    assert [m["label"] for m in record["modes"]] == ["实地视察", "协商座谈"]
    assert [a["mode"]["code"] for a in record["activities"]] == ["site_inspection", "symposium"]
    assert record["activities"][0]["participants"] == ["王主席", "县住建局 张局长"]
    assert record["report"] == "督办取得阶段性成效" and record["reported_at"]
    assert (await get(client, "/key-proposal-supervisions", township("hexi"), seq)).json() == []
    r = await get(client, "/key-proposal-supervisions", office(), seq, proposal_id=pid)
    assert [x["supervision_id"] for x in r.json()] == [sid]

    r = await post(client, f"/key-proposal-supervisions/{sid}/activities", office(), ACTIVITY)
    assert r.status_code == 409 and detail(r) == "督办报告已报送，督办工作已结束，不能记录督办活动"


async def test_key_supervision_errors(client: httpx.AsyncClient, members: Members) -> None:
    await members.register("m1", "张三", "chengguan")
    pid, _ = await registered_proposal(client, members, "m1")
    r = await post(
        client, "/key-proposal-supervisions", township("chengguan"), {"proposal_id": pid, **PLAN}
    )
    assert (
        r.status_code == 403
        and detail(r) == "只有提案委员会或政协机关工作人员可以登记重点提案督办。"
    )
    r = await client.get("/key-proposal-supervisions", headers=member("m1"))
    assert r.status_code == 403
    r = await post(
        client,
        "/key-proposal-supervisions",
        office(),
        {"proposal_id": pid, **PLAN, "modes": ["call"]},
    )
    assert r.status_code == 422 and detail(r).startswith("督办方式“call”无效")
    r = await post(
        client, "/key-proposal-supervisions", office(), {"proposal_id": pid, **PLAN, "modes": []}
    )
    assert r.status_code == 422
    sid = (
        await post(client, "/key-proposal-supervisions", office(), {"proposal_id": pid, **PLAN})
    ).json()["id"]
    r = await post(client, f"/key-proposal-supervisions/{sid}/report", office(), {"report": "r"})
    assert r.status_code == 409 and detail(r) == "尚未记录督办活动，请先记录督办活动再报送督办报告"
    r = await post(client, "/key-proposal-supervisions/nope/activities", office(), ACTIVITY)
    assert r.status_code == 404 and detail(r) == "未找到该督办记录，请核对编号"
    assert (await get(client, "/key-proposal-supervisions/nope", office(), 0)).status_code == 404


CONSULTATION = {
    "format": "counterpart",
    "held_at": "2026-01-05T02:00:00Z",
    "participants": [
        {"name": "张三", "affiliation": "提案人"},
        {"name": "李局长", "affiliation": "县住建局"},
    ],
    "minutes": "双方就管网建设进度达成一致",
    "agreements": ["年内完成三个村管网接通"],
}


async def test_a_consultation_about_proposals_of_two_townships(
    client: httpx.AsyncClient, members: Members
) -> None:
    await members.register("m1", "张三", "chengguan")
    await members.register("m2", "李四", "hexi")
    p1, _ = await registered_proposal(client, members, "m1")
    p2, _ = await registered_proposal(client, members, "m2", title="关于改善乡村道路的建议")
    r = await post(
        client, "/handling-consultations", office(), {"proposal_ids": [p1, p2], **CONSULTATION}
    )
    assert r.status_code == 201, r.text
    cid, seq = r.json()["id"], r.json()["seq"]

    for t in ("chengguan", "hexi"):
        r = await get(client, "/handling-consultations", township(t), seq)
        assert [c["consultation_id"] for c in r.json()] == [cid]
    assert (await get(client, "/handling-consultations", township("dongcun"), seq)).json() == []
    r = await get(client, f"/handling-consultations/{cid}", office(), seq)
    record = r.json()
    assert record["format"] == {"code": "counterpart", "label": "对口协商"}
    assert [p["serial_no"] for p in record["proposals"]] == ["10-3-D001", "10-3-D002"]
    assert record["participants"][1] == {"name": "李局长", "affiliation": "县住建局"}
    assert record["agreements"] == ["年内完成三个村管网接通"]
    assert record["held_at"].startswith("2026-01-05T02:00:00")
    r = await get(client, "/handling-consultations", office(), seq, proposal_id=p2)
    assert len(r.json()) == 1


async def test_consultation_errors(client: httpx.AsyncClient, members: Members) -> None:
    await members.register("m1", "张三", "chengguan")
    pending = await submitted(client, members, "m1")
    r = await post(
        client, "/handling-consultations", office(), {"proposal_ids": [pending], **CONSULTATION}
    )
    assert r.status_code == 409 and detail(r).endswith("尚未立案，不能登记办理协商")
    r = await post(
        client, "/handling-consultations", office(), {"proposal_ids": ["nope"], **CONSULTATION}
    )
    assert r.status_code == 404 and detail(r) == "未找到该提案，请核对提案编号后重试（nope）"
    r = await post(
        client, "/handling-consultations", unit("zjj"), {"proposal_ids": [pending], **CONSULTATION}
    )
    assert (
        r.status_code == 403 and detail(r) == "只有提案委员会或政协机关工作人员可以登记办理协商。"
    )
    r = await post(
        client,
        "/handling-consultations",
        office(),
        {"proposal_ids": [pending], **CONSULTATION, "held_at": "2026-01-05T10:00:00"},
    )
    assert r.status_code == 422  # a time without its zone
    pid, _ = await registered_proposal(client, members, "m1", title="关于改善乡村道路的建议")
    r = await post(
        client,
        "/handling-consultations",
        office(),
        {"proposal_ids": [pid], **CONSULTATION, "format": "online"},
    )
    assert r.status_code == 422 and detail(r).startswith("协商形式“online”无效")
    r = await client.get("/handling-consultations", headers=unit("zjj"))
    assert r.status_code == 403
    r = await get(client, "/handling-consultations/nope", office(), 0)
    assert r.status_code == 404 and detail(r) == "未找到该办理协商记录，请核对编号"
