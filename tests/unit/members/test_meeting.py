"""Meetings and attendance (DOMAIN §1.2): schedule, invite, leave, attendance, close."""

from __future__ import annotations

from datetime import date

import pytest

from services.members.domain import INITIAL_LIAISON_GROUP
from services.members.domain.meeting import (
    INITIAL_MEETING,
    AttendanceRecorded,
    LeaveApproved,
    LeaveRejected,
    LeaveRequested,
    MeetingClosed,
    MeetingScheduled,
    MembersInvited,
    decide_close_meeting,
    decide_decide_leave,
    decide_invite_members,
    decide_record_attendance,
    decide_request_leave,
    decide_schedule_meeting,
    meeting_decider,
)
from shared.domain import Invalid, NotFound, Rejected
from tests.unit.members.builders import MEMBER_ID, OTHER_MEMBER_ID, THIRD_MEMBER_ID, given_group
from tests.unit.members.record_builders import (
    MEETING_ID,
    attendance,
    close,
    decide,
    given_meeting,
    invite,
    invitee,
    leave,
    schedule,
)

MEETING = {
    "meeting_id": MEETING_ID,
    "kind": "liaison_group_meeting",
    "meeting_date": date(2025, 2, 25),
}
MEMBER = {**MEETING, "member_id": MEMBER_ID, "township_id": "chengguan",
          "meeting_township_id": "chengguan"}  # fmt: skip


def test_schedule() -> None:
    [event] = decide_schedule_meeting(schedule(), INITIAL_MEETING, given_group())
    assert isinstance(event, MeetingScheduled)
    assert event.invitees == (invitee(), invitee(OTHER_MEMBER_ID))
    assert event.township() == "chengguan"
    state = meeting_decider.fold([event])
    assert state.scheduled and set(state.invitees) == {MEMBER_ID, OTHER_MEMBER_ID}
    county = schedule(kind="plenary_session", township_id=None, title="十届五次全体会议")
    assert decide_schedule_meeting(county, INITIAL_MEETING)


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"kind": "party"}, "会议类型“party”无效：可选 plenary_session（全体会议）"),
        ({"township_id": None}, "联络组活动须填写所属乡镇（联络组编号）"),
        ({"township_id": "hekou"}, "联络组 hekou 不存在，请先设立联络组"),
        ({"title": ""}, "会议名称不能为空，请填写会议名称"),
        ({"invitees": [invitee("nope")]}, "受邀委员编号“nope”格式不正确"),
    ],
)
def test_schedule_rejects_bad_input(overrides: dict[str, object], message: str) -> None:
    with pytest.raises(Invalid) as err:
        decide_schedule_meeting(schedule(**overrides), INITIAL_MEETING, given_group())
    assert message in err.value.message


def test_schedule_twice_and_missing_group() -> None:
    with pytest.raises(Rejected) as err:
        decide_schedule_meeting(schedule(), given_meeting(), given_group())
    assert err.value.message == "会议“城关镇联络组一季度活动”已安排，不能重复安排"
    with pytest.raises(Invalid):
        decide_schedule_meeting(schedule(), INITIAL_MEETING, INITIAL_LIAISON_GROUP)


def test_invite() -> None:
    [event] = decide_invite_members(invite(THIRD_MEMBER_ID, MEMBER_ID), given_meeting())
    assert event == MembersInvited(
        meeting_id=MEETING_ID, township_id="chengguan", invitees=(invitee(THIRD_MEMBER_ID),)
    )
    with pytest.raises(Rejected) as again:
        decide_invite_members(invite(MEMBER_ID), given_meeting())
    assert again.value.message == "所选委员均已受邀，无需重复邀请"
    with pytest.raises(NotFound) as missing:
        decide_invite_members(invite(), INITIAL_MEETING)
    assert missing.value.message == f"会议（编号 {MEETING_ID}）不存在，请核对会议编号"
    with pytest.raises(Invalid) as empty:
        decide_invite_members(invite().model_copy(update={"invitees": []}), given_meeting())
    assert empty.value.message == "请至少选择一名要邀请的委员"


def test_leave_request_and_decisions() -> None:
    [requested] = decide_request_leave(leave(), given_meeting())
    assert requested == LeaveRequested(**MEMBER, reason="外出学习")
    state = given_meeting(requested)
    assert state.leave == {MEMBER_ID: "requested"}
    [approved] = decide_decide_leave(decide(note="同意"), state)
    assert approved == LeaveApproved(**MEMBER, note="同意")
    [rejected] = decide_decide_leave(decide(approve=False), state)
    assert rejected == LeaveRejected(**MEMBER)
    again = decide_request_leave(leave(reason="改期"), given_meeting(requested, rejected))
    assert len(again) == 1  # a rejected leave may be requested again


