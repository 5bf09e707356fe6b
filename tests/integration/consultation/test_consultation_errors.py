"""Rejections over HTTP: 409 / 422 / 404 with Chinese problem details."""

from __future__ import annotations

from datetime import date, timedelta

import httpx

from shared.eventstore import EventStore
from shared.ids import uuid7
from tests.integration.consultation.helpers import (
    auth,
    hold_body,
    problem,
    register_member,
    schedule,
)

ADMIN = auth("county_admin")
ZHANG = "m-zhang"


async def _held(client: httpx.AsyncClient, members: EventStore) -> tuple[str, str, int]:
    mseq = await register_member(members, ZHANG, "张三", "dongcheng")
    cid = (await schedule(client))["id"]
    r = await client.post(
        f"/consultations/{cid}/hold?min_seq=MEMBERS:{mseq}", json=hold_body(ZHANG), headers=ADMIN
    )
    assert r.status_code == 202, r.text
    return cid, r.json()["suggestion_ids"][0], r.json()["seq"]


async def test_adopt_before_held_and_twice_is_409(
    client: httpx.AsyncClient, members: EventStore
) -> None:
    early = (await schedule(client))["id"]
    adopt = {"adopted_by": "县住建局"}
    r = await client.post(
        f"/consultations/{early}/suggestions/{uuid7()}/adopt", json=adopt, headers=ADMIN
    )
    problem(r, 409, "尚未举行", "请先登记")
    cid, sid, _ = await _held(client, members)
    url = f"/consultations/{cid}/suggestions/{sid}/adopt"
    assert (await client.post(url, json=adopt, headers=ADMIN)).status_code == 202
    problem(await client.post(url, json=adopt, headers=ADMIN), 409, "不能重复登记", "县住建局")
    again = await client.post(f"/consultations/{cid}/hold", json=hold_body(ZHANG), headers=ADMIN)
    problem(again, 409, "已举行")
    r = await client.post(f"/consultations/{cid}/cancel", json={"reason": "x"}, headers=ADMIN)
    problem(r, 409, "已举行")


async def test_invalid_hold_is_422(client: httpx.AsyncClient, members: EventStore) -> None:
    mseq = await register_member(members, ZHANG, "张三", "dongcheng")
    created = await schedule(client)
    cid = created["id"]
    url = f"/consultations/{cid}/hold?min_seq=MEMBERS:{mseq}"
    future = (date.today() + timedelta(days=2)).isoformat()
    r = await client.post(url, json=hold_body(ZHANG, held_on=future), headers=ADMIN)
    problem(r, 422, "晚于今天", future)
    r = await client.post(url, json=hold_body(ZHANG, "m-ghost"), headers=ADMIN)
    problem(r, 422, "m-ghost", "未登记")
    body = hold_body(ZHANG, suggestions=[{"text": "建议", "proposer_ids": ["m-nobody"]}])
    problem(await client.post(url, json=body, headers=ADMIN), 422, "m-nobody")
    r = await client.post(url, json=hold_body(ZHANG, participants=[]), headers=ADMIN)
    problem(r, 422, "participants")
    r = await client.post(url, json=hold_body(ZHANG, venue="会议室"), headers=ADMIN)
    problem(r, 422, "不认识的字段", "venue")
    body = hold_body(ZHANG, suggestions=[{"suggestion_id": "not-a-uuid", "text": "建议"}])
    problem(await client.post(url, json=body, headers=ADMIN), 422, "suggestion_id")
    # Nothing was written: the consultation is still planned.
    r = await client.get(f"/consultations/{cid}?min_seq={created['seq']}", headers=ADMIN)
    detail = r.json()
    assert detail["status"] == "planned" and detail["participants"] == []


async def test_suggestion_id_of_another_consultation_is_422(
    client: httpx.AsyncClient, members: EventStore
) -> None:
    _, sid, seq = await _held(client, members)
    cid = (await schedule(client))["id"]
    body = hold_body(ZHANG, suggestions=[{"suggestion_id": sid, "text": "重复编号的建议"}])
    r = await client.post(f"/consultations/{cid}/hold?min_seq={seq}", json=body, headers=ADMIN)
    problem(r, 422, sid, "已被其他协商活动使用")


async def test_invalid_schedule_is_422(client: httpx.AsyncClient) -> None:
    base = {
        "type": "thematic",
        "topic": "议题",
        "organizer": "经济委",
        "planned_date": "2025-05-01",
    }
    r = await client.post("/consultations", json={**base, "type": "banquet"}, headers=ADMIN)
    problem(r, 422, "type", "取值无效")
    r = await client.post("/consultations", json={**base, "topic": "长" * 101}, headers=ADMIN)
    problem(r, 422, "topic", "100")
    r = await client.post("/consultations", json={**base, "township_id": "Bad Town"}, headers=ADMIN)
    problem(r, 422, "township_id")
    r = await client.post("/consultations", json={**base, "planned_date": "明天"}, headers=ADMIN)
    problem(r, 422, "planned_date")
    r = await client.post("/consultations", json={**base, "topic": "   "}, headers=ADMIN)
    problem(r, 422, "topic")
    r = await client.post(
        f"/consultations/{uuid7()}/postpone",
        json={"new_planned_date": "2025-05-02", "reason": ""},
        headers=ADMIN,
    )
    problem(r, 422, "reason")
    problem(await client.get("/consultations?status=done", headers=ADMIN), 422, "status")


async def test_unknown_ids_are_404(client: httpx.AsyncClient, members: EventStore) -> None:
    ghost = uuid7()
    problem(await client.get(f"/consultations/{ghost}", headers=ADMIN), 404, ghost, "不存在")
    r = await client.post(f"/consultations/{ghost}/hold", json=hold_body(ZHANG), headers=ADMIN)
    problem(r, 404, "不存在")
    r = await client.post(f"/consultations/{ghost}/cancel", json={"reason": "无"}, headers=ADMIN)
    problem(r, 404, "不存在")
    cid, _, _ = await _held(client, members)
    missing = uuid7()
    r = await client.post(
        f"/consultations/{cid}/suggestions/{missing}/adopt",
        json={"adopted_by": "县水利局"},
        headers=ADMIN,
    )
    problem(r, 404, missing)
    problem(await client.get("/consultations/not-an-id", headers=ADMIN), 422)
