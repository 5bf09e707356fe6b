"""Handlers of the 承办单位 reference list (政协机关 maintains it)."""

from __future__ import annotations

from services.proposals.domain.units import (
    DeactivateHandlingUnit,
    RegisterHandlingUnit,
    RenameHandlingUnit,
    decide_deactivate_unit,
    decide_register_unit,
    decide_rename_unit,
    unit_decider,
)
from shared.auth import Principal
from shared.commands import Target
from shared.http import Accepted
from shared.service import ServiceRuntime

from .access import UNIT_ADMIN_ROLES
from .lifecycle import accepted, require_role

UNIT_ADMIN_ONLY = "只有政协机关（系统管理员）可以维护承办单位名录。"


async def register_unit(
    rt: ServiceRuntime, principal: Principal, cmd: RegisterHandlingUnit
) -> Accepted:
    require_role(principal, UNIT_ADMIN_ROLES, UNIT_ADMIN_ONLY)
    result = await rt.commands.execute(
        "register_handling_unit",
        [Target(unit_decider, cmd.unit_id)],
        lambda states: decide_register_unit(cmd, states[0]),
        rt.context(principal, now=cmd.at),
    )
    return accepted(cmd.unit_id, result)


async def rename_unit(
    rt: ServiceRuntime, principal: Principal, cmd: RenameHandlingUnit
) -> Accepted:
    require_role(principal, UNIT_ADMIN_ROLES, UNIT_ADMIN_ONLY)
    result = await rt.commands.execute(
        "rename_handling_unit",
        [Target(unit_decider, cmd.unit_id)],
        lambda states: decide_rename_unit(cmd, states[0]),
        rt.context(principal, now=cmd.at),
    )
    return accepted(cmd.unit_id, result)


async def deactivate_unit(
    rt: ServiceRuntime, principal: Principal, cmd: DeactivateHandlingUnit
) -> Accepted:
    require_role(principal, UNIT_ADMIN_ROLES, UNIT_ADMIN_ONLY)
    result = await rt.commands.execute(
        "deactivate_handling_unit",
        [Target(unit_decider, cmd.unit_id)],
        lambda states: decide_deactivate_unit(cmd, states[0]),
        rt.context(principal, now=cmd.at),
    )
    return accepted(cmd.unit_id, result)
