"""Artifact read models on SQLite and PostgreSQL: a rebuild equals the live tables."""

from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI

from services.proposals.projections.artifacts import artifact_projections
from shared.runner import compare_tables
from shared.service import ServiceRuntime
from shared.streams import last_sequence

from .helpers import Members, member, office
from .test_artifacts_support import ADMIN, get, post, registered_proposal, unit

ARTIFACT_PROJECTIONS = {p.name for p in artifact_projections("sqlite") if p.replayable}


@pytest.fixture
def database_url(db_url: str) -> str:
    return db_url


async def history(client: httpx.AsyncClient, members: Members) -> None:
    await members.register("m1", "张三", "chengguan")
    pid, _ = await registered_proposal(client, members, "m1")
    days = {"kind": "holiday", "days": [{"day": "2026-10-01", "label": "国庆节"}]}
    steps: list[tuple[str, dict[str, str], object]] = [
        ("/calendar/2026/days", ADMIN, days),
        ("/topic-guides/10/3/items", office(), {"title": "医共体", "category": "society"}),
        ("/topic-guides/10/3/publish", office(), None),
        (
            "/assignment-slips",
            office(),
            {
                "proposal_id": pid,
                "units": [{"unit_id": "zjj", "unit_name": "县住建局", "role": "sole"}],
            },
        ),
        (
            "/feedback-forms",
            member("m1"),
            {
                "proposal_id": pid,
                "reply_id": "r1",
                "unit_id": "zjj",
                "unit_name": "县住建局",
                "ratings": {"process": "satisfied", "result": "satisfied"},
            },
        ),
        (
            "/awards/excellent-proposals",
            office(),
            {"year": 2025, "proposal_id": pid, "level": "county"},
        ),
        (
            "/awards/commended-units",
            office(),
            {"year": 2025, "unit_id": "zjj", "unit_name": "县住建局", "level": "city"},
        ),
        (
            "/handling-consultations",
            office(),
            {
                "proposal_ids": [pid],
                "format": "handling",
                "held_at": "2026-01-05T02:00:00Z",
                "participants": [{"name": "张三"}],
                "minutes": "纪要",
            },
        ),
    ]
    for path, headers, body in steps:
        r = await post(client, path, headers, body)
        assert r.status_code in (201, 202), (path, r.text)

    lead = (
        await post(client, "/proposal-leads", office(), {"channel": "letter", "content": "线索"})
    ).json()["id"]
    await post(client, f"/proposal-leads/{lead}/forward", office(), {"member_ids": ["m1"]})
    slip = {
        "proposal_id": pid,
        "unit_id": "zjj",
        "unit_name": "县住建局",
        "reason": "other",
        "requirements": "请报告",
    }
    sid = (await post(client, "/supervision-slips", office(), slip)).json()["id"]
    await post(client, f"/supervision-slips/{sid}/answer", unit("zjj"), {"response": "已报告"})
    hold = {
        "year": 2025,
        "title": "评议",
        "held_on": "2026-01-05",
        "units": [{"unit_id": "zjj", "unit_name": "县住建局"}],
    }
    aid = (await post(client, "/handling-unit-appraisals", office(), hold)).json()["id"]
    await post(
        client,
        f"/handling-unit-appraisals/{aid}/ballots",
        office(),
        {"ballots": [{"ballot_no": "1", "choices": {"zjj": "satisfied"}}]},
    )
    await post(client, f"/handling-unit-appraisals/{aid}/publish", office())
    plan = {
        "proposal_id": pid,
        "supervising_leader": "王主席",
        "modes": ["research"],
        "planned_on": "2026-04-01",
    }
    kid = (await post(client, "/key-proposal-supervisions", office(), plan)).json()["id"]
    activity = {
        "mode": "research",
        "held_on": "2026-01-05",
        "participants": ["王主席"],
        "findings": "进展顺利",
    }
    await post(client, f"/key-proposal-supervisions/{kid}/activities", office(), activity)
    await post(client, f"/key-proposal-supervisions/{kid}/report", office(), {"report": "报告"})
    start = {"year": 2025, "title": "回头看", "scope": "全部"}
    rid = (await post(client, "/followup-reviews", office(), start)).json()["id"]
    item = {"proposal_id": pid, "promised_action": "改造", "status": "in_progress"}
    await post(client, f"/followup-reviews/{rid}/items", office(), item)
    r = await post(client, f"/followup-reviews/{rid}/conclude", office(), {"report": "总结"})
    assert r.status_code == 202, r.text


async def test_artifact_rebuild_equals_live(
    app: FastAPI, client: httpx.AsyncClient, members: Members
) -> None:
    await history(client, members)
    rt: ServiceRuntime = app.state.runtime
    up_to = await last_sequence(rt.nc, "PROPOSALS")
    r = await get(client, "/awards", office(), up_to)
    assert r.status_code == 200 and len(r.json()) == 2

    live = [p for p in rt.runner.projections if p.name in ARTIFACT_PROJECTIONS]
    assert {p.name for p in live} == ARTIFACT_PROJECTIONS
    for projection in live:
        rebuilt = projection.clone("rb_")
        counts = await rt.runner.rebuild(rebuilt, up_to={"PROPOSALS": up_to})
        assert counts["PROPOSALS"] > 0
        report = await compare_tables(rt.db, projection, rebuilt)
        assert all(rows > 0 for rows, _, _ in report.values()), report
        assert all(a == b and diff == 0 for a, b, diff in report.values()), report
