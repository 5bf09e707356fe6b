"""Routes: the annual appraisal of handling units (一评议)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlalchemy import Row

from services.proposals.application import artifacts_appraisal as app
from services.proposals.domain.artifacts import appraisal as ap
from services.proposals.domain.artifacts.appraisal_tally import AppraisedUnit
from shared.auth import CurrentPrincipal
from shared.http import Accepted
from shared.ids import uuid7
from shared.service import ReadAfter, Runtime

from .artifacts_schemas import PathId, coded, utc
from .artifacts_schemas_slips import AppraisalIn, AppraisalOut, BallotsIn, UnitResultOut

router = APIRouter(tags=["一表一单一评议"])
APPRAISAL_STATUS = {"held": "测评中", "published": "结果已公布"}


def now() -> datetime:
    return datetime.now(UTC)


@router.post(
    "/handling-unit-appraisals",
    status_code=201,
    summary="登记年度承办单位民主评议（参评单位）",
)
async def hold(body: AppraisalIn, principal: CurrentPrincipal, rt: Runtime) -> Accepted:
    cmd = ap.HoldHandlingUnitAppraisal(
        actor=principal.actor,
        at=now(),
        appraisal_id=uuid7(),
        year=body.year,
        title=body.title,
        held_on=body.held_on,
        units=[AppraisedUnit(**u.model_dump()) for u in body.units],
    )
    return await app.hold(rt, principal, cmd)


@router.post(
    "/handling-unit-appraisals/{appraisal_id}/ballots",
    status_code=202,
    summary="录入无记名测评票（每张票对每个参评单位作一项选择）",
)
async def record_ballots(
    appraisal_id: PathId, body: BallotsIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = ap.RecordAppraisalBallots(
        actor=principal.actor,
        at=now(),
        appraisal_id=appraisal_id,
        ballots=[ap.AppraisalBallot(**b.model_dump()) for b in body.ballots],
    )
    return await app.record_ballots(rt, principal, cmd)


@router.post(
    "/handling-unit-appraisals/{appraisal_id}/publish",
    status_code=202,
    summary="统计并公布评议结果（公布后不能再录入）",
)
async def publish(appraisal_id: PathId, principal: CurrentPrincipal, rt: Runtime) -> Accepted:
    cmd = ap.PublishAppraisalResults(actor=principal.actor, at=now(), appraisal_id=appraisal_id)
    return await app.publish(rt, principal, cmd)


@router.get(
    "/handling-unit-appraisals",
    summary="评议列表（承办单位只看已公布且本单位参评的，只含本单位结果）",
    dependencies=[ReadAfter],
)
async def list_appraisals(
    principal: CurrentPrincipal,
    rt: Runtime,
    year: Annotated[int | None, Query(ge=2000, le=2100, description="年度")] = None,
) -> list[AppraisalOut]:
    return [_out(row, results) for row, results in await app.appraisals(rt, principal, year)]


@router.get(
    "/handling-unit-appraisals/{appraisal_id}",
    summary="评议详情与结果",
    dependencies=[ReadAfter],
)
async def get_appraisal(
    appraisal_id: PathId, principal: CurrentPrincipal, rt: Runtime
) -> AppraisalOut:
    row, results = await app.one(rt, principal, appraisal_id)
    return _out(row, results)


def _out(row: Row[Any], results: Sequence[Row[Any]]) -> AppraisalOut:
    return AppraisalOut(
        appraisal_id=row.appraisal_id,
        year=row.year,
        title=row.title,
        held_on=row.held_on,
        units=list(row.units),
        ballots=row.ballots,
        status=coded(row.status, APPRAISAL_STATUS),
        published_at=utc(row.published_at),
        results=[
            UnitResultOut(
                unit_id=r.unit_id,
                unit_name=r.unit_name,
                ballots=r.ballots,
                counts=dict(r.counts),
                shares=dict(r.shares),
                satisfied_rate=r.satisfied_rate,
                approval_rate=r.approval_rate,
            )
            for r in results
        ],
    )
