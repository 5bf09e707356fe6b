"""HTTP routes of the members service: liaison groups, members, visits, the township
dashboard. Commands go through `application.handlers`; reads go to read models only."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from services.members.api import meeting_routes, member_routes
from services.members.api.member_queries import member_detail, member_row
from services.members.api.member_schemas import MemberDetailOut, RegisterMemberIn
from services.members.api.personal_data import personal_data
from services.members.api.queries import (
    directory_of,
    find_member,
    list_groups,
    require_group,
    township_members,
)
from services.members.api.schemas import (
    ChangeLiaisonGroupIn,
    EstablishLiaisonGroupIn,
    LiaisonGroupOut,
    LogVisitIn,
    MemberOut,
)
from services.members.application import handlers
from services.members.application.registry_runtime import keystore_of
from shared.auth import CurrentPrincipal, Forbidden, Principal
from shared.http import Accepted
from shared.service import ReadAfter, Runtime

router = APIRouter()
router.include_router(member_routes.router)
router.include_router(meeting_routes.router)

GROUPS = "联络组"
MEMBERS = "委员"
VISITS = "两访三做"
DASHBOARD = "乡镇看板"

Year = Annotated[int | None, Query(ge=2000, le=2100, description="年度（默认今年）")]
MemberIdPath = Annotated[str, Path(description="委员编号（UUID）")]
TownshipPath = Annotated[str, Path(description="乡镇编号（联络组编号），如 chengguan")]


# --- liaison groups ----------------------------------------------------------------------


@router.post("/liaison-groups", status_code=201, tags=[GROUPS], summary="设立乡镇政协联络组")
async def establish_liaison_group(
    body: EstablishLiaisonGroupIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    """仅限县政协机关（county_admin）。联络组编号即乡镇编号。"""
    return await handlers.establish_liaison_group(rt, principal, body.model_dump())


@router.get("/liaison-groups", tags=[GROUPS], summary="联络组列表", dependencies=[ReadAfter])
async def get_liaison_groups(principal: CurrentPrincipal, rt: Runtime) -> list[LiaisonGroupOut]:
    """县政协机关和提案委看到全部联络组；乡镇工作人员和委员只看到本人所在的联络组。"""
    d = directory_of(rt)
    async with rt.db.read() as conn:
        only: set[str] | None = None
        if not principal.has("county_admin", "proposal_office"):
            only = set(principal.townships)
            for member_id in principal.scoped("member"):
                member = await find_member(conn, d, member_id)
                if member is not None:
                    only.add(member.township_id)
        return await list_groups(conn, d, only)


# --- members -----------------------------------------------------------------------------


@router.post("/members", status_code=201, tags=[MEMBERS], summary="登记委员")
async def register_member(
    body: RegisterMemberIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    """县政协机关可在任一联络组登记；乡镇工作人员只能在本乡镇联络组登记。
    界别须已设立（见“设立界别”）；个人信息（电话、身份证号、住址）加密保存。"""
    return await handlers.register_member(rt, principal, body.model_dump(exclude_none=True))


def _may_see_member(principal: Principal, member_id: str, township_id: str) -> bool:
    return (
        principal.is_admin
        or f"member:{member_id}" in principal.roles
        or township_id in principal.townships
    )


@router.get("/members/{member_id}", tags=[MEMBERS], summary="委员详情", dependencies=[ReadAfter])
async def get_member(
    member_id: MemberIdPath, principal: CurrentPrincipal, rt: Runtime
) -> MemberDetailOut:
    """县政协机关、委员本人和委员所属乡镇的工作人员可以查看。个人信息：本人和县政协机关
    看到原文，所属联络组看到打码后的值。"""
    d = directory_of(rt)
    async with rt.db.read() as conn:
        row = await member_row(conn, d, member_id)
        if row is None:
            raise handlers.member_not_found(member_id)
        if not _may_see_member(principal, member_id, row.township_id):
            raise Forbidden("您无权查看该委员的信息：仅县政协机关、委员本人和所属联络组可以查看。")
        pd = await personal_data(keystore_of(rt), principal, row)
        return await member_detail(conn, d, row, pd)


@router.post(
    "/members/{member_id}/liaison-group-changes",
    status_code=202,
    tags=[MEMBERS],
    summary="变更委员所属联络组",
)
async def change_liaison_group(
    member_id: MemberIdPath, body: ChangeLiaisonGroupIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    """仅限县政协机关。此前登记的走访仍计入原联络组。"""
    return await handlers.change_liaison_group(rt, principal, member_id, body.model_dump())


@router.get(
    "/townships/{township_id}/members",
    tags=[MEMBERS],
    summary="联络组委员名单",
    dependencies=[ReadAfter],
)
async def get_township_members(
    township_id: TownshipPath, principal: CurrentPrincipal, rt: Runtime
) -> list[MemberOut]:
    """县政协机关和本乡镇工作人员可以查看。"""
    principal.require_township(township_id)
    d = directory_of(rt)
    async with rt.db.read() as conn:
        await require_group(conn, d, township_id)
        return await township_members(conn, d, township_id)


# --- visits ------------------------------------------------------------------------------


@router.post(
    "/members/{member_id}/visits", status_code=201, tags=[VISITS], summary="登记“两访”走访"
)
async def log_visit(
    member_id: MemberIdPath, body: LogVisitIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    """委员本人、委员所属乡镇的工作人员（仅限本乡镇开展的走访）或县政协机关可以登记。"""
    data = body.model_dump()
    return await handlers.log_visit(rt, principal, member_id, data)
