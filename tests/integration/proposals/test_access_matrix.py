"""Access matrix: EVERY endpoint of the proposals service (enumerated from the real app, so
a new endpoint is included automatically) × every role. A role that may not see or act
gets 401/403 (or 404 where the record is hidden from it); a role that may gets 200 on a
read and anything but 401/403 on a command. One app, one seeded world for the module.

An endpoint without an entry in the expected-access table fails here: add it to
`test_access_matrix_rules.py` (or `_more.py`).

Denied cases run first, against the untouched world; the allowed reads next; the allowed
commands last (they change the world, and may answer 404/409/422 because of it)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import nats
import pytest
import pytest_asyncio
from fastapi.routing import APIRoute, iter_route_contexts

from services.proposals.app import create
from shared.auth import mint
from shared.natsserver import EmbeddedNats
from shared.settings import ServiceSettings
from shared.streams import last_sequence

from .conftest import settings_for
from .helpers import SECRET, Members
from .test_access_matrix_rules import LIFECYCLE, ROLES, Rule
from .test_access_matrix_rules_more import ARTIFACTS, OPINION
from .test_access_matrix_world import seed

TABLE: dict[tuple[str, str], Rule] = {**LIFECYCLE, **OPINION, **ARTIFACTS}
OK_FOR_COMMANDS = {200, 201, 202, 204, 404, 409, 422}
World = tuple[httpx.AsyncClient, dict[str, str]]


def endpoints() -> list[tuple[str, str]]:
    """(method, path) of every route of the real app."""
    app = create(ServiceSettings(service_name="proposals", auth_secret=SECRET))
    found: list[tuple[str, str]] = []
    for route in iter_route_contexts(app.routes):
        if isinstance(route.original_route, APIRoute) and route.path and route.methods:
            found.extend((m, route.path) for m in sorted(route.methods - {"HEAD"}))
    return found


def _phase(endpoint: tuple[str, str], role: str) -> int:
    found = TABLE.get(endpoint)
    if found is None or role not in found.allowed:
        return 0
    return 1 if endpoint[0] == "GET" else 2


ENDPOINTS = endpoints()
CASES = sorted(
    ((e, role) for e in ENDPOINTS for role in ROLES),
    key=lambda case: _phase(*case),
)  # stable: within a phase, the app's route order


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def world(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[World]:
    server = EmbeddedNats(tmp_path_factory.mktemp("nats"))
    server.start()
    try:
        conn = await nats.connect(server.url)
        members = Members(conn)
        await members.store.ensure()
        data: Path = tmp_path_factory.mktemp("app")
        app = create(settings_for(server, data, None))
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
                values = await seed(client, members)
                values["min_seq"] = f"PROPOSALS:{await last_sequence(conn, 'PROPOSALS')}"
                yield client, values
        await conn.close()
    finally:
        server.stop()


def _filled(value: Any, values: dict[str, str]) -> Any:
    """`value` with `{name}` in its strings replaced by world values."""
    if isinstance(value, str):
        return value.format_map(values)
    if isinstance(value, dict):
        return {k: _filled(v, values) for k, v in value.items()}
    if isinstance(value, list):
        return [_filled(v, values) for v in value]
    return value


def _headers(role: str) -> dict[str, str]:
    roles = ROLES[role]
    if roles is None:
        return {}
    return {"Authorization": f"Bearer {mint(SECRET, f'{role}-1', roles)}"}


def test_every_endpoint_has_an_entry_in_the_table() -> None:
    missing = sorted(set(ENDPOINTS) - set(TABLE))
    assert not missing, f"endpoints without an expected-access entry: {missing}"
    stale = sorted(set(TABLE) - set(ENDPOINTS))
    assert not stale, f"entries for endpoints that no longer exist: {stale}"


@pytest.mark.asyncio(loop_scope="module")
@pytest.mark.parametrize(
    ("endpoint", "role"), CASES, ids=[f"{m} {p} as {r}" for (m, p), r in CASES]
)
async def test_access(world: World, endpoint: tuple[str, str], role: str) -> None:
    method, template = endpoint
    found = TABLE.get(endpoint)
    assert found is not None, f"{method} {template} has no entry in the expected-access table"
    client, values = world
    path = template.format_map({**values, **{k: values[v] for k, v in found.params.items()}})
    params = {**found.query, **({"min_seq": values["min_seq"]} if method == "GET" else {})}
    body = _filled(found.body, values)
    r = await client.request(method, path, headers=_headers(role), params=params, json=body)
    seen = f"{method} {path} as {role}: {r.status_code} {r.text[:300]}"
    if role in found.allowed:
        if method == "GET":
            assert r.status_code == 200, seen
        else:
            assert r.status_code in OK_FOR_COMMANDS, seen
    elif ROLES[role] is None:
        assert r.status_code == 401, seen
    elif role in found.hidden:
        assert r.status_code in (403, 404), seen
    else:
        assert r.status_code == 403, seen
