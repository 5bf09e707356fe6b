"""The service kit end to end in-process: command → stream → projection → read, over HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import APIRouter, FastAPI
from pydantic import BaseModel, Field
from sqlalchemy import select

from shared.auth import CurrentPrincipal, mint
from shared.commands import Target
from shared.http import Accepted
from shared.ids import uuid7
from shared.natsserver import EmbeddedNats
from shared.service import ReadAfter, Runtime, ServiceDefinition, create_app
from shared.settings import ServiceSettings
from tests.integration.sample import Balances, Opened, account, registry

SECRET = "x" * 40


class OpenBody(BaseModel):
    owner: str = Field(min_length=1, max_length=10)


router = APIRouter()


@router.post("/accounts", status_code=201)
async def open_account(body: OpenBody, principal: CurrentPrincipal, rt: Runtime) -> Accepted:
    principal.require("county_admin")
    agg = uuid7()
    result = await rt.commands.execute(
        "open_account",
        [Target(account, agg, new=True)],
        lambda s: [Opened(owner=body.owner)],
        rt.context(principal),
    )
    return Accepted(id=agg, stream=result.stream, seq=result.last_seq, event_ids=result.event_ids)


@router.get("/accounts", dependencies=[ReadAfter])
async def list_accounts(rt: Runtime) -> list[str]:
    proj = rt.runner.projections[0]
    assert isinstance(proj, Balances)
    async with rt.db.read() as conn:
        return [r[0] for r in await conn.execute(select(proj.t.c.owner))]


definition = ServiceDefinition(
    context="sample",
    title="示例",
    registry=registry,
    projections=lambda dialect: [Balances(dialect=dialect)],
    routers=[router],
)


@pytest.fixture
async def app(nats_server: EmbeddedNats, tmp_path: Path) -> AsyncIterator[FastAPI]:
    settings = ServiceSettings(
        service_name="sample", nats_url=nats_server.url, data_dir=tmp_path, auth_secret=SECRET
    )
    application = create_app(definition, settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        yield c


def auth(*roles: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {mint(SECRET, 'tester', roles)}"}


async def test_command_then_read_your_write(client: httpx.AsyncClient) -> None:
    r = await client.post("/accounts", json={"owner": "张三"}, headers=auth("county_admin"))
    assert r.status_code == 201, r.text
    seq = r.json()["seq"]
    r = await client.get(f"/accounts?min_seq={seq}")
    assert r.status_code == 200 and r.json() == ["张三"]


async def test_errors_are_problem_json_in_chinese(client: httpx.AsyncClient) -> None:
    r = await client.post("/accounts", json={"owner": ""}, headers=auth("county_admin"))
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("application/problem+json")
    assert "owner" in r.json()["detail"] and "不能为空" in r.json()["detail"]
    r = await client.post("/accounts", json={"owner": "a"})
    assert r.status_code == 401 and "Authorization" in r.json()["detail"]
    r = await client.post("/accounts", json={"owner": "a"}, headers=auth("member:m1"))
    assert r.status_code == 403 and "权限" in r.json()["detail"]
    r = await client.post(
        "/accounts", json={"owner": "a"}, headers={"Authorization": "Bearer nonsense"}
    )
    assert r.status_code == 401
    r = await client.get("/accounts?min_seq=abc")
    assert r.status_code == 422 and "min_seq" in r.json()["detail"]


async def test_read_timeout(client: httpx.AsyncClient) -> None:
    r = await client.get("/accounts?min_seq=999")
    assert r.status_code == 503


async def test_health_ready_metrics(client: httpx.AsyncClient) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    ready = await client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["ready"] is True
    await client.post("/accounts", json={"owner": "李四"}, headers=auth("county_admin"))
    text = (await client.get("/metrics")).text
    assert 'cppcc_commands_total{command="open_account",outcome="ok",service="sample"}' in text
    assert "cppcc_event_append_seconds_bucket" in text
    assert (await client.get("/openapi.json")).status_code == 200
    await client.get("/accounts?min_seq=abc", headers=auth("county_admin"))
    await client.get("/no/such/route")
    text = (await client.get("/metrics")).text
    # Requests are counted by route template (not by raw path) and status class.
    assert 'method="POST",route="/accounts",service="sample",status="2xx"' in text
    assert 'method="GET",route="/accounts",service="sample",status="4xx"' in text
    assert 'route="unmatched",service="sample",status="4xx"' in text
