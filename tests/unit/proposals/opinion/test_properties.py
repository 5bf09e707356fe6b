"""Property: random sequences of report commands (several reports sharing the year's serial
register, each publication through its own numbered issue).

Invariants: serial numbers and issue numbers unique and gapless; adoption only after
acceptance (and above county level only after reporting upward); a rejected command
changes nothing; replaying each stream (after a JSON round trip through the registry)
reproduces the same state, twice.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule

from services.proposals.domain.opinion import (
    AcceptReport,
    AddIssueItem,
    ApproveIssue,
    ArchiveReport,
    CloseReport,
    CreateIssue,
    ForwardReport,
    OpinionReportAccepted,
    OpinionReportAdopted,
    OpinionReportReportedUpward,
    PublishIssue,
    RecordAdoption,
    RecordFeedback,
    RecordInstruction,
    ReportState,
    ReportUpward,
    ResubmitReport,
    ReturnReport,
    StartEditing,
    SubmitIssueForApproval,
    bulletin_register_decider,
    decide_accept_report,
    decide_add_issue_item,
    decide_approve_issue,
    decide_archive_report,
    decide_close_report,
    decide_create_issue,
    decide_forward_report,
    decide_publish_issue,
    decide_record_adoption,
    decide_record_feedback,
    decide_record_instruction,
    decide_report_upward,
    decide_resubmit_report,
    decide_return_report,
    decide_start_editing,
    decide_submit_issue,
    decide_submit_report,
    issue_decider,
    opinion_register_decider,
    registry,
    report_decider,
)
from shared.domain import DomainError
from shared.events import DomainEvent, encode_body

from .builders import AT, EDITOR, submit_cmd

DAY = date(2026, 3, 1)
LEVELS = ("county", "county_party_gov", "city", "province", "national")
Step = Callable[[str], Any]

STEPS: dict[str, tuple[Callable[..., list[DomainEvent]], Step]] = {
    "start": (decide_start_editing, lambda r: StartEditing(report_id=r, actor=EDITOR, at=AT)),
    "return": (
        decide_return_report,
        lambda r: ReturnReport(report_id=r, actor=EDITOR, at=AT, reason="请补充"),
    ),
    "resubmit": (
        decide_resubmit_report,
        lambda r: ResubmitReport(report_id=r, actor=EDITOR, at=AT),
    ),
    "accept": (
        decide_accept_report,
        lambda r: AcceptReport(report_id=r, actor=EDITOR, at=AT, use_mode="compiled"),
    ),
    "archive": (
        decide_archive_report,
        lambda r: ArchiveReport(report_id=r, actor=EDITOR, at=AT, reason="重复"),
    ),
    "forward": (
        decide_forward_report,
        lambda r: ForwardReport(report_id=r, actor=EDITOR, at=AT, departments=["县民政局"]),
    ),
    "upward": (
        decide_report_upward,
        lambda r: ReportUpward(report_id=r, actor=EDITOR, at=AT, level="city"),
    ),
    "instruct": (
        decide_record_instruction,
        lambda r: RecordInstruction(
            report_id=r,
            actor=EDITOR,
            at=AT,
            leader="县长",
            level="county_leader",
            text="阅",
            instructed_on=DAY,
        ),
    ),
    "feedback": (
        decide_record_feedback,
        lambda r: RecordFeedback(
            report_id=r, actor=EDITOR, at=AT, department="县民政局", text="已办", received_on=DAY
        ),
    ),
    "close": (decide_close_report, lambda r: CloseReport(report_id=r, actor=EDITOR, at=AT)),
}


def _replay(events: list[DomainEvent]) -> list[DomainEvent]:
    decoded = [registry.decode(e.ce_type(), encode_body(e)) for e in events]
    return [d for d in decoded if d is not None]


class OpinionLifecycle(RuleBasedStateMachine):
    reports = Bundle("reports")

    def __init__(self) -> None:
        super().__init__()
        self.streams: dict[str, list[DomainEvent]] = {}
        self.register: list[DomainEvent] = []
        self.issues: dict[str, list[DomainEvent]] = {}
        self.issue_register: list[DomainEvent] = []

    def state(self, rid: str) -> Any:
        return report_decider.fold(self.streams[rid])

    def _record(self, pairs: list[tuple[str, DomainEvent]]) -> None:
        for aid, event in pairs:
            if event.aggregate == "opinion_report":
                self.streams.setdefault(aid, []).append(event)
            elif event.aggregate == "opinion_register":
                self.register.append(event)
            elif event.aggregate == "bulletin_issue":
                self.issues.setdefault(aid, []).append(event)
            else:
                self.issue_register.append(event)

    @rule(target=reports)
    def submit(self) -> str:
        rid = f"r{len(self.streams) + 1}"
        register = opinion_register_decider.fold(self.register)
        self._record(
            decide_submit_report(
                submit_cmd(report_id=rid),
                ReportState(),
                register,
            )
        )
        return rid

    @rule(rid=reports, step=st.sampled_from(sorted(STEPS)))
    def step(self, rid: str, step: str) -> None:
        decide, build = STEPS[step]
        self._attempt(rid, lambda state: decide(build(rid), state))

    @rule(rid=reports, level=st.sampled_from(LEVELS))
    def advance(self, rid: str, level: str) -> None:
        """The usual next step for the report's status (so that long paths are explored)."""
        status = self.state(rid).status
        if status == "accepted":
            self.publish(rid)
        elif status in ("published", "forwarded", "reported_upward"):
            self.step(rid, "upward") if level == "city" else self.adopt(rid, level)
        else:
            self.step(rid, {"submitted": "start", "in_editing": "accept"}.get(status, "close"))

    @rule(rid=reports, level=st.sampled_from(LEVELS))
    def adopt(self, rid: str, level: str) -> None:
        command = RecordAdoption(
            report_id=rid,
            actor=EDITOR,
            at=AT,
            level=level,
            adopting_body=f"{level}单位",
            mode="single_article",
            adopted_on=DAY,
        )
        self._attempt(rid, lambda state: decide_record_adoption(command, state))

    def _attempt(self, rid: str, decide: Callable[[Any], list[DomainEvent]]) -> None:
        before = self.state(rid)
        try:
            events = decide(before)
        except DomainError:
            assert self.state(rid) == before
            return
        self.streams[rid].extend(events)

    @rule(rid=reports)
    def publish(self, rid: str) -> None:
        """A fresh issue with this one report: create, add, submit, approve, publish."""
        iid = f"i{len(self.issues) + 1}"
        try:
            create = CreateIssue(issue_id=iid, actor=EDITOR, at=AT, year=2026)
            register = bulletin_register_decider.fold(self.issue_register)
            pairs = decide_create_issue(create, issue_decider.initial, register)
            issue = issue_decider.fold([e for _, e in pairs[1:]])
            add = AddIssueItem(issue_id=iid, actor=EDITOR, at=AT, report_id=rid)
            events = [e for _, e in pairs[1:]] + decide_add_issue_item(add, issue, self.state(rid))
        except DomainError:
            return
        self._record(pairs)
        events = events[1:]
        review: list[tuple[Callable[..., list[DomainEvent]], Any]] = [
            (decide_submit_issue, SubmitIssueForApproval(issue_id=iid, actor=EDITOR, at=AT)),
            (decide_approve_issue, ApproveIssue(issue_id=iid, actor="secretary", at=AT)),
        ]
        for decide, command in review:
            events += decide(command, issue_decider.fold([*self.issues[iid], *events]))
        self.issues[iid].extend(events)
        publish = PublishIssue(issue_id=iid, actor=EDITOR, at=AT, recipients=["县委"])
        state = issue_decider.fold(self.issues[iid])
        self._record(decide_publish_issue(publish, state, [self.state(rid)]))

    @invariant()
    def serials_are_gapless_and_unique(self) -> None:
        seqs = [e.seq for e in self.register]  # type: ignore[attr-defined]
        assert seqs == list(range(1, len(seqs) + 1))
        serials = [self.state(rid).serial_no for rid in self.streams]
        assert len(set(serials)) == len(serials) == len(seqs)
        numbers = [e.issue_no for e in self.issue_register]  # type: ignore[attr-defined]
        assert numbers == list(range(1, len(numbers) + 1))

    @invariant()
    def adoption_only_after_acceptance(self) -> None:
        for events in self.streams.values():
            accepted = upward = False
            for event in events:
                accepted = accepted or isinstance(event, OpinionReportAccepted)
                upward = upward or isinstance(event, OpinionReportReportedUpward)
                if isinstance(event, OpinionReportAdopted):
                    assert accepted
                    assert upward or event.level in ("county", "county_party_gov")

    @invariant()
    def replay_is_deterministic(self) -> None:
        for rid, events in self.streams.items():
            state = self.state(rid)
            assert report_decider.fold(_replay(events)) == state
            assert report_decider.fold(_replay(events)) == state
        for events in self.issues.values():
            assert issue_decider.fold(_replay(events)) == issue_decider.fold(events)


OpinionLifecycle.TestCase.settings = settings(
    max_examples=60,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestOpinionLifecycle = OpinionLifecycle.TestCase
