"""回头看 and awards over HTTP."""

from __future__ import annotations

import httpx

from .helpers import Members, member, office, submitted, township
from .test_artifacts_support import ADMIN, detail, get, post, registered_proposal, unit

START = {"year": 2025, "title": "2025年度提案办理“回头看”", "scope": "B类答复及重点提案"}


async def test_followup_review_and_township_view(
    client: httpx.AsyncClient, members: Members
) -> None:
    await members.register("m1", "张三", "chengguan")
    await members.register("m2", "李四", "hexi")
    p1, _ = await registered_proposal(client, members, "m1")
    p2, _ = await registered_proposal(client, members, "m2", title="关于改善乡村道路的建议")
    r = await post(client, "/followup-reviews", office(), START)
    assert r.status_code == 201, r.text
    rid = r.json()["id"]
    item = {"proposal_id": p1, "promised_action": "年内完成管网改造", "status": "in_progress"}
    assert (await post(client, f"/followup-reviews/{rid}/items", office(), item)).status_code == 202
    done = {**item, "status": "done", "evidence": "竣工验收报告"}
    assert (await post(client, f"/followup-reviews/{rid}/items", office(), done)).status_code == 202
    other = {"proposal_id": p2, "promised_action": "列入明年计划", "status": "not_started"}
    assert (
        await post(client, f"/followup-reviews/{rid}/items", office(), other)
    ).status_code == 202
    r = await post(
        client, f"/followup-reviews/{rid}/conclude", office(), {"report": "总体落实较好"}
    )
    assert r.status_code == 202
    seq = r.json()["seq"]

    r = await get(client, f"/followup-reviews/{rid}", office(), seq)
    review = r.json()
    assert review["status"] == {"code": "concluded", "label": "已总结"}
    assert review["status_counts"] == {
        "done": 1,
        "in_progress": 0,
        "not_started": 1,
        "abandoned": 0,
    }
    assert {i["proposal"]["proposal_id"]: i["status"]["label"] for i in review["items"]} == {
        p1: "已落实",
        p2: "尚未落实",
    }
    r = await get(client, "/followup-reviews", township("hexi"), seq, year=2025)
    [mine] = r.json()
    assert [i["proposal"]["proposal_id"] for i in mine["items"]] == [p2]
    assert (await get(client, "/followup-reviews", township("dongcun"), seq)).json() == []
    r = await post(client, f"/followup-reviews/{rid}/items", office(), item)
    assert r.status_code == 409 and detail(r) == "该“回头看”已总结结束，不能评估事项"


async def test_followup_errors(client: httpx.AsyncClient, members: Members) -> None:
    await members.register("m1", "张三", "chengguan")
    pid = await submitted(client, members, "m1")
    r = await post(client, "/followup-reviews", member("m1"), START)
    assert (
        r.status_code == 403 and detail(r) == "只有提案委员会或政协机关工作人员可以组织“回头看”。"
    )
    assert (await client.get("/followup-reviews", headers=unit("zjj"))).status_code == 403
    rid = (await post(client, "/followup-reviews", office(), START)).json()["id"]
    ready, _ = await registered_proposal(client, members, "m1", title="关于改善乡村道路的建议")
    r = await post(
        client,
        f"/followup-reviews/{rid}/items",
        office(),
        {"proposal_id": ready, "promised_action": "a", "status": "done"},
    )
    assert r.status_code == 422 and detail(r) == "落实情况为“已落实”时，请填写佐证材料"
    r = await post(
        client,
        f"/followup-reviews/{rid}/items",
        office(),
        {"proposal_id": pid, "promised_action": "a", "status": "in_progress"},
    )
    assert r.status_code == 409 and detail(r).endswith("尚未立案，不能列入“回头看”")
    r = await post(client, f"/followup-reviews/{rid}/conclude", office(), {"report": "r"})
    assert r.status_code == 409 and detail(r) == "还没有评估任何事项，请先评估事项再作总结"
    r = await post(client, "/followup-reviews/nope/conclude", office(), {"report": "r"})
    assert r.status_code == 404 and detail(r) == "未找到该“回头看”，请核对编号"
    r = await post(client, "/followup-reviews", office(), {**START, "year": "明年"})
    assert r.status_code == 422


async def test_awards_are_granted_by_the_office_and_public(
    client: httpx.AsyncClient, members: Members
) -> None:
    await members.register("m1", "张三", "chengguan")
    pid, _ = await registered_proposal(client, members, "m1")
    r = await post(
        client,
        "/awards/excellent-proposals",
        office(),
        {"year": 2025, "proposal_id": pid, "level": "county", "citation": "选题精准"},
    )
    assert r.status_code == 201, r.text
    r = await post(
        client,
        "/awards/commended-units",
        ADMIN,
        {"year": 2025, "unit_id": "zjj", "unit_name": "县住建局", "level": "county"},
    )
    assert r.status_code == 201
    seq = r.json()["seq"]

    r = await get(client, "/awards", unit("gaj"), seq, year=2025)
    awards = r.json()
    assert [(a["kind"]["label"], a["subject_name"], a["level"]["label"]) for a in awards] == [
        ("提案办理先进单位", "县住建局", "县级"),
        ("优秀提案", "关于加快农村生活污水治理的建议", "县级"),
    ]
    assert awards[1]["author_ids"] == ["m1"] and awards[1]["serial_no"] == "10-3-D001"
    r = await get(client, "/awards", member("m9"), seq, kind="commended_unit")
    assert len(r.json()) == 1

    r = await post(
        client,
        "/awards/excellent-proposals",
        office(),
        {"year": 2025, "proposal_id": pid, "level": "county"},
    )
    assert r.status_code == 409 and detail(r) == "该提案已被评为2025年度县级优秀提案，请勿重复评定"
    r = await post(
        client,
        "/awards/commended-units",
        member("m1"),
        {"year": 2025, "unit_id": "zjj", "unit_name": "县住建局", "level": "county"},
    )
    assert r.status_code == 403 and detail(r) == "只有提案委员会或政协机关工作人员可以评定表彰。"
    r = await post(
        client,
        "/awards/excellent-proposals",
        office(),
        {"year": 2025, "proposal_id": pid, "level": "gold"},
    )
    assert r.status_code == 422 and detail(r).startswith("表彰级别“gold”无效")
    r = await post(
        client,
        "/awards/excellent-proposals",
        office(),
        {"year": 2025, "proposal_id": "nope", "level": "county"},
    )
    assert r.status_code == 404
    r = await client.get("/awards", headers=office(), params={"kind": "medal"})
    assert r.status_code == 422
