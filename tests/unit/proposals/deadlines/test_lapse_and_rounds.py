"""The timer's evaluation lapse (exactly once, then the conclusion follows), re-handling
rounds (new deadlines), the events' contract, and replay of random scans."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from services.proposals.domain import ProposalStatus, proposal_decider, registry
from services.proposals.domain.deadlines.events import (
    ProposalDeadlineApproaching,
    ProposalOverdue,
)
from services.proposals.domain.events_evaluation import (
    EvaluationLapsed,
    ProposalConcluded,
    RehandlingOrdered,
)
from services.proposals.domain.labels_events import EVENT_LABELS
from shared.events import EventMeta, ce_headers, encode_body, subject_for

from ..helpers import PID
from ..lifecycle import Story, at
from .support import REPLY_DUE, assigned, lapse, on, record_due

EVALUATION_DUE = date(2024, 2, 5)  # 15 working days after the reply of 2024-01-15


def test_lapse_after_the_window_concludes_once() -> None:
    story = Story.replied()
    assert lapse(story, EVALUATION_DUE) == []  # window still open: nothing, no error
    lapsed, concluded = lapse(story, EVALUATION_DUE + timedelta(days=1))
    assert isinstance(lapsed, EvaluationLapsed) and lapsed.due_on == EVALUATION_DUE
    assert isinstance(concluded, ProposalConcluded) and concluded.lapsed_reply_ids == ("t1-1",)
    assert story.state.status is ProposalStatus.CONCLUDED
    assert lapse(story, EVALUATION_DUE + timedelta(days=2)) == []


def test_no_lapse_after_the_lead_evaluation_or_for_unknown_replies() -> None:
    story = Story.replied()
    story.evaluate("t1-1", "dissatisfied", when=at(1))  # → re-handling round 2
    assert lapse(story, EVALUATION_DUE + timedelta(days=1)) == []
    assert lapse(story, EVALUATION_DUE + timedelta(days=1), reply_id="t9-1") == []
    assert lapse(Story(), EVALUATION_DUE) == []


def test_rehandling_gives_the_new_round_its_own_reminders() -> None:
    story = assigned()
    story.accept("t1")
    record_due(story, REPLY_DUE - timedelta(days=5))
    story.reply("t1", when=on(REPLY_DUE - timedelta(days=2)))
    [_, ordered] = story.evaluate("t1-1", "dissatisfied", when=on(REPLY_DUE))
    assert isinstance(ordered, RehandlingOrdered)
    [soon] = record_due(story, ordered.due_on - timedelta(days=5))
    assert isinstance(soon, ProposalDeadlineApproaching)
    assert (soon.round, soon.threshold_days, soon.due_on) == (2, 5, ordered.due_on)
    [late] = record_due(story, ordered.due_on + timedelta(days=1))
    assert isinstance(late, ProposalOverdue) and late.round == 2


def test_events_round_trip_with_township_and_labels() -> None:
    story = assigned()
    events = [
        *record_due(story, REPLY_DUE - timedelta(days=15)),
        *record_due(story, REPLY_DUE + timedelta(days=1)),
    ]
    assert [type(e) for e in events] == [ProposalDeadlineApproaching, ProposalOverdue]
    meta = EventMeta(event_id="e1", time=at(), actor="system")
    for event in events:
        assert registry.decode(event.ce_type(), encode_body(event)) == event
        assert subject_for(type(event), PID) == f"cppcc.proposals.proposal.{PID}.{event.name}"
        assert ce_headers(event, meta, PID)["ce-township"] == "chengguan"
        assert event.name in EVENT_LABELS
    assert ProposalOverdue.ce_type() == "cn.cppcc.proposals.proposal.overdue.v1"


@settings(max_examples=30, deadline=None)
@given(
    steps=st.lists(st.integers(min_value=0, max_value=20), min_size=1, max_size=25),
    roles=st.sampled_from([("sole",), ("lead", "co"), ("separate", "separate")]),
)
def test_random_scans_record_each_reminder_once_and_replay(
    steps: list[int], roles: tuple[str, ...]
) -> None:
    units = ("zhujianju", "huanbao", "jiaotong")
    story = assigned(*zip(units, roles, strict=False))
    day = date(2024, 1, 16)
    for step in steps:
        day += timedelta(days=step)
        for task in story.state.tasks:
            for kind in ("reply", "co_opinion", "sign_in"):
                record_due(story, day, task.task_id, kind)
                assert record_due(story, day, task.task_id, kind) == []  # a second scan
    seen: dict[tuple[str, str], list[int | None]] = {}
    for event in story.events:
        if isinstance(event, ProposalDeadlineApproaching | ProposalOverdue):
            threshold = getattr(event, "threshold_days", None)
            seen.setdefault((event.task_id, event.kind), []).append(threshold)
    for thresholds in seen.values():
        assert len(thresholds) == len(set(thresholds))  # each reminder once
        early = [t for t in thresholds if t is not None]
        assert early == sorted(early, reverse=True)  # T-15 before T-5, never back
        assert None not in thresholds[:-1]  # overdue is the last one
    assert proposal_decider.fold(story.events) == story.state  # replay: same state
    assert proposal_decider.fold(story.events) == proposal_decider.fold(story.events)
