"""Projections on the `db_url` database (SQLite, PostgreSQL): rebuild equals live."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from services.consultation.projections import ConsultationBoard, MemberDirectory
from shared.eventstore import EventStore
from shared.runner import compare_tables
from shared.service import ServiceRuntime
from tests.integration.consultation.helpers import (
    auth,
    hold_body,
    move_member,
    register_member,
    schedule,
)

ADMIN = auth("county_admin")


async def _activity(client: httpx.AsyncClient, members: EventStore) -> tuple[int, int]:
    """A little of everything; returns the last CONSULTATION and MEMBERS sequences."""
    await register_member(members, "m-a", "甲", "dongcheng")
    await register_member(members, "m-b", "乙", "xicheng")
    mseq = await move_member(members, "m-b", "nanhu")
    for n in range(3):
        cid = (await schedule(client, topic=f"议题{n}"))["id"]
        url = f"/consultations/{cid}/hold?min_seq=MEMBERS:{mseq}"
        r = await client.post(url, json=hold_body("m-a", "m-b"), headers=ADMIN)
        assert r.status_code == 202, r.text
        sid = r.json()["suggestion_ids"][n % 2]
        r = await client.post(
            f"/consultations/{cid}/suggestions/{sid}/adopt",
            json={"adopted_by": "县农业农村局", "adoption": "planned"},
            headers=ADMIN,
        )
        assert r.status_code == 202, r.text
    postponed = (await schedule(client, topic="待延期"))["id"]
    r = await client.post(
        f"/consultations/{postponed}/postpone",
        json={"new_planned_date": "2025-09-01", "reason": "汛期"},
        headers=ADMIN,
    )
    return r.json()["seq"], mseq


async def test_rebuild_equals_live(
    db_app: FastAPI, db_client: httpx.AsyncClient, members: EventStore
) -> None:
    seq, mseq = await _activity(db_client, members)
    r = await db_client.get(f"/townships/nanhu/consultations?min_seq={seq}", headers=ADMIN)
    panel = r.json()
    assert panel["held_count"] == 3 and panel["adopted_count"] == 3
    assert {c["attribution"] for c in panel["consultations"]} == {"participant"}

    rt: ServiceRuntime = db_app.state.runtime
    for live in rt.runner.projections:
        assert isinstance(live, ConsultationBoard | MemberDirectory)
        rebuilt = live.clone("rb_")
        up_to = {"CONSULTATION": seq, "MEMBERS": mseq}
        await rt.runner.rebuild(rebuilt, up_to={s: up_to[s] for s in live.sources})
        report = await compare_tables(rt.db, live, rebuilt)
        assert report, live.name
        for table, (live_rows, rebuilt_rows, differing) in report.items():
            assert live_rows == rebuilt_rows and differing == 0, (table, report)
            assert live_rows > 0, table
