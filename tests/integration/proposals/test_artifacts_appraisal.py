"""一评议 over HTTP: the office runs the appraisal; units see only their own published row."""

from __future__ import annotations

import httpx

from .helpers import member, office, township
from .test_artifacts_support import detail, get, post, unit

HOLD = {
    "year": 2025,
    "title": "2025年度提案承办单位民主评议",
    "held_on": "2026-01-05",
    "units": [
        {"unit_id": "zjj", "unit_name": "县住建局"},
        {"unit_id": "jyj", "unit_name": "县教育局"},
    ],
}


def sheet(no: str, zjj: str, jyj: str) -> dict[str, object]:
    return {"ballot_no": no, "choices": {"zjj": zjj, "jyj": jyj}}


async def test_hold_enter_ballots_publish_and_read(client: httpx.AsyncClient) -> None:
    r = await post(client, "/handling-unit-appraisals", office(), HOLD)
    assert r.status_code == 201, r.text
    aid = r.json()["id"]
    ballots = [
        sheet("1", "very_satisfied", "satisfied"),
        sheet("2", "satisfied", "dissatisfied"),
        sheet("3", "basically_satisfied", "abstain"),
        sheet("4", "dissatisfied", "abstain"),
    ]
    r = await post(
        client, f"/handling-unit-appraisals/{aid}/ballots", office(), {"ballots": ballots[:2]}
    )
    assert r.status_code == 202
    r = await post(
        client, f"/handling-unit-appraisals/{aid}/ballots", office(), {"ballots": ballots[2:]}
    )
    seq = r.json()["seq"]
    r = await get(client, f"/handling-unit-appraisals/{aid}", office(), seq)
    assert r.json()["ballots"] == 4 and r.json()["status"]["label"] == "测评中"
    assert r.json()["results"] == []
    assert (await get(client, "/handling-unit-appraisals", unit("zjj"), seq)).json() == []

    r = await post(client, f"/handling-unit-appraisals/{aid}/publish", office())
    assert r.status_code == 202
    seq = r.json()["seq"]
    r = await get(client, "/handling-unit-appraisals", office(), seq, year=2025)
    [appraisal] = r.json()
    assert appraisal["status"]["label"] == "结果已公布"
    assert [x["unit_id"] for x in appraisal["results"]] == ["zjj", "jyj"]
    r = await get(client, f"/handling-unit-appraisals/{aid}", unit("zjj"), seq)
    [mine] = r.json()["results"]
    assert mine["counts"] == {
        "very_satisfied": 1,
        "satisfied": 1,
        "basically_satisfied": 1,
        "dissatisfied": 1,
        "abstain": 0,
    }
    assert mine["shares"]["satisfied"] == 0.25
    assert (mine["satisfied_rate"], mine["approval_rate"]) == (0.5, 0.75)
    r = await get(client, f"/handling-unit-appraisals/{aid}", unit("gaj"), seq)
    assert r.status_code == 404 and detail(r) == "未找到该评议，请核对评议编号"

    r = await post(
        client,
        f"/handling-unit-appraisals/{aid}/ballots",
        office(),
        {"ballots": [sheet("5", "satisfied", "satisfied")]},
    )
    assert r.status_code == 409 and detail(r) == "评议结果已公布，不能录入测评票"


async def test_appraisal_errors(client: httpx.AsyncClient) -> None:
    for headers in (member("m1"), township("hexi"), unit("zjj")):
        r = await post(client, "/handling-unit-appraisals", headers, HOLD)
        assert r.status_code == 403
        assert detail(r) == "只有提案委员会或政协机关工作人员可以组织承办单位评议。"
    r = await client.get("/handling-unit-appraisals", headers=member("m1"))
    assert r.status_code == 403
    r = await post(client, "/handling-unit-appraisals", office(), {**HOLD, "held_on": "2999-01-01"})
    assert r.status_code == 422 and detail(r) == "评议日期（2999-01-01）不能晚于今天"
    r = await post(client, "/handling-unit-appraisals", office(), {**HOLD, "year": 1999})
    assert r.status_code == 422
    aid = (await post(client, "/handling-unit-appraisals", office(), HOLD)).json()["id"]
    r = await post(client, f"/handling-unit-appraisals/{aid}/publish", office())
    assert r.status_code == 409 and detail(r) == "尚未录入测评票，不能公布评议结果"
    partial = {"ballots": [{"ballot_no": "1", "choices": {"zjj": "satisfied"}}]}
    r = await post(client, f"/handling-unit-appraisals/{aid}/ballots", office(), partial)
    assert r.status_code == 422
    assert detail(r) == "第1号测评票缺少对“县教育局”的评价（未评价的请选“弃权”）"
    ok = {"ballots": [sheet("1", "satisfied", "abstain")]}
    assert (
        await post(client, f"/handling-unit-appraisals/{aid}/ballots", office(), ok)
    ).status_code == 202
    r = await post(client, f"/handling-unit-appraisals/{aid}/ballots", office(), ok)
    assert r.status_code == 409 and detail(r) == "测评票 1 已录入，请勿重复录入"
    r = await post(client, "/handling-unit-appraisals/nope/publish", office())
    assert r.status_code == 404
