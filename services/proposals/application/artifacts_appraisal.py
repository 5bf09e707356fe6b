"""一评议: the annual appraisal of handling units — hold, enter ballots, publish; reads."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Row, exists, select

from services.proposals.domain.artifacts import appraisal as ap
from services.proposals.projections.artifacts_appraisal import Appraisals
from shared.auth import Principal
from shared.commands import Target
from shared.domain import NotFound
from shared.http import Accepted
from shared.service import ServiceRuntime

from .artifacts_common import require_office, run
from .artifacts_views import ArtifactViewer
from .lookup import projection

APPRAISAL_NOT_FOUND = "未找到该评议，请核对评议编号"
OFFICE_ONLY = "只有提案委员会或政协机关工作人员可以组织承办单位评议。"


async def hold(rt: ServiceRuntime, p: Principal, cmd: ap.HoldHandlingUnitAppraisal) -> Accepted:
    require_office(p, OFFICE_ONLY)
    return await run(
        rt,
        p,
        "hold_handling_unit_appraisal",
        [Target(ap.appraisal_decider, cmd.appraisal_id, new=True)],
        lambda s: ap.decide_hold_appraisal(cmd, s[0]),
        cmd.at,
    )


async def record_ballots(
    rt: ServiceRuntime, p: Principal, cmd: ap.RecordAppraisalBallots
) -> Accepted:
    require_office(p, OFFICE_ONLY)
    return await run(
        rt,
        p,
        "record_appraisal_ballots",
        [Target(ap.appraisal_decider, cmd.appraisal_id)],
        lambda s: ap.decide_record_ballots(cmd, s[0]),
        cmd.at,
    )


async def publish(rt: ServiceRuntime, p: Principal, cmd: ap.PublishAppraisalResults) -> Accepted:
    require_office(p, OFFICE_ONLY)
    return await run(
        rt,
        p,
        "publish_appraisal_results",
        [Target(ap.appraisal_decider, cmd.appraisal_id)],
        lambda s: ap.decide_publish_results(cmd, s[0]),
        cmd.at,
    )


async def appraisals(
    rt: ServiceRuntime, p: Principal, year: int | None = None, appraisal_id: str | None = None
) -> list[tuple[Row[Any], Sequence[Row[Any]]]]:
    """Each appraisal with the result rows the viewer may see.

    The office sees every appraisal (and all results once published); a handling unit
    sees only published appraisals it was part of, with its own row.
    """
    viewer = ArtifactViewer.of(p)
    viewer.require_any(townships=False, members=False, units=True)
    proj = projection(rt, Appraisals)
    a, r = proj.appraisals, proj.results
    stmt = select(a).order_by(a.c.year.desc(), a.c.held_on.desc(), a.c.appraisal_id)
    mine = sorted(viewer.unit_ids)
    if not viewer.office:
        stmt = stmt.where(
            exists().where(r.c.appraisal_id == a.c.appraisal_id, r.c.unit_id.in_(mine))
        )
    if year is not None:
        stmt = stmt.where(a.c.year == year)
    if appraisal_id is not None:
        stmt = stmt.where(a.c.appraisal_id == appraisal_id)
    async with rt.db.read() as conn:
        rows = (await conn.execute(stmt)).all()
        ids = [row.appraisal_id for row in rows]
        results_stmt = select(r).where(r.c.appraisal_id.in_(ids)).order_by(r.c.position)
        if not viewer.office:
            results_stmt = results_stmt.where(r.c.unit_id.in_(mine))
        results = (await conn.execute(results_stmt)).all()
    return [(row, [x for x in results if x.appraisal_id == row.appraisal_id]) for row in rows]


async def one(
    rt: ServiceRuntime, p: Principal, appraisal_id: str
) -> tuple[Row[Any], Sequence[Row[Any]]]:
    found = await appraisals(rt, p, appraisal_id=appraisal_id)
    if not found:
        raise NotFound(APPRAISAL_NOT_FOUND, code="appraisal_not_found")
    return found[0]
