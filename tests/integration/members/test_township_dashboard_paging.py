"""The township dashboard's SQL aggregates equal the slow computation (every row of the
year loaded and counted in Python, as the dashboard used to do) on a non-trivial county,
and its detail lists page correctly (limit/offset, totals in `pages`) — on SQLite and
PostgreSQL. Invalid paging values are refused with 422 and a Chinese message."""

from __future__ import annotations

from collections import Counter
from typing import Any

from fastapi import FastAPI
from nats.aio.client import Client as NATS
from sqlalchemy import Row, select

from services.members.api.dashboard import visit_item
from services.members.api.queries import dashboard_of, directory_of, member_names
from services.members.api.township_access import projection_of
from services.members.projections.activities import DutyActivities
from services.members.projections.foreign import (
    ConsultationHeld,
    Participant,
    Suggestion,
    SuggestionAdopted,
)
from shared.events import DomainEvent
from shared.ids import uuid7
from tests.integration.members.helpers import YEAR, Api, append_foreign, auth, runtime

AS_OF = f"{YEAR}-10-01"
TAGS = (["investigator"], ["policy_explainer", "investigator"], ["constituent_servant"])
MODES = ("door_to_door", "symposium", "phone", "site")


async def _post(api: Api, url: str, body: dict[str, Any], status: int = 202) -> dict[str, Any]:
    r = await api.client.post(url, json=body, headers=auth("county_admin"))
    assert r.status_code == status, (url, r.text)
    return dict(r.json())


async def _seed(api: Api, nc: NATS) -> tuple[list[str], list[str]]:
    """72 visits by five members of two groups (by kind, mode, role tags, township, year,
    0–2 issues, some escalated, some verified) and 9 consultations with 6 adoptions."""
    for township in ("chengguan", "xinzhuang"):
        await api.establish(township)
    names = ("张三", "李四", "王五", "赵六")
    ours = [(await api.register("chengguan", name=n))["id"] for n in names]
    other = (await api.register("xinzhuang", name="钱七"))["id"]
    people = [*ours, other]
    seq = "0"
    for i in range(72):
        member = people[i % len(people)]
        home = "xinzhuang" if member == other else "chengguan"
        leader = i % 6 == 5
        body: dict[str, Any] = {
            "visit_kind": "leader_visits_member" if leader else "member_visits_constituents",
            "visit_date": f"{YEAR - (i % 9 == 0)}-{1 + i % 12:02d}-{1 + i % 27:02d}",
            "mode": MODES[i % len(MODES)],
            "role_tags": TAGS[i % len(TAGS)],
            "township_id": ("xinzhuang" if home == "chengguan" else "chengguan")
            if i % 4 == 0
            else home,
            "topics": [f"议题{i % 5}"],
            "issues_raised": [
                {"text": f"问题{i}-{n}", "resolved_on_site": n == 1} for n in range(i % 3)
            ],
        }
        if leader:
            visited = [m for m in ours if m != member][i % 3]
            body |= {"visited_member_ids": [visited], "constituents": []}
        visit = await api.visit(member, **body)
        seq = str(visit["seq"])
        if i % 3 and i % 4 == 1:
            target = "opinion_report" if i % 8 == 1 else "proposal"
            url = f"/visits/{visit['id']}/issues/0/escalate?min_seq={seq}"
            seq = str((await _post(api, url, {"target": target}))["seq"])
        if i % 5 == 2:
            url = f"/visits/{visit['id']}/verify?min_seq={seq}"
            seq = str((await _post(api, url, {}))["seq"])
    events: list[tuple[str, DomainEvent]] = []
    for n in range(9):
        cid = str(uuid7())
        events.append(
            (
                cid,
                ConsultationHeld(
                    consultation_id=cid,
                    township_id="chengguan" if n % 3 else "xinzhuang",
                    type=("grassroots", "sector", "special")[n % 3],
                    topic=f"协商议题{n}",
                    held_on=f"{YEAR}-{1 + n:02d}-{10 + n:02d}",
                    participants=(Participant(member_id=ours[n % 4], township_id="chengguan"),),
                    suggestions=tuple(
                        Suggestion(suggestion_id=f"{cid}-{k}", text=f"建议{k}")
                        for k in range(n % 3)
                    ),
                ),
            )
        )
        if n < 6:
            adopted = SuggestionAdopted(
                consultation_id=cid,
                suggestion_id=f"s-{n}",
                township_id="chengguan",
                text=f"采纳的建议{n}",
                topic=f"协商议题{n}",
                adopted_by="城关镇人民政府",
                adoption="adopted",
            )
            events.append((cid, adopted))
    c_seq = await append_foreign(nc, "consultation", events)
    seen = [seq, f"CONSULTATION:{c_seq}"]
    await _get(api, "/townships/chengguan/summary", seen)  # read-your-writes: all projected
    return ours, seen


