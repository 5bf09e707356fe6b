"""Projections on SQLite and PostgreSQL: a rebuild from the streams equals the live tables."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI

from shared.runner import compare_tables
from shared.service import ServiceRuntime
from shared.streams import last_sequence

from .helpers import Members, member, office, read, submitted, township


@pytest.fixture
def database_url(db_url: str) -> str:
    return db_url


async def history(client: httpx.AsyncClient, members: Members) -> None:
    await members.register("m1", "张三", "chengguan")
    await members.register("m2", "李四", "xinzhuang")
    await members.register("m3", "王五", "dongcun")
    joint = await submitted(client, members, "m1", author_kind="joint", co_author_ids=["m2", "m3"])
    await members.move("m3", "chengguan")
    solo = await submitted(client, members, "m3", period="interim")
    declined = await submitted(client, members, "m2")
    gone = await submitted(client, members, "m1")
    for pid in (joint, solo, gone):
        assert (await client.post(f"/proposals/{pid}/review", headers=office())).status_code == 202
        assert (
            await client.post(f"/proposals/{pid}/register", headers=office())
        ).status_code == 202
    decline = {"reason": "multiple_issues", "disposition": "to_suggestion", "note": "请拆分"}
    r = await client.post(f"/proposals/{declined}/decline", json=decline, headers=office())
    assert r.status_code == 202
    r = await client.post(f"/proposals/{gone}/withdraw", headers=member("m1"))
    assert r.status_code == 202


async def test_rebuild_equals_live(
    app: FastAPI, client: httpx.AsyncClient, members: Members
) -> None:
    await history(client, members)
    rt: ServiceRuntime = app.state.runtime
    up_to = {s: await last_sequence(rt.nc, s) for s in ("PROPOSALS", "MEMBERS")}
    r = await client.get(
        "/townships/chengguan/proposals",
        headers=township("chengguan"),
        params={"min_seq": [f"PROPOSALS:{up_to['PROPOSALS']}", f"MEMBERS:{up_to['MEMBERS']}"]},
    )
    assert r.status_code == 200 and r.json()["total"] == 3

    for live in rt.runner.projections:
        rebuilt = live.clone("rb_")
        counts = await rt.runner.rebuild(rebuilt, up_to={s: up_to[s] for s in live.sources})
        assert all(counts.values()), counts
        report = await compare_tables(rt.db, live, rebuilt)
        if live.name in ("member_reference", "proposal_list"):  # what this history fills
            assert all(rows > 0 for rows, _, _ in report.values()), report
        assert all(a == b and diff == 0 for a, b, diff in report.values()), report


async def test_projection_reads_back_on_this_database(
    client: httpx.AsyncClient, members: Members
) -> None:
    await members.register("m1", "张三", "chengguan")
    pid = await submitted(client, members, "m1")
    r = await client.post(f"/proposals/{pid}/register", headers=office())
    r = await read(client, f"/proposals/{pid}", member("m1"), r.json()["seq"])
    body = r.json()
    assert body["serial_no"] == "10-3-D001" and body["lead_author_name"] == "张三"
    assert body["submitted_at"].endswith("Z") or body["submitted_at"].endswith("+00:00")
    assert body["suggested_units"] == ["县住建局"]
