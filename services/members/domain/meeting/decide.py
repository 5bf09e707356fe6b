"""Decisions of the `meeting` aggregate (pure): schedule, invite, leave, attendance, close."""

from __future__ import annotations

from services.members.domain.meeting.commands import (
    CloseMeeting,
    DecideLeave,
    InviteMembers,
    RecordAttendance,
    RequestLeave,
    ScheduleMeeting,
)
from services.members.domain.meeting.events import (
    ATTENDANCE_LABELS,
    ATTENDANCE_STATUSES,
    MEETING_KIND_LABELS,
    MEETING_KINDS,
    AttendanceRecorded,
    AttendanceStatus,
    Invitee,
    LeaveApproved,
    LeaveRejected,
    LeaveRequested,
    MeetingClosed,
    MeetingKind,
    MeetingScheduled,
    MembersInvited,
)
from services.members.domain.meeting.state import MeetingState
from services.members.domain.rules import (
    MAX_PLACE,
    MAX_REASON,
    check_township_id,
    check_uuid,
    optional_text,
    options,
    text,
)
from services.members.domain.state import LiaisonGroupState
from shared.domain import Invalid, NotFound, Rejected
from shared.events import DomainEvent

MAX_TITLE = 100
MAX_INVITEES = 1000


def _kind(value: str) -> MeetingKind:
    for kind in MEETING_KINDS:
        if kind == value:
            return kind
    raise Invalid(
        f"会议类型“{value}”无效：可选 {options(MEETING_KIND_LABELS.items())}",
        code="invalid_meeting_kind",
    )


def _status(value: str) -> AttendanceStatus:
    for status in ATTENDANCE_STATUSES:
        if status == value:
            return status
    raise Invalid(
        f"出勤情况“{value}”无效：可选 {options(ATTENDANCE_LABELS.items())}",
        code="invalid_attendance_status",
    )


def _invitees(values: list[Invitee]) -> tuple[Invitee, ...]:
    if len(values) > MAX_INVITEES:
        raise Invalid(f"一次最多邀请 {MAX_INVITEES} 名委员", code="too_many_invitees")
    unique = {check_uuid(i.member_id, "受邀委员编号"): i for i in values}
    return tuple(unique.values())


def _open(state: MeetingState, meeting_id: str, doing: str) -> MeetingState:
    if not state.scheduled:
        raise NotFound(f"会议（编号 {meeting_id}）不存在，请核对会议编号", code="meeting_not_found")
    if state.closed:
        raise Rejected(f"会议“{state.title}”已结束，不能再{doing}", code="meeting_closed")
    return state


def _member_event_fields(state: MeetingState, member_id: str) -> dict[str, object]:
    return {
        "meeting_id": state.meeting_id,
        "member_id": member_id,
        "township_id": state.invitees.get(member_id),
        "kind": state.kind,
        "meeting_date": state.meeting_date,
        "meeting_township_id": state.township_id,
    }


def _not_yet_held(state: MeetingState, today: object, doing: str) -> None:
    assert state.meeting_date is not None
    if state.meeting_date > today:  # type: ignore[operator]
        raise Rejected(
            f"会议定于 {state.meeting_date.isoformat()} 召开，尚未召开，不能{doing}",
            code="meeting_not_held",
        )


def decide_schedule_meeting(
    cmd: ScheduleMeeting, state: MeetingState, group: LiaisonGroupState | None = None
) -> list[DomainEvent]:
    if state.scheduled:
        raise Rejected(f"会议“{state.title}”已安排，不能重复安排", code="meeting_exists")
    kind = _kind(cmd.kind)
    township_id = cmd.township_id
    if kind == "liaison_group_meeting" and township_id is None:
        raise Invalid("联络组活动须填写所属乡镇（联络组编号）", code="township_required")
    if township_id is not None:
        check_township_id(township_id, "会议所属乡镇编号")
        if group is None or not group.established or group.township_id != township_id:
            raise Invalid(
                f"联络组 {township_id} 不存在，请先设立联络组", code="liaison_group_not_found"
            )
    return [
        MeetingScheduled(
            meeting_id=check_uuid(cmd.meeting_id, "会议编号"),
            kind=kind,
            title=text(cmd.title, "会议名称", MAX_TITLE),
            meeting_date=cmd.meeting_date,
            township_id=township_id,
            place=optional_text(cmd.place, "会议地点", MAX_PLACE),
            invitees=_invitees(cmd.invitees),
        )
    ]


