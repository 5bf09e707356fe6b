"""立案 under contention: serial numbers stay unique and gapless."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime

import httpx
from fastapi import FastAPI

from services.proposals.application import handlers
from services.proposals.domain import RegisterProposal
from shared.auth import Principal
from shared.commands import CommandRunner
from shared.service import ServiceRuntime

from .helpers import Members, office, read, submitted

EXPECTED = [f"10-3-D{n:03d}" for n in range(1, 11)]


async def register_all(clients: list[httpx.AsyncClient], ids: list[str]) -> list[str]:
    async def one(index: int, pid: str) -> str:
        client = clients[index % len(clients)]
        r = await client.post(f"/proposals/{pid}/register", headers=office())
        assert r.status_code == 202, r.text
        return str(r.json()["serial_no"])

    return list(await asyncio.gather(*(one(i, pid) for i, pid in enumerate(ids))))


async def ten_proposals(client: httpx.AsyncClient, members: Members) -> list[str]:
    await members.register("m1", "张三", "chengguan")
    return [await submitted(client, members, "m1", title=f"关于第{n}件事的建议") for n in range(10)]


async def test_concurrent_registrations_are_gapless(
    client: httpx.AsyncClient, members: Members
) -> None:
    ids = await ten_proposals(client, members)
    serials = await register_all([client], ids)
    assert sorted(serials) == EXPECTED

    r = await read(client, "/proposals", office(), 30, status="registered", page_size=100)
    listed = {i["proposal_id"]: i["serial_no"] for i in r.json()["items"]}
    assert listed == dict(zip(ids, serials, strict=True))


def other_process(rt: ServiceRuntime) -> ServiceRuntime:
    """The command side of a second process: its own state cache and register locks,
    the same event store. (Two full app instances would share projection durables.)"""
    return replace(rt, commands=CommandRunner(rt.store), extras={})


async def test_two_processes_registering_at_once_stay_gapless(
    app: FastAPI, client: httpx.AsyncClient, members: Members
) -> None:
    ids = await ten_proposals(client, members)
    other = other_process(app.state.runtime)
    principal = Principal("staff-2", frozenset({"proposal_office"}))

    async def via_other(pid: str) -> str:
        cmd = RegisterProposal(proposal_id=pid, actor="staff-2", at=datetime.now(UTC))
        _, serial = await handlers.register(other, principal, cmd)
        return serial

    ours, theirs = await asyncio.gather(
        register_all([client], ids[:5]), asyncio.gather(*(via_other(pid) for pid in ids[5:]))
    )
    assert sorted([*ours, *theirs]) == EXPECTED
    again = await client.post(f"/proposals/{ids[7]}/register", headers=office())
    assert again.status_code == 409