async def _get(
    api: Api, url: str, seq: list[str], roles: tuple[str, ...] = ("county_admin",), **q: Any
) -> Any:
    params = {"year": YEAR, "as_of": AS_OF, **q}
    query = [*params.items(), *(("min_seq", s) for s in seq)]
    r = await api.client.get(url, params=query, headers=auth(*roles))
    assert r.status_code == 200, r.text
    return r.json()


async def _all_pages(
    api: Api, url: str, seq: list[str], lists: tuple[str, ...], limit: int, **q: Any
) -> tuple[dict[str, list[Any]], dict[str, Any]]:
    """Every row of `lists` fetched `limit` at a time; the first page's body."""
    found: dict[str, list[Any]] = {name: [] for name in lists}
    first: dict[str, Any] = {}
    offset = 0
    while True:
        body = await _get(api, url, seq, limit=limit, offset=offset, **q)
        first = first or body
        for name in lists:
            page = body["pages"][name]
            assert (page["offset"], page["limit"]) == (offset, limit)
            assert len(body[name]) == min(limit, max(0, page["total"] - offset))
            assert page["has_more"] == (offset + limit < page["total"])
            found[name] += body[name]
        if not any(body["pages"][name]["has_more"] for name in lists):
            return found, first
        offset += limit


# --- the slow computation: every row of the year, counted in Python -----------------------


