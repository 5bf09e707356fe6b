"""HTTP routes: commands (201/202 with where the events landed) and read-model queries."""

from __future__ import annotations

from enum import Enum
from typing import Annotated

from fastapi import APIRouter, Path, Query

from services.consultation.api import queries
from services.consultation.api.schemas import (
    TOWNSHIP,
    UUID,
    AdoptBody,
    CancelBody,
    ConsultationDetail,
    ConsultationView,
    HoldAccepted,
    HoldBody,
    PostponeBody,
    ScheduleBody,
    SuggestionBody,
    TownshipPanel,
)
from services.consultation.application import handlers
from services.consultation.application.access import require_may_read, require_reader
from services.consultation.domain.values import (
    ConsultationStatus,
    ConsultationType,
    Participant,
    Suggestion,
)
from services.consultation.projections import ConsultationBoard, MemberDirectory
from shared.auth import CurrentPrincipal
from shared.domain import NotFound
from shared.http import Accepted
from shared.service import ReadAfter, Runtime

router = APIRouter()
COMMANDS: list[str | Enum] = ["协商活动办理"]
READS: list[str | Enum] = ["协商活动查询"]

ConsultationId = Annotated[str, Path(pattern=UUID, description="协商活动编号（UUID）")]
SuggestionId = Annotated[str, Path(pattern=UUID, description="建议编号（UUID）")]
TownshipId = Annotated[str, Path(pattern=TOWNSHIP, description="乡镇编号")]


# --- commands ----------------------------------------------------------------------------


@router.post(
    "/consultations",
    status_code=201,
    tags=COMMANDS,
    summary="安排协商活动（县政协机关；乡镇联络组可安排本乡镇的协商活动）",
)
async def schedule(body: ScheduleBody, principal: CurrentPrincipal, rt: Runtime) -> Accepted:
    return await handlers.schedule_consultation(
        rt,
        principal,
        type=body.type,
        topic=body.topic,
        township_id=body.township_id,
        organizer=body.organizer,
        planned_date=body.planned_date,
    )


def _suggestion(body: SuggestionBody) -> Suggestion:
    return Suggestion(
        suggestion_id=body.suggestion_id or handlers.new_suggestion_id(),
        text=body.text,
        proposer_ids=tuple(body.proposer_ids),
        target_department=body.target_department,
    )


@router.post(
    "/consultations/{consultation_id}/hold",
    status_code=202,
    tags=COMMANDS,
    summary="登记协商活动举行情况：参加委员和提出的建议",
    dependencies=[ReadAfter],
)
async def hold(
    consultation_id: ConsultationId, body: HoldBody, principal: CurrentPrincipal, rt: Runtime
) -> HoldAccepted:
    participants = [Participant(**p.model_dump()) for p in body.participants]
    suggestions = [_suggestion(s) for s in body.suggestions]
    accepted = await handlers.hold_consultation(
        rt,
        principal,
        consultation_id,
        held_on=body.held_on,
        participants=participants,
        suggestions=suggestions,
        minutes_summary=body.minutes_summary,
    )
    ids = [s.suggestion_id for s in suggestions]
    return HoldAccepted(**accepted.model_dump(), suggestion_ids=ids)


@router.post(
    "/consultations/{consultation_id}/suggestions/{suggestion_id}/adopt",
    status_code=202,
    tags=COMMANDS,
    summary="登记建议采纳情况（已采纳、部分采纳或列入计划）",
)
async def adopt(
    consultation_id: ConsultationId,
    suggestion_id: SuggestionId,
    body: AdoptBody,
    principal: CurrentPrincipal,
    rt: Runtime,
) -> Accepted:
    return await handlers.adopt_suggestion(
        rt,
        principal,
        consultation_id,
        suggestion_id,
        adopted_by=body.adopted_by,
        adoption=body.adoption,
        note=body.note,
    )


@router.post(
    "/consultations/{consultation_id}/postpone",
    status_code=202,
    tags=COMMANDS,
    summary="协商活动延期",
)
async def postpone(
    consultation_id: ConsultationId, body: PostponeBody, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    return await handlers.postpone_consultation(
        rt, principal, consultation_id, new_planned_date=body.new_planned_date, reason=body.reason
    )


@router.post(
    "/consultations/{consultation_id}/cancel",
    status_code=202,
    tags=COMMANDS,
    summary="取消协商活动",
)
async def cancel(
    consultation_id: ConsultationId, body: CancelBody, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    return await handlers.cancel_consultation(rt, principal, consultation_id, reason=body.reason)


# --- reads -------------------------------------------------------------------------------


@router.get(
    "/consultations",
    tags=READS,
    summary="协商活动列表（乡镇联络组只看到本乡镇的）",
    dependencies=[ReadAfter],
)
async def list_consultations(
    principal: CurrentPrincipal,
    rt: Runtime,
    township_id: Annotated[
        str | None, Query(pattern=TOWNSHIP, description="按举办乡镇筛选")
    ] = None,
    status: Annotated[ConsultationStatus | None, Query(description="按状态筛选")] = None,
    type: Annotated[ConsultationType | None, Query(description="按协商类型筛选")] = None,
    limit: Annotated[int, Query(ge=1, le=500, description="每页条数")] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000, description="跳过条数")] = 0,
) -> list[ConsultationView]:
    require_reader(principal)
    townships: list[str] | None = None
    if township_id is not None:
        principal.require_township(township_id)
        townships = [township_id]
    elif not principal.is_admin:
        townships = sorted(principal.townships)
    wanted = queries.ListFilter(townships, status, type, limit, offset)
    board = handlers.find_projection(rt, ConsultationBoard)
    return await queries.list_consultations(rt.db, board, wanted)


@router.get(
    "/consultations/{consultation_id}",
    tags=READS,
    summary="协商活动详情：参加委员和建议采纳情况",
    dependencies=[ReadAfter],
)
async def get_consultation(
    consultation_id: ConsultationId, principal: CurrentPrincipal, rt: Runtime
) -> ConsultationDetail:
    require_reader(principal)
    board = handlers.find_projection(rt, ConsultationBoard)
    directory = handlers.find_projection(rt, MemberDirectory)
    detail = await queries.get_consultation(rt.db, board, directory, consultation_id)
    if detail is None:
        raise NotFound(
            f"协商活动{consultation_id}不存在，请核对活动编号；刚安排的活动可带上 min_seq 参数重试",
            code="consultation_not_found",
        )
    require_may_read(principal, [detail.township_id, *(p.township_id for p in detail.participants)])
    return detail


@router.get(
    "/townships/{township_id}/consultations",
    tags=READS,
    summary="乡镇联络组协商面板：已举行的协商活动和已采纳的建议",
    dependencies=[ReadAfter],
)
async def township_panel(
    township_id: TownshipId, principal: CurrentPrincipal, rt: Runtime
) -> TownshipPanel:
    principal.require_township(township_id)
    board = handlers.find_projection(rt, ConsultationBoard)
    return await queries.township_panel(rt.db, board, township_id)
