"""Routes: visit verification and issue escalation (两访三做), constituent links (联系界别群众)
and training (学习培训). Commands go through `application.activities_*`; reads go to the
`duty_activities` read model only."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from services.members.api.activities_out import ActivityOut, LinkSummaryOut
from services.members.api.activities_params import (
    Kind,
    Limit,
    MemberQ,
    Offset,
    RecordPath,
    Status,
    TownshipQ,
    Year,
    filters,
    projection,
)
from services.members.api.activities_queries import Filters, get_record, list_records
from services.members.api.activities_schemas import (
    AttendanceIn,
    EndLinkIn,
    EscalateIssueIn,
    EstablishLinkIn,
    ScheduleTrainingIn,
    VerifyVisitIn,
)
from services.members.api.activities_summary import link_summary
from services.members.application import activities_links as links
from services.members.application import activities_training as training
from services.members.application import activities_visits as visits
from services.members.application.activities_visits import EscalationAccepted
from shared.auth import CurrentPrincipal
from shared.http import Accepted
from shared.service import ReadAfter, Runtime

router = APIRouter()

VISITS = "两访三做"
LINKS = "联系界别群众"
TRAINING = "学习培训"

IssueIndex = Annotated[int, Path(ge=0, le=49, description="问题序号（从 0 开始）")]


# --- visits ------------------------------------------------------------------------------


@router.get(
    "/visits", tags=[VISITS], summary="走访记录列表（含核实和转办情况）", dependencies=[ReadAfter]
)
async def list_visits(
    principal: CurrentPrincipal,
    rt: Runtime,
    year: Year = None,
    township_id: TownshipQ = None,
    member_id: MemberQ = None,
    kind: Kind = None,
    status: Status = None,
    limit: Limit = 200,
    offset: Offset = 0,
) -> list[ActivityOut]:
    """县政协机关看全部；乡镇工作人员看本组委员的和在本乡镇开展的走访；委员看本人参与的走访。"""
    f = filters(year, township_id, member_id, kind, status, limit, offset)
    async with rt.db.read() as conn:
        return await list_records(conn, projection(rt), "visit", principal, f)


@router.get("/visits/{record_id}", tags=[VISITS], summary="走访详情", dependencies=[ReadAfter])
async def get_visit(record_id: RecordPath, principal: CurrentPrincipal, rt: Runtime) -> ActivityOut:
    """问题（items）按序号列出；已转办的问题带有草稿类型和草稿编号。"""
    async with rt.db.read() as conn:
        return await get_record(conn, projection(rt), "visit", record_id, principal)


@router.post(
    "/visits/{record_id}/verify",
    status_code=202,
    tags=[VISITS],
    summary="联络组核实走访",
    dependencies=[ReadAfter],
)
async def verify_visit(
    record_id: RecordPath,
    principal: CurrentPrincipal,
    rt: Runtime,
    body: VerifyVisitIn | None = None,
) -> Accepted:
    """由走访委员所属联络组（登记走访时的联络组）的工作人员或县政协机关核实；不能重复核实。"""
    data = body.model_dump() if body is not None else {}
    return await visits.verify_visit(rt, principal, record_id, data)


@router.post(
    "/visits/{record_id}/issues/{index}/escalate",
    status_code=202,
    tags=[VISITS],
    summary="走访反映的问题转为社情民意信息或提案草稿",
    dependencies=[ReadAfter],
)
async def escalate_issue(
    record_id: RecordPath,
    index: IssueIndex,
    body: EscalateIssueIn,
    principal: CurrentPrincipal,
    rt: Runtime,
) -> EscalationAccepted:
    """登记走访的委员本人、其所属联络组或县政协机关可以转办。每条问题只转办一次：以相同
    类型重复提交不产生新事件（already_escalated=true，返回同一草稿编号）；换一种类型则返回 409。"""
    return await visits.escalate_issue(rt, principal, record_id, index, body.model_dump())


# --- constituent links -------------------------------------------------------------------


@router.post("/constituent-links", status_code=201, tags=[LINKS], summary="委员固定联系界别群众")
async def establish_link(
    body: EstablishLinkIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    """委员本人、委员所属联络组或县政协机关登记。联系电话只保存脱敏后的号码。"""
    return await links.establish_link(rt, principal, body.model_dump())


@router.get(
    "/constituent-links", tags=[LINKS], summary="联系界别群众记录列表", dependencies=[ReadAfter]
)
async def list_links(
    principal: CurrentPrincipal,
    rt: Runtime,
    township_id: TownshipQ = None,
    member_id: MemberQ = None,
    status: Status = None,
    limit: Limit = 200,
    offset: Offset = 0,
) -> list[ActivityOut]:
    f = filters(None, township_id, member_id, None, status, limit, offset)
    async with rt.db.read() as conn:
        return await list_records(conn, projection(rt), "constituent_link", principal, f)


@router.get(
    "/constituent-links/members/{member_id}",
    tags=[LINKS],
    summary="委员联系界别群众情况（对照任务数）",
    dependencies=[ReadAfter],
)
async def get_link_summary(
    member_id: Annotated[str, Path(description="委员编号（UUID）")],
    principal: CurrentPrincipal,
    rt: Runtime,
    year: Year = None,
) -> LinkSummaryOut:
    """固定联系的界别群众人数（默认至少 3 名）和本年度走访界别群众次数（默认 4 次）。"""
    return await link_summary(rt, principal, member_id, year)


@router.post(
    "/constituent-links/{record_id}/end",
    status_code=202,
    tags=[LINKS],
    summary="结束固定联系",
    dependencies=[ReadAfter],
)
async def end_link(
    record_id: RecordPath, principal: CurrentPrincipal, rt: Runtime, body: EndLinkIn | None = None
) -> Accepted:
    data = body.model_dump() if body is not None else {}
    return await links.end_link(rt, principal, record_id, data)


# --- training ----------------------------------------------------------------------------


@router.post("/trainings", status_code=201, tags=[TRAINING], summary="培训班排期")
async def schedule_training(
    body: ScheduleTrainingIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    """县级培训班由县政协机关排期；乡镇工作人员可为本乡镇的学习会排期（填写本乡镇编号）。"""
    return await training.schedule_training(rt, principal, body.model_dump())


@router.get("/trainings", tags=[TRAINING], summary="培训班列表", dependencies=[ReadAfter])
async def list_trainings(
    principal: CurrentPrincipal,
    rt: Runtime,
    year: Year = None,
    township_id: TownshipQ = None,
    member_id: MemberQ = None,
    kind: Kind = None,
    limit: Limit = 200,
    offset: Offset = 0,
) -> list[ActivityOut]:
    """县级培训班所有人可见；乡镇举办的培训本乡镇可见；出勤随培训班列出。"""
    f = filters(year, township_id, member_id, kind, None, limit, offset)
    async with rt.db.read() as conn:
        return await list_records(conn, projection(rt), "training", principal, f)


@router.get(
    "/trainings/{record_id}", tags=[TRAINING], summary="培训班详情与出勤", dependencies=[ReadAfter]
)
async def get_training(
    record_id: RecordPath, principal: CurrentPrincipal, rt: Runtime
) -> ActivityOut:
    async with rt.db.read() as conn:
        return await get_record(conn, projection(rt), "training", record_id, principal)


@router.post(
    "/trainings/{record_id}/attendance",
    status_code=202,
    tags=[TRAINING],
    summary="登记委员培训出勤",
)
async def record_attendance(
    record_id: RecordPath, body: AttendanceIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    """县政协机关、举办乡镇或委员所属联络组的工作人员登记；培训开始后才能登记。"""
    return await training.record_attendance(rt, principal, record_id, body.model_dump())


__all__ = ["Filters", "router"]
