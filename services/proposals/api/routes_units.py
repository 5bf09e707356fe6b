"""Routes of 承办单位: the reference list (county_admin maintains it) and each unit's
task inbox (the unit itself, or the offices)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import ColumnElement

from services.proposals.application import lifecycle_views as lv
from services.proposals.application import units
from services.proposals.application.access import STAFF_ROLES
from services.proposals.application.lifecycle import config_of
from services.proposals.domain.units import (
    DeactivateHandlingUnit,
    RegisterHandlingUnit,
    RenameHandlingUnit,
)
from shared.auth import CurrentPrincipal, Forbidden
from shared.domain import NotFound
from shared.http import Accepted
from shared.service import ReadAfter, Runtime

from .params import AsOf, PageNo, PageSize, UnitIdPath, now, today
from .presenters_lifecycle import unit_out, unit_task
from .schemas_lifecycle import DeactivateIn, RenameIn, UnitIn
from .schemas_views import HandlingUnitOut, UnitTaskPage

router = APIRouter(tags=["承办单位"])
UNIT_NOT_FOUND = "未找到该承办单位，请核对承办单位编号"


@router.post(
    "/handling-units",
    status_code=201,
    summary="登记承办单位（政协机关）",
    dependencies=[ReadAfter],
)
async def register_unit(body: UnitIn, principal: CurrentPrincipal, rt: Runtime) -> Accepted:
    cmd = RegisterHandlingUnit(
        unit_id=body.unit_id,
        actor=principal.actor,
        at=now(),
        name=body.name,
        kind=body.kind,
        township_id=body.township_id,
    )
    return await units.register_unit(rt, principal, cmd)


@router.post(
    "/handling-units/{unit_id}/rename", status_code=202, summary="承办单位更名（政协机关）"
)
async def rename_unit(
    unit_id: UnitIdPath, body: RenameIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = RenameHandlingUnit(unit_id=unit_id, actor=principal.actor, at=now(), name=body.name)
    return await units.rename_unit(rt, principal, cmd)


@router.post(
    "/handling-units/{unit_id}/deactivate",
    status_code=202,
    summary="停用承办单位（政协机关；已有任务不受影响，不再接受交办）",
)
async def deactivate_unit(
    unit_id: UnitIdPath,
    principal: CurrentPrincipal,
    rt: Runtime,
    body: DeactivateIn | None = None,
) -> Accepted:
    cmd = DeactivateHandlingUnit(
        unit_id=unit_id, actor=principal.actor, at=now(), reason=body.reason if body else None
    )
    return await units.deactivate_unit(rt, principal, cmd)


@router.get("/handling-units", summary="承办单位名录", dependencies=[ReadAfter])
async def list_units(
    principal: CurrentPrincipal,
    rt: Runtime,
    active_only: Annotated[bool, Query(description="只列出在用的单位")] = False,
) -> list[HandlingUnitOut]:
    async with rt.db.read() as conn:
        rows = await lv.all_units(conn, lv.Reads.of(rt), active_only)
    return [unit_out(r) for r in rows]


@router.get(
    "/handling-units/{unit_id}/tasks",
    summary="承办单位的任务清单（本单位或提案委、交办、督办部门可查看）",
    dependencies=[ReadAfter],
)
async def unit_tasks(
    unit_id: UnitIdPath,
    principal: CurrentPrincipal,
    rt: Runtime,
    phase: Annotated[str | None, Query(max_length=32, description="按办理阶段筛选")] = None,
    overdue: Annotated[bool | None, Query(description="只看超期未办的")] = None,
    as_of: AsOf = None,
    page: PageNo = 1,
    page_size: PageSize = 20,
) -> UnitTaskPage:
    if unit_id not in principal.scoped("handling_unit") and not principal.has(*STAFF_ROLES):
        raise Forbidden("只能查看交给本单位办理的任务。")
    reads = lv.Reads.of(rt)
    day = as_of or today(config_of(rt).utc_offset_hours)
    where: list[ColumnElement[bool]] = []
    if phase is not None:
        where.append(reads.tasks.tasks.c.phase == phase)
    if overdue is not None:
        where.append(lv.overdue_task(reads, day) if overdue else ~lv.overdue_task(reads, day))
    async with rt.db.read() as conn:
        unit = await lv.unit_row(conn, reads, unit_id)
        if unit is None:
            raise NotFound(UNIT_NOT_FOUND, code="unit_not_found")
        total, rows = await lv.unit_tasks(conn, reads, unit_id, where, page, page_size)
    return UnitTaskPage(
        unit_id=unit_id,
        unit_name=unit.name,
        as_of=day,
        total=total,
        page=page,
        page_size=page_size,
        items=[unit_task(r, day) for r in rows],
    )
