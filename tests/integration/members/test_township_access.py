"""Who sees the liaison-group view (issue item 7): every township endpoint × every role.

county_admin: everything; the group's staff: their group fully (phones masked), other
groups not at all; a member of the group: aggregates and only their own rows; a member of
another group, the proposal office: 403; no token: 401. The league is county_admin only."""

from __future__ import annotations

from typing import Any

import pytest
from nats.aio.client import Client as NATS

from tests.integration.members.helpers import YEAR, Api, auth
from tests.integration.members.test_township_world import World, build_world
from tests.integration.members.test_township_world_events import AS_OF, P1, R1

ROLES = [
    "county_admin",
    "township_own",
    "township_other",
    "member_of_group",
    "member_other_group",
    "proposal_office",
    "no_token",
]
GROUP = {"township_own", "member_of_group"}
PANELS = [
    "members",
    "attendance",
    "visits",
    "proposals",
    "township-government",
    "reports",
    "consultations",
    "livelihood-training",
    "alerts",
]
ENDPOINTS: list[tuple[str, set[str]]] = [
    ("/townships/chengguan/dashboard", {"township_own"}),
    ("/townships/chengguan/summary", GROUP),
    ("/townships/league", set()),
    *((f"/townships/chengguan/panels/{name}", GROUP) for name in PANELS),
]


def expected(who: str, allowed: set[str]) -> int:
    if who == "county_admin" or who in allowed:
        return 200
    return 401 if who == "no_token" else 403


async def fetch(api: Api, w: World, url: str, who: str) -> tuple[int, Any]:
    roles = w.roles(who)
    params: list[tuple[str, str | int | float | bool | None]] = [
        ("year", YEAR),
        ("as_of", AS_OF.isoformat()),
        *(("min_seq", s) for s in w.seq),
    ]
    r = await api.client.get(url, params=params, headers=auth(*roles) if roles else {})
    return r.status_code, r.json()


@pytest.mark.parametrize("who", ROLES)
async def test_access_matrix(api: Api, nc: NATS, who: str) -> None:
    w = await build_world(api, nc)
    seen: dict[str, Any] = {}
    for url, allowed in ENDPOINTS:
        status, body = await fetch(api, w, url, who)
        assert status == expected(who, allowed), (who, url, status, body)
        if status == 403:
            assert any(word in body["detail"] for word in ("无权", "仅限", "只能")), body
        seen[url.rsplit("/", 1)[-1]] = body
    if who == "member_of_group":
        await check_member_sees_own_rows(api, w, seen)
    if who == "township_own":
        [row] = [r for r in seen["members"]["rows"] if r["member_id"] == w.a]
        assert (row["phone"], row["phone_visibility"]) == ("138****5678", "masked")


async def check_member_sees_own_rows(api: Api, w: World, seen: dict[str, Any]) -> None:
    """Counters are the group's; row lists hold only rows about the member."""
    _, admin = await fetch(api, w, "/townships/chengguan/summary", "county_admin")
    assert seen["summary"] == admin
    members, proposals = seen["members"], seen["proposals"]
    assert members["rows_scope"] == "self" and members["total"] == 2
    assert [(r["member_id"], r["phone"]) for r in members["rows"]] == [(w.a, "13812345678")]
    assert proposals["counters"]["submitted"] == 4
    assert [p["proposal_id"] for p in proposals["rows"]] == [P1]
    assert [r["report_id"] for r in seen["reports"]["rows"]] == [R1]
    assert [t["task_id"] for t in seen["township-government"]["rows"]] == ["t2"]
    visits = seen["visits"]
    assert visits["total"] == 2 and [q["member_id"] for q in visits["quota"]] == [w.a]
    assert seen["attendance"]["absentees"] == [] and seen["attendance"]["totals"]["absent"] == 1
    activities = seen["livelihood-training"]
    assert activities["livelihood"] == [] and activities["livelihood_total"] == 1
    alerts = seen["alerts"]
    assert alerts["by_kind"] == {"visit_quota": 1, "report_feedback": 1}
    assert {a["member_id"] for a in alerts["items"]} <= {w.a, None}
