"""Deadline reminders: T-15 and T-5 before the reply due date, overdue after it — each
recorded once per deadline; a moved deadline (extension, re-handling) is a new one."""

from __future__ import annotations

from datetime import date, timedelta

from services.proposals.domain.calendar import WEEKENDS_ONLY
from services.proposals.domain.commands_handling import GrantExtension
from services.proposals.domain.deadlines.config import DeadlineConfig
from services.proposals.domain.deadlines.events import (
    ProposalDeadlineApproaching,
    ProposalOverdue,
)
from services.proposals.domain.deadlines.rules import Reminder
from services.proposals.domain.decide import decide_grant_extension
from services.proposals.domain.model import DeadlineMark

from ..lifecycle import rejection, task
from .support import (
    CO_DUE,
    REPLY_DUE,
    SIGN_IN_DUE,
    approaching,
    assigned,
    due_today,
    on,
    overdue,
    record_due,
)

T15 = REPLY_DUE - timedelta(days=15)
T5 = REPLY_DUE - timedelta(days=5)


def test_t15_then_t5_then_overdue_each_once() -> None:
    story = assigned()
    assert due_today(story, T15 - timedelta(days=1)) is None
    assert due_today(story, T15) == Reminder(overdue=False, threshold_days=15)

    [first] = approaching(story, T15, 15)
    assert isinstance(first, ProposalDeadlineApproaching)
    assert (first.task_id, first.unit_id, first.kind, first.round) == (
        "t1",
        "zhujianju",
        "reply",
        1,
    )
    assert (first.threshold_days, first.days_left, first.due_on) == (15, 15, REPLY_DUE)
    assert (first.township_id, first.day_unit, first.unit_name) == (
        "chengguan",
        "calendar",
        "县住房和城乡建设局",
    )
    assert approaching(story, T15, 15) == []
    assert approaching(story, T15 + timedelta(days=3), 15) == []
    assert due_today(story, T15 + timedelta(days=3)) is None

    [second] = approaching(story, T5, 5)
    assert isinstance(second, ProposalDeadlineApproaching) and second.threshold_days == 5
    assert approaching(story, T5, 5) == []
    assert due_today(story, REPLY_DUE) is None  # due by the end of that day

    [late] = overdue(story, REPLY_DUE + timedelta(days=1))
    assert isinstance(late, ProposalOverdue) and late.days_overdue == 1
    assert overdue(story, REPLY_DUE + timedelta(days=2)) == []
    assert due_today(story, REPLY_DUE + timedelta(days=9)) is None
    marks = story.state.deadline_marks
    assert marks == {
        DeadlineMark("t1", "reply", 1, REPLY_DUE, 15),
        DeadlineMark("t1", "reply", 1, REPLY_DUE, 5),
        DeadlineMark("t1", "reply", 1, REPLY_DUE, None),
    }


def test_a_late_scan_records_only_what_is_due_now() -> None:
    story = assigned()
    assert record_due(story, T5 + timedelta(days=1)) != []  # T-4: straight to the 5-day one
    assert [m.threshold_days for m in story.state.deadline_marks] == [5]
    assert due_today(story, T5 + timedelta(days=2)) is None
    [late] = record_due(story, REPLY_DUE + timedelta(days=30))  # long down: just overdue
    assert isinstance(late, ProposalOverdue) and late.days_overdue == 30


