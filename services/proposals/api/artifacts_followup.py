"""Routes: 回头看 (follow-up reviews) and awards (表彰)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlalchemy import Row

from services.proposals.application import artifacts_followup as app
from services.proposals.application.artifacts_config import artifacts_config
from services.proposals.application.artifacts_records import first_or_404
from services.proposals.domain.artifacts import award_roll as aw
from services.proposals.domain.artifacts import followup_review as fr
from services.proposals.domain.artifacts.labels import FOLLOWUP_STATUS_LABELS
from shared.auth import CurrentPrincipal
from shared.http import Accepted
from shared.ids import uuid7
from shared.service import ReadAfter, Runtime

from .artifacts_schemas import PathId, coded, utc
from .artifacts_schemas_records import (
    AwardOut,
    CommendIn,
    ExcellentIn,
    FollowupConcludeIn,
    FollowupIn,
    FollowupItemIn,
    FollowupItemOut,
    FollowupOut,
)
from .artifacts_schemas_slips import ProposalInfo

router = APIRouter()
FOLLOWUP, AWARDS = "回头看", "表彰"
REVIEW_STATUS = {"started": "进行中", "concluded": "已总结"}
AWARD_KINDS = {"excellent_proposal": "优秀提案", "commended_unit": "提案办理先进单位"}
YearFilter = Annotated[int | None, Query(ge=2000, le=2100, description="年度")]


def now() -> datetime:
    return datetime.now(UTC)


# --- 回头看 -------------------------------------------------------------------------------


@router.post("/followup-reviews", status_code=201, tags=[FOLLOWUP], summary="启动年度“回头看”")
async def start(body: FollowupIn, principal: CurrentPrincipal, rt: Runtime) -> Accepted:
    cmd = fr.StartFollowupReview(
        actor=principal.actor, at=now(), review_id=uuid7(), **body.model_dump()
    )
    return await app.start(rt, principal, cmd)


@router.post(
    "/followup-reviews/{review_id}/items",
    status_code=202,
    tags=[FOLLOWUP],
    summary="评估一件提案的落实情况（再次评估则更新）",
)
async def assess(
    review_id: PathId, body: FollowupItemIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = fr.AssessFollowupItem(
        actor=principal.actor, at=now(), review_id=review_id, **body.model_dump()
    )
    return await app.assess(rt, principal, cmd)


@router.post(
    "/followup-reviews/{review_id}/conclude",
    status_code=202,
    tags=[FOLLOWUP],
    summary="形成“回头看”报告并结束",
)
async def conclude(
    review_id: PathId, body: FollowupConcludeIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = fr.ConcludeFollowupReview(
        actor=principal.actor, at=now(), review_id=review_id, report=body.report
    )
    return await app.conclude(rt, principal, cmd)


@router.get(
    "/followup-reviews",
    tags=[FOLLOWUP],
    summary="“回头看”列表（乡镇只看涉及本乡镇提案的事项）",
    dependencies=[ReadAfter],
)
async def list_reviews(
    principal: CurrentPrincipal, rt: Runtime, year: YearFilter = None
) -> list[FollowupOut]:
    return [_review(r, items) for r, items in await app.reviews(rt, principal, year)]


@router.get(
    "/followup-reviews/{review_id}",
    tags=[FOLLOWUP],
    summary="“回头看”详情与事项",
    dependencies=[ReadAfter],
)
async def get_review(review_id: PathId, principal: CurrentPrincipal, rt: Runtime) -> FollowupOut:
    row, items = first_or_404(await app.reviews(rt, principal, review_id=review_id), "“回头看”")
    return _review(row, items)


def _review(row: Row[Any], items: Sequence[Row[Any]]) -> FollowupOut:
    return FollowupOut(
        review_id=row.review_id,
        year=row.year,
        title=row.title,
        scope=row.scope,
        status=coded(row.status, REVIEW_STATUS),
        report=row.report,
        status_counts=dict(row.status_counts) if row.status_counts is not None else None,
        started_at=utc(row.started_at),
        concluded_at=utc(row.concluded_at),
        items=[
            FollowupItemOut(
                proposal=ProposalInfo(
                    proposal_id=i.proposal_id,
                    serial_no=i.serial_no,
                    title=i.proposal_title,
                    township_id=i.township_id,
                ),
                promised_action=i.promised_action,
                status=coded(i.status, FOLLOWUP_STATUS_LABELS),
                evidence=i.evidence,
                assessed_at=utc(i.assessed_at),
            )
            for i in items
        ],
    )


# --- awards -------------------------------------------------------------------------------


@router.post(
    "/awards/excellent-proposals", status_code=201, tags=[AWARDS], summary="评定年度优秀提案"
)
async def mark_excellent(body: ExcellentIn, principal: CurrentPrincipal, rt: Runtime) -> Accepted:
    cmd = aw.MarkProposalExcellent(actor=principal.actor, at=now(), **body.model_dump())
    return await app.mark_excellent(rt, principal, cmd)


@router.post(
    "/awards/commended-units",
    status_code=201,
    tags=[AWARDS],
    summary="表彰提案办理先进承办单位",
)
async def commend_unit(body: CommendIn, principal: CurrentPrincipal, rt: Runtime) -> Accepted:
    cmd = aw.CommendHandlingUnit(actor=principal.actor, at=now(), **body.model_dump())
    return await app.commend_unit(rt, principal, cmd)


@router.get(
    "/awards",
    tags=[AWARDS],
    summary="表彰名录（优秀提案、先进承办单位；所有登录用户可见）",
    dependencies=[ReadAfter],
)
async def list_awards(
    _: CurrentPrincipal,
    rt: Runtime,
    year: YearFilter = None,
    kind: Annotated[
        str | None,
        Query(pattern="^(excellent_proposal|commended_unit)$", description="类别"),
    ] = None,
) -> list[AwardOut]:
    levels = artifacts_config(rt).award_levels
    return [
        AwardOut(
            year=r.year,
            kind=coded(r.kind, AWARD_KINDS),
            subject_id=r.subject_id,
            subject_name=r.subject_name,
            serial_no=r.serial_no,
            township_id=r.township_id,
            author_ids=list(r.author_ids),
            level=coded(r.level, levels),
            citation=r.citation,
            awarded_at=utc(r.awarded_at),
        )
        for r in await app.awards(rt, year, kind)
    ]
