"""Direct report points: established by the info office, used by their township's staff
(suspended points cannot submit), and shown with their last submission on the township
panel of 社情民意 reports."""

from __future__ import annotations

from typing import Any

import httpx

from .helpers import Members, member, township
from .test_opinion_helpers import admin, editor, read, step, submit

POINT: dict[str, Any] = {
    "point_name": "城关镇东街社区直报点",
    "kind": "community",
    "township_id": "chengguan",
    "contact_person": "赵六",
    "contact_phone": "13800000000",
    "linked_member_ids": ["m1"],
}


async def test_point_contact_submits_and_the_panel_shows_it(
    client: httpx.AsyncClient, members: Members
) -> None:
    await members.register("m1", "张三", "chengguan")
    created = await step(
        client, "/direct-report-points", status=201, min_seq=members.min_seq, **POINT
    )
    pid = created["id"]
    clerk = township("chengguan")
    r = await submit(
        client,
        clerk,
        f"PROPOSALS:{created['seq']}",
        reporter_kind="direct_report_point",
        direct_report_point_id=pid,
        township_ids=[],
    )
    assert r.status_code == 201, r.text
    panel = await read(client, "/townships/chengguan/opinion-reports", clerk, r.json()["seq"])
    assert panel["total"] == 1
    assert panel["page"]["items"][0]["reporter_name"] == "城关镇东街社区直报点"
    assert panel["page"]["items"][0]["attribution"] == ["reporter"]
    point = panel["direct_report_points"][0]
    assert point["submission_count"] == 1 and point["last_submission_at"] is not None
    assert point["kind"] == {"code": "community", "label": "社区"}

    other = township("xinzhuang")
    r = await submit(client, other, reporter_kind="direct_report_point", direct_report_point_id=pid)
    assert r.status_code == 403 and "chengguan" in r.json()["detail"]
    r = await client.get("/townships/chengguan/opinion-reports", headers=other)
    assert r.status_code == 403

    await step(
        client,
        f"/direct-report-points/{pid}/contact",
        headers=clerk,
        contact_person="钱七",
        contact_phone="13900000000",
    )
    r = await client.post(
        f"/direct-report-points/{pid}/suspend", json={"reason": "社区合并"}, headers=clerk
    )
    assert r.status_code == 403
    done = await step(
        client, f"/direct-report-points/{pid}/suspend", headers=admin(), reason="社区合并"
    )
    r = await submit(client, clerk, reporter_kind="direct_report_point", direct_report_point_id=pid)
    assert r.status_code == 409
    assert r.json()["detail"].startswith("直报点“城关镇东街社区直报点”已暂停，不能报送")

    listed = await read(client, "/direct-report-points", clerk, done["seq"])
    assert [(p["contact_person"], p["status"]["code"]) for p in listed] == [("钱七", "suspended")]
    r = await client.get("/direct-report-points", headers=other)
    assert r.status_code == 200 and r.json() == []
    r = await client.get("/direct-report-points", headers=member("m1"))
    assert r.status_code == 403
    r = await client.get(f"/direct-report-points/{pid}", headers=editor())
    assert r.status_code == 200 and r.json()["linked_member_ids"] == ["m1"]


async def test_township_submits_for_its_liaison_group(
    client: httpx.AsyncClient, members: Members
) -> None:
    clerk = township("chengguan")
    r = await submit(client, clerk, reporter_kind="liaison_group", township_ids=["dongcun"])
    assert r.status_code == 201, r.text
    found = await read(client, f"/opinion-reports/{r.json()['id']}", clerk, r.json()["seq"])
    assert found["reporter_kind"] == {"code": "liaison_group", "label": "乡镇政协联络组"}
    assert found["township_id"] == "chengguan" and found["township_ids"] == ["dongcun"]
    about = await read(
        client, "/townships/dongcun/opinion-reports", township("dongcun"), r.json()["seq"]
    )
    assert about["page"]["items"][0]["attribution"] == ["about"]

    r = await submit(client, clerk, reporter_kind="liaison_group", liaison_group_id="xinzhuang")
    assert r.status_code == 403
    r = await submit(client, clerk, reporter_kind="member", author_ids=["m1"])
    assert r.status_code == 403 and "联络组" in r.json()["detail"]
