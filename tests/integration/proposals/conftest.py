"""Fixtures for the proposals service: a real nats-server, the app over httpx, and a
MEMBERS stream fed with member events through this service's tolerant models."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from nats.aio.client import Client as NATS

from services.proposals.app import create
from shared.natsserver import EmbeddedNats
from shared.settings import ServiceSettings

from .helpers import SECRET, Members


@pytest.fixture
async def members(nc: NATS) -> Members:
    """The MEMBERS stream (as the members service would hold it), ready for events."""
    roll = Members(nc)
    await roll.store.ensure()
    return roll


@pytest.fixture
def database_url() -> str | None:
    """None = the service's default SQLite file; overridden for PostgreSQL tests."""
    return None


def settings_for(nats_server: EmbeddedNats, data_dir: Path, db: str | None) -> ServiceSettings:
    return ServiceSettings(
        service_name="proposals",
        nats_url=nats_server.url,
        data_dir=data_dir,
        database_url=db,
        auth_secret=SECRET,
        read_wait_seconds=2.0,
    )


@pytest.fixture
async def app(
    nats_server: EmbeddedNats, tmp_path: Path, members: Members, database_url: str | None
) -> AsyncIterator[FastAPI]:
    application = create(settings_for(nats_server, tmp_path / "a", database_url))
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        yield c
