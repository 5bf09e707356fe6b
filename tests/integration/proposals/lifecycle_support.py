"""Tokens and steps shared by the lifecycle integration tests."""

from __future__ import annotations

from typing import Any

import httpx

from services.proposals.projections.foreign import MemberRegistered

from .helpers import Members, auth, office, submitted

UNITS = {
    "zhujianju": "县住房和城乡建设局",
    "huanbao": "县生态环境分局",
    "jiaotong": "县交通运输局",
}


def admin() -> dict[str, str]:
    return auth("admin-1", "county_admin")


def assigning() -> dict[str, str]:
    return auth("督查室-1", "assigning_office")


def supervising() -> dict[str, str]:
    return auth("督办-1", "supervising_office")


def unit(unit_id: str) -> dict[str, str]:
    return auth(f"clerk-{unit_id}", f"handling_unit:{unit_id}")


def ok(response: httpx.Response, status: int = 202) -> Any:
    assert response.status_code == status, response.text
    return response.json()


async def register_member(
    members: Members, member_id: str, name: str, township: str, work_unit: str | None = None
) -> None:
    event = MemberRegistered(
        member_id=member_id, member_name=name, township_id=township, work_unit=work_unit
    )
    await members._append(member_id, event, expect=0)


async def register_units(client: httpx.AsyncClient) -> int:
    seq = 0
    for unit_id, name in UNITS.items():
        body = {"unit_id": unit_id, "name": name, "kind": "government_department"}
        seq = int(ok(await client.post("/handling-units", json=body, headers=admin()), 201)["seq"])
    return seq


async def registered(
    client: httpx.AsyncClient, members: Members, lead: str, **overrides: Any
) -> tuple[str, str]:
    """Submitted by `lead`, registered by the office: (proposal id, serial number)."""
    pid = await submitted(client, members, lead, **overrides)
    done = ok(await client.post(f"/proposals/{pid}/register", headers=office()))
    return pid, str(done["serial_no"])


async def post(
    client: httpx.AsyncClient,
    path: str,
    headers: dict[str, str],
    body: dict[str, Any] | None = None,
    status: int = 202,
) -> dict[str, Any]:
    found: dict[str, Any] = ok(await client.post(path, json=body, headers=headers), status)
    return found


REPLY = {
    "doc_no": "建提〔2026〕12号",
    "body": "一、关于管网建设：已列入2026年计划。二、关于运维机制：正在制定办法。",
    "result_class": "B",
    "contact_person": "王科长",
    "contact_phone": "0571-12345678",
    "signed_by": "李副局长",
}
