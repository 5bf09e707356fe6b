"""交办, 签收 and 退办 (A1–A6): given a registered proposal / when … / then events or a
Chinese rejection."""

from __future__ import annotations

from datetime import date

import pytest

from services.proposals.domain import ProposalStatus
from services.proposals.domain.calendar import WorkCalendar
from services.proposals.domain.commands_handling import (
    AcceptTask,
    ApproveReturn,
    AssignProposal,
    RejectReturn,
    RequestReturn,
    UnitAssignment,
)
from services.proposals.domain.config import LifecycleConfig
from services.proposals.domain.decide import (
    assignment_warnings,
    decide_accept_task,
    decide_approve_return,
    decide_assign_proposal,
    decide_reject_return,
    decide_request_return,
)
from services.proposals.domain.events_handling import (
    HandlingTaskAccepted,
    HandlingTaskCreated,
    HandlingTaskReassigned,
    HandlingTaskReturnRejected,
    HandlingTaskReturnRequested,
    ProposalAssigned,
    ProposalHandlingStarted,
)
from services.proposals.domain.model import TaskStatus
from services.proposals.domain.units import HandlingUnitDeactivated, evolve_unit

from .helpers import AT, PID, given, submitted
from .lifecycle import CAL, UNITS, Story, at, rejection, task


def assign_cmd(*pairs: tuple[str, str]) -> AssignProposal:
    return AssignProposal(
        proposal_id=PID,
        actor="staff:assign",
        at=AT,
        assignments=[UnitAssignment(unit_id=u, role=r) for u, r in pairs],
    )


def test_assign_lead_and_co_creates_tasks_with_deadlines() -> None:
    story = Story.registered()
    events = story.assign(("zhujianju", "lead"), ("huanbao", "co"))

    assigned, lead, co = events
    assert isinstance(assigned, ProposalAssigned)
    assert assigned.task_ids == ("t1", "t2") and assigned.roles == ("lead", "co")
    assert isinstance(lead, HandlingTaskCreated) and isinstance(co, HandlingTaskCreated)
    assert (lead.unit_name, lead.role, lead.serial_no) == (
        "县住房和城乡建设局",
        "lead",
        "10-3-D001",
    )
    # AT is Monday 2024-01-15 in the county: 3 months → 2024-04-15; co opinion 1 month
    assert lead.due_on == date(2024, 4, 15) and co.due_on == date(2024, 2, 15)
    # 5 working days (weekends skipped) → Monday 2024-01-22
    assert lead.return_due_on == date(2024, 1, 22)
    assert lead.deadline_at.isoformat() == "2024-04-15T16:00:00+00:00"
    assert story.state.status is ProposalStatus.ASSIGNED


def test_deadlines_skip_holidays_and_honour_adjusted_workdays() -> None:
    spring = WorkCalendar(
        holidays=frozenset(date(2024, 1, d) for d in (16, 17, 18)),
        extra_workdays=frozenset({date(2024, 1, 20)}),
    )
    story = Story.registered()
    [_, created] = decide_assign_proposal(
        assign_cmd(("zhujianju", "sole")), story.state, UNITS, spring
    )
    assert isinstance(created, HandlingTaskCreated)
    # working days after Mon 15th: Fri 19, Sat 20 (调休), Mon 22, Tue 23, Wed 24
    assert created.return_due_on == date(2024, 1, 24)


def test_reply_deadline_on_a_holiday_moves_to_the_next_working_day() -> None:
    closed = WorkCalendar(holidays=frozenset({date(2024, 4, 15)}))
    story = Story.registered()
    [_, created] = decide_assign_proposal(
        assign_cmd(("zhujianju", "sole")), story.state, UNITS, closed
    )
    assert isinstance(created, HandlingTaskCreated)
    assert created.due_on == date(2024, 4, 16)


