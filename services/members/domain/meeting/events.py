"""Events of the `meeting` aggregate (DOMAIN §1.2): meetings, invitations, leave, attendance.

Events about one member (leave, attendance) carry `township_id` = the member's liaison
group at invitation time (snapshot) and the meeting's kind and date, so consumers such as
scoring need nothing else (event-carried state transfer).
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar, Literal, get_args

from pydantic import BaseModel, ConfigDict

from services.members.domain.events import CONTEXT, registry
from shared.events import DomainEvent

MEETING = "meeting"

MeetingKind = Literal[
    "plenary_session",
    "standing_committee_meeting",
    "chair_council_meeting",
    "party_group_study",
    "special_committee_meeting",
    "consultation_meeting",
    "proposal_assignment_meeting",
    "proposal_handling_consultation",
    "appraisal_meeting",
    "training_session",
    "liaison_group_meeting",
]
AttendanceStatus = Literal["present", "late", "left_early", "leave_approved", "absent_unexcused"]
MEETING_KINDS: tuple[MeetingKind, ...] = get_args(MeetingKind)
ATTENDANCE_STATUSES: tuple[AttendanceStatus, ...] = get_args(AttendanceStatus)


class Invitee(BaseModel):
    """An invited member and their liaison group when invited."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    member_id: str
    township_id: str | None = None


class _MeetingEvent(DomainEvent):
    context: ClassVar[str] = CONTEXT
    aggregate: ClassVar[str] = MEETING
    version: ClassVar[int] = 1

    meeting_id: str


@registry.register
class MeetingScheduled(_MeetingEvent):
    """会议安排. `township_id` = the township it belongs to (required for 联络组活动)."""

    name: ClassVar[str] = "scheduled"

    kind: MeetingKind
    title: str
    meeting_date: date
    township_id: str | None = None
    place: str | None = None
    invitees: tuple[Invitee, ...] = ()


@registry.register
class MembersInvited(_MeetingEvent):
    """邀请委员参加会议. `township_id` = the meeting's township."""

    name: ClassVar[str] = "members_invited"

    township_id: str | None = None
    invitees: tuple[Invitee, ...]


class _MemberMeetingEvent(_MeetingEvent):
    member_id: str
    township_id: str | None = None
    kind: MeetingKind
    meeting_date: date
    meeting_township_id: str | None = None


@registry.register
class LeaveRequested(_MemberMeetingEvent):
    """委员请假."""

    name: ClassVar[str] = "leave_requested"

    reason: str


@registry.register
class LeaveApproved(_MemberMeetingEvent):
    """请假获批."""

    name: ClassVar[str] = "leave_approved"

    note: str | None = None


@registry.register
class LeaveRejected(_MemberMeetingEvent):
    """请假未获批准."""

    name: ClassVar[str] = "leave_rejected"

    note: str | None = None


@registry.register
class AttendanceRecorded(_MemberMeetingEvent):
    """出勤登记 (a later record for the same member corrects the earlier one).
    `automatic`: an approved leave turned into `leave_approved` when the meeting closed."""

    name: ClassVar[str] = "attendance_recorded"

    status: AttendanceStatus
    automatic: bool = False


@registry.register
class MeetingClosed(_MeetingEvent):
    """会议结束: attendance is final."""

    name: ClassVar[str] = "closed"

    township_id: str | None = None


MEETING_EVENTS: tuple[type[DomainEvent], ...] = (
    MeetingScheduled,
    MembersInvited,
    LeaveRequested,
    LeaveApproved,
    LeaveRejected,
    AttendanceRecorded,
    MeetingClosed,
)

MEETING_KIND_LABELS: dict[MeetingKind, str] = {
    "plenary_session": "全体会议",
    "standing_committee_meeting": "常委会议",
    "chair_council_meeting": "主席会议",
    "party_group_study": "党组（中心组）学习",
    "special_committee_meeting": "专委会会议",
    "consultation_meeting": "协商会",
    "proposal_assignment_meeting": "提案交办会",
    "proposal_handling_consultation": "提案办理协商会",
    "appraisal_meeting": "民主评议会",
    "training_session": "培训班",
    "liaison_group_meeting": "联络组活动",
}

ATTENDANCE_LABELS: dict[AttendanceStatus, str] = {
    "present": "出席",
    "late": "迟到",
    "left_early": "早退",
    "leave_approved": "请假",
    "absent_unexcused": "无故缺席",
}

LEAVE_STATUS_LABELS: dict[str, str] = {
    "requested": "待审批",
    "approved": "已批准",
    "rejected": "未批准",
}
