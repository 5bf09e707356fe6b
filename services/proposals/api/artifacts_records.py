"""Routes: key-proposal supervision records (§2.8) and handling consultations (§2.9)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlalchemy import Row

from services.proposals.application import artifacts_records as app
from services.proposals.domain.artifacts import handling_consultation as hc
from services.proposals.domain.artifacts import key_supervision as ks
from services.proposals.domain.artifacts.labels import (
    CONSULTATION_FORMAT_LABELS,
    SUPERVISION_MODE_LABELS,
)
from shared.auth import CurrentPrincipal
from shared.http import Accepted
from shared.ids import uuid7
from shared.service import ReadAfter, Runtime

from .artifacts_schemas import ID_PATTERN, PathId, coded, utc
from .artifacts_schemas_records import (
    ConsultationIn,
    ConsultationOut,
    KeySupervisionOut,
    ParticipantOut,
    SupervisionActivityIn,
    SupervisionActivityOut,
    SupervisionPlanIn,
    SupervisionReportIn,
)
from .artifacts_schemas_slips import ProposalInfo

router = APIRouter()
SUPERVISION, CONSULTATION = "重点提案督办", "提案办理协商"
ProposalFilter = Annotated[str | None, Query(pattern=ID_PATTERN, description="只看该提案的记录")]
SUPERVISION_STATUS = {"planned": "已安排", "conducted": "督办中", "reported": "已报送督办报告"}


def now() -> datetime:
    return datetime.now(UTC)


# --- key-proposal supervision --------------------------------------------------------------


@router.post(
    "/key-proposal-supervisions",
    status_code=201,
    tags=[SUPERVISION],
    summary="安排重点提案督办（督办领导、方式、日期）",
)
async def plan(body: SupervisionPlanIn, principal: CurrentPrincipal, rt: Runtime) -> Accepted:
    cmd = ks.PlanKeySupervision(
        actor=principal.actor, at=now(), supervision_id=uuid7(), **body.model_dump()
    )
    return await app.plan(rt, principal, cmd)


@router.post(
    "/key-proposal-supervisions/{supervision_id}/activities",
    status_code=202,
    tags=[SUPERVISION],
    summary="记录一次督办活动（方式、参加人员、发现的问题）",
)
async def conduct(
    supervision_id: PathId, body: SupervisionActivityIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = ks.ConductKeySupervision(
        actor=principal.actor, at=now(), supervision_id=supervision_id, **body.model_dump()
    )
    return await app.conduct(rt, principal, cmd)


@router.post(
    "/key-proposal-supervisions/{supervision_id}/report",
    status_code=202,
    tags=[SUPERVISION],
    summary="报送督办情况报告（督办结束）",
)
async def file_report(
    supervision_id: PathId, body: SupervisionReportIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = ks.FileSupervisionReport(
        actor=principal.actor, at=now(), supervision_id=supervision_id, report=body.report
    )
    return await app.file_report(rt, principal, cmd)


@router.get(
    "/key-proposal-supervisions",
    tags=[SUPERVISION],
    summary="重点提案督办记录（乡镇看本乡镇提案的）",
    dependencies=[ReadAfter],
)
async def list_supervisions(
    principal: CurrentPrincipal, rt: Runtime, proposal_id: ProposalFilter = None
) -> list[KeySupervisionOut]:
    return [_supervision(r, a) for r, a in await app.supervisions(rt, principal, proposal_id)]


@router.get(
    "/key-proposal-supervisions/{supervision_id}",
    tags=[SUPERVISION],
    summary="督办记录详情",
    dependencies=[ReadAfter],
)
async def get_supervision(
    supervision_id: PathId, principal: CurrentPrincipal, rt: Runtime
) -> KeySupervisionOut:
    found = await app.supervisions(rt, principal, sid=supervision_id)
    row, acts = app.first_or_404(found, "督办记录")
    return _supervision(row, acts)


def _supervision(row: Row[Any], acts: Sequence[Row[Any]]) -> KeySupervisionOut:
    return KeySupervisionOut(
        supervision_id=row.supervision_id,
        proposal=ProposalInfo(
            proposal_id=row.proposal_id,
            serial_no=row.serial_no,
            title=row.proposal_title,
            township_id=row.township_id,
        ),
        supervising_leader=row.supervising_leader,
        modes=[coded(m, SUPERVISION_MODE_LABELS) for m in row.modes],
        planned_on=row.planned_on,
        plan=row.plan,
        status=coded(row.status, SUPERVISION_STATUS),
        activities=[
            SupervisionActivityOut(
                mode=coded(a.mode, SUPERVISION_MODE_LABELS),
                held_on=a.held_on,
                participants=list(a.participants),
                findings=a.findings,
            )
            for a in acts
        ],
        report=row.report,
        reported_at=utc(row.reported_at),
    )


# --- handling consultations ----------------------------------------------------------------


@router.post(
    "/handling-consultations",
    status_code=201,
    tags=[CONSULTATION],
    summary="登记提案办理协商（专题/对口/办理协商，纪要与共识）",
)
async def record(body: ConsultationIn, principal: CurrentPrincipal, rt: Runtime) -> Accepted:
    cmd = hc.RecordHandlingConsultation(
        actor=principal.actor,
        at=now(),
        consultation_id=uuid7(),
        proposal_ids=body.proposal_ids,
        format=body.format,
        held_at=body.held_at,
        participants=[hc.Participant(**p.model_dump()) for p in body.participants],
        minutes=body.minutes,
        agreements=body.agreements,
    )
    return await app.record_consultation(rt, principal, cmd)


@router.get(
    "/handling-consultations",
    tags=[CONSULTATION],
    summary="办理协商记录（乡镇看涉及本乡镇提案的）",
    dependencies=[ReadAfter],
)
async def list_consultations(
    principal: CurrentPrincipal, rt: Runtime, proposal_id: ProposalFilter = None
) -> list[ConsultationOut]:
    return [_consultation(r, p) for r, p in await app.consultations(rt, principal, proposal_id)]


@router.get(
    "/handling-consultations/{consultation_id}",
    tags=[CONSULTATION],
    summary="办理协商记录详情",
    dependencies=[ReadAfter],
)
async def get_consultation(
    consultation_id: PathId, principal: CurrentPrincipal, rt: Runtime
) -> ConsultationOut:
    found = await app.consultations(rt, principal, cid=consultation_id)
    row, proposals = app.first_or_404(found, "办理协商记录")
    return _consultation(row, proposals)


def _consultation(row: Row[Any], proposals: Sequence[Row[Any]]) -> ConsultationOut:
    return ConsultationOut(
        consultation_id=row.consultation_id,
        format=coded(row.format, CONSULTATION_FORMAT_LABELS),
        held_at=utc(row.held_at),
        proposals=[
            ProposalInfo(
                proposal_id=p.proposal_id,
                serial_no=p.serial_no,
                title=p.title,
                township_id=p.township_id,
            )
            for p in proposals
        ],
        participants=[ParticipantOut(**p) for p in row.participants],
        minutes=row.minutes,
        agreements=list(row.agreements),
    )
