"""Attribution to liaison groups (DOMAIN §6.2, §9.9): a member who moves mid-year is
counted where they were at the time of each item; an item of another service read before
the member's own registration lands correctly once both are in."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from nats.aio.client import Client as NATS

from services.members.domain import MemberRegistered
from services.members.localtime import local_date, utc_now
from services.members.projections import township_foreign as pf
from services.members.projections import township_foreign_reports as rf
from services.members.projections.registry import write_registry
from shared.ids import uuid7
from tests.integration.members.helpers import Api, auth
from tests.integration.members.test_township_world import append


async def panel(api: Api, township: str, name: str, seq: list[str], **q: Any) -> Any:
    params = [*q.items(), *(("min_seq", s) for s in seq)]
    url = f"/townships/{township}/panels/{name}"
    r = await api.client.get(url, params=params, headers=auth("county_admin"))
    assert r.status_code == 200, r.text
    return r.json()


def proposal(pid: str, lead: str, when: datetime, groups: dict[str, str], **more: Any) -> Any:
    return pf.Submitted(
        proposal_id=pid,
        lead_author_id=lead,
        title=f"提案{pid[-1]}",
        submitted_at=when,
        author_township_ids=groups,
        **more,
    )


def report(rid: str, author: str, when: datetime, groups: dict[str, str]) -> Any:
    return rf.ReportSubmitted(
        report_id=rid,
        year=when.year,
        reporter_kind="member",
        author_ids=(author,),
        author_township_ids=groups,
        title=f"信息{rid[-1]}",
        submitted_at=when,
    )


async def test_member_moving_mid_year_counts_where_they_were(api: Api, nc: NATS) -> None:
    await api.establish("chengguan")
    await api.establish("xinzhuang")
    m = (await api.register("chengguan", name="赵六"))["id"]
    today = local_date(utc_now()).isoformat()
    first = await api.visit(m, visit_date=today)
    before = utc_now()
    early = [
        ("pa", proposal("p-a", m, before, {m: "chengguan"})),
        ("pc", proposal("p-c", m, before - timedelta(seconds=1), {})),
        ("ra", report("r-a", m, before, {m: "chengguan"})),
    ]
    await append(nc, "proposals", pf.proposal_registry, [(i, e, before) for i, e in early[:2]])
    await append(nc, "proposals", rf.report_registry, [("r-a", early[2][1], before)])
    r = await api.client.post(
        f"/members/{m}/liaison-group-changes?min_seq={first['seq']}",
        json={"to_township_id": "xinzhuang"},
        headers=auth("county_admin"),
    )
    assert r.status_code == 202, r.text
    second = await api.visit(m, visit_date=today)
    after = utc_now() + timedelta(seconds=1)
    await append(
        nc,
        "proposals",
        pf.proposal_registry,
        [("p-b", proposal("p-b", m, after, {m: "xinzhuang"}), after)],
    )
    p_seq = await append(
        nc, "proposals", rf.report_registry, [("r-b", report("r-b", m, after, {}), after)]
    )
    seq = [str(second["seq"]), f"PROPOSALS:{p_seq}"]

    old = await panel(api, "chengguan", "proposals", seq)
    new = await panel(api, "xinzhuang", "proposals", seq)
    assert sorted(p["proposal_id"] for p in old["rows"]) == ["p-a", "p-c"]
    assert [p["proposal_id"] for p in new["rows"]] == ["p-b"]
    assert {p["attribution_reason"] for p in old["rows"] + new["rows"]} == {"by_member"}
    assert [r["report_id"] for r in (await panel(api, "chengguan", "reports", seq))["rows"]] == [
        "r-a"
    ]
    assert [r["report_id"] for r in (await panel(api, "xinzhuang", "reports", seq))["rows"]] == [
        "r-b"
    ]
    assert (await panel(api, "chengguan", "visits", seq))["total"] == 1
    assert (await panel(api, "xinzhuang", "visits", seq))["total"] == 1
    assert (await panel(api, "chengguan", "members", seq))["rows"] == []
    [row] = (await panel(api, "xinzhuang", "members", seq))["rows"]
    assert (row["member_id"], row["proposals"], row["reports"], row["visits"]) == (m, 3, 2, 2)
    league = await api.client.get("/townships/league", headers=auth("county_admin"))
    visits = {x["township_id"]: x["visits"] for x in league.json()["rows"]}
    assert visits == {"chengguan": 1, "xinzhuang": 1}


async def test_foreign_event_before_the_members_registration(api: Api, nc: NATS) -> None:
    await api.establish("chengguan")
    x, y = uuid7(), uuid7()
    when = utc_now() - timedelta(minutes=5)
    await append(
        nc,
        "proposals",
        pf.proposal_registry,
        [
            ("p-x", proposal("p-x", x, when, {x: "chengguan"}, author_names={x: "孙七"}), when),
            ("p-y", proposal("p-y", y, when, {y: "xinzhuang"}, co_author_ids=(x,)), when),
        ],
    )
    p_seq = await append(
        nc, "proposals", rf.report_registry, [("r-x", report("r-x", x, when, {}), when)]
    )
    before = await panel(api, "chengguan", "proposals", [f"PROPOSALS:{p_seq}"])
    [only] = before["rows"]
    assert (only["proposal_id"], only["lead_author_name"]) == ("p-x", "孙七")

    registered = MemberRegistered(
        member_id=x,
        member_name="孙七",
        sector="农业界",
        political_affiliation="cpc",
        township_id="chengguan",
        term_no=10,
    )
    m_seq = await append(nc, "members", write_registry, [(x, registered, utc_now())])
    seq = [str(m_seq), f"PROPOSALS:{p_seq}"]
    after = await panel(api, "chengguan", "proposals", seq)
    rows = {p["proposal_id"]: p for p in after["rows"]}
    assert sorted(rows) == ["p-x", "p-y"] and rows["p-y"]["attribution_reason"] == "by_member"
    assert [r["report_id"] for r in (await panel(api, "chengguan", "reports", seq))["rows"]] == [
        "r-x"
    ]
    [row] = (await panel(api, "chengguan", "members", seq))["rows"]
    assert (row["name"], row["proposals"], row["reports"]) == ("孙七", 2, 1)
