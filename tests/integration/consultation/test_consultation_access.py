"""Roles and township scoping: county office everywhere, a liaison group in its own township."""

from __future__ import annotations

import httpx

from shared.eventstore import EventStore
from tests.integration.consultation.helpers import (
    auth,
    hold_body,
    problem,
    register_member,
    schedule,
)

DONG = auth("township:dongcheng")
XI = auth("township:xicheng")
ADMIN = auth("county_admin")
BODY = {
    "type": "grassroots",
    "topic": "集镇停车难",
    "organizer": "联络组",
    "planned_date": "2025-06-01",
}


async def test_township_acts_only_in_its_own(
    client: httpx.AsyncClient, members: EventStore
) -> None:
    r = await client.post("/consultations", json={**BODY, "township_id": "xicheng"}, headers=DONG)
    problem(r, 403, "xicheng")
    r = await client.post("/consultations", json={**BODY, "township_id": None}, headers=DONG)
    problem(r, 403, "县级协商活动")
    r = await client.post("/consultations", json=BODY, headers=auth("member:m-zhang"))
    problem(r, 403, "权限")
    problem(await client.post("/consultations", json=BODY), 401, "Authorization")

    mseq = await register_member(members, "m-wang", "王五", "xicheng")
    xi_id = (await schedule(client, roles=("township:xicheng",), township_id="xicheng"))["id"]
    county = (await schedule(client, township_id=None, type="thematic"))["id"]
    hold = hold_body("m-wang")
    r = await client.post(
        f"/consultations/{xi_id}/hold?min_seq=MEMBERS:{mseq}", json=hold, headers=DONG
    )
    problem(r, 403, "xicheng")
    problem(await client.post(f"/consultations/{county}/hold", json=hold, headers=DONG), 403)
    r = await client.post(f"/consultations/{xi_id}/hold", json=hold, headers=XI)
    assert r.status_code == 202, r.text
    sid = r.json()["suggestion_ids"][0]
    adopt = {"adopted_by": "西城镇政府"}
    url = f"/consultations/{xi_id}/suggestions/{sid}/adopt"
    problem(await client.post(url, json=adopt, headers=DONG), 403)
    assert (await client.post(url, json=adopt, headers=XI)).status_code == 202


async def test_township_reads_only_its_own(client: httpx.AsyncClient) -> None:
    mine = (await schedule(client))["id"]
    theirs = await schedule(client, township_id="xicheng")
    seq = (await schedule(client, township_id=None, type="thematic"))["seq"]

    listed = await client.get(f"/consultations?min_seq={seq}", headers=DONG)
    assert [c["consultation_id"] for c in listed.json()] == [mine]
    assert len((await client.get("/consultations", headers=ADMIN)).json()) == 3
    problem(await client.get("/consultations?township_id=xicheng", headers=DONG), 403, "xicheng")
    problem(await client.get(f"/consultations/{theirs['id']}", headers=DONG), 403)
    assert (await client.get(f"/consultations/{mine}", headers=DONG)).status_code == 200
    problem(await client.get("/townships/xicheng/consultations", headers=DONG), 403, "xicheng")
    assert (await client.get("/townships/xicheng/consultations", headers=ADMIN)).status_code == 200
    problem(await client.get("/consultations", headers=auth("member:m-1")), 403, "权限")
    problem(await client.get("/consultations"), 401)
