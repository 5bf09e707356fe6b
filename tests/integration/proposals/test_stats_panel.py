"""The township panels (DOMAIN §6.3): proposals with handling units, due date, overdue
flag, result class, satisfaction and key flag, plus the township's counters; and the
社情民意 panel showing the report a declined proposal became."""

from __future__ import annotations

import time
from typing import Any

import httpx
from nats.aio.client import Client as NATS

from .helpers import Members, township
from .test_opinion_conversion import latest
from .test_stats_helpers import build_world, values


async def test_township_proposal_panel_has_the_panel_columns(
    client: httpx.AsyncClient, members: Members, nc: NATS
) -> None:
    world = await build_world(client, members)
    r = await client.get(
        "/townships/chengguan/proposals", headers=township("chengguan"), params=world.min_seq()
    )
    assert r.status_code == 200, r.text
    panel = r.json()
    assert values(panel["summary"]) == {
        "received": 3,
        "registered": 2,
        "not_registered": 1,
        "converted_to_opinion": 1,
        "replied": 2,
        "on_time": 2,
        "satisfied": 1,
        "satisfied_or_basic": 2,
    }
    assert [s["label"] for s in panel["summary"]][:3] == ["收到提案", "立案", "不予立案"]
    items = {i["proposal_id"]: i for i in panel["page"]["items"]}
    first = items[world.ids["P1"]]
    assert first["serial_no"] == "10-3-D001" and first["lead_author_name"] == "张三"
    assert first["status"]["label"] == "已办结" and first["is_key"] is False
    assert first["handling_units"] == [
        {
            "unit_id": "zhujianju",
            "unit_name": "县住房和城乡建设局",
            "role": {"code": "sole", "label": "独办"},
        }
    ]
    assert first["due_on"] and first["overdue"] is False
    assert [c["code"] for c in first["result_classes"]] == ["A"]
    assert first["satisfaction"] == [{"code": "satisfied", "label": "满意"}]
    declined = items[world.ids["P3"]]
    assert declined["handling_units"] == [] and declined["due_on"] is None
    assert declined["result_classes"] == [] and declined["satisfaction"] == []

    r = await client.get(
        "/townships/dongcun/proposals",
        headers=township("dongcun"),
        params={**world.min_seq(), "as_of": "2099-01-01"},
    )
    items = {i["proposal_id"]: i for i in r.json()["page"]["items"]}
    key = items[world.ids["P4"]]
    assert key["is_key"] is True and key["overdue"] is True and key["due_on"] < "2099-01-01"
    assert key["handling_units"][0]["unit_name"] == "县交通运输局"
    assert items[world.ids["P6"]]["status"]["label"] == "已撤案"
    r = await client.get(
        "/townships/dongcun/proposals", headers=township("chengguan"), params=world.min_seq()
    )
    assert r.status_code == 403

    [report] = await _reports_of(client, nc, "chengguan")
    assert report["origin_proposal_id"] == world.ids["P3"]
    assert report["source_channel"]["code"] == "from_proposal"
    assert report["attribution"] == ["author"]


async def _reports_of(client: httpx.AsyncClient, nc: NATS, township_id: str) -> list[Any]:
    """The township's reports once the conversion policy has created one (10 s at most)."""
    deadline = time.monotonic() + 10
    path = f"/townships/{township_id}/opinion-reports"
    while True:
        r = await latest(client, nc, path, township(township_id))
        assert r.status_code == 200, r.text
        items: list[Any] = r.json()["page"]["items"]
        if items or time.monotonic() > deadline:
            return items
