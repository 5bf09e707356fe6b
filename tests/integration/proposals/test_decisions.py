"""Review, 立案 (with serial numbers), 不予立案 and 撤案 over HTTP."""

from __future__ import annotations

import httpx

from .helpers import Members, auth, member, office, read, submitted, township


async def test_review_then_register_numbers_the_proposal(
    client: httpx.AsyncClient, members: Members
) -> None:
    await members.register("m1", "张三", "chengguan")
    pid = await submitted(client, members, "m1")

    r = await client.post(f"/proposals/{pid}/review", headers=office())
    assert r.status_code == 202, r.text
    r = await client.post(f"/proposals/{pid}/register", headers=office())
    assert r.status_code == 202, r.text
    assert r.json()["serial_no"] == "10-3-D001" and r.json()["id"] == pid

    r = await read(client, f"/proposals/{pid}", member("m1"), r.json()["seq"])
    body = r.json()
    assert body["status"] == {"code": "registered", "label": "已立案"}
    assert body["serial_no"] == "10-3-D001"
    assert body["review_started_at"] is not None and body["registered_at"] is not None


async def test_interim_register_and_category_correction(
    client: httpx.AsyncClient, members: Members
) -> None:
    await members.register("m1", "张三", "chengguan")
    pid = await submitted(client, members, "m1", period="interim", session_no=4)
    r = await client.post(
        f"/proposals/{pid}/register", json={"category": "society"}, headers=office()
    )
    assert r.status_code == 202 and r.json()["serial_no"] == "10-4-P001"
    r = await read(client, f"/proposals/{pid}", office(), r.json()["seq"])
    assert r.json()["category"]["code"] == "society"


async def test_registering_twice_is_409_in_chinese(
    client: httpx.AsyncClient, members: Members
) -> None:
    await members.register("m1", "张三", "chengguan")
    pid = await submitted(client, members, "m1")
    assert (await client.post(f"/proposals/{pid}/register", headers=office())).status_code == 202

    r = await client.post(f"/proposals/{pid}/register", headers=office())
    assert r.status_code == 409
    assert r.json()["detail"] == "提案当前状态为“已立案”，不能立案"
    r = await client.post(f"/proposals/{pid}/review", headers=office())
    assert r.status_code == 409 and "不能开始审查" in r.json()["detail"]


async def test_only_the_office_reviews_registers_and_declines(
    client: httpx.AsyncClient, members: Members
) -> None:
    await members.register("m1", "张三", "chengguan")
    pid = await submitted(client, members, "m1")
    for action in ("review", "register"):
        for headers in (member("m1"), township("chengguan")):
            r = await client.post(f"/proposals/{pid}/{action}", headers=headers)
            assert r.status_code == 403 and "提案委员会" in r.json()["detail"]
    decline = {"reason": "academic", "disposition": "none"}
    r = await client.post(f"/proposals/{pid}/decline", json=decline, headers=member("m1"))
    assert r.status_code == 403
    r = await client.post(f"/proposals/{pid}/register", headers=auth("admin-1", "county_admin"))
    assert r.status_code == 202


async def test_unknown_proposal_is_404(client: httpx.AsyncClient) -> None:
    missing = "0190f3a2-7c1e-7000-8000-00000000dead"
    for action in ("review", "register", "withdraw"):
        r = await client.post(f"/proposals/{missing}/{action}", headers=office())
        assert r.status_code == 404, action
        assert "未找到该提案" in r.json()["detail"]
    r = await client.get(f"/proposals/{missing}", headers=office())
    assert r.status_code == 404 and "未找到该提案" in r.json()["detail"]


async def test_decline_records_reason_and_disposition_for_authors_and_office_only(
    client: httpx.AsyncClient, members: Members
) -> None:
    await members.register("m1", "张三", "chengguan")
    pid = await submitted(client, members, "m1")
    body = {
        "reason": "personal_matter",
        "disposition": "to_public_opinion",
        "note": "请改报社情民意",
    }
    r = await client.post(f"/proposals/{pid}/decline", json=body, headers=office())
    assert r.status_code == 202, r.text
    seq = r.json()["seq"]

    for headers in (member("m1"), office()):
        r = await read(client, f"/proposals/{pid}", headers, seq)
        decision = r.json()["decision"]
        assert r.json()["status"]["label"] == "不予立案"
        assert decision["reason"] == {
            "code": "personal_matter",
            "label": "为本人或亲属解决个人问题",
        }
        assert decision["disposition"]["label"] == "转为社情民意信息"
        assert decision["note"] == "请改报社情民意"
    r = await read(client, f"/proposals/{pid}", township("chengguan"), seq)
    assert r.status_code == 200
    assert r.json()["status"]["code"] == "not_registered" and r.json()["decision"] is None
    r = await read(client, "/proposals", township("chengguan"), seq)
    assert r.json()["items"][0]["decision"] is None


async def test_decline_validates_its_choices(client: httpx.AsyncClient, members: Members) -> None:
    await members.register("m1", "张三", "chengguan")
    pid = await submitted(client, members, "m1")
    r = await client.post(
        f"/proposals/{pid}/decline",
        json={"reason": "boring", "disposition": "none"},
        headers=office(),
    )
    assert r.status_code == 422 and "不予立案理由“boring”无效" in r.json()["detail"]
    r = await client.post(
        f"/proposals/{pid}/decline", json={"reason": "academic"}, headers=office()
    )
    assert r.status_code == 422 and "disposition" in r.json()["detail"]


async def test_only_the_lead_author_withdraws(client: httpx.AsyncClient, members: Members) -> None:
    await members.register("m1", "张三", "chengguan")
    await members.register("m2", "李四", "chengguan")
    pid = await submitted(client, members, "m1", author_kind="joint", co_author_ids=["m2"])
    await client.post(f"/proposals/{pid}/register", headers=office())

    for headers in (member("m2"), member("m3"), office(), township("chengguan")):
        r = await client.post(f"/proposals/{pid}/withdraw", headers=headers)
        assert r.status_code == 403
        assert r.json()["detail"].startswith("只有第一提案人本人可以撤回提案")
    r = await client.post(
        f"/proposals/{pid}/withdraw", json={"reason": "已另行反映"}, headers=member("m1")
    )
    assert r.status_code == 202, r.text

    r = await read(client, f"/proposals/{pid}", member("m2"), r.json()["seq"])
    assert r.json()["status"]["label"] == "已撤案"
    assert r.json()["serial_no"] == "10-3-D001" and r.json()["withdrawal_reason"] == "已另行反映"
    r = await client.post(f"/proposals/{pid}/withdraw", headers=member("m1"))
    assert r.status_code == 409 and "已撤案" in r.json()["detail"]
