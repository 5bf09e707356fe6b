"""Kill -9 the nats-server during a burst of commands; the launcher restarts it.

Every command answered 2xx must be in the stream exactly once, and the read models must
converge to the stream.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

import httpx
import nats

from shared.eventstore import direct_get_batches
from tests.e2e.conftest import System

WORKERS = 6


def _setup(system: System) -> tuple[list[str], dict[str, str]]:
    m = system.urls["members"]
    admin = system.token("政协办", "county_admin")
    r = httpx.post(
        f"{m}/liaison-groups",
        headers=admin,
        json={"township_id": "nanshan", "name": "南山镇政协联络组", "township_name": "南山镇"},
    )
    assert r.status_code == 201, r.text
    r = httpx.post(f"{m}/sectors", headers=admin, json={"name": "教育界", "kind": "professional"})
    assert r.status_code == 201, r.text
    ids = []
    for i in range(WORKERS):  # one member per worker: failures come from the crash only
        r = httpx.post(
            f"{m}/members",
            headers=admin,
            json={
                "name": f"委员{i}",
                "sector": "教育界",
                "political_affiliation": "cpc",
                "township_id": "nanshan",
                "term_no": 10,
            },
        )
        assert r.status_code == 201, r.text
        ids.append(r.json()["id"])
    return ids, admin


def _log_visit(system: System, member_id: str, headers: dict[str, str]) -> httpx.Response | None:
    try:
        return httpx.post(
            f"{system.urls['members']}/members/{member_id}/visits",
            headers=headers,
            timeout=60,
            json={
                "visit_kind": "member_visits_constituents",
                "visit_date": str(date.today()),
                "mode": "phone",
                "role_tags": ["policy_explainer"],
                "constituents": [{"category": "教师", "count": 2}],
            },
        )
    except httpx.HTTPError:
        return None  # connection reset etc.: not a 2xx, no promise made


def _stream_msg_ids(url: str, stream: str) -> Counter[str]:
    async def read() -> Counter[str]:
        nc = await nats.connect(url)
        ids: Counter[str] = Counter()
        try:
            async for chunk in direct_get_batches(nc, stream, ">", 1, 1000):
                for raw in chunk:
                    ids[raw.headers.get("Nats-Msg-Id", "")] += 1
        finally:
            await nc.close()
        return ids

    return asyncio.run(read())


def test_kill_nats_during_burst_loses_no_acknowledged_command(system: System) -> None:
    member_ids, admin = _setup(system)
    old_pid = system.state()["nats_pid"]
    answered: list[httpx.Response | None] = []
    lock = threading.Lock()
    killed = threading.Event()

    def one(index: int) -> None:
        response = _log_visit(system, member_ids[index % WORKERS], admin)
        with lock:
            answered.append(response)
            if len(answered) == 30 and not killed.is_set():
                os.kill(old_pid, signal.SIGKILL)
                killed.set()

    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        list(pool.map(one, range(120)))
    assert killed.is_set()
    # The launcher restarted nats-server (new pid); the services reconnected.
    deadline = time.monotonic() + 60
    while system.state()["nats_pid"] in (None, old_pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert system.state()["nats_pid"] != old_pid
    after = None
    while time.monotonic() < deadline:
        after = _log_visit(system, member_ids[0], admin)
        if after is not None and after.status_code == 201:
            break
        time.sleep(0.2)
    assert after is not None and after.status_code == 201, after and after.text
    answered.append(after)

    acknowledged = [r for r in answered if r is not None and r.status_code == 201]
    failed = [r for r in answered if r is None or r.status_code != 201]
    print(f"acknowledged={len(acknowledged)} failed={len(failed)}")
    assert len(acknowledged) >= 31
    assert all(r.status_code in (503,) for r in failed if r is not None), [
        r.text for r in failed if r is not None
    ][:3]
    ids = _stream_msg_ids(system.nats_url, "MEMBERS")
    assert all(count == 1 for count in ids.values())  # nothing stored twice
    for response in acknowledged:
        for event_id in response.json()["event_ids"]:
            assert ids[event_id] == 1, f"acknowledged event {event_id} missing"

    # Read models converge: every visit in the stream shows in the dashboard.
    stored_visits = len(ids) - 2 - WORKERS  # minus the group, the sector and the registrations
    last_seq = max(r.json()["seq"] for r in acknowledged)

    def visits_total() -> Any:
        r = httpx.get(
            f"{system.urls['members']}/townships/nanshan/dashboard",
            headers=admin,
            params={"min_seq": last_seq},
            timeout=30,
        )
        return r.json()["visits"]["total"] if r.status_code == 200 else None

    deadline = time.monotonic() + 30
    total = None
    while time.monotonic() < deadline:
        total = visits_total()
        if total == stored_visits:
            break
        time.sleep(0.1)
    assert total == stored_visits
