"""Handlers for sectors (界别): reference data kept by the county office.

A sector's id is derived from the name it is established under, so establishing the same
name twice is one aggregate (409), even under concurrency; names in use by a renamed
sector are caught by a look-up in the read model.
"""

from __future__ import annotations

from typing import Any

from services.members.application.handlers import Data, accepted
from services.members.application.registry_runtime import sector_id_of_name, sector_named
from services.members.domain.rules import is_canonical_uuid
from services.members.domain.sector import (
    EstablishSector,
    RenameSector,
    RetireSector,
    decide_establish_sector,
    decide_rename_sector,
    decide_retire_sector,
    sector_decider,
)
from services.members.localtime import utc_now
from shared.auth import Principal
from shared.commands import Target
from shared.domain import NotFound, Rejected
from shared.events import DomainEvent
from shared.http import Accepted
from shared.service import ServiceRuntime


def _sector_not_found(sector_id: str) -> NotFound:
    return NotFound(f"界别（编号 {sector_id}）不存在，请核对界别编号", code="sector_not_found")


async def _name_free(rt: ServiceRuntime, name: str, sector_id: str) -> None:
    holder = await sector_named(rt, name)
    if holder is not None and holder != sector_id:
        raise Rejected(
            f"界别名称“{name.strip()}”已被其他界别使用（编号 {holder}），请换一个名称",
            code="sector_name_taken",
        )


async def establish_sector(rt: ServiceRuntime, principal: Principal, data: Data) -> Accepted:
    principal.require("county_admin")
    sector_id = sector_id_of_name(data["name"])
    await _name_free(rt, data["name"], sector_id)
    now = utc_now()
    cmd = EstablishSector(actor=principal.actor, at=now, sector_id=sector_id, **data)

    def decide(states: list[Any]) -> list[DomainEvent]:
        return decide_establish_sector(cmd, states[0])

    target = Target(sector_decider, sector_id)
    result = await rt.commands.execute(
        "establish_sector", [target], decide, rt.context(principal, now)
    )
    return accepted(sector_id, result)


async def rename_sector(
    rt: ServiceRuntime, principal: Principal, sector_id: str, data: Data
) -> Accepted:
    principal.require("county_admin")
    if not is_canonical_uuid(sector_id):
        raise _sector_not_found(sector_id)
    await _name_free(rt, data["name"], sector_id)
    now = utc_now()
    cmd = RenameSector(actor=principal.actor, at=now, sector_id=sector_id, **data)

    def decide(states: list[Any]) -> list[DomainEvent]:
        return decide_rename_sector(cmd, states[0])

    target = Target(sector_decider, sector_id)
    result = await rt.commands.execute(
        "rename_sector", [target], decide, rt.context(principal, now)
    )
    return accepted(sector_id, result)


async def retire_sector(rt: ServiceRuntime, principal: Principal, sector_id: str) -> Accepted:
    principal.require("county_admin")
    if not is_canonical_uuid(sector_id):
        raise _sector_not_found(sector_id)
    now = utc_now()
    cmd = RetireSector(actor=principal.actor, at=now, sector_id=sector_id)

    def decide(states: list[Any]) -> list[DomainEvent]:
        return decide_retire_sector(cmd, states[0])

    target = Target(sector_decider, sector_id)
    result = await rt.commands.execute(
        "retire_sector", [target], decide, rt.context(principal, now)
    )
    return accepted(sector_id, result)
