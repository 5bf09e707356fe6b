"""回头看 (follow-up reviews) and awards (优秀提案 / 先进承办单位)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Row, exists, select

from services.proposals.domain.artifacts import award_roll as aw
from services.proposals.domain.artifacts import followup_review as fr
from services.proposals.projections.artifacts_followup import FollowupsAndAwards
from shared.auth import Principal
from shared.commands import Target
from shared.http import Accepted
from shared.service import ServiceRuntime

from .artifacts_common import proposal_ref, proposal_target, require_office, run
from .artifacts_config import artifacts_config
from .artifacts_views import ArtifactViewer, about_townships
from .lookup import projection

FOLLOWUP_OFFICE = "只有提案委员会或政协机关工作人员可以组织“回头看”。"
AWARD_OFFICE = "只有提案委员会或政协机关工作人员可以评定表彰。"


async def start(rt: ServiceRuntime, p: Principal, cmd: fr.StartFollowupReview) -> Accepted:
    require_office(p, FOLLOWUP_OFFICE)
    return await run(
        rt,
        p,
        "start_followup_review",
        [Target(fr.followup_review_decider, cmd.review_id, new=True)],
        lambda s: fr.decide_start_followup_review(cmd, s[0]),
        cmd.at,
    )


async def assess(rt: ServiceRuntime, p: Principal, cmd: fr.AssessFollowupItem) -> Accepted:
    require_office(p, FOLLOWUP_OFFICE)
    return await run(
        rt,
        p,
        "assess_followup_item",
        [Target(fr.followup_review_decider, cmd.review_id), proposal_target(cmd.proposal_id)],
        lambda s: fr.decide_assess_followup_item(cmd, s[0], proposal_ref(s[1], cmd.proposal_id)),
        cmd.at,
    )


async def conclude(rt: ServiceRuntime, p: Principal, cmd: fr.ConcludeFollowupReview) -> Accepted:
    require_office(p, FOLLOWUP_OFFICE)
    return await run(
        rt,
        p,
        "conclude_followup_review",
        [Target(fr.followup_review_decider, cmd.review_id)],
        lambda s: fr.decide_conclude_followup_review(cmd, s[0]),
        cmd.at,
    )


async def reviews(
    rt: ServiceRuntime, p: Principal, year: int | None = None, review_id: str | None = None
) -> list[tuple[Row[Any], Sequence[Row[Any]]]]:
    """Reviews with their items; a township sees reviews touching it, and only its items."""
    viewer = ArtifactViewer.of(p)
    viewer.require_any(townships=True, members=False, units=False)
    proj = projection(rt, FollowupsAndAwards)
    r, i = proj.reviews, proj.items
    ours = about_townships(rt, i.c.proposal_id, viewer.townships)
    where: list[ColumnElement[bool]] = []
    if not viewer.office:
        where.append(exists().where(i.c.review_id == r.c.review_id, ours))
    if year is not None:
        where.append(r.c.year == year)
    if review_id is not None:
        where.append(r.c.review_id == review_id)
    async with rt.db.read() as conn:
        rows = (await conn.execute(select(r).where(*where).order_by(r.c.year.desc()))).all()
        stmt = select(i).where(i.c.review_id.in_([x.review_id for x in rows]))
        if not viewer.office:
            stmt = stmt.where(ours)
        items = (await conn.execute(stmt.order_by(i.c.serial_no, i.c.proposal_id))).all()
    return [(x, [it for it in items if it.review_id == x.review_id]) for x in rows]


# --- awards ------------------------------------------------------------------------------


async def mark_excellent(
    rt: ServiceRuntime, p: Principal, cmd: aw.MarkProposalExcellent
) -> Accepted:
    require_office(p, AWARD_OFFICE)
    config = artifacts_config(rt)
    return await run(
        rt,
        p,
        "mark_proposal_excellent",
        [Target(aw.award_roll_decider, str(cmd.year)), proposal_target(cmd.proposal_id)],
        lambda s: aw.decide_mark_proposal_excellent(
            cmd, s[0], proposal_ref(s[1], cmd.proposal_id), config
        ),
        cmd.at,
    )


async def commend_unit(rt: ServiceRuntime, p: Principal, cmd: aw.CommendHandlingUnit) -> Accepted:
    require_office(p, AWARD_OFFICE)
    config = artifacts_config(rt)
    return await run(
        rt,
        p,
        "commend_handling_unit",
        [Target(aw.award_roll_decider, str(cmd.year))],
        lambda s: aw.decide_commend_handling_unit(cmd, s[0], config),
        cmd.at,
    )


async def awards(rt: ServiceRuntime, year: int | None, kind: str | None) -> Sequence[Row[Any]]:
    """Honours are public to every signed-in user."""
    t = projection(rt, FollowupsAndAwards).awards
    stmt = select(t).order_by(t.c.year.desc(), t.c.kind, t.c.level, t.c.subject_id)
    if year is not None:
        stmt = stmt.where(t.c.year == year)
    if kind is not None:
        stmt = stmt.where(t.c.kind == kind)
    async with rt.db.read() as conn:
        return (await conn.execute(stmt)).all()