async def _slow(app: FastAPI, member: str | None = None) -> dict[str, Any]:
    rt = runtime(app)
    t, da = dashboard_of(rt), projection_of(rt, DutyActivities)
    v, c, a = t.visits.c, t.consultations.c, t.adopted.c
    async with rt.db.read() as conn:

        async def rows(stmt: Any) -> list[Row[Any]]:
            return list((await conn.execute(stmt)).all())

        visits = await rows(
            select(t.visits)
            .where(v.township_id == "chengguan", v.year == YEAR)
            .order_by(v.visit_date.desc(), v.visit_id)
        )
        ids = [row.visit_id for row in visits]
        by_id = {row.visit_id: row for row in visits}
        involved: dict[str, set[str]] = {}
        for p in await rows(select(da.members).where(da.members.c.record_id.in_(ids))):
            involved.setdefault(p.record_id, set()).add(p.member_id)
        statuses = await rows(select(da.records).where(da.records.c.record_id.in_(ids)))
        items = await rows(
            select(da.items)
            .where(da.items.c.record_id.in_(ids), da.items.c.item_kind == "issue")
            .order_by(da.items.c.record_id, da.items.c.item_no)
        )
        held = await rows(
            select(t.consultations)
            .where(c.township_id == "chengguan", c.year == YEAR)
            .order_by(c.held_on.desc(), c.consultation_id)
        )
        adopted = await rows(
            select(t.adopted)
            .where(a.township_id == "chengguan", a.year == YEAR)
            .order_by(a.adopted_at, a.suggestion_id)
        )
        names = await member_names(conn, directory_of(rt), [r.member_id for r in visits])

    def sees(who: set[str]) -> bool:
        return member is None or member in who

    issue_status = [("escalated" if i.target else i.status) for i in items]
    shown = [r for r in visits if sees({r.member_id} | involved.get(r.visit_id, set()))]
    own = [r for r in visits if r.reason == "by_member"]
    return {
        "total": len(visits),
        "by_kind": dict(Counter(r.visit_kind for r in visits)),
        "by_role_tag": dict(Counter(tag for r in visits for tag in r.role_tags.split(",") if tag)),
        "by_reason": dict(Counter(r.reason for r in visits)),
        "verified": sum(1 for r in statuses if r.status == "verified"),
        "issues": {
            "raised": len(items),
            "resolved_on_site": issue_status.count("resolved_on_site"),
            "escalated": issue_status.count("escalated"),
            "escalated_by_target": dict(Counter(i.target for i in items if i.target)),
            "open": issue_status.count("open"),
        },
        "issue_rows": [
            (i.record_id, i.text, status)
            for i, status in zip(items, issue_status, strict=True)
            if sees(involved.get(i.record_id, {by_id[i.record_id].member_id}))
        ],
        "items": [visit_item(r, names).model_dump(mode="json") for r in shown],
        "own_visits": len(own),
        "own_constituent_visits": sum(1 for r in own if r.visit_kind.endswith("constituents")),
        "consultations": {
            "total": len(held),
            "by_type": dict(Counter(r.type for r in held)),
            "by_reason": dict(Counter(r.reason for r in held)),
            "suggestions": sum(r.suggestions_count for r in held),
            "adopted": len(adopted),
        },
        "consultation_ids": [r.consultation_id for r in held],
        "adopted_ids": [r.suggestion_id for r in adopted],
    }


def _issues(rows: list[dict[str, Any]]) -> list[tuple[str, str, str]]:
    return [(r["visit_id"], r["text"], r["status"]) for r in rows]


async def test_aggregates_equal_slow_computation_and_lists_page(
    service_on_db: tuple[FastAPI, Api], nc: NATS
) -> None:
    app, api = service_on_db
    ours, seq = await _seed(api, nc)
    slow = await _slow(app)
    assert slow["total"] > 50 and slow["issues"]["escalated"] and slow["verified"]
    assert len(slow["by_reason"]) == 2 and len(slow["by_role_tag"]) == 3

    # The one panel's route, paged 7 at a time: the same rows in the same order.
    url = "/townships/chengguan/panels/visits"
    found, panel = await _all_pages(api, url, seq, ("items", "issue_items"), 7)
    for key in ("total", "by_kind", "by_role_tag", "by_reason", "verified", "issues"):
        assert panel[key] == slow[key], key
    assert found["items"] == slow["items"]
    assert _issues(found["issue_items"]) == slow["issue_rows"]
    assert panel["pages"]["items"]["total"] == slow["total"]

    # The dashboard: default page of 50, the legacy fields counted over every row.
    board = await _get(api, "/townships/chengguan/dashboard", seq)
    legacy = board["visits"]
    assert (legacy["total"], legacy["by_kind"], legacy["by_role_tag"]) == (
        slow["total"],
        slow["by_kind"],
        slow["by_role_tag"],
    )
    assert legacy["items"] == slow["items"][:50]
    assert legacy["page"] == {"total": slow["total"], "offset": 0, "limit": 50, "has_more": True}
    assert board["panels"]["visits"]["items"] == slow["items"][:50]
    for key in ("total", "by_kind", "by_reason", "verified", "issues"):
        assert board["panels"]["visits"][key] == slow[key], key
    facts = board["summary"]["facts"]
    assert (facts["visits"], facts["constituent_visits"]) == (
        slow["own_visits"],
        slow["own_constituent_visits"],
    )
    assert (facts["issues"], facts["escalated"]) == (
        slow["issues"]["raised"],
        slow["issues"]["escalated"],
    )
    summary = await _get(api, "/townships/chengguan/summary", seq)
    assert summary["facts"] == facts

    # A second page of the dashboard: every list moves on together.
    second = await _get(api, "/townships/chengguan/dashboard", seq, limit=50, offset=50)
    assert second["visits"]["items"] == slow["items"][50:100]
    assert second["summary"] == board["summary"] and not second["visits"]["page"]["has_more"]
    assert second["members"] == [] and second["members_page"]["total"] == len(ours)

    # Consultations and adopted suggestions, paged 2 at a time.
    url = "/townships/chengguan/panels/consultations"
    found, cons = await _all_pages(api, url, seq, ("items", "adopted_items"), 2)
    for key, value in slow["consultations"].items():
        assert cons[key] == value, key
    assert [x["consultation_id"] for x in found["items"]] == slow["consultation_ids"]
    assert [x["suggestion_id"] for x in found["adopted_items"]] == slow["adopted_ids"]
    assert board["consultations"]["total"] == slow["consultations"]["total"]
    assert board["adopted_suggestions"]["total"] == slow["consultations"]["adopted"]

    # Members panel rows page too; counts stay the group's.
    members, roster = await _all_pages(
        api, "/townships/chengguan/panels/members", seq, ("rows",), 3
    )
    assert sorted(r["member_id"] for r in members["rows"]) == sorted(ours)
    assert roster["total"] == len(ours) and len(roster["rows"]) == 3


