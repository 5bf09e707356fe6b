"""Read models: attribution of foreign proposal/consultation events, group changes, and
rebuild equals live — on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from fastapi import FastAPI
from nats.aio.client import Client as NATS

from services.members.projections.foreign import (
    ConsultationHeld,
    Participant,
    ProposalRegistered,
    ProposalReviewStarted,
    ProposalSubmitted,
    ProposalWithdrawn,
    Suggestion,
    SuggestionAdopted,
)
from shared.events import DomainEvent
from shared.runner import compare_tables
from shared.streams import last_sequence
from tests.integration.members.helpers import YEAR, Api, append_foreign, auth, runtime

P1, P2, P3 = (f"0190b000-0000-7000-8000-00000000000{i}" for i in (1, 2, 3))
H1, H2 = "0190c000-0000-7000-8000-000000000001", "0190c000-0000-7000-8000-000000000002"


async def _change_group(api: Api, member_id: str, to: str) -> dict[str, Any]:
    r = await api.client.post(
        f"/members/{member_id}/liaison-group-changes",
        json={"to_township_id": to, "reason": "工作调动"},
        headers=auth("county_admin"),
    )
    assert r.status_code == 202, r.text
    return dict(r.json())


async def test_member_changing_group_keeps_earlier_visits_in_old_group(api: Api) -> None:
    await api.establish("chengguan")
    await api.establish("xinzhuang")
    member_id = (await api.register("chengguan"))["id"]
    first = await api.visit(member_id, visit_date=f"{YEAR}-03-01")
    await _change_group(api, member_id, "xinzhuang")
    second = await api.visit(member_id, visit_date=f"{YEAR}-06-01")
    seq = [second["seq"]]

    old = await api.dashboard("chengguan", min_seq=seq)
    new = await api.dashboard("xinzhuang", min_seq=seq)
    assert [v["visit_id"] for v in old["visits"]["items"]] == [first["id"]]
    assert [v["visit_id"] for v in new["visits"]["items"]] == [second["id"]]
    assert new["visits"]["items"][0]["visit_township_id"] == "xinzhuang"
    assert old["members"] == [] and [m["member_id"] for m in new["members"]] == [member_id]
    assert new["members"][0]["visit_count"] == 2
    r = await api.get(f"/members/{member_id}", ("township:xinzhuang",), min_seq=seq)
    assert r.status_code == 200 and r.json()["township_id"] == "xinzhuang"
    # The old group's staff no longer act for the member.
    r = await api.post_visit(member_id, ("township:chengguan",), township_id="chengguan")
    assert r.status_code == 403
    r = await api.client.post(
        f"/members/{member_id}/liaison-group-changes",
        json={"to_township_id": "xinzhuang"},
        headers=auth("county_admin"),
    )
    assert r.status_code == 409 and "无需变更" in r.json()["detail"]


def _proposals(a: str, b: str, c: str) -> list[tuple[str, DomainEvent]]:
    at = datetime(YEAR, 3, 5, 1, 0, tzinfo=UTC)
    common: dict[str, Any] = {"category": "economy", "term_no": 10, "session_no": 4}
    return [
        (P1, ProposalSubmitted(
            proposal_id=P1, township_id="chengguan", lead_author_id=a, co_author_ids=(b,),
            title="关于加强农田水利建设的提案", period="plenary", submitted_at=at,
            author_township_ids={a: "chengguan", b: "xinzhuang"}, **common,
        )),
        (P1, ProposalReviewStarted(proposal_id=P1, township_id="chengguan", lead_author_id=a)),
        (P1, ProposalRegistered(proposal_id=P1, township_id="chengguan", serial_no="10-4-001")),
        (P2, ProposalSubmitted(
            proposal_id=P2, township_id="hekou", lead_author_id=c, title="关于河道整治的提案",
            period="interim", submitted_at=at, **common,
        )),
        (P2, ProposalWithdrawn(proposal_id=P2, township_id="hekou", title="关于河道整治的提案")),
        (P3, ProposalSubmitted(
            proposal_id=P3, township_id="chengguan", lead_author_id=a, title="去年的提案",
            period="plenary", submitted_at=datetime(YEAR - 1, 3, 5, tzinfo=UTC), **common,
        )),
    ]  # fmt: skip


def _consultations(a: str) -> list[tuple[str, DomainEvent]]:
    suggestions = (
        Suggestion(suggestion_id="s-1", text="建设河口镇污水处理站"),
        Suggestion(suggestion_id="s-2", text="增加保洁人员"),
    )
    return [
        (H1, ConsultationHeld(
            consultation_id=H1, township_id="hekou", type="grassroots", topic="河道环境整治",
            held_on=date(YEAR, 5, 10), suggestions=suggestions,
            participants=(Participant(member_id=a, township_id="chengguan"),),
        )),
        (H2, ConsultationHeld(
            consultation_id=H2, township_id=None, type="thematic", topic="全县营商环境",
            held_on=date(YEAR, 5, 12),
        )),
        (H1, SuggestionAdopted(
            consultation_id=H1, suggestion_id="s-1", township_id="hekou",
            text="建设河口镇污水处理站", topic="河道环境整治", adopted_by="县住建局",
            adoption="adopted",
        )),
    ]  # fmt: skip


async def _seed(api: Api, nc: NATS) -> tuple[list[str], dict[str, str]]:
    for township in ("chengguan", "xinzhuang", "hekou"):
        await api.establish(township)
    a = (await api.register("chengguan", name="张三"))["id"]
    b = (await api.register("xinzhuang", name="李四"))["id"]
    c = (await api.register("hekou", name="王五"))["id"]
    await api.visit(a, visit_date=f"{YEAR}-03-01")
    await _change_group(api, a, "xinzhuang")
    last = await api.visit(a, visit_date=f"{YEAR}-06-01", township_id="hekou")
    p_seq = await append_foreign(nc, "proposals", _proposals(a, b, c))
    c_seq = await append_foreign(nc, "consultation", _consultations(a))
    return [str(last["seq"]), f"PROPOSALS:{p_seq}", f"CONSULTATION:{c_seq}"], {"a": a, "c": c}


def _by_id(items: list[dict[str, Any]], key: str) -> dict[str, dict[str, Any]]:
    return {item[key]: item for item in items}


async def test_foreign_events_attribution_and_rebuild(
    service_on_db: tuple[FastAPI, Api], nc: NATS
) -> None:
    app, api = service_on_db
    seq, ids = await _seed(api, nc)

    cheng = await api.dashboard("chengguan", min_seq=seq)
    [p1] = cheng["proposals"]["items"]  # P3 was submitted the year before
    assert (p1["proposal_id"], p1["reason"], p1["status"]) == (P1, "lead_author", "registered")
    assert p1["status_label"] == "已立案" and p1["serial_no"] == "10-4-001"
    assert p1["lead_author_name"] == "张三" and p1["category_label"] == "经济建设"
    assert cheng["proposals"]["by_status"] == {"registered": 1}
    assert [(c["consultation_id"], c["reason"]) for c in cheng["consultations"]["items"]] == [
        (H1, "by_member")
    ]
    assert cheng["visits"]["total"] == 1 and cheng["members"] == []
    last_year = await api.dashboard("chengguan", year=YEAR - 1)
    assert [p["proposal_id"] for p in last_year["proposals"]["items"]] == [P3]

    xin = await api.dashboard("xinzhuang", ("township:xinzhuang",))
    assert [(p["proposal_id"], p["reason_label"]) for p in xin["proposals"]["items"]] == [
        (P1, "本组委员联名")
    ]
    assert [v["reason"] for v in xin["visits"]["items"]] == ["by_member"]

    he = await api.dashboard("hekou")
    [p2] = he["proposals"]["items"]
    assert (p2["proposal_id"], p2["status_label"], p2["reason"]) == (P2, "已撤案", "lead_author")
    [h1] = he["consultations"]["items"]
    assert (h1["type_label"], h1["suggestions_count"], h1["reason"]) == (
        "基层协商",
        2,
        "in_township",
    )
    [s1] = he["adopted_suggestions"]["items"]
    assert (s1["suggestion_id"], s1["adopted_by"], s1["adoption_label"]) == (
        "s-1",
        "县住建局",
        "已采纳",
    )
    assert _by_id(he["visits"]["items"], "member_id")[ids["a"]]["reason"] == "in_township"

    await _assert_rebuild_equals_live(app, nc)


# Tables this seed fills (the member-record and meeting tables have their own rebuild test).
SEEDED = {
    "liaison_groups",
    "members",
    "sectors",
    "member_terms",
    "member_changes",
    "township_visits",
    "township_proposals",
    "township_consultations",
    "township_adopted_suggestions",
}


async def _assert_rebuild_equals_live(app: FastAPI, nc: NATS) -> None:
    rt = runtime(app)
    for projection in rt.runner.projections:
        clone = projection.clone("rb_")
        up_to = {s: await last_sequence(nc, s) for s in projection.sources}
        await rt.runner.rebuild(clone, up_to=up_to)
        report = await compare_tables(rt.db, projection, clone)
        assert all(live == rebuilt and diff == 0 for live, rebuilt, diff in report.values()), (
            projection.name,
            report,
        )
        assert all(live > 0 for t, (live, _, _) in report.items() if t in SEEDED), report
