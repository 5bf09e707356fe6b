"""HTTP routes for meetings, leave requests and attendance (DOMAIN §1.2)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from services.members.api.meeting_queries import (
    list_meetings,
    meeting_detail,
    member_attendance,
    visible_meeting,
)
from services.members.api.meeting_schemas import (
    AttendanceIn,
    InviteIn,
    LeaveDecisionIn,
    LeaveRequestIn,
    MeetingDetailOut,
    MeetingOut,
    MemberAttendanceOut,
    ScheduleMeetingIn,
)
from services.members.api.queries import directory_of, find_member
from services.members.application import handlers
from services.members.application import meeting_handlers as mh
from services.members.localtime import local_year, utc_now
from services.members.projections import Meetings
from shared.auth import CurrentPrincipal, Forbidden
from shared.domain import NotFound
from shared.http import Accepted
from shared.service import ReadAfter, Runtime, ServiceRuntime

router = APIRouter()

MEETINGS = "会议与出勤"

MeetingIdPath = Annotated[str, Path(description="会议编号（UUID）")]
MemberIdPath = Annotated[str, Path(description="委员编号（UUID）")]
Year = Annotated[int | None, Query(ge=2000, le=2100, description="年度（默认今年）")]


def meetings_of(rt: ServiceRuntime) -> Meetings:
    return next(p for p in rt.runner.projections if isinstance(p, Meetings))


@router.post("/meetings", status_code=201, tags=[MEETINGS], summary="安排会议")
async def schedule_meeting(
    body: ScheduleMeetingIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    """县政协机关安排各类会议；乡镇工作人员可安排本乡镇的联络组活动（只能邀请本组委员）。"""
    return await mh.schedule(rt, principal, body.model_dump())


@router.get("/meetings", tags=[MEETINGS], summary="会议列表", dependencies=[ReadAfter])
async def get_meetings(
    principal: CurrentPrincipal,
    rt: Runtime,
    year: Year = None,
    kind: Annotated[str | None, Query(max_length=40, description="会议类型")] = None,
) -> list[MeetingOut]:
    """县政协机关看全部；乡镇工作人员看本乡镇的会议和本组委员受邀的会议；委员看自己受邀的会议。"""
    wanted = year if year is not None else local_year(utc_now())
    async with rt.db.read() as conn:
        return await list_meetings(conn, meetings_of(rt), principal, wanted, kind)


@router.get(
    "/meetings/{meeting_id}", tags=[MEETINGS], summary="会议详情与出勤", dependencies=[ReadAfter]
)
async def get_meeting(
    meeting_id: MeetingIdPath, principal: CurrentPrincipal, rt: Runtime
) -> MeetingDetailOut:
    """受邀名单、请假与出勤；乡镇工作人员只看到本组委员，委员只看到自己。"""
    mt = meetings_of(rt)
    async with rt.db.read() as conn:
        row, visible = await visible_meeting(conn, mt, principal, meeting_id)
        if row is None:
            raise NotFound(
                f"会议（编号 {meeting_id}）不存在，请核对会议编号", code="meeting_not_found"
            )
        if not visible:
            raise Forbidden("您无权查看该会议：仅县政协机关、会议所属联络组和受邀委员可以查看。")
        return await meeting_detail(conn, mt, directory_of(rt), principal, row)


@router.post(
    "/meetings/{meeting_id}/invitations", status_code=202, tags=[MEETINGS], summary="邀请委员参会"
)
async def invite(
    meeting_id: MeetingIdPath, body: InviteIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    return await mh.invite(rt, principal, meeting_id, body.model_dump())


@router.post(
    "/meetings/{meeting_id}/leave-requests", status_code=202, tags=[MEETINGS], summary="请假"
)
async def request_leave(
    meeting_id: MeetingIdPath, body: LeaveRequestIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    """受邀委员本人请假（县政协机关或联络组可代为登记）。"""
    return await mh.request_leave(rt, principal, meeting_id, body.model_dump())


@router.post(
    "/meetings/{meeting_id}/leave-requests/{member_id}/decision",
    status_code=202,
    tags=[MEETINGS],
    summary="审批请假",
)
async def decide_leave(
    meeting_id: MeetingIdPath,
    member_id: MemberIdPath,
    body: LeaveDecisionIn,
    principal: CurrentPrincipal,
    rt: Runtime,
) -> Accepted:
    """县政协机关审批；联络组活动由本乡镇工作人员审批。"""
    return await mh.decide_leave(rt, principal, meeting_id, member_id, body.model_dump())


@router.post(
    "/meetings/{meeting_id}/attendance", status_code=202, tags=[MEETINGS], summary="登记出勤"
)
async def record_attendance(
    meeting_id: MeetingIdPath, body: AttendanceIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    """出席、迟到、早退、请假（须已获批）、无故缺席；会议结束前可更正。"""
    return await mh.record_attendance(rt, principal, meeting_id, body.model_dump())


@router.post("/meetings/{meeting_id}/close", status_code=202, tags=[MEETINGS], summary="结束会议")
async def close_meeting(
    meeting_id: MeetingIdPath, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    """获批请假且未登记出勤的委员自动记为“请假”；其他受邀委员须已登记出勤。"""
    return await mh.close(rt, principal, meeting_id)


@router.get(
    "/members/{member_id}/attendance",
    tags=[MEETINGS],
    summary="委员出勤记录",
    dependencies=[ReadAfter],
)
async def get_member_attendance(
    member_id: MemberIdPath, principal: CurrentPrincipal, rt: Runtime, year: Year = None
) -> MemberAttendanceOut:
    """县政协机关、委员本人和委员所属联络组可以查看；按会议类型统计出勤次数。"""
    wanted = year if year is not None else local_year(utc_now())
    async with rt.db.read() as conn:
        member = await find_member(conn, directory_of(rt), member_id)
        if member is None:
            raise handlers.member_not_found(member_id)
        self_ = f"member:{member_id}" in principal.roles
        if not (self_ or principal.may_see_township(member.township_id)):
            raise Forbidden("您无权查看该委员的出勤：仅县政协机关、委员本人和所属联络组可以查看。")
        return await member_attendance(conn, meetings_of(rt), member_id, wanted)
