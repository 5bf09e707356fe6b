"""Test helpers: tokens, an HTTP client wrapper with payload defaults, foreign events."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

import httpx
from fastapi import FastAPI
from nats.aio.client import Client as NATS

from services.members.projections.registry import foreign_registry
from shared.auth import mint
from shared.events import DomainEvent, EventMeta
from shared.eventstore import EventStore, PendingEvent
from shared.ids import uuid7
from shared.service import ServiceRuntime
from shared.streams import stream_for

SECRET = "members-integration-" + "s" * 24
YEAR = 2025
ADMIN = ("county_admin",)
TOWNSHIP_NAMES = {"chengguan": "城关镇", "xinzhuang": "新庄乡", "hekou": "河口镇"}


def auth(*roles: str, subject: str = "tester") -> dict[str, str]:
    return {"Authorization": f"Bearer {mint(SECRET, subject, roles)}"}


def visit_body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "visit_kind": "member_visits_constituents",
        "visit_date": date(YEAR, 3, 1).isoformat(),
        "mode": "door_to_door",
        "role_tags": ["investigator", "policy_explainer"],
        "constituents": [{"category": "种植户", "count": 5}],
        "topics": ["春耕生产"],
        "issues_raised": [{"text": "灌溉水渠年久失修", "resolved_on_site": False}],
    }
    body.update(overrides)
    return body


class Api:
    """The members API as the tests use it (asserting the expected status on commands)."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client
        self.sectors: dict[str, str] = {}

    async def ensure_sector(self, name: str, kind: str = "professional") -> str:
        """Establish the sector once (members may only join established sectors)."""
        if name not in self.sectors:
            body = {"name": name, "kind": kind}
            r = await self.client.post("/sectors", json=body, headers=auth(*ADMIN))
            assert r.status_code == 201, r.text
            self.sectors[name] = r.json()["id"]
        return self.sectors[name]

    async def establish(self, township_id: str) -> dict[str, Any]:
        name = TOWNSHIP_NAMES.get(township_id, township_id)
        body = {"township_id": township_id, "name": f"{name}政协联络组", "township_name": name}
        r = await self.client.post("/liaison-groups", json=body, headers=auth(*ADMIN))
        assert r.status_code == 201, r.text
        return dict(r.json())

    async def post_member(
        self, township_id: str, roles: Sequence[str] = ADMIN, **overrides: Any
    ) -> httpx.Response:
        body: dict[str, Any] = {
            "name": "张三",
            "sector": "农业界",
            "political_affiliation": "cpc",
            "township_id": township_id,
            "term_no": 10,
            "work_unit": "城关镇农技站站长",
        }
        body.update(overrides)
        if isinstance(body.get("sector"), str) and body["sector"].strip():
            await self.ensure_sector(body["sector"])
        return await self.client.post("/members", json=body, headers=auth(*roles))

    async def register(self, township_id: str, **overrides: Any) -> dict[str, Any]:
        r = await self.post_member(township_id, **overrides)
        assert r.status_code == 201, r.text
        return dict(r.json())

    async def post_visit(
        self, member_id: str, roles: Sequence[str] = ADMIN, **overrides: Any
    ) -> httpx.Response:
        url = f"/members/{member_id}/visits"
        return await self.client.post(url, json=visit_body(**overrides), headers=auth(*roles))

    async def visit(self, member_id: str, **overrides: Any) -> dict[str, Any]:
        r = await self.post_visit(member_id, **overrides)
        assert r.status_code == 201, r.text
        return dict(r.json())

    async def get(
        self,
        url: str,
        roles: Sequence[str] = ADMIN,
        *,
        min_seq: Sequence[str | int] = (),
        year: int | None = None,
    ) -> httpx.Response:
        params: list[tuple[str, str | int | float | bool | None]] = [
            ("min_seq", str(s)) for s in min_seq
        ]
        if year is not None:
            params.append(("year", str(year)))
        return await self.client.get(url, params=params or None, headers=auth(*roles))

    async def dashboard(
        self,
        township_id: str,
        roles: Sequence[str] = ADMIN,
        *,
        year: int | None = YEAR,
        min_seq: Sequence[str | int] = (),
    ) -> dict[str, Any]:
        url = f"/townships/{township_id}/dashboard"
        r = await self.get(url, roles, min_seq=min_seq, year=year)
        assert r.status_code == 200, r.text
        return dict(r.json())


def runtime(app: FastAPI) -> ServiceRuntime:
    rt: ServiceRuntime = app.state.runtime
    return rt


async def append_foreign(
    nc: NATS,
    context: str,
    events: Sequence[tuple[str, DomainEvent]],
    at: datetime = datetime(YEAR, 4, 1, 2, 0, tzinfo=UTC),
) -> int:
    """Append other services' events (as our tolerant models) to their stream; last seq."""
    store = EventStore(nc, stream_for(context), foreign_registry)
    await store.ensure()
    last = 0
    for aggregate_id, event in events:
        meta = EventMeta(uuid7(), at, "user:other-service")
        result = await store.append([PendingEvent(aggregate_id, event, meta)], {})
        last = result.last_seq
    return last
