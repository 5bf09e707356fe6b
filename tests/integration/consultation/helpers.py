"""Helpers for the consultation service's integration tests."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx

from services.consultation.projections.foreign import MemberLiaisonGroupChanged, MemberRegistered
from shared.auth import mint
from shared.events import DomainEvent, EventMeta
from shared.eventstore import EventStore, PendingEvent
from shared.ids import uuid7

SECRET = "consultation-test-secret-0123456789abcdef"
HELD_ON = "2025-03-18"
ADMIN = ("county_admin",)


def auth(*roles: str, subject: str = "tester") -> dict[str, str]:
    return {"Authorization": f"Bearer {mint(SECRET, subject, roles)}"}


async def _append(store: EventStore, member_id: str, event: DomainEvent) -> int:
    meta = EventMeta(uuid7(), datetime.now(UTC), "test:members")
    result = await store.append([PendingEvent(member_id, event, meta)], {})
    return result.last_seq


async def register_member(
    store: EventStore, member_id: str, name: str, township_id: str | None
) -> int:
    """Append a members `registered` event to MEMBERS; returns its stream sequence."""
    event = MemberRegistered(member_id=member_id, member_name=name, township_id=township_id)
    return await _append(store, member_id, event)


async def move_member(store: EventStore, member_id: str, township_id: str) -> int:
    event = MemberLiaisonGroupChanged(
        member_id=member_id, to_township_id=township_id, township_id=township_id
    )
    return await _append(store, member_id, event)


async def schedule(
    client: httpx.AsyncClient, roles: tuple[str, ...] = ADMIN, **overrides: Any
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": "grassroots",
        "topic": "农村人居环境整治",
        "township_id": "dongcheng",
        "organizer": "东城镇政协联络组",
        "planned_date": "2025-03-15",
    }
    body.update(overrides)
    r = await client.post("/consultations", json=body, headers=auth(*roles))
    assert r.status_code == 201, r.text
    result: dict[str, Any] = r.json()
    return result


def hold_body(*member_ids: str, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "held_on": HELD_ON,
        "participants": [{"member_id": m, "role": "speaker"} for m in member_ids],
        "suggestions": [
            {
                "text": "建立垃圾分类积分制度",
                "proposer_ids": list(member_ids[:1]),
                "target_department": "县住建局",
            },
            {"text": "增设村级污水处理设施"},
        ],
        "minutes_summary": "与会委员围绕人居环境整治提出建议。",
    }
    body.update(overrides)
    return body


def problem(r: httpx.Response, status: int, *fragments: str) -> str:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json"), r.text
    detail: str = r.json()["detail"]
    for fragment in fragments:
        assert fragment in detail, detail
    return detail
