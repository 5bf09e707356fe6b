"""HTTP routes of the steps after a report was submitted (all answer 202).

Editorial steps and the additive facts are for the info office (`info_office`) and the
county office (`county_admin`); resubmitting is for the authors or the submitting township.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Path

from services.proposals.application import opinion_reports
from services.proposals.domain import opinion as d
from shared.auth import CurrentPrincipal
from shared.http import Accepted
from shared.service import Runtime

from .opinion_schemas import (
    ID_PATTERN,
    AcceptIn,
    AdoptionIn,
    EditIn,
    FeedbackIn,
    ForwardIn,
    InstructionIn,
    NoteIn,
    ReasonIn,
    ResubmitIn,
    UpwardIn,
)

router = APIRouter(tags=["社情民意"])
ReportId = Annotated[str, Path(pattern=ID_PATTERN, description="社情民意信息编号")]
BASE = "/opinion-reports/{report_id}"


def _base(report_id: str, principal: CurrentPrincipal) -> dict[str, Any]:
    return {"report_id": report_id, "actor": principal.actor, "at": datetime.now(UTC)}


async def _step(
    rt: Runtime,
    principal: CurrentPrincipal,
    name: str,
    cmd: d.ReportCommand,
    decide: opinion_reports.Decide,
    action: str,
) -> Accepted:
    return await opinion_reports.editorial(rt, principal, name, cmd, decide, action)


@router.post(f"{BASE}/start-editing", status_code=202, summary="开始编辑（信息中心）")
async def start_editing(report_id: ReportId, principal: CurrentPrincipal, rt: Runtime) -> Accepted:
    cmd = d.StartEditing(**_base(report_id, principal))
    return await _step(rt, principal, "start_editing", cmd, d.decide_start_editing, "编辑信息")


@router.post(f"{BASE}/edit", status_code=202, summary="编辑加工：修改标题、正文，填写编辑意见")
async def edit(
    report_id: ReportId, body: EditIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    edited = d.ReportBody(**body.edited_body.model_dump()) if body.edited_body else None
    cmd = d.EditReport(
        **_base(report_id, principal),
        edited_title=body.edited_title,
        edited_body=edited,
        editor_notes=body.editor_notes,
    )
    return await _step(rt, principal, "edit_report", cmd, d.decide_edit_report, "编辑信息")


@router.post(f"{BASE}/return", status_code=202, summary="退回作者修改（信息中心）")
async def return_report(
    report_id: ReportId, body: ReasonIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = d.ReturnReport(**_base(report_id, principal), reason=body.reason)
    return await _step(rt, principal, "return_report", cmd, d.decide_return_report, "退回信息")


@router.post(f"{BASE}/resubmit", status_code=202, summary="修改后重新报送（作者或报送乡镇）")
async def resubmit(
    report_id: ReportId,
    principal: CurrentPrincipal,
    rt: Runtime,
    body: ResubmitIn | None = None,
) -> Accepted:
    revised = body or ResubmitIn()
    cmd = d.ResubmitReport(
        **_base(report_id, principal),
        title=revised.title,
        body=d.ReportBody(**revised.body.model_dump()) if revised.body else None,
    )
    return await opinion_reports.resubmit(rt, principal, cmd)


@router.post(f"{BASE}/accept", status_code=202, summary="采用（拟编发或转送，信息中心）")
async def accept(
    report_id: ReportId, body: AcceptIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = d.AcceptReport(**_base(report_id, principal), use_mode=body.use_mode)
    return await _step(rt, principal, "accept_report", cmd, d.decide_accept_report, "采用信息")


@router.post(f"{BASE}/archive", status_code=202, summary="存档不用（信息中心）")
async def archive(
    report_id: ReportId, body: ReasonIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = d.ArchiveReport(**_base(report_id, principal), reason=body.reason)
    return await _step(rt, principal, "archive_report", cmd, d.decide_archive_report, "存档信息")


@router.post(f"{BASE}/forward", status_code=202, summary="原稿转送有关部门（信息中心）")
async def forward(
    report_id: ReportId, body: ForwardIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = d.ForwardReport(**_base(report_id, principal), departments=body.departments)
    return await _step(rt, principal, "forward_report", cmd, d.decide_forward_report, "转送信息")


@router.post(f"{BASE}/report-upward", status_code=202, summary="向上级政协报送（信息中心）")
async def report_upward(
    report_id: ReportId, body: UpwardIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = d.ReportUpward(**_base(report_id, principal), level=body.level, recipient=body.recipient)
    return await _step(rt, principal, "report_upward", cmd, d.decide_report_upward, "向上报送")


@router.post(f"{BASE}/adoptions", status_code=202, summary="登记采用情况（信息中心）")
async def record_adoption(
    report_id: ReportId, body: AdoptionIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = d.RecordAdoption(**_base(report_id, principal), **body.model_dump())
    return await _step(
        rt, principal, "record_adoption", cmd, d.decide_record_adoption, "登记采用情况"
    )


@router.post(f"{BASE}/instructions", status_code=202, summary="登记领导批示（信息中心）")
async def record_instruction(
    report_id: ReportId, body: InstructionIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = d.RecordInstruction(**_base(report_id, principal), **body.model_dump())
    return await _step(
        rt, principal, "record_instruction", cmd, d.decide_record_instruction, "登记领导批示"
    )


@router.post(f"{BASE}/feedbacks", status_code=202, summary="登记落实反馈（信息中心）")
async def record_feedback(
    report_id: ReportId, body: FeedbackIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = d.RecordFeedback(**_base(report_id, principal), **body.model_dump())
    return await _step(
        rt, principal, "record_feedback", cmd, d.decide_record_feedback, "登记落实反馈"
    )


@router.post(f"{BASE}/close", status_code=202, summary="办结（信息中心）")
async def close(
    report_id: ReportId,
    principal: CurrentPrincipal,
    rt: Runtime,
    body: NoteIn | None = None,
) -> Accepted:
    cmd = d.CloseReport(**_base(report_id, principal), note=body.note if body else None)
    return await _step(rt, principal, "close_report", cmd, d.decide_close_report, "办结信息")
