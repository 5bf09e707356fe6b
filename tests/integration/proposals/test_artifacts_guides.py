"""Topic guides, public leads and the duplicate-title warning over HTTP."""

from __future__ import annotations

import httpx

from .helpers import Members, member, office, read, submitted, township
from .test_artifacts_support import ADMIN, detail, get, post, unit

ITEM = {"title": "推进县域医共体建设", "description": "围绕基层医疗", "category": "society"}


async def test_guide_is_drafted_by_the_office_and_read_by_members_once_published(
    client: httpx.AsyncClient,
) -> None:
    r = await post(client, "/topic-guides/10/3/items", office(), ITEM)
    assert r.status_code == 201, r.text
    item_id = r.json()["id"]
    r = await post(client, "/topic-guides/10/3/items", ADMIN, {**ITEM, "title": "发展乡村旅游"})
    extra = r.json()["id"]
    r = await client.delete(f"/topic-guides/10/3/items/{extra}", headers=office())
    assert r.status_code == 202
    seq = r.json()["seq"]

    r = await get(client, "/topic-guides/10/3", member("m1"), seq)
    assert r.status_code == 404 and detail(r) == "未找到该次会议已发布的提案征集参考要目"
    assert (await get(client, "/topic-guides", member("m1"), seq)).json() == []
    r = await get(client, "/topic-guides/10/3", office(), seq)
    assert r.json()["status"] == {"code": "draft", "label": "未发布"}

    r = await post(client, "/topic-guides/10/3/publish", office())
    assert r.status_code == 202
    r = await get(client, "/topic-guides/10/3", member("m1"), r.json()["seq"])
    body = r.json()
    assert body["status"]["label"] == "已发布" and body["published_at"]
    assert body["items"] == [
        {
            "item_id": item_id,
            "title": "推进县域医共体建设",
            "description": "围绕基层医疗",
            "category": {"code": "society", "label": "社会建设"},
        }
    ]
    r = await get(client, "/topic-guides", township("hexi"), 0)
    assert [(g["term_no"], g["session_no"]) for g in r.json()] == [(10, 3)]

    r = await post(client, "/topic-guides/10/3/items", office(), {**ITEM, "title": "新题"})
    assert r.status_code == 409
    assert detail(r) == "第10届第3次会议的提案征集参考要目已发布，不能增加题目"


async def test_guide_errors(client: httpx.AsyncClient) -> None:
    r = await post(client, "/topic-guides/10/3/items", member("m1"), ITEM)
    assert r.status_code == 403
    r = await post(client, "/topic-guides/10/3/items", office(), {**ITEM, "category": "health"})
    assert r.status_code == 422 and detail(r).startswith("提案类别“health”无效")
    r = await post(client, "/topic-guides/10/3/items", office(), {**ITEM, "extra": 1})
    assert r.status_code == 422 and "不认识的字段" in detail(r)
    r = await post(client, "/topic-guides/0/3/items", office(), ITEM)
    assert r.status_code == 422
    r = await client.delete("/topic-guides/10/3/items/nope", headers=office())
    assert r.status_code == 404 and detail(r) == "参考要目中没有该题目，请刷新后重试"
    r = await post(client, "/topic-guides/10/4/publish", office())
    assert r.status_code == 409 and detail(r) == "参考要目还没有题目，请先添加题目再发布"


LEAD = {
    "channel": "phone",
    "content": "村口道路坑洼，雨天积水严重",
    "contact_name": "王大爷",
    "contact": "13812345678",
}


