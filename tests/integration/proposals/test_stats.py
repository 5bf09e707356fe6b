"""Statistics of a session over HTTP (DOMAIN §2.13): county-wide, by period, per township,
who may see them, and the statistics read model rebuilt from the stream equals the live one."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from services.proposals.projections.stats import ProposalStatsTasks
from shared.runner import compare_tables
from shared.service import ServiceRuntime
from shared.streams import last_sequence

from .helpers import Members, member, office, township
from .lifecycle_support import assigning, unit
from .test_stats_helpers import build_world, by_code, values


@pytest.fixture
def database_url(db_url: str) -> str:
    return db_url


async def test_session_statistics_count_what_happened(
    app: FastAPI, client: httpx.AsyncClient, members: Members
) -> None:
    world = await build_world(client, members)
    params: dict[str, Any] = {"term_no": 10, "session_no": 3, **world.min_seq()}
    r = await client.get("/statistics", headers=office(), params=params)
    assert r.status_code == 200, r.text
    stats = r.json()
    assert stats["scope"]["label"] == "十届三次会议" and stats["scope"]["period"] is None

    counts = values(stats["counts"])
    assert counts == {
        "received": 6,
        "registered": 4,
        "not_registered": 1,
        "converted_to_opinion": 1,
        "merged": 0,
        "withdrawn": 1,
        "replied": 2,
        "on_time": 2,
        "face_to_face": 1,
        "concluded": 2,
        "key": 1,
        "collective": 1,
        "individual": 5,
        "answers": 2,
        "evaluated": 2,
        "satisfied": 1,
        "basically_satisfied": 1,
        "dissatisfied": 0,
        "satisfied_or_basic": 2,
        "participating_members": 4,
        "members": 5,
    }
    rates = by_code(stats["rates"])
    assert rates["registration_rate"] == {
        "code": "registration_rate",
        "label": "立案率",
        "numerator": 4,
        "denominator": 6,
        "value": 0.6667,
        "percent": "66.7%",
    }
    assert values(stats["rates"]) == {
        "registration_rate": 0.6667,
        "reply_rate": 0.5,
        "on_time_reply_rate": 0.5,
        "face_to_face_rate": 0.5,
        "satisfaction_rate": 0.5,
        "basic_satisfaction_rate": 0.5,
        "satisfied_or_basic_rate": 1.0,
        "collective_share": 0.1667,
        "individual_share": 0.8333,
        "member_participation_rate": 0.8,
    }
    assert [r["label"] for r in stats["rates"]][:4] == ["立案率", "办复率", "按期办复率", "面商率"]
    classes = by_code(stats["result_classes"])
    assert (classes["A"]["count"], classes["B"]["count"], classes["C"]["count"]) == (1, 1, 0)
    assert (
        classes["A"]["label"].startswith("A类：所提问题已经解决")
        and classes["A"]["percent"] == "50.0%"
    )
    categories = by_code(stats["categories"])
    assert categories["economy"] == {
        "code": "economy",
        "label": "经济建设",
        "received": 2,
        "registered": 2,
        "share": 0.5,
        "percent": "50.0%",
    }
    assert (categories["society"]["received"], categories["society"]["registered"]) == (1, 0)

    townships = {t["township_id"]: t for t in stats["townships"]}
    assert sorted(townships) == ["chengguan", "dongcun", "xinzhuang"]
    chengguan = values(townships["chengguan"]["counts"])
    assert (chengguan["received"], chengguan["registered"], chengguan["replied"]) == (3, 2, 2)
    assert (chengguan["participating_members"], chengguan["members"]) == (2, 2)
    dongcun = values(townships["dongcun"]["counts"])
    assert (dongcun["received"], dongcun["registered"], dongcun["key"]) == (2, 1, 1)
    assert values(townships["dongcun"]["rates"])["member_participation_rate"] == 0.5
    assert values(townships["xinzhuang"]["counts"])["received"] == 2  # co-author counts

    plenary = await client.get(
        "/statistics", headers=office(), params={**params, "period": "plenary"}
    )
    body = plenary.json()
    assert body["scope"]["label"] == "十届三次会议（大会提案）"
    assert (values(body["counts"])["received"], values(body["counts"])["registered"]) == (5, 3)
    other = await client.get("/statistics", headers=office(), params={**params, "session_no": 4})
    assert values(other.json()["counts"])["received"] == 0
    assert by_code(other.json()["rates"])["registration_rate"]["percent"] == "—"

    await _rebuild_equals_live(app, client)


async def test_township_statistics_and_who_may_see_them(
    client: httpx.AsyncClient, members: Members
) -> None:
    world = await build_world(client, members)
    params: dict[str, Any] = {"term_no": 10, "session_no": 3, **world.min_seq()}
    r = await client.get(
        "/townships/chengguan/statistics", headers=township("chengguan"), params=params
    )
    assert r.status_code == 200, r.text
    stats = r.json()
    assert stats["scope"]["township_id"] == "chengguan" and stats["townships"] == []
    counts = values(stats["counts"])
    assert (counts["received"], counts["registered"], counts["not_registered"]) == (3, 2, 1)
    assert (counts["members"], counts["participating_members"]) == (2, 2)
    assert values(stats["rates"])["face_to_face_rate"] == 0.5

    r = await client.get(
        "/townships/xinzhuang/statistics", headers=township("chengguan"), params=params
    )
    assert r.status_code == 403 and "本乡镇" in r.json()["detail"]
    r = await client.get("/townships/xinzhuang/statistics", headers=assigning(), params=params)
    assert r.status_code == 200 and values(r.json()["counts"])["received"] == 2
    for headers in (member("m1"), unit("zhujianju"), township("chengguan")):
        r = await client.get("/statistics", headers=headers, params=params)
        assert r.status_code == 403 and "提案统计" in r.json()["detail"], r.text
    assert (await client.get("/statistics", params=params)).status_code == 401
    r = await client.get("/statistics", headers=assigning(), params={"term_no": 10})
    assert r.status_code == 422 and "session_no" in r.json()["detail"]
    r = await client.get("/statistics", headers=office(), params={**params, "period": "yearly"})
    assert r.status_code == 422


async def _rebuild_equals_live(app: FastAPI, client: httpx.AsyncClient) -> None:
    rt: ServiceRuntime = app.state.runtime
    up_to = await last_sequence(rt.nc, "PROPOSALS")
    r = await client.get("/handling-units", headers=office(), params={"min_seq": str(up_to)})
    assert r.status_code == 200
    live = next(p for p in rt.runner.projections if isinstance(p, ProposalStatsTasks))
    rebuilt = live.clone("rb_")
    counts = await rt.runner.rebuild(rebuilt, up_to={"PROPOSALS": up_to})
    assert all(counts.values()), counts
    report = await compare_tables(rt.db, live, rebuilt)
    assert all(rows > 0 for rows, _, _ in report.values()), report
    assert all(a == b and diff == 0 for a, b, diff in report.values()), report
