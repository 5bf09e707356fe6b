"""Request and response bodies for meetings, leave and attendance."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from services.members.api.schemas import Body, MemberId, TownshipId


class ScheduleMeetingIn(Body):
    kind: str = Field(
        max_length=40,
        description="会议类型：plenary_session（全体会议）、standing_committee_meeting（常委会议）、"
        "chair_council_meeting、party_group_study、special_committee_meeting、consultation_meeting、"
        "proposal_assignment_meeting、proposal_handling_consultation、appraisal_meeting、"
        "training_session、liaison_group_meeting（联络组活动）",
    )
    title: str = Field(min_length=1, max_length=100, description="会议名称")
    meeting_date: date = Field(description="会议日期")
    township_id: TownshipId | None = Field(default=None, description="所属乡镇（联络组活动必填）")
    place: str | None = Field(default=None, max_length=100, description="会议地点")
    invitee_ids: list[MemberId] = Field(
        default_factory=list, max_length=1000, description="受邀委员编号"
    )


class InviteIn(Body):
    member_ids: list[MemberId] = Field(min_length=1, max_length=1000, description="受邀委员编号")


class LeaveRequestIn(Body):
    member_id: MemberId | None = Field(default=None, description="请假委员（委员本人可不填）")
    reason: str = Field(min_length=1, max_length=200, description="请假事由")


class LeaveDecisionIn(Body):
    approve: bool = Field(description="true 批准，false 不批准")
    note: str | None = Field(default=None, max_length=200, description="审批意见")


class AttendanceEntryIn(Body):
    member_id: MemberId
    status: str = Field(
        max_length=40,
        description="出勤情况：present（出席）、late（迟到）、left_early（早退）、"
        "leave_approved（请假）、absent_unexcused（无故缺席）",
    )


class AttendanceIn(Body):
    records: list[AttendanceEntryIn] = Field(min_length=1, max_length=1000)


# --- responses ---------------------------------------------------------------------------


class MeetingOut(BaseModel):
    meeting_id: str
    kind: str
    kind_label: str
    title: str
    meeting_date: date
    township_id: str | None
    place: str | None
    closed: bool
    invited_count: int
    attendance_counts: dict[str, int] = Field(description="按出勤情况统计（仅您可见的受邀委员）")


class InvitationOut(BaseModel):
    member_id: str
    member_name: str | None
    member_township_id: str | None
    leave_status: str | None
    leave_status_label: str | None
    leave_reason: str | None
    leave_note: str | None
    attendance: str | None
    attendance_label: str | None
    automatic: bool


class MeetingDetailOut(MeetingOut):
    invitations: list[InvitationOut]


class AttendanceItem(BaseModel):
    meeting_id: str
    title: str
    kind: str
    kind_label: str
    meeting_date: date
    leave_status: str | None
    attendance: str | None
    attendance_label: str | None


class MemberAttendanceOut(BaseModel):
    member_id: str
    year: int
    items: list[AttendanceItem]
    counts: dict[str, dict[str, int]] = Field(description="按会议类型、出勤情况统计的次数")