async def test_member_sees_own_rows_paged(service_on_db: tuple[FastAPI, Api], nc: NATS) -> None:
    app, api = service_on_db
    ours, seq = await _seed(api, nc)
    me = ours[1]  # 李四: logs visits and is visited by leaders
    slow = await _slow(app, member=me)
    url = "/townships/chengguan/panels/visits"
    roles = (f"member:{me}",)
    found: dict[str, list[Any]] = {"items": [], "issue_items": []}
    offset = 0
    while True:
        body = await _get(api, url, seq, roles, limit=4, offset=offset)
        assert body["rows_scope"] == "self"
        for name in found:
            found[name] += body[name]
        if not any(p["has_more"] for p in body["pages"].values()):
            break
        offset += 4
    assert found["items"] == slow["items"] and 0 < len(slow["items"]) < slow["total"]
    assert _issues(found["issue_items"]) == slow["issue_rows"] and slow["issue_rows"]
    assert body["pages"]["items"]["total"] == len(slow["items"])
    assert body["total"] == slow["total"] and body["issues"] == slow["issues"]  # group counts


async def test_invalid_paging_is_refused_in_chinese(api: Api) -> None:
    await api.establish("chengguan")
    admin = auth("county_admin")
    for url in ("/townships/chengguan/dashboard", "/townships/chengguan/panels/visits"):
        for params, words in (
            ({"limit": 0}, "limit”不能小于 1"),
            ({"limit": 501}, "limit”不能大于 500"),
            ({"offset": -1}, "offset”不能小于 0"),
            ({"limit": "十"}, "limit”应为整数"),
        ):
            r = await api.client.get(url, params=params, headers=admin)
            assert r.status_code == 422, (url, params, r.text)
            assert words in r.json()["detail"], r.json()


async def test_paging_is_documented_in_openapi(service: tuple[FastAPI, Api]) -> None:
    app, _ = service
    spec = app.openapi()
    operation = spec["paths"]["/townships/{township_id}/dashboard"]["get"]
    params = {p["name"]: p for p in operation["parameters"]}
    assert (
        params["limit"]["schema"]["maximum"] == 500 and params["limit"]["schema"]["default"] == 50
    )
    assert "明细列表" in params["limit"]["description"]
    assert "翻页" in params["offset"]["description"]
    visits = spec["paths"]["/townships/{township_id}/panels/visits"]["get"]
    assert {"limit", "offset"} <= {p["name"] for p in visits["parameters"]}