def decide_invite_members(cmd: InviteMembers, state: MeetingState) -> list[DomainEvent]:
    _open(state, cmd.meeting_id, "邀请委员")
    if not cmd.invitees:
        raise Invalid("请至少选择一名要邀请的委员", code="invitees_required")
    new = tuple(i for i in _invitees(cmd.invitees) if i.member_id not in state.invitees)
    if not new:
        raise Rejected("所选委员均已受邀，无需重复邀请", code="already_invited")
    return [MembersInvited(meeting_id=cmd.meeting_id, township_id=state.township_id, invitees=new)]


def decide_request_leave(cmd: RequestLeave, state: MeetingState) -> list[DomainEvent]:
    _open(state, cmd.meeting_id, "请假")
    member_id = cmd.member_id
    if member_id not in state.invitees:
        raise Rejected("该委员未受邀参加此会议，无需请假", code="not_invited")
    if member_id in state.attendance:
        raise Rejected("该委员已登记出勤，不能再请假", code="attendance_recorded")
    leave = state.leave.get(member_id)
    if leave == "requested":
        raise Rejected("请假申请已提交，正在等待审批，无需重复申请", code="leave_pending")
    if leave == "approved":
        raise Rejected("请假已获批准，无需重复申请", code="leave_approved")
    reason = text(cmd.reason, "请假事由", MAX_REASON)
    return [LeaveRequested(**_member_event_fields(state, member_id), reason=reason)]


def decide_decide_leave(cmd: DecideLeave, state: MeetingState) -> list[DomainEvent]:
    _open(state, cmd.meeting_id, "审批请假")
    if state.leave.get(cmd.member_id) != "requested":
        raise Rejected("该委员没有待审批的请假申请", code="no_pending_leave")
    fields = _member_event_fields(state, cmd.member_id)
    note = optional_text(cmd.note, "审批意见", MAX_REASON)
    if cmd.approve:
        return [LeaveApproved(**fields, note=note)]
    return [LeaveRejected(**fields, note=note)]


def _attendance(state: MeetingState, member_id: str, value: str) -> AttendanceStatus | None:
    """The status to record, or None when it is already recorded."""
    status = _status(value)
    if member_id not in state.invitees:
        raise Invalid(
            f"委员（编号 {member_id}）未受邀参加此会议，请先邀请再登记出勤", code="not_invited"
        )
    if status == "leave_approved" and state.leave.get(member_id) != "approved":
        raise Invalid(
            f"委员（编号 {member_id}）没有获批的请假，不能登记为“请假”；请先审批请假",
            code="leave_not_approved",
        )
    return None if state.attendance.get(member_id) == status else status


def decide_record_attendance(cmd: RecordAttendance, state: MeetingState) -> list[DomainEvent]:
    _open(state, cmd.meeting_id, "登记出勤")
    _not_yet_held(state, cmd.today, "登记出勤")
    if not cmd.records:
        raise Invalid("请至少登记一名委员的出勤情况", code="records_required")
    ids = [r.member_id for r in cmd.records]
    if len(set(ids)) != len(ids):
        raise Invalid("同一委员在一次登记中出现了多次，请每人只登记一次", code="duplicate_record")
    events: list[DomainEvent] = []
    for record in cmd.records:
        status = _attendance(state, record.member_id, record.status)
        if status is not None:
            fields = _member_event_fields(state, record.member_id)
            events.append(AttendanceRecorded(**fields, status=status))
    if not events:
        raise Rejected("出勤情况没有变化，无需重复登记", code="attendance_unchanged")
    return events


def decide_close_meeting(cmd: CloseMeeting, state: MeetingState) -> list[DomainEvent]:
    _open(state, cmd.meeting_id, "结束")
    _not_yet_held(state, cmd.today, "结束")
    pending = [
        m for m in state.invitees if m not in state.attendance and state.leave.get(m) != "approved"
    ]
    if pending:
        raise Rejected(
            f"还有 {len(pending)} 名受邀委员未登记出勤（也没有获批的请假），请先登记出勤再结束会议",
            code="attendance_incomplete",
        )
    events: list[DomainEvent] = [
        AttendanceRecorded(
            **_member_event_fields(state, m),
            status="leave_approved",
            automatic=True,
        )
        for m in state.invitees
        if m not in state.attendance
    ]
    events.append(MeetingClosed(meeting_id=cmd.meeting_id, township_id=state.township_id))
    return events
