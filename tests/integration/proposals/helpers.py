"""Builders shared by the proposals integration tests."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
from nats.aio.client import Client as NATS

from services.proposals.projections.foreign import (
    MemberLiaisonGroupChanged,
    MemberRegistered,
    foreign_registry,
)
from shared.auth import mint
from shared.events import EventMeta
from shared.eventstore import EventStore, PendingEvent
from shared.ids import uuid7
from shared.streams import stream_for

SECRET = "p" * 40
OFFICE = ("staff-1", "proposal_office")
NOW = datetime(2026, 1, 10, 9, 0, tzinfo=UTC)


def auth(subject: str, *roles: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {mint(SECRET, subject, roles)}"}


def member(member_id: str) -> dict[str, str]:
    return auth(f"member:{member_id}", f"member:{member_id}")


def office() -> dict[str, str]:
    return auth(*OFFICE)


def township(township_id: str) -> dict[str, str]:
    return auth(f"clerk-{township_id}", f"township:{township_id}")


class Members:
    """Writes member events to the MEMBERS stream, as the members service would."""

    def __init__(self, nc: NATS) -> None:
        self.store = EventStore(nc, stream_for("members"), foreign_registry)
        self.last_seq = 0

    async def register(self, member_id: str, name: str, township_id: str) -> int:
        event = MemberRegistered(
            member_id=member_id,
            member_name=name,
            township_id=township_id,
            sector="经济界",
            term_no=10,
        )
        return await self._append(member_id, event, expect=0)

    async def move(self, member_id: str, to_township_id: str) -> int:
        event = MemberLiaisonGroupChanged(member_id=member_id, to_township_id=to_township_id)
        return await self._append(member_id, event, expect=None)

    async def _append(self, member_id: str, event: Any, expect: int | None) -> int:
        pending = PendingEvent(member_id, event, EventMeta(uuid7(), NOW, "test"))
        result = await self.store.append([pending], {pending.aggregate_key: expect})
        self.last_seq = result.last_seq
        return result.last_seq

    @property
    def min_seq(self) -> str:
        return f"MEMBERS:{self.last_seq}"


def proposal(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "author_kind": "individual",
        "title": "关于加快农村生活污水治理的建议",
        "body": {
            "situation": "我县农村生活污水收集率偏低。",
            "analysis": "管网建设滞后，运维资金不足。",
            "suggestions": "一是加快管网建设；二是建立长效运维机制。",
        },
        "category": "ecology",
        "term_no": 10,
        "session_no": 3,
        "period": "plenary",
        "suggested_units": ["县住建局"],
    }
    data.update(overrides)
    return data


async def submit(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    min_seq: str | None = None,
    **overrides: Any,
) -> httpx.Response:
    params = {"min_seq": min_seq} if min_seq else None
    return await client.post(
        "/proposals", json=proposal(**overrides), headers=headers, params=params
    )


async def submitted(
    client: httpx.AsyncClient, members: Members, lead: str, **overrides: Any
) -> str:
    """Submit as `lead` (already on the roll); returns the new proposal id."""
    r = await submit(client, member(lead), members.min_seq, **overrides)
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


async def read(
    client: httpx.AsyncClient, path: str, headers: dict[str, str], seq: int, **params: Any
) -> httpx.Response:
    """GET after the projection has reached `seq` of the PROPOSALS stream."""
    return await client.get(path, headers=headers, params={"min_seq": str(seq), **params})
