"""A seeded county for the liaison-group panel tests (no tests here): three groups, members
of chengguan and xinzhuang, visits, a meeting, a training, a livelihood activity, and —
appended to the other services' streams — proposals with handling units and tasks,
社情民意 reports with a direct report point, and a consultation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from nats.aio.client import Client as NATS

from services.members.projections import township_foreign as pf
from services.members.projections import township_foreign_reports as rf
from shared.events import DomainEvent, EventMeta, EventRegistry
from shared.eventstore import EventStore, PendingEvent
from shared.ids import uuid7
from shared.streams import stream_for
from tests.integration.members import test_township_world_events as ev
from tests.integration.members.helpers import YEAR, Api, append_foreign, auth


async def append(
    nc: NATS,
    context: str,
    registry: EventRegistry,
    events: Sequence[tuple[str, DomainEvent, datetime]],
) -> int:
    """Append other services' events (our tolerant models) to their stream; last seq."""
    store = EventStore(nc, stream_for(context), registry)
    await store.ensure()
    last = 0
    for aggregate_id, event, moment in events:
        meta = EventMeta(uuid7(), moment, "user:other-service")
        last = (await store.append([PendingEvent(aggregate_id, event, meta)], {})).last_seq
    return last


@dataclass
class World:
    a: str  # 张三, chengguan, standing member, phone on file
    b: str  # 李四, chengguan
    c: str  # 王五, xinzhuang
    visit_a: str
    meeting: str
    seq: list[str] = field(default_factory=list)

    def roles(self, who: str) -> tuple[str, ...] | None:
        return {
            "county_admin": ("county_admin",),
            "township_own": ("township:chengguan",),
            "township_other": ("township:xinzhuang",),
            "member_of_group": (f"member:{self.a}",),
            "member_other_group": (f"member:{self.c}",),
            "proposal_office": ("proposal_office",),
            "no_token": None,
        }[who]


async def _ok(api: Api, url: str, body: dict[str, Any], status: int = 201) -> dict[str, Any]:
    r = await api.client.post(url, json=body, headers=auth("county_admin"))
    assert r.status_code == status, (url, r.text)
    return dict(r.json())


async def _members_side(api: Api) -> tuple[str, str, str, str, str, int]:
    for township in ("chengguan", "xinzhuang", "hekou"):
        await api.establish(township)
    a = (
        await api.register("chengguan", name="张三", phone="13812345678", is_standing_member=True)
    )["id"]
    b = (await api.register("chengguan", name="李四", sector="教育界"))["id"]
    c = (await api.register("xinzhuang", name="王五"))["id"]
    visit = await api.visit(a, visit_date=f"{YEAR}-03-01")
    await api.visit(
        b,
        visit_kind="leader_visits_member",
        visited_member_ids=[a],
        constituents=[],
        visit_date=f"{YEAR}-04-02",
        issues_raised=[],
    )
    esc = f"/visits/{visit['id']}/issues/0/escalate?min_seq={visit['seq']}"
    await _ok(api, esc, {"target": "opinion_report"}, 202)
    meeting = await _ok(
        api,
        "/meetings",
        {
            "kind": "liaison_group_meeting",
            "title": "一季度联络组活动",
            "meeting_date": f"{YEAR}-03-10",
            "township_id": "chengguan",
            "invitee_ids": [a, b],
        },
    )
    records = [
        {"member_id": a, "status": "present"},
        {"member_id": b, "status": "absent_unexcused"},
    ]
    await _ok(api, f"/meetings/{meeting['id']}/attendance", {"records": records}, 202)
    await _ok(
        api,
        "/meetings",
        {
            "kind": "liaison_group_meeting",
            "title": "年终述职会",
            "meeting_date": f"{YEAR}-12-20",
            "township_id": "chengguan",
            "invitee_ids": [a, b],
        },
    )
    training = await _ok(
        api,
        "/trainings",
        {
            "kind": "member_main_training",
            "title": "委员主体培训班",
            "start_date": f"{YEAR}-04-01",
            "end_date": f"{YEAR}-04-03",
            "location": "县委党校",
        },
    )
    await _ok(
        api,
        f"/trainings/{training['id']}/attendance?min_seq={training['seq']}",
        {"member_id": a},
        202,
    )
    last = await _ok(
        api,
        "/livelihood-activities",
        {
            "kind": "education_donation",
            "title": "捐资助学",
            "township_ids": ["chengguan"],
            "activity_date": f"{YEAR}-06-01",
            "organiser_kind": "liaison_group",
            "organiser_name": "城关镇政协联络组",
            "participant_member_ids": [b],
            "beneficiaries_count": 30,
            "donation_amount_yuan": "12000.00",
        },
    )
    return a, b, c, visit["id"], meeting["id"], int(last["seq"])


async def build_world(api: Api, nc: NATS) -> World:
    a, b, c, visit, meeting, seq = await _members_side(api)
    await append(nc, "proposals", pf.proposal_registry, ev.units() + ev.proposals(a, b, c))
    p_seq = await append(nc, "proposals", rf.report_registry, ev.reports(a, b))
    c_seq = await append_foreign(nc, "consultation", ev.consultation(a))
    return World(a, b, c, visit, meeting, [str(seq), f"PROPOSALS:{p_seq}", f"CONSULTATION:{c_seq}"])
