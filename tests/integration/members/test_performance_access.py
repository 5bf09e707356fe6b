"""Who may read performance files, group scores and the league, and run the appraisal."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from nats.aio.client import Client as NATS

from shared.natsserver import EmbeddedNats
from tests.integration.members.helpers import YEAR
from tests.integration.members.performance_support import Perf, perf_app

MEMBER_FILE = "委员履职档案仅限委员本人、所在联络组和县政协机关查看。"
NO_RIGHT = "您的账号没有执行此操作的权限。"


@pytest.fixture
async def perf(nats_server: EmbeddedNats, nc: NATS, tmp_path: Path) -> AsyncIterator[Perf]:
    async with perf_app(nats_server, nc, tmp_path) as p:
        yield p


async def status(perf: Perf, url: str, roles: tuple[str, ...]) -> tuple[int, str]:
    r = await perf.get(url, roles)
    return r.status_code, r.json().get("detail", "") if r.status_code != 200 else ""


async def test_read_access(perf: Perf) -> None:
    a = await perf.member("chengguan")
    b = await perf.member("xinzhuang")
    url = f"/members/{a}/performance"
    cases = {
        ("county_admin",): (200, ""),
        (f"member:{a}",): (200, ""),
        ("township:chengguan",): (200, ""),
        (f"member:{b}",): (403, MEMBER_FILE),
        ("township:xinzhuang",): (403, MEMBER_FILE),
        ("proposal_office",): (403, MEMBER_FILE),
    }
    for roles, expected in cases.items():
        assert await status(perf, url, roles) == expected, roles
    r = await perf.api.client.get(url)
    assert r.status_code == 401

    group = "/townships/chengguan/performance"
    assert (await status(perf, group, ("township:chengguan",)))[0] == 200
    assert await status(perf, group, ("township:xinzhuang",)) == (
        403,
        "您只能查看和办理本乡镇的事项，无权访问乡镇“chengguan”。",
    )
    assert (await status(perf, group, (f"member:{a}",)))[0] == 403
    assert await status(perf, "/townships/nowhere/performance", ("county_admin",)) == (
        404,
        "乡镇“nowhere”尚未设立政协联络组，请核对乡镇编号",
    )

    assert (await status(perf, "/performance/league", ("county_admin",)))[0] == 200
    for roles in (("township:chengguan",), (f"member:{a}",)):
        assert await status(perf, "/performance/league", roles) == (403, NO_RIGHT)
    ruleset = await perf.read("/performance/ruleset", (f"member:{a}",))
    assert ruleset["ruleset"]["groups"]["proposal"]["cap"] == 25


async def test_only_the_county_office_runs_the_appraisal(perf: Perf) -> None:
    a = await perf.member("chengguan")
    base = f"/appraisals/{YEAR}/members/{a}"
    for roles in (("township:chengguan",), (f"member:{a}",), ("proposal_office",)):
        r = await perf.evaluate(roles=roles)
        assert (r.status_code, r.json()["detail"]) == (403, NO_RIGHT)
        r = await perf.post(f"{base}/decisions", {"decision": "warn", "reason": "x"}, roles)
        assert r.status_code == 403
        r = await perf.post(f"{base}/adjustments", {"points": 3, "reason": "x"}, roles)
        assert r.status_code == 403
    await perf.ok(f"{base}/adjustments", {"points": 3, "reason": "x"})
