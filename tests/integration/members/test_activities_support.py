"""Support for the duty-activity integration tests (no tests here): the real members app on
a real nats-server, tokens, and seeding of liaison groups, members and logged visits as
events on the MEMBERS stream (the member service's own rules are tested elsewhere)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI

from services.members.app import create
from services.members.domain import (
    IssueRaised,
    LiaisonGroupEstablished,
    MemberRegistered,
    VisitLogged,
    liaison_group_decider,
    member_decider,
)
from services.members.domain.activities.config import ActivitiesConfig
from shared.auth import mint
from shared.commands import Target
from shared.events import DomainEvent, EventMeta
from shared.eventstore import PendingEvent
from shared.ids import uuid7
from shared.service import ServiceRuntime
from shared.settings import ServiceSettings

SECRET = "activities-integration-" + "s" * 24
NAMES = {"chengguan": "城关镇", "xinzhuang": "新庄乡", "hekou": "河口镇"}
AT = datetime(2025, 5, 20, 2, 0, tzinfo=UTC)
ISSUES = ("灌溉水渠年久失修", "村口路灯不亮")

ADMIN = ("county_admin",)
NO_TOKEN: tuple[str, ...] = ()


def auth(*roles: str) -> dict[str, str]:
    if not roles:
        return {}
    return {"Authorization": f"Bearer {mint(SECRET, 'tester', roles)}"}


def settings_for(nats_url: str, data_dir: Path, db: str | None = None) -> ServiceSettings:
    return ServiceSettings(
        service_name="members",
        nats_url=nats_url,
        data_dir=data_dir,
        database_url=db,
        auth_secret=SECRET,
    )


class Acts:
    """The duty-activity API as the tests use it, plus seeding through the event store."""

    def __init__(self, app: FastAPI, client: httpx.AsyncClient) -> None:
        self.app = app
        self.client = client
        self.seq = 0

    @property
    def rt(self) -> ServiceRuntime:
        rt: ServiceRuntime = self.app.state.runtime
        return rt

    def configure(self, **settings: Any) -> None:
        self.rt.extras["activities_config"] = ActivitiesConfig(**settings)

    # --- seeding ------------------------------------------------------------------------

    async def append(self, aggregate_id: str, event: DomainEvent, target: Target) -> int:
        meta = EventMeta(uuid7(), AT, "seed:test")
        result = await self.rt.store.append([PendingEvent(aggregate_id, event, meta)], {})
        self.rt.commands.cache.drop_aggregate(target.key)  # the runner did not see this write
        self.seq = max(self.seq, result.last_seq)
        return result.last_seq

    async def group(self, township_id: str) -> None:
        name = NAMES.get(township_id, township_id)
        event = LiaisonGroupEstablished(
            township_id=township_id, group_name=f"{name}政协联络组", township_name=name
        )
        await self.append(township_id, event, Target(liaison_group_decider, township_id))

    async def member(self, township_id: str, name: str = "张三") -> str:
        member_id = uuid7()
        event = MemberRegistered(
            member_id=member_id,
            member_name=name,
            sector="农业界",
            political_affiliation="cpc",
            township_id=township_id,
            term_no=10,
        )
        await self.append(member_id, event, Target(member_decider, member_id))
        return member_id

    async def visit(
        self,
        member_id: str,
        township_id: str,
        *,
        member_township_id: str | None = None,
        issues: Sequence[str] = ISSUES,
        visit_date: date = date(2025, 5, 1),
    ) -> str:
        visit_id = uuid7()
        event = VisitLogged(
            member_id=member_id,
            visit_id=visit_id,
            visit_kind="member_visits_constituents",
            visitor_ids=(member_id,),
            constituents=(),
            township_id=township_id,
            member_township_id=member_township_id or township_id,
            visit_date=visit_date,
            mode="door_to_door",
            role_tags=("investigator",),
            issues_raised=tuple(
                IssueRaised(text=t, resolved_on_site=i == 1) for i, t in enumerate(issues)
            ),
        )
        await self.append(member_id, event, Target(member_decider, member_id))
        return visit_id

    # --- HTTP ---------------------------------------------------------------------------

    async def post(
        self, url: str, body: dict[str, Any] | None = None, roles: Sequence[str] = ADMIN
    ) -> httpx.Response:
        params = {"min_seq": str(self.seq)} if self.seq else None
        r = await self.client.post(url, json=body, headers=auth(*roles), params=params)
        if r.status_code in (201, 202):
            self.seq = max(self.seq, int(r.json()["seq"]))
        return r

    async def ok(
        self, url: str, body: dict[str, Any] | None = None, roles: Sequence[str] = ADMIN
    ) -> dict[str, Any]:
        r = await self.post(url, body, roles)
        assert r.status_code in (201, 202), r.text
        return dict(r.json())

    async def get(
        self, url: str, roles: Sequence[str] = ADMIN, **params: str | int
    ) -> httpx.Response:
        query: dict[str, str | int] = {"min_seq": self.seq, **params}
        return await self.client.get(url, params=query, headers=auth(*roles))

    async def read(self, url: str, roles: Sequence[str] = ADMIN, **params: str | int) -> Any:
        r = await self.get(url, roles, **params)
        assert r.status_code == 200, r.text
        return r.json()


@asynccontextmanager
async def running(settings: ServiceSettings) -> AsyncIterator[Acts]:
    app = create(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            yield Acts(app, client)


def problem(r: httpx.Response, status: int) -> str:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    return str(r.json()["detail"])