@pytest.mark.parametrize(
    ("pairs", "message"),
    [
        ((("zhujianju", "co"),), "至少需要一个主办、独办或分办单位"),
        ((("zhujianju", "lead"), ("huanbao", "lead")), "一件提案只能有一个主办单位"),
        ((("zhujianju", "sole"), ("huanbao", "co")), "独办单位只能单独承办"),
        ((("zhujianju", "separate"), ("huanbao", "co")), "会办单位须配合主办单位"),
        ((("zhujianju", "lead"), ("zhujianju", "co")), "同一单位不能重复交办：zhujianju"),
        ((("nowhere", "sole"),), "未找到承办单位“nowhere”"),
        ((("zhujianju", "boss"),), "承办方式“boss”无效"),
        ((), "请至少选择一个承办单位"),
    ],
)
def test_assignment_rules(pairs: tuple[tuple[str, str], ...], message: str) -> None:
    error = rejection(
        lambda: decide_assign_proposal(assign_cmd(*pairs), Story.registered().state, UNITS, CAL)
    )
    assert error.kind == "invalid"
    assert message in error.message


def test_separate_units_may_share_a_proposal_with_a_lead() -> None:
    story = Story.registered()
    story.assign(("zhujianju", "separate"), ("huanbao", "separate"), ("jiaotong", "lead"))
    assert [t.role for t in story.state.reply_tasks] == ["separate", "separate", "lead"]


def test_an_inactive_unit_is_not_assigned() -> None:
    units = dict(UNITS)
    units["huanbao"] = evolve_unit(
        units["huanbao"],
        HandlingUnitDeactivated(
            unit_id="huanbao", township_id=None, unit_name="x", reason=None, deactivated_at=AT
        ),
    )
    error = rejection(
        lambda: decide_assign_proposal(
            assign_cmd(("huanbao", "sole")), Story.registered().state, units, CAL
        )
    )
    assert error.message == "承办单位“县生态环境分局”已停用，不能交办"


def test_only_a_registered_proposal_is_assigned() -> None:
    error = rejection(
        lambda: decide_assign_proposal(
            assign_cmd(("zhujianju", "sole")), given(submitted()), UNITS, CAL
        )
    )
    assert error.kind == "conflict"
    assert error.message == "提案当前状态为“已提交”，不能交办"
    story = Story.registered()
    story.assign(("zhujianju", "sole"))
    error = rejection(lambda: story.assign(("huanbao", "sole")))
    assert error.message == "提案当前状态为“已交办”，不能交办"


def test_warning_when_a_unit_is_the_lead_authors_work_unit() -> None:
    warnings = assignment_warnings(
        [UnitAssignment(unit_id="zhujianju", role="lead")], UNITS, "县住房和城乡建设局 副局长"
    )
    assert warnings == [
        "承办单位“县住房和城乡建设局”是第一提案人的工作单位（县住房和城乡建设局 副局长），"
        "请注意避免提案“回娘家”，必要时调整承办单位"
    ]
    assert assignment_warnings([UnitAssignment(unit_id="huanbao", role="lead")], UNITS, "x") == []
    assert assignment_warnings([UnitAssignment(unit_id="huanbao", role="lead")], UNITS, None) == []


# --- 签收 -------------------------------------------------------------------------------


def test_first_acceptance_starts_handling() -> None:
    story = Story.registered()
    story.assign(("zhujianju", "lead"), ("huanbao", "co"))
    first = story.accept("t2")
    assert [type(e) for e in first] == [HandlingTaskAccepted, ProposalHandlingStarted]
    assert story.state.status is ProposalStatus.IN_HANDLING
    second = story.accept("t1")
    assert [type(e) for e in second] == [HandlingTaskAccepted]


def test_accept_rejections() -> None:
    story = Story.registered()
    story.assign(("zhujianju", "sole"))
    story.accept("t1")
    assert rejection(lambda: story.accept("t1")).message == "贵单位已签收该任务，无需重复签收"
    missing = rejection(lambda: decide_accept_task(AcceptTask(**task("t9")), story.state))
    assert missing.kind == "not_found" and missing.message == "未找到该办理任务，请核对任务编号"


# --- 退办 -------------------------------------------------------------------------------


def request(task_id: str = "t1", days: float = 0) -> RequestReturn:
    return RequestReturn(
        **task(task_id, at(days)), reason="不属本单位职责", suggested_units=["县水利局"]
    )


def test_return_request_within_the_window() -> None:
    story = Story.registered()
    story.assign(("zhujianju", "sole"))
    [event] = story.do(decide_request_return, request(days=7))  # Mon 22nd: last day
    assert isinstance(event, HandlingTaskReturnRequested)
    assert event.suggested_units == ("县水利局",)
    assert story.state.task("t1").status is TaskStatus.RETURN_REQUESTED  # type: ignore[union-attr]
    error = rejection(lambda: story.accept("t1"))
    assert error.message == "贵单位已申请退办，请等待交办机关处理"


