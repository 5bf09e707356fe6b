"""Fixtures: the notifications service running in-process against a real nats-server."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from shared.natsserver import EmbeddedNats
from shared.settings import ServiceSettings
from tests.integration.notifications.support import Service, running, settings_for


@pytest.fixture
def settings(nats_server: EmbeddedNats, tmp_path: Path) -> ServiceSettings:
    return settings_for(nats_server.url, tmp_path)


@pytest.fixture
async def service(settings: ServiceSettings) -> AsyncIterator[Service]:
    async with running(settings) as svc:
        yield svc
