"""Fixtures: the consultation service in-process over a real nats-server, plus MEMBERS."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from nats.aio.client import Client as NATS

from services.consultation.app import create
from services.consultation.projections.foreign import foreign_registry
from shared.eventstore import EventStore
from shared.natsserver import EmbeddedNats
from shared.settings import ServiceSettings
from shared.streams import stream_for
from tests.integration.consultation.helpers import SECRET


@pytest.fixture
async def members(nc: NATS) -> EventStore:
    """The MEMBERS stream, written with our tolerant models (as the members service would)."""
    store = EventStore(nc, stream_for("members"), foreign_registry, service="members")
    await store.ensure()
    return store


def settings_for(nats_server: EmbeddedNats, tmp_path: Path, db: str | None) -> ServiceSettings:
    return ServiceSettings(
        service_name="consultation",
        nats_url=nats_server.url,
        data_dir=tmp_path,
        database_url=db,
        auth_secret=SECRET,
    )


async def _running(settings: ServiceSettings) -> AsyncIterator[FastAPI]:
    application = create(settings)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def app(
    nats_server: EmbeddedNats, tmp_path: Path, members: EventStore
) -> AsyncIterator[FastAPI]:
    async for application in _running(settings_for(nats_server, tmp_path, None)):
        yield application


@pytest.fixture
async def db_app(
    nats_server: EmbeddedNats, tmp_path: Path, members: EventStore, db_url: str
) -> AsyncIterator[FastAPI]:
    """The service on the `db_url` database (SQLite, and PostgreSQL when available)."""
    async for application in _running(settings_for(nats_server, tmp_path, db_url)):
        yield application


async def _client(application: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=application)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as c:
        yield c


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async for c in _client(app):
        yield c


@pytest.fixture
async def db_client(db_app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async for c in _client(db_app):
        yield c