def test_return_request_after_the_window_is_rejected() -> None:
    story = Story.registered()
    story.assign(("zhujianju", "sole"))
    error = rejection(lambda: story.do(decide_request_return, request(days=8)))
    assert error.kind == "conflict"
    assert error.message == (
        "已超过退办申请期限（交办后5个工作日内，截至2024-01-22），请按期办理；确有困难请联系交办机关"
    )


def test_return_window_is_configurable() -> None:
    story = Story.registered(LifecycleConfig(return_window_working_days=10))
    story.assign(("zhujianju", "sole"))
    [event] = story.do(decide_request_return, request(days=14), story.config)
    assert isinstance(event, HandlingTaskReturnRequested)


def test_no_return_once_work_started() -> None:
    story = Story.registered()
    story.assign(("zhujianju", "sole"))
    story.accept("t1")
    story.draft("t1")
    error = rejection(lambda: story.do(decide_request_return, request()))
    assert error.message == "该任务已开始答复或已提交会办意见，不能再申请退办"


def test_approve_return_and_reassign() -> None:
    story = Story.registered()
    story.assign(("zhujianju", "lead"), ("huanbao", "co"))
    story.do(decide_request_return, request("t1", days=1))
    cmd = ApproveReturn(
        **task("t1", at(2)), reassign_to=[UnitAssignment(unit_id="jiaotong", role="lead")]
    )
    events = story.do(decide_approve_return, cmd, UNITS, CAL)
    reassigned, created = events
    assert isinstance(reassigned, HandlingTaskReassigned) and reassigned.new_task_ids == ("t3",)
    assert isinstance(created, HandlingTaskCreated)
    assert (created.unit_id, created.reassigned_from) == ("jiaotong", "t1")
    assert created.due_on == date(2024, 4, 17)  # 3 months from the reassignment day
    assert [t.unit_id for t in story.state.active_tasks] == ["huanbao", "jiaotong"]


def test_approving_a_return_must_leave_a_replying_unit() -> None:
    story = Story.registered()
    story.assign(("zhujianju", "lead"), ("huanbao", "co"))
    story.do(decide_request_return, request("t1"))
    error = rejection(
        lambda: story.do(decide_approve_return, ApproveReturn(**task("t1")), UNITS, CAL)
    )
    assert error.message == "至少需要一个主办、独办或分办单位"
    taken = ApproveReturn(
        **task("t1"), reassign_to=[UnitAssignment(unit_id="huanbao", role="lead")]
    )
    error = rejection(lambda: story.do(decide_approve_return, taken, UNITS, CAL))
    assert error.message == "“县生态环境分局”已在承办该提案，不能重复交办"


def test_reject_return_keeps_the_task_accepted() -> None:
    story = Story.registered()
    story.assign(("zhujianju", "sole"))
    story.do(decide_request_return, request())
    events = story.do(decide_reject_return, RejectReturn(**task("t1"), reason="属于本单位职责"))
    expected: list[type] = [HandlingTaskReturnRejected, ProposalHandlingStarted]
    assert [type(e) for e in events] == expected
    assert story.state.task("t1").status is TaskStatus.ACCEPTED  # type: ignore[union-attr]
    error = rejection(
        lambda: story.do(decide_reject_return, RejectReturn(**task("t1"), reason="x"))
    )
    assert error.message == "该任务没有待处理的退办申请"


def test_a_returned_task_accepts_no_work() -> None:
    story = Story.registered()
    story.assign(("zhujianju", "separate"), ("huanbao", "separate"))
    story.do(decide_request_return, request("t1"))
    story.do(decide_approve_return, ApproveReturn(**task("t1")), UNITS, CAL)
    error = rejection(lambda: story.accept("t1"))
    assert error.message == "该任务已退办，不能签收"


def test_blank_return_reason() -> None:
    story = Story.registered()
    story.assign(("zhujianju", "sole"))
    cmd = RequestReturn(**task("t1"), reason="  ")
    assert rejection(lambda: story.do(decide_request_return, cmd)).message == "请填写退办理由"
