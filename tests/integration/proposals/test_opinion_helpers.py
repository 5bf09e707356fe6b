"""Builders shared by the 社情民意 integration tests (no tests here)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import httpx

from services.proposals.domain.opinion.state import CHINA_TZ

from .helpers import auth

YEAR = datetime.now(CHINA_TZ).year


def editor() -> dict[str, str]:
    return auth("editor-1", "info_office")


def admin() -> dict[str, str]:
    return auth("secretary-1", "county_admin")


def report(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "关于农村留守老人助餐服务不足的情况反映",
        "body": {
            "situation": "部分行政村留守老人就餐困难，助餐点覆盖不足。",
            "analysis": "助餐点运营经费不稳定，志愿者队伍流动性大。",
            "suggestions": "建议将助餐点运营纳入财政补助，建立志愿服务积分制度。",
        },
        "info_nature": "emerging_issue",
        "category": "society",
        "source_channel": "visit",
        "township_ids": ["chengguan"],
    }
    data.update(overrides)
    return data


async def submit(
    client: httpx.AsyncClient, headers: dict[str, str], min_seq: str | None = None, **overrides: Any
) -> httpx.Response:
    params = {"min_seq": min_seq} if min_seq else None
    return await client.post(
        "/opinion-reports", json=report(**overrides), headers=headers, params=params
    )


async def step(
    client: httpx.AsyncClient,
    path: str,
    headers: dict[str, str] | None = None,
    status: int = 202,
    min_seq: str | None = None,
    **body: Any,
) -> dict[str, Any]:
    """POST `body` (as the info office unless `headers`) and expect `status`."""
    params = {"min_seq": min_seq} if min_seq else None
    r = await client.post(path, json=body or None, headers=headers or editor(), params=params)
    assert r.status_code == status, r.text
    found: dict[str, Any] = r.json()
    return found


async def read(
    client: httpx.AsyncClient, path: str, headers: dict[str, str], seq: int, **params: Any
) -> Any:
    """GET after the read models reached `seq` of the PROPOSALS stream; must answer 200."""
    r = await client.get(path, headers=headers, params={"min_seq": str(seq), **params})
    assert r.status_code == 200, r.text
    return r.json()


async def accepted_report(client: httpx.AsyncClient, headers: dict[str, str], **kw: Any) -> str:
    """Submit (as `headers`), start editing and accept; returns the report id."""
    r = await submit(client, headers, **kw)
    assert r.status_code == 201, r.text
    rid = str(r.json()["id"])
    await step(client, f"/opinion-reports/{rid}/start-editing")
    await step(client, f"/opinion-reports/{rid}/accept", use_mode="single_article")
    return rid
