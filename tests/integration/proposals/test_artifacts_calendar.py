"""Holiday calendar over HTTP: county_admin sets days; everyone reads and computes."""

from __future__ import annotations

from datetime import date

import httpx
from fastapi import FastAPI

from services.proposals.application.artifacts_calendar import load_work_calendar
from shared.service import ServiceRuntime

from .helpers import member, office
from .test_artifacts_support import ADMIN, detail, get, post

SPRING = {
    "kind": "holiday",
    "days": [{"day": f"2026-02-{d}", "label": "春节"} for d in range(15, 24)],
}
ADJUSTED = {"kind": "workday", "days": [{"day": "2026-02-14", "label": "春节调休上班"}]}


async def test_admin_sets_the_year_and_everyone_computes_with_it(
    app: FastAPI, client: httpx.AsyncClient
) -> None:
    r = await post(client, "/calendar/2026/days", ADMIN, SPRING)
    assert r.status_code == 202, r.text
    r = await post(client, "/calendar/2026/days", ADMIN, ADJUSTED)
    seq = r.json()["seq"]

    r = await get(client, "/calendar/2026", member("m1"), seq)
    body = r.json()
    assert (body["holidays"], body["adjusted_workdays"]) == (9, 1)
    assert body["days"][0] == {
        "day": "2026-02-14",
        "weekday": 6,
        "kind": {"code": "workday", "label": "调休上班日"},
        "label": "春节调休上班",
    }
    r = await get(client, "/calendar/deadline", office(), seq, start="2026-02-13", workdays=2)
    assert r.json()["deadline"] == "2026-02-24"
    r = await get(client, "/calendar/workdays", office(), seq, start="2026-02-13", end="2026-02-28")
    assert r.json()["workdays"] == 5  # Sat 14 (调休) + Tue 24 … Fri 27

    calendar = await load_work_calendar(app.state.runtime.db)
    assert date(2026, 2, 16) in calendar.holidays
    assert calendar.extra_workdays == frozenset({date(2026, 2, 14)})

    r = await post(client, "/calendar/2026/days/remove", ADMIN, {"days": ["2026-02-14"]})
    assert r.status_code == 202
    r = await get(client, "/calendar/2026", office(), r.json()["seq"])
    assert r.json()["adjusted_workdays"] == 0


async def test_errors_are_chinese(app: FastAPI, client: httpx.AsyncClient) -> None:
    r = await post(client, "/calendar/2026/days", office(), SPRING)
    assert (
        r.status_code == 403 and detail(r) == "只有政协机关（系统管理员）可以维护节假日和调休安排。"
    )
    r = await client.get("/calendar/2026")
    assert r.status_code == 401
    monday = {"kind": "workday", "days": [{"day": "2026-02-16"}]}
    r = await post(client, "/calendar/2026/days", ADMIN, monday)
    assert r.status_code == 422
    assert detail(r) == "2026-02-16（星期一）本来就是工作日，调休上班日只能设在周六或周日"
    r = await post(client, "/calendar/2026/days", ADMIN, {"kind": "holiday", "days": []})
    assert r.status_code == 422 and "days" in detail(r)
    r = await post(client, "/calendar/2026/days/remove", ADMIN, {"days": ["2026-10-01"]})
    assert r.status_code == 404 and "未设为节假日或调休上班日" in detail(r)
    r = await post(
        client, "/calendar/2026/days", ADMIN, {"kind": "holiday", "days": [{"day": "2027-01-01"}]}
    )
    assert r.status_code == 422 and detail(r) == "2027-01-01 不在 2026 年内，请按年份分别录入"
    r = await client.get(
        "/calendar/workdays", headers=office(), params={"start": "2026-03-02", "end": "2026-03-01"}
    )
    assert r.status_code == 422 and detail(r) == "截止日期不能早于起始日期"
    rt: ServiceRuntime = app.state.runtime
    assert rt.stream == "PROPOSALS"