async def test_leads_are_recorded_triaged_and_read_by_the_right_people(
    client: httpx.AsyncClient,
) -> None:
    r = await post(client, "/proposal-leads", township("hexi"), LEAD)
    assert r.status_code == 201, r.text
    lead_id = r.json()["id"]
    r = await post(
        client,
        "/proposal-leads",
        office(),
        {**LEAD, "channel": "email", "contact": "wang@example.com"},
    )
    other = r.json()["id"]
    seq = r.json()["seq"]

    r = await get(client, "/proposal-leads", office(), seq)
    rows = {x["lead_id"]: x for x in r.json()}
    assert rows[lead_id]["contact"] == "138****5678" and rows[lead_id]["contact_name"] == "王*"
    assert rows[lead_id]["township_id"] == "hexi"
    assert rows[other]["contact"] == "w***@example.com"
    r = await get(client, f"/proposal-leads/{lead_id}", office(), seq)
    assert r.json()["contact"] == "13812345678" and r.json()["status"]["label"] == "待处理"
    r = await get(client, "/proposal-leads", township("hexi"), seq)
    assert [x["lead_id"] for x in r.json()] == [lead_id]
    assert (await get(client, "/proposal-leads", member("m1"), seq)).json() == []

    r = await post(
        client,
        f"/proposal-leads/{lead_id}/forward",
        office(),
        {"member_ids": ["m1"], "note": "供撰写提案参考"},
    )
    assert r.status_code == 202
    r = await post(client, f"/proposal-leads/{other}/forward", office())
    seq = r.json()["seq"]
    r = await get(client, "/proposal-leads", member("m1"), seq)
    assert {x["lead_id"] for x in r.json()} == {lead_id, other}
    r = await get(client, "/proposal-leads", member("m2"), seq, status="forwarded")
    assert [x["lead_id"] for x in r.json()] == [other]
    r = await get(client, f"/proposal-leads/{lead_id}", member("m2"), seq)
    assert r.status_code == 404
    r = await get(client, f"/proposal-leads/{lead_id}", member("m1"), seq)
    assert r.json()["contact"] == "138****5678" and r.json()["note"] == "供撰写提案参考"

    r = await post(client, f"/proposal-leads/{lead_id}/decline", office(), {"reason": "重复"})
    assert (
        r.status_code == 409 and detail(r) == "该线索已处理（已转委员参考），不能再作不予采用处理"
    )


async def test_lead_errors(client: httpx.AsyncClient) -> None:
    for headers in (member("m1"), unit("zjj")):
        r = await post(client, "/proposal-leads", headers, LEAD)
        assert r.status_code == 403
        assert detail(r) == "只有提案委、政协机关或乡镇联络组工作人员可以登记提案线索。"
    r = await post(
        client, "/proposal-leads", township("hexi"), {**LEAD, "township_id": "chengguan"}
    )
    assert r.status_code == 403 and "chengguan" in detail(r)
    r = await client.get("/proposal-leads", headers=unit("zjj"))
    assert r.status_code == 403 and detail(r) == "您的账号无权查看此类记录。"
    r = await post(client, "/proposal-leads", office(), {**LEAD, "channel": "fax"})
    assert r.status_code == 422 and detail(r).startswith("线索来源渠道“fax”无效")
    missing = "0190f3a2-7c1e-7000-8000-00000000dead"
    r = await post(client, f"/proposal-leads/{missing}/decline", office(), {"reason": "r"})
    assert r.status_code == 404 and detail(r) == "未找到该提案线索，请核对线索编号"
    r = await post(client, f"/proposal-leads/{missing}/decline", township("hexi"), {"reason": "r"})
    assert r.status_code == 403


async def test_similar_titles_of_the_same_session(
    client: httpx.AsyncClient, members: Members
) -> None:
    await members.register("m1", "张三", "chengguan")
    first = await submitted(client, members, "m1")  # 关于加快农村生活污水治理的建议
    await submitted(client, members, "m1", title="关于发展乡村旅游的建议")
    await submitted(client, members, "m1", session_no=4)  # same title, other session
    r = await client.post(f"/proposals/{first}/register", headers=office())
    seq = r.json()["seq"]

    r = await read(
        client,
        "/proposals/similar",
        member("m2"),
        seq,
        title="关于农村生活污水治理的建议",
        term_no=10,
        session_no=3,
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["threshold"] == 0.5
    assert body["items"] == [
        {
            "proposal_id": first,
            "serial_no": "10-3-D001",
            "title": "关于加快农村生活污水治理的建议",
            "status": {"code": "registered", "label": "已立案"},
            "score": 0.7778,
        }
    ]
    r = await read(
        client,
        "/proposals/similar",
        office(),
        seq,
        title="关于改善乡村医疗条件的建议",
        term_no=10,
        session_no=3,
    )
    assert r.json()["items"] == []
    r = await client.get(
        "/proposals/similar",
        headers=unit("zjj"),
        params={"title": "x", "term_no": 10, "session_no": 3},
    )
    assert r.status_code == 403
    r = await client.get(
        "/proposals/similar", headers=member("m1"), params={"term_no": 10, "session_no": 3}
    )
    assert r.status_code == 422 and "title" in detail(r)
