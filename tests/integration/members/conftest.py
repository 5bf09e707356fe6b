"""Fixtures for the members service: the real app (real nats-server, real database)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from services.members.app import create
from shared.natsserver import EmbeddedNats
from shared.settings import ServiceSettings
from tests.integration.members.helpers import SECRET, Api


@asynccontextmanager
async def running(settings: ServiceSettings) -> AsyncIterator[tuple[FastAPI, Api]]:
    app = create(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            yield app, Api(client)


def settings_for(server: EmbeddedNats, tmp_path: Path, db: str | None = None) -> ServiceSettings:
    return ServiceSettings(
        service_name="members",
        nats_url=server.url,
        data_dir=tmp_path,
        database_url=db,
        auth_secret=SECRET,
    )


@pytest.fixture
async def service(nats_server: EmbeddedNats, tmp_path: Path) -> AsyncIterator[tuple[FastAPI, Api]]:
    async with running(settings_for(nats_server, tmp_path)) as pair:
        yield pair


@pytest.fixture
async def api(service: tuple[FastAPI, Api]) -> Api:
    return service[1]


@pytest.fixture
async def service_on_db(
    nats_server: EmbeddedNats, tmp_path: Path, db_url: str
) -> AsyncIterator[tuple[FastAPI, Api]]:
    """The app on SQLite and (when available) PostgreSQL."""
    async with running(settings_for(nats_server, tmp_path, db_url)) as pair:
        yield pair
