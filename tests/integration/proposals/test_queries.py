"""Who sees which proposals: office all, a township its members', a member their own."""

from __future__ import annotations

import httpx

from .helpers import Members, auth, member, office, read, submitted, township


async def seed(client: httpx.AsyncClient, members: Members) -> tuple[dict[str, str], int]:
    """a: m1 (chengguan) alone; b: m2 (xinzhuang) with co-author m1; c: m3 (dongcun)."""
    await members.register("m1", "张三", "chengguan")
    await members.register("m2", "李四", "xinzhuang")
    await members.register("m3", "王五", "dongcun")
    ids = {
        "a": await submitted(client, members, "m1"),
        "b": await submitted(client, members, "m2", author_kind="joint", co_author_ids=["m1"]),
        "c": await submitted(client, members, "m3"),
    }
    r = await client.post(f"/proposals/{ids['c']}/register", headers=office())
    assert r.status_code == 202
    return ids, int(r.json()["seq"])


async def listed(client: httpx.AsyncClient, headers: dict[str, str], **params: str) -> set[str]:
    r = await client.get("/proposals", headers=headers, params=params)
    assert r.status_code == 200, r.text
    return {item["proposal_id"] for item in r.json()["items"]}


async def test_list_is_scoped_by_role(client: httpx.AsyncClient, members: Members) -> None:
    ids, seq = await seed(client, members)
    r = await read(client, "/proposals", office(), seq)
    assert r.json()["total"] == 3
    a, b, c = ids["a"], ids["b"], ids["c"]
    assert await listed(client, township("chengguan")) == {a, b}
    assert await listed(client, township("xinzhuang")) == {b}
    assert await listed(client, township("dongcun")) == {c}
    assert await listed(client, member("m1")) == {a, b}
    assert await listed(client, member("m3")) == {c}
    assert await listed(client, member("m9")) == set()
    both = auth("m2-clerk", "member:m2", "township:dongcun")
    assert await listed(client, both) == {b, c}
    r = await client.get("/proposals", headers=auth("x", "ops"))
    assert r.status_code == 403


async def test_list_filters_and_pages(client: httpx.AsyncClient, members: Members) -> None:
    ids, seq = await seed(client, members)
    await read(client, "/proposals", office(), seq)
    assert await listed(client, office(), status="registered") == {ids["c"]}
    assert await listed(client, office(), township_id="xinzhuang") == {ids["b"]}
    assert await listed(client, member("m1"), township_id="xinzhuang") == {ids["b"]}
    r = await client.get(
        "/proposals", headers=township("dongcun"), params={"township_id": "chengguan"}
    )
    assert r.status_code == 403 and "chengguan" in r.json()["detail"]

    pages = [
        (
            await client.get("/proposals", headers=office(), params={"page": p, "page_size": 2})
        ).json()
        for p in (1, 2)
    ]
    assert [len(p["items"]) for p in pages] == [2, 1] and pages[0]["total"] == 3
    seen = {i["proposal_id"] for p in pages for i in p["items"]}
    assert seen == set(ids.values())
    r = await client.get("/proposals", headers=office(), params={"status": "lost"})
    assert r.status_code == 422 and "status" in r.json()["detail"]
    r = await client.get("/proposals", headers=office(), params={"page_size": 1000})
    assert r.status_code == 422 and "不能大于 100" in r.json()["detail"]


async def test_township_panel_counts_by_status(client: httpx.AsyncClient, members: Members) -> None:
    ids, _ = await seed(client, members)
    r = await client.post(f"/proposals/{ids['a']}/register", headers=office())
    seq = r.json()["seq"]

    r = await read(client, "/townships/chengguan/proposals", township("chengguan"), seq)
    assert r.status_code == 200, r.text
    panel = r.json()
    assert panel["total"] == 2
    assert panel["counts"] == [
        {"status": "submitted", "label": "已提交", "count": 1},
        {"status": "registered", "label": "已立案", "count": 1},
    ]
    assert {i["proposal_id"] for i in panel["page"]["items"]} == {ids["a"], ids["b"]}
    r = await client.get(
        "/townships/chengguan/proposals", headers=office(), params={"status": "registered"}
    )
    assert [i["serial_no"] for i in r.json()["page"]["items"]] == ["10-3-D002"]


async def test_township_panel_is_only_for_its_own_township(
    client: httpx.AsyncClient, members: Members
) -> None:
    _, seq = await seed(client, members)
    r = await read(client, "/townships/xinzhuang/proposals", township("chengguan"), seq)
    assert r.status_code == 403
    assert r.json()["detail"] == "您只能查看和办理本乡镇的事项，无权访问乡镇“xinzhuang”。"
    r = await client.get("/townships/chengguan/proposals", headers=member("m1"))
    assert r.status_code == 403
    r = await client.get("/townships/chengguan/proposals", headers=auth("a", "county_admin"))
    assert r.status_code == 200 and r.json()["total"] == 2
    r = await client.get("/townships/Bad Id/proposals", headers=office())
    assert r.status_code == 422


async def test_member_moving_group_keeps_old_attribution(
    client: httpx.AsyncClient, members: Members
) -> None:
    await members.register("m1", "张三", "chengguan")
    old = await submitted(client, members, "m1")
    await members.move("m1", "xinzhuang")
    new = await submitted(client, members, "m1", title="关于改善乡村道路的建议")

    r = await read(client, "/proposals", township("xinzhuang"), 2)
    assert {i["proposal_id"] for i in r.json()["items"]} == {new}
    assert r.json()["items"][0]["township_id"] == "xinzhuang"
    assert await listed(client, township("chengguan")) == {old}


async def test_reads_wait_for_min_seq(client: httpx.AsyncClient) -> None:
    r = await client.get("/proposals", headers=office(), params={"min_seq": "PROPOSALS:99"})
    assert r.status_code == 503 and "数据仍在更新中" in r.json()["detail"]
