"""Routes: livelihood activities (民生实事), enterprise visits (走访委员和委员企业), liaison
contacts (联谊交流) and the excellence campaign (争先创优)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from services.members.api.activities_out import ActivityOut
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
from services.members.api.activities_queries import get_record, list_records
from services.members.api.activities_schemas import (
    AwardIn,
    EnterpriseVisitIn,
    LiaisonContactIn,
    LivelihoodIn,
    NominateIn,
    VerifyLivelihoodIn,
)
from services.members.application import activities_excellence as excellence
from services.members.application import activities_livelihood as livelihood
from services.members.application import activities_outreach as outreach
from shared.auth import CurrentPrincipal
from shared.http import Accepted
from shared.service import ReadAfter, Runtime

router = APIRouter()

LIVELIHOOD = "民生实事"
OUTREACH = "联谊交流"
EXCELLENCE = "争先创优"

CampaignYear = Annotated[int, Path(ge=2000, le=2100, description="争先创优年度")]


# --- livelihood activities ---------------------------------------------------------------


@router.post("/livelihood-activities", status_code=201, tags=[LIVELIHOOD], summary="登记民生实事")
async def record_livelihood(
    body: LivelihoodIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    """参加活动的委员本人、活动所在乡镇的联络组或县政协机关登记。"""
    data = body.model_dump()
    return await livelihood.record_livelihood_activity(rt, principal, data)


@router.post(
    "/livelihood-activities/{record_id}/verify",
    status_code=202,
    tags=[LIVELIHOOD],
    summary="核实民生实事",
)
async def verify_livelihood(
    record_id: RecordPath,
    principal: CurrentPrincipal,
    rt: Runtime,
    body: VerifyLivelihoodIn | None = None,
) -> Accepted:
    """活动所在乡镇的联络组或县政协机关核实；不能重复核实。"""
    data = body.model_dump() if body is not None else {}
    return await livelihood.verify_livelihood_activity(rt, principal, record_id, data)


@router.get(
    "/livelihood-activities", tags=[LIVELIHOOD], summary="民生实事列表", dependencies=[ReadAfter]
)
async def list_livelihood(
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
    f = filters(year, township_id, member_id, kind, status, limit, offset)
    async with rt.db.read() as conn:
        return await list_records(conn, projection(rt), "livelihood", principal, f)


@router.get(
    "/livelihood-activities/{record_id}",
    tags=[LIVELIHOOD],
    summary="民生实事详情",
    dependencies=[ReadAfter],
)
async def get_livelihood(
    record_id: RecordPath, principal: CurrentPrincipal, rt: Runtime
) -> ActivityOut:
    async with rt.db.read() as conn:
        return await get_record(conn, projection(rt), "livelihood", record_id, principal)


# --- enterprise visits and liaison contacts ----------------------------------------------


@router.post(
    "/enterprise-visits", status_code=201, tags=[OUTREACH], summary="登记走访委员和委员企业"
)
async def record_enterprise_visit(
    body: EnterpriseVisitIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    """参加的委员本人、企业所在乡镇的联络组或县政协机关登记。"""
    return await outreach.record_enterprise_visit(rt, principal, body.model_dump())


@router.get(
    "/enterprise-visits", tags=[OUTREACH], summary="走访委员企业记录列表", dependencies=[ReadAfter]
)
async def list_enterprise_visits(
    principal: CurrentPrincipal,
    rt: Runtime,
    year: Year = None,
    township_id: TownshipQ = None,
    member_id: MemberQ = None,
    limit: Limit = 200,
    offset: Offset = 0,
) -> list[ActivityOut]:
    f = filters(year, township_id, member_id, None, None, limit, offset)
    async with rt.db.read() as conn:
        return await list_records(conn, projection(rt), "enterprise_visit", principal, f)


@router.get(
    "/enterprise-visits/{record_id}",
    tags=[OUTREACH],
    summary="走访委员企业记录详情",
    dependencies=[ReadAfter],
)
async def get_enterprise_visit(
    record_id: RecordPath, principal: CurrentPrincipal, rt: Runtime
) -> ActivityOut:
    async with rt.db.read() as conn:
        return await get_record(conn, projection(rt), "enterprise_visit", record_id, principal)


@router.post(
    "/liaison-contacts",
    status_code=201,
    tags=[OUTREACH],
    summary="登记联谊联系（在外乡贤、非公经济人士、新的社会阶层人士）",
)
async def record_liaison_contact(
    body: LiaisonContactIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    """参加联系的委员本人、所在乡镇的联络组或县政协机关登记；不记录联系对象的电话。"""
    return await outreach.record_liaison_contact(rt, principal, body.model_dump())


@router.get(
    "/liaison-contacts", tags=[OUTREACH], summary="联谊联系记录列表", dependencies=[ReadAfter]
)
async def list_liaison_contacts(
    principal: CurrentPrincipal,
    rt: Runtime,
    year: Year = None,
    township_id: TownshipQ = None,
    member_id: MemberQ = None,
    kind: Kind = None,
    limit: Limit = 200,
    offset: Offset = 0,
) -> list[ActivityOut]:
    f = filters(year, township_id, member_id, kind, None, limit, offset)
    async with rt.db.read() as conn:
        return await list_records(conn, projection(rt), "liaison_contact", principal, f)


@router.get(
    "/liaison-contacts/{record_id}",
    tags=[OUTREACH],
    summary="联谊联系记录详情",
    dependencies=[ReadAfter],
)
async def get_liaison_contact(
    record_id: RecordPath, principal: CurrentPrincipal, rt: Runtime
) -> ActivityOut:
    async with rt.db.read() as conn:
        return await get_record(conn, projection(rt), "liaison_contact", record_id, principal)


# --- excellence campaign -----------------------------------------------------------------


@router.post(
    "/excellence/{year}/nominations", status_code=201, tags=[EXCELLENCE], summary="争先创优推荐"
)
async def nominate(
    year: CampaignYear, body: NominateIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    """县政协机关推荐各类别；乡镇联络组可推荐本组的优秀委员和本组（优秀联络组）。"""
    return await excellence.nominate(rt, principal, year, body.model_dump())


@router.post(
    "/excellence/{year}/nominations/{record_id}/awards",
    status_code=202,
    tags=[EXCELLENCE],
    summary="争先创优表彰",
)
async def award(
    year: CampaignYear,
    record_id: RecordPath,
    body: AwardIn,
    principal: CurrentPrincipal,
    rt: Runtime,
) -> Accepted:
    """仅限县政协机关。同一推荐可在不同级别分别表彰（县级、市级、省级、全国）。"""
    return await excellence.award(rt, principal, year, record_id, body.model_dump())


@router.get(
    "/excellence", tags=[EXCELLENCE], summary="争先创优推荐与表彰列表", dependencies=[ReadAfter]
)
async def list_excellence(
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
    """kind = 评选类别；status = nominated（已推荐）或 awarded（已表彰）。"""
    f = filters(year, township_id, member_id, kind, status, limit, offset)
    async with rt.db.read() as conn:
        return await list_records(conn, projection(rt), "excellence", principal, f)


@router.get(
    "/excellence/nominations/{record_id}",
    tags=[EXCELLENCE],
    summary="争先创优推荐详情",
    dependencies=[ReadAfter],
)
async def get_nomination(
    record_id: RecordPath, principal: CurrentPrincipal, rt: Runtime
) -> ActivityOut:
    async with rt.db.read() as conn:
        return await get_record(conn, projection(rt), "excellence", record_id, principal)
