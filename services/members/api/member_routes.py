"""HTTP routes for sectors, member lists, a member's record and personal data."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from services.members.api import member_queries as q
from services.members.api.member_schemas import (
    AppointIn,
    ChangeAffiliationIn,
    ChangeSectorIn,
    CommitteeIn,
    EstablishSectorIn,
    ExitIn,
    GroupSummaryOut,
    MemberListItem,
    RenameSectorIn,
    SectorOut,
    UpdateProfileIn,
)
from services.members.api.personal_data import personal_data_many
from services.members.api.queries import directory_of, find_member
from services.members.application import member_handlers as mh
from services.members.application import sector_handlers as sh
from services.members.application.registry_runtime import keystore_of
from shared.auth import CurrentPrincipal, Forbidden, Principal
from shared.http import Accepted
from shared.service import ReadAfter, Runtime

router = APIRouter()

SECTORS = "界别"
RECORD = "委员档案"

MemberIdPath = Annotated[str, Path(description="委员编号（UUID）")]
SectorIdPath = Annotated[str, Path(description="界别编号（UUID）")]
TownshipQuery = Annotated[str | None, Query(max_length=32, description="联络组（乡镇编号）")]


# --- sectors -----------------------------------------------------------------------------


@router.post("/sectors", status_code=201, tags=[SECTORS], summary="设立界别")
async def establish_sector(
    body: EstablishSectorIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    """仅限县政协机关。界别名称不能与现有界别重复。"""
    return await sh.establish_sector(rt, principal, body.model_dump())


@router.get("/sectors", tags=[SECTORS], summary="界别列表", dependencies=[ReadAfter])
async def list_sectors(
    principal: CurrentPrincipal,
    rt: Runtime,
    include_retired: Annotated[bool, Query(description="是否包含已停用的界别")] = False,
) -> list[SectorOut]:
    """登录用户均可查看（参考数据）。"""
    async with rt.db.read() as conn:
        return await q.sectors(conn, directory_of(rt), include_retired)


@router.post("/sectors/{sector_id}/rename", status_code=202, tags=[SECTORS], summary="界别更名")
async def rename_sector(
    sector_id: SectorIdPath, body: RenameSectorIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    """仅限县政协机关。委员的界别随之显示新名称。"""
    return await sh.rename_sector(rt, principal, sector_id, body.model_dump())


@router.post("/sectors/{sector_id}/retire", status_code=202, tags=[SECTORS], summary="停用界别")
async def retire_sector(
    sector_id: SectorIdPath, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    """仅限县政协机关。停用后不能再分配给委员，已有委员保留原界别。"""
    return await sh.retire_sector(rt, principal, sector_id)


# --- member lists and group summaries ----------------------------------------------------


def _list_scope(principal: Principal, township_id: str | None) -> str | None:
    if principal.is_admin:
        return township_id
    if not principal.townships:
        raise Forbidden("委员名单仅限县政协机关和联络组查看。")
    if township_id is None and len(principal.townships) == 1:
        return next(iter(principal.townships))
    if township_id is None or township_id not in principal.townships:
        raise Forbidden(f"您只能查看本乡镇联络组的委员，无权访问乡镇“{township_id}”。")
    return township_id


@router.get("/members", tags=[RECORD], summary="委员名单", dependencies=[ReadAfter])
async def list_members(
    principal: CurrentPrincipal,
    rt: Runtime,
    township_id: TownshipQuery = None,
    sector_id: Annotated[str | None, Query(max_length=64, description="界别编号")] = None,
    term_no: Annotated[int | None, Query(ge=1, le=99, description="届次")] = None,
    include_inactive: Annotated[bool, Query(description="是否包含已离任委员")] = False,
) -> list[MemberListItem]:
    """县政协机关看全部；乡镇工作人员只看本联络组（个人信息打码）。"""
    scope = _list_scope(principal, township_id)
    async with rt.db.read() as conn:
        rows = await q.member_rows(
            conn,
            directory_of(rt),
            township_id=scope,
            sector_id=sector_id,
            term_no=term_no,
            include_inactive=include_inactive,
        )
    data = await personal_data_many(keystore_of(rt), principal, rows)
    return [q.list_item(row, pd) for row, pd in zip(rows, data, strict=True)]


@router.get(
    "/liaison-groups/{township_id}/summary",
    tags=[RECORD],
    summary="联络组委员汇总",
    dependencies=[ReadAfter],
)
async def group_summary(
    township_id: Annotated[str, Path(description="乡镇编号")],
    principal: CurrentPrincipal,
    rt: Runtime,
) -> GroupSummaryOut:
    """县政协机关、本乡镇工作人员和本组委员可以查看（只有汇总数，没有个人明细）。"""
    d = directory_of(rt)
    async with rt.db.read() as conn:
        if not principal.may_see_township(township_id):
            own = [await find_member(conn, d, m) for m in principal.scoped("member")]
            if not any(m is not None and m.township_id == township_id for m in own):
                principal.require_township(township_id)
        return await q.group_summary(conn, d, township_id)


# --- a member's record -------------------------------------------------------------------


@router.post("/members/{member_id}/profile", status_code=202, tags=[RECORD], summary="更新委员信息")
async def update_profile(
    member_id: MemberIdPath, body: UpdateProfileIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    """只提交要修改的字段（null 表示清空）。县政协机关、所属联络组和委员本人可以修改；
    个人信息（电话、身份证号、住址）加密保存。"""
    return await mh.update_profile(rt, principal, member_id, body.model_dump(exclude_unset=True))


@router.post(
    "/members/{member_id}/sector-changes", status_code=202, tags=[RECORD], summary="变更委员界别"
)
async def change_sector(
    member_id: MemberIdPath, body: ChangeSectorIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    """仅限县政协机关。"""
    return await mh.change_sector(rt, principal, member_id, body.model_dump(exclude_none=True))


@router.post(
    "/members/{member_id}/political-affiliation-changes",
    status_code=202,
    tags=[RECORD],
    summary="变更委员政治面貌",
)
async def change_affiliation(
    member_id: MemberIdPath, body: ChangeAffiliationIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    """仅限县政协机关。"""
    return await mh.change_affiliation(rt, principal, member_id, body.model_dump())


@router.post("/members/{member_id}/terms", status_code=202, tags=[RECORD], summary="委员任职")
async def appoint(
    member_id: MemberIdPath, body: AppointIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    """仅限县政协机关。填本届届次则变更任职类别（如 委员→常委），填新一届则结束本届并转入新一届。"""
    return await mh.appoint(rt, principal, member_id, body.model_dump())


@router.post("/members/{member_id}/exit", status_code=202, tags=[RECORD], summary="委员离任")
async def exit_member(
    member_id: MemberIdPath, body: ExitIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    """仅限县政协机关：辞职、劝辞、撤销资格、去世、调离，结束本届任职。"""
    return await mh.exit_member(rt, principal, member_id, body.model_dump())


@router.post(
    "/members/{member_id}/special-committees",
    status_code=202,
    tags=[RECORD],
    summary="加入或退出专门委员会",
)
async def special_committee(
    member_id: MemberIdPath, body: CommitteeIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    """仅限县政协机关。"""
    return await mh.special_committee(rt, principal, member_id, body.model_dump())


@router.post(
    "/members/{member_id}/forget", status_code=202, tags=[RECORD], summary="删除委员个人信息"
)
async def forget(member_id: MemberIdPath, principal: CurrentPrincipal, rt: Runtime) -> Accepted:
    """仅限县政协机关。销毁该委员的数据密钥：电话、身份证号、住址从此无法读取（显示“（已删除）”），
    走访、提案、考评等其他记录不受影响。"""
    return await mh.forget(rt, principal, member_id)
