"""Helpers for the member-registry integration tests (records, personal data, meetings)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import httpx

from tests.integration.members.helpers import ADMIN, Api, auth

PHONE = "13812345678"
ID_NUMBER = "330102199001011234"
ADDRESS = "城关镇东大街18号"
PII = {"phone": PHONE, "id_number": ID_NUMBER, "address": ADDRESS}
DELETED = "（已删除）"


async def post(
    api: Api, url: str, body: dict[str, Any] | None = None, roles: Sequence[str] = ADMIN
) -> httpx.Response:
    return await api.client.post(url, json=body or {}, headers=auth(*roles))


async def ok(
    api: Api,
    url: str,
    body: dict[str, Any] | None = None,
    roles: Sequence[str] = ADMIN,
    status: int = 202,
) -> dict[str, Any]:
    r = await post(api, url, body, roles)
    assert r.status_code == status, r.text
    return dict(r.json())


async def read(
    api: Api, url: str, roles: Sequence[str] = ADMIN, seq: int | str | None = None
) -> Any:
    if seq is not None:
        url = f"{url}{'&' if '?' in url else '?'}min_seq={seq}"
    r = await api.get(url, roles)
    assert r.status_code == 200, r.text
    return r.json()


async def member_with_pii(
    api: Api, township_id: str = "chengguan", **overrides: Any
) -> dict[str, Any]:
    """Register a member with personal data; the 201 body (`id`, `seq`)."""
    body = {**PII, "gender": "female", "birth_date": date(1980, 6, 1).isoformat(), **overrides}
    return await api.register(township_id, **body)


async def meeting(api: Api, roles: Sequence[str] = ADMIN, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "kind": "liaison_group_meeting",
        "title": "城关镇联络组一季度活动",
        "meeting_date": "2025-03-10",
        "township_id": "chengguan",
    }
    body.update(overrides)
    return await ok(api, "/meetings", body, roles, status=201)
