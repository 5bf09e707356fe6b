"""The inbox API: who sees what, paging, marking read."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx

from tests.integration.notifications.support import ADMIN, Service, auth, inbox, seed

T0 = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
M1 = auth("member:m1", subject="m1")
M2 = auth("member:m2", subject="m2")
CLERK = auth("township:qingshui", subject="clerk")


async def _seed_some(service: Service) -> dict[str, str]:
    ids = {}
    for minute, (recipient, title) in enumerate(
        [
            ("member:m1", "第一条"),
            ("member:m1", "第二条"),
            ("member:m2", "给二号"),
            ("township:qingshui", "给乡镇"),
            ("member:m1", "第三条"),
        ]
    ):
        nid, seq = await seed(service, recipient, title, T0 + timedelta(minutes=minute))
        ids[title] = nid
    ids["seq"] = str(seq)
    return ids


async def test_each_caller_sees_own_inbox_newest_first(service: Service) -> None:
    ids = await _seed_some(service)
    seq = ids["seq"]
    body = await inbox(service.client, M1, min_seq=seq)
    assert [i["title"] for i in body["items"]] == ["第三条", "第二条", "第一条"]
    assert body["total"] == 3 and body["unread"] == 3
    assert body["items"][0]["sent_at"] == "2025-03-01T08:04:00Z"
    assert [i["title"] for i in (await inbox(service.client, CLERK))["items"]] == ["给乡镇"]
    both = auth("member:m2", "township:qingshui", subject="m2")
    assert {i["title"] for i in (await inbox(service.client, both))["items"]} == {
        "给二号",
        "给乡镇",
    }
    assert (await inbox(service.client, ADMIN))["total"] == 5
    assert (await inbox(service.client, ADMIN, recipient="member:m2"))["total"] == 1

    page = await inbox(service.client, M1, limit=2, offset=1)
    assert [i["title"] for i in page["items"]] == ["第二条", "第一条"]
    assert page["total"] == 3 and page["limit"] == 2 and page["offset"] == 1


async def test_who_may_read_which_inbox(service: Service) -> None:
    await _seed_some(service)
    client = service.client
    r = await client.get("/inbox", params={"recipient": "member:m2"}, headers=M1)
    assert r.status_code == 403 and "member:m2" in r.json()["detail"]
    r = await client.get("/inbox", headers=auth("ops"))
    assert r.status_code == 403 and "通知" in r.json()["detail"]
    r = await client.get("/inbox", headers=auth("proposal_office"))
    assert r.status_code == 403
    assert (await client.get("/inbox")).status_code == 401
    r = await client.get("/inbox", params={"recipient": "张三"}, headers=ADMIN)
    assert r.status_code == 422 and "recipient" in r.json()["detail"]
    r = await client.get("/inbox", params={"limit": 0}, headers=M1)
    assert r.status_code == 422 and "limit" in r.json()["detail"]

    assert (await client.get("/inbox/member:m1", headers=M1)).json()["total"] == 3
    assert (await client.get("/inbox/member:m1", headers=ADMIN)).json()["total"] == 3
    assert (await client.get("/inbox/township:qingshui", headers=CLERK)).json()["total"] == 1
    r = await client.get("/inbox/member:m1", headers=M2)
    assert r.status_code == 403
    r = await client.get("/inbox/township:qingshui", headers=auth("township:dongshan"))
    assert r.status_code == 403


async def _read(client: httpx.AsyncClient, nid: str, headers: dict[str, str]) -> httpx.Response:
    return await client.post(f"/notifications/{nid}/read", headers=headers)


async def test_mark_read_only_by_the_recipient(service: Service) -> None:
    ids = await _seed_some(service)
    client = service.client
    r = await _read(client, ids["第一条"], M2)
    assert r.status_code == 403 and "接收人" in r.json()["detail"]
    r = await _read(client, ids["第一条"], ADMIN)
    assert r.status_code == 403
    r = await _read(client, ids["第一条"], M1)
    assert r.status_code == 202, r.text
    accepted = r.json()
    assert accepted["id"] == ids["第一条"] and accepted["stream"] == "NOTIFICATIONS"
    assert len(accepted["event_ids"]) == 1
    body = await inbox(client, M1, min_seq=accepted["seq"])
    first = next(i for i in body["items"] if i["title"] == "第一条")
    assert first["read"] is True and first["read_at"] is not None
    assert body["unread"] == 2
    unread = await inbox(client, M1, unread_only="true")
    assert [i["title"] for i in unread["items"]] == ["第三条", "第二条"]
    assert unread["total"] == 2

    again = await _read(client, ids["第一条"], M1)
    assert again.status_code == 202 and again.json()["event_ids"] == []

    r = await _read(client, ids["给乡镇"], CLERK)
    assert r.status_code == 202 and len(r.json()["event_ids"]) == 1
    r = await _read(client, ids["给乡镇"], auth("township:dongshan"))
    assert r.status_code == 403


async def test_mark_read_unknown_or_malformed_id(service: Service) -> None:
    r = await _read(service.client, "0190f6c0-0000-7000-8000-000000000000", M1)
    assert r.status_code == 404 and "通知不存在" in r.json()["detail"]
    r = await _read(service.client, "bad*id", M1)
    assert r.status_code == 422
    assert (await service.client.post("/notifications/x/read")).status_code == 401


async def test_openapi_and_readiness(service: Service) -> None:
    spec = (await service.client.get("/openapi.json")).json()
    assert spec["paths"]["/inbox"]["get"]["summary"] == "我的通知"
    assert spec["paths"]["/notifications/{notification_id}/read"]["post"]["summary"]
    ready = await service.client.get("/readyz")
    assert ready.status_code == 200, ready.text
