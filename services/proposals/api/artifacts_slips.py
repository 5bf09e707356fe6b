"""Routes: 交办单, 督办单, 征询意见表 (一表一单)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlalchemy import Row

from services.proposals.application import artifacts_slips as app
from services.proposals.domain.artifacts import assignment_slip as slip
from services.proposals.domain.artifacts import feedback_form as form
from services.proposals.domain.artifacts import supervision_slip as sup
from services.proposals.domain.artifacts.labels import (
    FORM_CHANNEL_LABELS,
    HANDLING_ROLE_LABELS,
    SATISFACTION_LABELS,
    SUPERVISION_REASON_LABELS,
)
from shared.auth import CurrentPrincipal
from shared.http import Accepted
from shared.ids import uuid7
from shared.service import ReadAfter, Runtime

from .artifacts_schemas import ID_PATTERN, PathId, coded, utc
from .artifacts_schemas_slips import (
    AssignmentSlipIn,
    AssignmentSlipOut,
    FeedbackFormIn,
    FeedbackFormOut,
    ProposalInfo,
    SlipUnitOut,
    SupervisionAnswerIn,
    SupervisionSlipIn,
    SupervisionSlipOut,
)

router = APIRouter(tags=["一表一单一评议"])
ProposalFilter = Annotated[str | None, Query(pattern=ID_PATTERN, description="只看该提案的记录")]
SLIP_STATUS = {"issued": "待回复", "answered": "已回复"}


def now() -> datetime:
    return datetime.now(UTC)


def proposal_info(row: Row[Any]) -> ProposalInfo:
    return ProposalInfo(
        proposal_id=row.proposal_id,
        serial_no=row.serial_no,
        title=row.proposal_title,
        township_id=row.township_id,
    )


# --- assignment slips --------------------------------------------------------------------


@router.post(
    "/assignment-slips",
    status_code=201,
    summary="出具提案交办单（承办单位、办理方式、期限、督办领导）",
    dependencies=[ReadAfter],
)
async def issue_assignment_slip(
    body: AssignmentSlipIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = slip.IssueAssignmentSlip(
        actor=principal.actor,
        at=now(),
        slip_id="",
        proposal_id=body.proposal_id,
        units=[slip.SlipUnit(**u.model_dump()) for u in body.units],
        deadline=body.deadline,
        supervising_leader=body.supervising_leader,
        note=body.note,
    )
    return await app.issue_assignment_slip(rt, principal, cmd)


@router.get(
    "/assignment-slips",
    summary="交办单列表（承办单位看发给本单位的；乡镇看本乡镇提案的）",
    dependencies=[ReadAfter],
)
async def list_assignment_slips(
    principal: CurrentPrincipal, rt: Runtime, proposal_id: ProposalFilter = None
) -> list[AssignmentSlipOut]:
    return [_assignment(r) for r in await app.assignment_slips(rt, principal, proposal_id)]


@router.get("/assignment-slips/{slip_id}", summary="交办单详情", dependencies=[ReadAfter])
async def get_assignment_slip(
    slip_id: PathId, principal: CurrentPrincipal, rt: Runtime
) -> AssignmentSlipOut:
    rows = await app.assignment_slips(rt, principal, slip_id=slip_id)
    return _assignment(app.the_one(rows, "交办单"))


def _assignment(row: Row[Any]) -> AssignmentSlipOut:
    return AssignmentSlipOut(
        slip_id=row.slip_id,
        proposal=proposal_info(row),
        revision=row.revision,
        units=[
            SlipUnitOut(
                unit_id=u["unit_id"],
                unit_name=u["unit_name"],
                role=coded(u["role"], HANDLING_ROLE_LABELS),
            )
            for u in row.units
        ],
        deadline=row.deadline,
        supervising_leader=row.supervising_leader,
        note=row.note,
        issued_at=utc(row.issued_at),
    )


# --- supervision slips -------------------------------------------------------------------


@router.post(
    "/supervision-slips",
    status_code=201,
    summary="向承办单位发出督办单（回复期限按工作日计算）",
    dependencies=[ReadAfter],
)
async def issue_supervision_slip(
    body: SupervisionSlipIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = sup.IssueSupervisionSlip(
        actor=principal.actor, at=now(), slip_id=uuid7(), **body.model_dump()
    )
    return await app.issue_supervision_slip(rt, principal, cmd)


@router.post(
    "/supervision-slips/{slip_id}/answer",
    status_code=202,
    summary="承办单位回复督办单",
)
async def answer_supervision_slip(
    slip_id: PathId, body: SupervisionAnswerIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = sup.AnswerSupervisionSlip(
        actor=principal.actor, at=now(), slip_id=slip_id, response=body.response
    )
    return await app.answer_supervision_slip(rt, principal, cmd)


@router.get(
    "/supervision-slips",
    summary="督办单列表（承办单位看发给本单位的；乡镇看本乡镇提案的）",
    dependencies=[ReadAfter],
)
async def list_supervision_slips(
    principal: CurrentPrincipal, rt: Runtime, proposal_id: ProposalFilter = None
) -> list[SupervisionSlipOut]:
    return [_supervision(r) for r in await app.supervision_slips(rt, principal, proposal_id)]


@router.get("/supervision-slips/{slip_id}", summary="督办单详情", dependencies=[ReadAfter])
async def get_supervision_slip(
    slip_id: PathId, principal: CurrentPrincipal, rt: Runtime
) -> SupervisionSlipOut:
    rows = await app.supervision_slips(rt, principal, slip_id=slip_id)
    return _supervision(app.the_one(rows, "督办单"))


def _supervision(row: Row[Any]) -> SupervisionSlipOut:
    return SupervisionSlipOut(
        slip_id=row.slip_id,
        proposal=proposal_info(row),
        unit_id=row.unit_id,
        unit_name=row.unit_name,
        reason=coded(row.reason, SUPERVISION_REASON_LABELS),
        requirements=row.requirements,
        respond_by=row.respond_by,
        status=coded(row.status, SLIP_STATUS),
        response=row.response,
        issued_at=utc(row.issued_at),
        answered_at=utc(row.answered_at),
    )


# --- feedback forms ----------------------------------------------------------------------


@router.post(
    "/feedback-forms",
    status_code=201,
    summary="提交提案办理征询意见表（提案人本人；或提案委代录纸质表）",
)
async def return_feedback_form(
    body: FeedbackFormIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = form.ReturnFeedbackForm(
        actor=principal.actor,
        at=now(),
        form_id="",
        proposal_id=body.proposal_id,
        reply_id=body.reply_id,
        unit_id=body.unit_id,
        unit_name=body.unit_name,
        author_id=(body.author_id or "").strip(),
        ratings=body.ratings,
        comments=body.comments,
    )
    return await app.return_feedback_form(rt, principal, cmd)


@router.get(
    "/feedback-forms",
    summary="征询意见表列表（委员看本人的；承办单位看对本单位的；乡镇看本乡镇提案的）",
    dependencies=[ReadAfter],
)
async def list_feedback_forms(
    principal: CurrentPrincipal, rt: Runtime, proposal_id: ProposalFilter = None
) -> list[FeedbackFormOut]:
    return [_form(r) for r in await app.feedback_forms(rt, principal, proposal_id)]


@router.get("/feedback-forms/{form_id}", summary="征询意见表详情", dependencies=[ReadAfter])
async def get_feedback_form(
    form_id: PathId, principal: CurrentPrincipal, rt: Runtime
) -> FeedbackFormOut:
    rows = await app.feedback_forms(rt, principal, form_id=form_id)
    return _form(app.the_one(rows, "征询意见表"))


def _form(row: Row[Any]) -> FeedbackFormOut:
    return FeedbackFormOut(
        form_id=row.form_id,
        proposal=proposal_info(row),
        reply_id=row.reply_id,
        unit_id=row.unit_id,
        unit_name=row.unit_name,
        author_id=row.author_id,
        ratings={k: coded(v, SATISFACTION_LABELS) for k, v in row.ratings.items()},
        comments=row.comments,
        channel=coded(row.channel, FORM_CHANNEL_LABELS),
        returned_at=utc(row.returned_at),
    )
