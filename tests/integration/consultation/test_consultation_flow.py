"""Schedule → hold (with suggestions) → adopt → reads, over HTTP, with MEMBERS reference data."""

from __future__ import annotations

import httpx

from shared.eventstore import EventStore
from tests.integration.consultation.helpers import (
    HELD_ON,
    auth,
    hold_body,
    move_member,
    register_member,
    schedule,
)

ZHANG, LI = "m-zhang", "m-li"
ADMIN = auth("county_admin")
DONG = auth("township:dongcheng")


async def test_schedule_hold_adopt_then_read(
    client: httpx.AsyncClient, members: EventStore
) -> None:
    await register_member(members, ZHANG, "张三", "dongcheng")
    mseq = await register_member(members, LI, "李四", "xicheng")
    created = await schedule(client, roles=("township:dongcheng",))
    cid = created["id"]
    body = hold_body(ZHANG, LI)
    body["participants"][1] = {"member_id": LI, "role": "participant", "township_id": "xicheng"}
    r = await client.post(
        f"/consultations/{cid}/hold?min_seq=MEMBERS:{mseq}", json=body, headers=DONG
    )
    assert r.status_code == 202, r.text
    sid, other = r.json()["suggestion_ids"]
    assert r.json()["id"] == cid and r.json()["seq"] > created["seq"]
    r = await client.post(
        f"/consultations/{cid}/suggestions/{sid}/adopt",
        json={"adopted_by": "县住建局", "adoption": "partially_adopted", "note": "纳入明年计划"},
        headers=DONG,
    )
    assert r.status_code == 202, r.text
    seq = r.json()["seq"]

    r = await client.get(f"/consultations/{cid}?min_seq={seq}", headers=ADMIN)
    assert r.status_code == 200, r.text
    detail = r.json()
    assert detail["status"] == "held" and detail["status_label"] == "已举行"
    assert detail["held_on"] == HELD_ON and detail["type_label"] == "基层协商"
    assert (detail["suggestions_count"], detail["adopted_count"]) == (2, 1)
    people = {p["member_id"]: p for p in detail["participants"]}
    assert people[ZHANG]["township_id"] == "dongcheng"  # filled from the member directory
    assert people[ZHANG]["member_name"] == "张三" and people[ZHANG]["role_label"] == "发言"
    assert people[LI]["township_id"] == "xicheng"
    by_id = {s["suggestion_id"]: s for s in detail["suggestions"]}
    assert by_id[sid]["status"] == "partially_adopted" and by_id[sid]["adopted_by"] == "县住建局"
    assert by_id[other]["status"] == "pending" and by_id[other]["status_label"] == "待反馈"

    r = await client.get(
        f"/consultations?township_id=dongcheng&status=held&min_seq={seq}", headers=DONG
    )
    assert [c["consultation_id"] for c in r.json()] == [cid]
    r = await client.get("/consultations?status=planned", headers=ADMIN)
    assert r.json() == []

    panel = (await client.get("/townships/dongcheng/consultations", headers=DONG)).json()
    assert panel["held_count"] == 1 and panel["adopted_count"] == 1
    assert panel["consultations"][0]["attribution"] == "township"
    assert [s["suggestion_id"] for s in panel["adopted_suggestions"]] == [sid]
    assert panel["adopted_suggestions"][0]["topic"] == "农村人居环境整治"
    # 李四 (xicheng) took part: the consultation shows on xicheng's panel too.
    xi = auth("township:xicheng")
    panel = (await client.get("/townships/xicheng/consultations", headers=xi)).json()
    assert panel["consultations"][0]["attribution"] == "participant"
    assert (await client.get(f"/consultations/{cid}", headers=xi)).status_code == 200


async def test_county_consultation_and_moved_member(
    client: httpx.AsyncClient, members: EventStore
) -> None:
    await register_member(members, ZHANG, "张三", "dongcheng")
    mseq = await move_member(members, ZHANG, "nanhu")
    cid = (await schedule(client, type="thematic", township_id=None, organizer="经济委"))["id"]
    body = hold_body(ZHANG, suggestions=[])
    r = await client.post(
        f"/consultations/{cid}/hold?min_seq=MEMBERS:{mseq}", json=body, headers=ADMIN
    )
    assert r.status_code == 202, r.text
    detail = (
        await client.get(f"/consultations/{cid}?min_seq={r.json()['seq']}", headers=ADMIN)
    ).json()
    assert detail["township_id"] is None and detail["suggestions_count"] == 0
    assert detail["participants"][0]["township_id"] == "nanhu"
    panel = (await client.get("/townships/nanhu/consultations", headers=ADMIN)).json()
    assert panel["held_count"] == 1 and panel["adopted_suggestions"] == []


async def test_postpone_and_cancel(client: httpx.AsyncClient) -> None:
    first = (await schedule(client))["id"]
    second = (await schedule(client, topic="乡村振兴产业发展"))["id"]
    r = await client.post(
        f"/consultations/{first}/postpone",
        json={"new_planned_date": "2025-04-20", "reason": "主要领导出差"},
        headers=DONG,
    )
    assert r.status_code == 202, r.text
    r = await client.post(
        f"/consultations/{second}/cancel", json={"reason": "议题合并"}, headers=ADMIN
    )
    assert r.status_code == 202, r.text
    rows = (await client.get(f"/consultations?min_seq={r.json()['seq']}", headers=ADMIN)).json()
    by_id = {c["consultation_id"]: c for c in rows}
    assert by_id[first]["status"] == "postponed" and by_id[first]["planned_date"] == "2025-04-20"
    assert by_id[second]["status"] == "cancelled" and by_id[second]["status_label"] == "已取消"
    cancelled = await client.get("/consultations?status=cancelled", headers=ADMIN)
    assert [c["consultation_id"] for c in cancelled.json()] == [second]
