"""The `duty_activities` read model: every event kind lands, and a rebuild from the stream
equals the live tables — on SQLite and (when available) PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from nats.aio.client import Client as NATS
from sqlalchemy import func, select

from services.members.projections.activities import DutyActivities
from shared.natsserver import EmbeddedNats
from shared.runner import compare_tables
from shared.streams import last_sequence
from tests.integration.members.test_activities_support import Acts, running, settings_for


@pytest.fixture
async def acts(nats_server: EmbeddedNats, tmp_path: Path, db_url: str) -> AsyncIterator[Acts]:
    async with running(settings_for(nats_server.url, tmp_path, db_url)) as a:
        yield a


async def _seed(acts: Acts) -> None:
    for township in ("chengguan", "hekou"):
        await acts.group(township)
    a = await acts.member("chengguan")
    b = await acts.member("hekou", "李四")
    visit = await acts.visit(a, "hekou", member_township_id="chengguan")
    await acts.ok(f"/visits/{visit}/verify", {"note": "属实"})
    await acts.ok(f"/visits/{visit}/issues/0/escalate", {"target": "opinion_report"})
    link = await acts.ok("/constituent-links", {"member_id": a, "category": "种植大户"})
    await acts.ok(f"/constituent-links/{link['id']}/end", {"reason": "迁出"})
    training = {
        "kind": "member_main_training",
        "title": "委员主体培训班",
        "start_date": "2025-05-10",
        "end_date": "2025-05-11",
        "location": "县委党校",
    }
    t = await acts.ok("/trainings", training)
    await acts.ok(f"/trainings/{t['id']}/attendance", {"member_id": b, "full_attendance": False})
    activity = {
        "kind": "education_donation",
        "title": "捐资助学",
        "township_ids": ["hekou", "chengguan"],
        "activity_date": "2025-05-01",
        "organiser_kind": "committee",
        "organiser_name": "县政协",
        "participant_member_ids": [a, b],
        "donation_amount_yuan": "20000",
        "donation_in_kind": "书包 200 个",
    }
    act = await acts.ok("/livelihood-activities", activity)
    await acts.ok(f"/livelihood-activities/{act['id']}/verify", {})
    enterprise = {"visited_member_ids": [b], "township_id": "hekou", "visit_date": "2025-05-02"}
    await acts.ok("/enterprise-visits", enterprise)
    contact = {
        "contact_kind": "new_social_stratum",
        "contact_name": "刘女士",
        "member_ids": [a],
        "township_id": "chengguan",
        "contact_date": "2025-05-03",
        "mode": "symposium",
    }
    await acts.ok("/liaison-contacts", contact)
    nomination = {"category": "excellent_member", "nominee_id": b, "reason": "履职积极"}
    n = await acts.ok("/excellence/2025/nominations", nomination)
    await acts.ok(f"/excellence/2025/nominations/{n['id']}/awards", {"level": "county"})


async def test_rebuild_equals_live(acts: Acts, nc: NATS) -> None:
    await _seed(acts)
    await acts.read("/visits")  # waits (min_seq) until the read model has every event
    live = next(p for p in acts.rt.runner.projections if isinstance(p, DutyActivities))
    async with acts.rt.db.read() as conn:
        areas = await conn.execute(
            select(live.records.c.area, func.count()).group_by(live.records.c.area)
        )
        assert dict(areas.all()) == {
            "visit": 1,
            "constituent_link": 1,
            "training": 1,
            "livelihood": 1,
            "enterprise_visit": 1,
            "liaison_contact": 1,
            "excellence": 1,
        }
    clone = live.clone("rb_")
    up_to = {s: await last_sequence(nc, s) for s in live.sources}
    await acts.rt.runner.rebuild(clone, up_to=up_to)
    report = await compare_tables(acts.rt.db, live, clone)
    assert all(a == b and diff == 0 and a > 0 for a, b, diff in report.values()), report
