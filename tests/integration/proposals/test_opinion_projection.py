"""The 社情民意 read models on SQLite and PostgreSQL: a rebuild from the stream equals the
live tables, row for row (every table holds rows after this history)."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI

from services.proposals.projections.opinion_bulletins import BulletinIssues
from services.proposals.projections.opinion_points import DirectReportPoints
from services.proposals.projections.opinion_reports import OpinionReportList
from services.proposals.projections.opinion_stats import MemberReportStats
from shared.runner import compare_tables
from shared.service import ServiceRuntime
from shared.streams import last_sequence

from .helpers import Members, member, township
from .test_opinion_helpers import YEAR, accepted_report, admin, read, step, submit

OPINION_PROJECTIONS = (OpinionReportList, BulletinIssues, DirectReportPoints, MemberReportStats)


@pytest.fixture
def database_url(db_url: str) -> str:
    return db_url


async def history(client: httpx.AsyncClient, members: Members) -> None:
    await members.register("m1", "张三", "chengguan")
    await members.register("m2", "李四", "xinzhuang")
    point = await step(
        client,
        "/direct-report-points",
        status=201,
        point_name="新庄村直报点",
        kind="village",
        township_id="xinzhuang",
        contact_person="孙八",
        contact_phone="13700000000",
    )
    r = await submit(
        client,
        township("xinzhuang"),
        members.min_seq,
        reporter_kind="direct_report_point",
        direct_report_point_id=point["id"],
    )
    assert r.status_code == 201, r.text
    first = await accepted_report(client, member("m1"), author_ids=["m1", "m2"])
    second = await accepted_report(client, member("m2"), title="关于集镇停车难的情况反映")
    archived = (await submit(client, member("m1"), title="关于路灯损坏的情况反映")).json()["id"]
    await step(client, f"/opinion-reports/{archived}/start-editing")
    await step(client, f"/opinion-reports/{archived}/edit", editor_notes="与已报信息重复")
    await step(client, f"/opinion-reports/{archived}/archive", reason="重复")

    issue = (await step(client, "/bulletin-issues", status=201, year=YEAR))["id"]
    for rid in (first, second):
        await step(client, f"/bulletin-issues/{issue}/items", report_id=rid)
    r = await client.delete(f"/bulletin-issues/{issue}/items/{second}", headers=admin())
    assert r.status_code == 202, r.text
    await step(client, f"/bulletin-issues/{issue}/submit-for-approval")
    await step(client, f"/bulletin-issues/{issue}/approve", headers=admin())
    await step(client, f"/bulletin-issues/{issue}/publish", recipients=["县委办公室"])
    await step(client, f"/bulletin-issues/{issue}/distribute", note="已送达")
    await step(client, f"/opinion-reports/{second}/forward", departments=["县交通运输局"])
    await step(client, f"/opinion-reports/{first}/report-upward", level="province")
    day = f"{YEAR}-01-01"
    for level in ("county_party_gov", "province"):
        await step(
            client,
            f"/opinion-reports/{first}/adoptions",
            level=level,
            adopting_body="采用单位",
            mode="single_article",
            adopted_on=day,
        )
    await step(
        client,
        f"/opinion-reports/{first}/instructions",
        leader="副省长",
        level="provincial_leader",
        text="请省民政厅研究。",
        instructed_on=day,
        principal=True,
    )
    await step(
        client,
        f"/opinion-reports/{second}/feedbacks",
        department="县交通运输局",
        text="已增设停车位。",
        received_on=day,
    )


async def test_rebuild_equals_live(
    app: FastAPI, client: httpx.AsyncClient, members: Members
) -> None:
    await history(client, members)
    rt: ServiceRuntime = app.state.runtime
    up_to = await last_sequence(rt.nc, "PROPOSALS")
    panel = await read(client, "/townships/xinzhuang/opinion-reports", admin(), up_to)
    assert panel["total"] == 3

    for live in rt.runner.projections:
        if not isinstance(live, OPINION_PROJECTIONS):
            continue
        rebuilt = live.clone("rb_")
        counts = await rt.runner.rebuild(rebuilt, up_to={"PROPOSALS": up_to})
        assert counts["PROPOSALS"] > 0
        report = await compare_tables(rt.db, live, rebuilt)
        assert all(rows > 0 for rows, _, _ in report.values()), report
        assert all(a == b and diff == 0 for a, b, diff in report.values()), report