def test_leave_rejections() -> None:
    requested = decide_request_leave(leave(), given_meeting())[0]
    approved = LeaveApproved(**MEMBER)
    cases = [
        (given_meeting(requested), leave(), "请假申请已提交，正在等待审批，无需重复申请"),
        (given_meeting(requested, approved), leave(), "请假已获批准，无需重复申请"),
        (given_meeting(), leave(THIRD_MEMBER_ID), "该委员未受邀参加此会议，无需请假"),
        (
            given_meeting(AttendanceRecorded(**MEMBER, status="present")),
            leave(),
            "该委员已登记出勤，不能再请假",
        ),
        (given_meeting(MeetingClosed(meeting_id=MEETING_ID)), leave(), "已结束，不能再请假"),
    ]
    for state, cmd, message in cases:
        with pytest.raises(Rejected) as err:
            decide_request_leave(cmd, state)
        assert message in err.value.message
    with pytest.raises(Rejected) as none:
        decide_decide_leave(decide(), given_meeting())
    assert none.value.message == "该委员没有待审批的请假申请"
    with pytest.raises(Invalid) as reason:
        decide_request_leave(leave(reason=" "), given_meeting())
    assert reason.value.message == "请假事由不能为空，请填写请假事由"


def test_record_attendance_and_corrections() -> None:
    events = decide_record_attendance(
        attendance((MEMBER_ID, "present"), (OTHER_MEMBER_ID, "late")), given_meeting()
    )
    assert events[0] == AttendanceRecorded(**MEMBER, status="present")
    state = given_meeting(*events)
    assert state.attendance == {MEMBER_ID: "present", OTHER_MEMBER_ID: "late"}
    fixed = decide_record_attendance(
        attendance((MEMBER_ID, "present"), (OTHER_MEMBER_ID, "left_early")), state
    )
    assert [e.status for e in fixed if isinstance(e, AttendanceRecorded)] == ["left_early"]


def test_attendance_rejections() -> None:
    present = decide_record_attendance(attendance((MEMBER_ID, "present")), given_meeting())
    rejected_cases = [
        (given_meeting(*present), attendance((MEMBER_ID, "present")), "出勤情况没有变化"),
        (
            given_meeting(),
            attendance((MEMBER_ID, "present"), today=date(2025, 2, 24)),
            "会议定于 2025-02-25 召开，尚未召开，不能登记出勤",
        ),
    ]
    for state, cmd, message in rejected_cases:
        with pytest.raises(Rejected) as err:
            decide_record_attendance(cmd, state)
        assert message in err.value.message
    invalid_cases = [
        (attendance((MEMBER_ID, "asleep")), "出勤情况“asleep”无效：可选 present（出席）"),
        (attendance((THIRD_MEMBER_ID, "present")), "未受邀参加此会议，请先邀请再登记出勤"),
        (attendance((MEMBER_ID, "leave_approved")), "没有获批的请假，不能登记为“请假”"),
        (attendance(), "请至少登记一名委员的出勤情况"),
        (
            attendance((MEMBER_ID, "present"), (MEMBER_ID, "late")),
            "同一委员在一次登记中出现了多次",
        ),
    ]
    for cmd, message in invalid_cases:
        with pytest.raises(Invalid) as bad:
            decide_record_attendance(cmd, given_meeting())
        assert message in bad.value.message


def test_close_turns_approved_leave_into_leave_approved() -> None:
    other = {**MEMBER, "member_id": OTHER_MEMBER_ID}
    state = given_meeting(
        LeaveRequested(**MEMBER, reason="出差"),
        LeaveApproved(**MEMBER),
        AttendanceRecorded(**other, status="present"),
    )
    auto, closed = decide_close_meeting(close(), state)
    assert auto == AttendanceRecorded(**MEMBER, status="leave_approved", automatic=True)
    assert closed == MeetingClosed(meeting_id=MEETING_ID, township_id="chengguan")
    after = meeting_decider.fold([auto, closed], state)
    assert after.closed and after.attendance[MEMBER_ID] == "leave_approved"
    with pytest.raises(Rejected) as twice:
        decide_close_meeting(close(), after)
    assert twice.value.message == "会议“城关镇联络组一季度活动”已结束，不能再结束"


def test_close_rejections() -> None:
    with pytest.raises(Rejected) as incomplete:
        decide_close_meeting(close(), given_meeting())
    assert incomplete.value.message == (
        "还有 2 名受邀委员未登记出勤（也没有获批的请假），请先登记出勤再结束会议"
    )
    with pytest.raises(Rejected) as early:
        decide_close_meeting(close(today=date(2025, 2, 1)), given_meeting())
    assert early.value.message == "会议定于 2025-02-25 召开，尚未召开，不能结束"