def test_wrong_thresholds_are_refused_with_a_reason() -> None:
    story = assigned()
    early = rejection(lambda: approaching(story, T15 - timedelta(days=1), 15))
    assert early.message == f"距期限（{REPLY_DUE}）还有16天，尚未到15天提醒的时间"
    superseded = rejection(lambda: approaching(story, T5, 15))
    assert superseded.message == "距期限只剩5天，应发5天提醒，15天提醒不再发送"
    unknown = rejection(lambda: approaching(story, T5, 7))
    assert unknown.kind == "invalid" and unknown.message == "提醒档次“7天”不在设置中，可选：15、5"
    past = rejection(lambda: approaching(story, REPLY_DUE + timedelta(days=1), 5))
    assert past.message == f"期限（{REPLY_DUE}）已过，应记录为超期，而不是临近期限"
    not_yet = rejection(lambda: overdue(story, REPLY_DUE))
    assert not_yet.message == f"期限（{REPLY_DUE}）尚未届满，不能记为超期，请在期限过后再记录"
    no_task = rejection(lambda: overdue(story, REPLY_DUE + timedelta(days=1), task_id="t9"))
    assert no_task.kind == "not_found" and no_task.message == "未找到该办理任务，请核对任务编号"
    kind = rejection(lambda: overdue(story, REPLY_DUE + timedelta(days=1), kind="visit"))
    assert kind.message.startswith("期限类型“visit”无效")
    sign_in = rejection(lambda: approaching(story, T5, 5, kind="sign_in"))
    assert sign_in.message == "签收期限只记录超期，不发临近提醒"


def test_an_extension_moves_the_deadline_and_rearms_the_reminders() -> None:
    story = assigned()
    story.accept("t1")
    approaching(story, T15, 15)
    story.do(decide_grant_extension, GrantExtension(**task("t1", on(T15))), story.config)
    new_due = date(2024, 5, 15)
    assert story.state.task("t1").due_on == new_due  # type: ignore[union-attr]
    # what the timer read before the extension is stale now: nothing to record
    assert approaching(story, T5, 5) == []
    assert overdue(story, REPLY_DUE + timedelta(days=1)) == []
    assert due_today(story, REPLY_DUE + timedelta(days=1)) is None
    [again] = record_due(story, new_due - timedelta(days=15))
    assert isinstance(again, ProposalDeadlineApproaching) and again.due_on == new_due
    [late] = record_due(story, new_due + timedelta(days=1))
    assert isinstance(late, ProposalOverdue) and late.due_on == new_due


def test_nothing_once_the_reply_is_issued() -> None:
    story = assigned()
    story.accept("t1")
    story.reply("t1", when=on(T15))
    assert due_today(story, REPLY_DUE + timedelta(days=1)) is None
    assert overdue(story, REPLY_DUE + timedelta(days=1)) == []


def test_co_handler_opinion_and_sign_in_deadlines() -> None:
    story = assigned(("zhujianju", "lead"), ("huanbao", "co"))
    assert due_today(story, SIGN_IN_DUE, "t2", "sign_in") is None
    [sign_in] = record_due(story, SIGN_IN_DUE + timedelta(days=1), "t2", "sign_in")
    assert isinstance(sign_in, ProposalOverdue) and (sign_in.kind, sign_in.unit_id) == (
        "sign_in",
        "huanbao",
    )
    story.accept("t1")
    story.accept("t2")
    assert record_due(story, SIGN_IN_DUE + timedelta(days=2), "t1", "sign_in") == []
    [soon] = record_due(story, CO_DUE - timedelta(days=5), "t2", "co_opinion")
    assert isinstance(soon, ProposalDeadlineApproaching) and soon.kind == "co_opinion"
    story.co_opinion("t2")
    assert record_due(story, CO_DUE + timedelta(days=1), "t2", "co_opinion") == []


def test_working_day_thresholds_follow_the_calendar() -> None:
    config = DeadlineConfig(approaching_days=(5,), day_unit="working")
    story = assigned()
    assert due_today(story, date(2024, 4, 7), config=config) is None  # Sunday: 6 wd left
    [event] = record_due(story, date(2024, 4, 8), config=config)  # Monday: 5 wd left
    assert isinstance(event, ProposalDeadlineApproaching)
    assert (event.threshold_days, event.days_left, event.day_unit) == (5, 5, "working")


def test_disabled_thresholds_and_config_checks() -> None:
    config = DeadlineConfig(approaching_days=(3, 10))
    assert config.approaching_days == (10, 3)
    for bad in ((0,), (5, 5)):
        try:
            DeadlineConfig(approaching_days=bad)
        except ValueError:
            continue
        raise AssertionError(f"accepted {bad}")
    none = DeadlineConfig(approaching_days=())
    assert due_today(assigned(), T5, config=none) is None
    assert WEEKENDS_ONLY.is_working_day(date(2024, 4, 8))
