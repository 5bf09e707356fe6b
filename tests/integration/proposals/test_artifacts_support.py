"""Builders shared by the artifact integration tests (no tests in this module)."""

from __future__ import annotations

from typing import Any

import httpx

from .helpers import Members, auth, office, submitted

ADMIN = auth("admin-1", "county_admin")


def unit(unit_id: str) -> dict[str, str]:
    return auth(f"unit-{unit_id}", f"handling_unit:{unit_id}")


async def registered_proposal(
    client: httpx.AsyncClient, members: Members, lead: str, **overrides: Any
) -> tuple[str, int]:
    """Submit as `lead` (on the roll already) and register; the id and the stream seq."""
    pid = await submitted(client, members, lead, **overrides)
    r = await client.post(f"/proposals/{pid}/register", headers=office())
    assert r.status_code == 202, r.text
    return pid, int(r.json()["seq"])


async def post(
    client: httpx.AsyncClient, path: str, headers: dict[str, str], body: Any = None
) -> httpx.Response:
    return await client.post(path, json=body, headers=headers)


async def get(
    client: httpx.AsyncClient, path: str, headers: dict[str, str], seq: int, **params: Any
) -> httpx.Response:
    """GET once the read models have reached `seq` of the PROPOSALS stream."""
    return await client.get(path, headers=headers, params={"min_seq": str(seq), **params})


def detail(r: httpx.Response) -> str:
    return str(r.json()["detail"])
