"""Property: random submit/review/register/decline/withdraw sequences over several
proposals that share one serial-number register.

Invariants: serial numbers unique and gapless; a registered proposal has exactly one
serial; terminal proposals accept no command; replaying the events (also after a JSON
round trip through the registry) reproduces the same state, twice.
"""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, rule

from services.proposals.domain import (
    DISPOSITION_LABELS,
    REASON_LABELS,
    ProposalBody,
    ProposalState,
    ProposalStatus,
    RegisterState,
    SerialNumberAllocated,
    SubmitProposal,
    decide_decline_registration,
    decide_register_proposal,
    decide_start_review,
    decide_submit_proposal,
    decide_withdraw_proposal,
    format_serial_no,
    member_principal,
    proposal_decider,
    register_decider,
    registry,
)
from shared.domain import DomainError
from shared.events import DomainEvent, encode_body

from .helpers import AT, decline_cmd, register_cmd, start_review_cmd, withdraw_cmd

MEMBERS = ("m1", "m2", "m3", "m4")
TOWNSHIP_OF = {"m1": "chengguan", "m2": "xinzhuang", "m3": "chengguan", "m4": "hexi"}
RID = "10-3-plenary"
S = ProposalStatus


def _submit(pid: str, lead: str, joint: bool) -> SubmitProposal:
    co = [m for m in MEMBERS if m != lead][:2] if joint else []
    return SubmitProposal(
        proposal_id=pid,
        actor=member_principal(lead),
        at=AT,
        author_kind="joint" if joint else "individual",
        lead_author_id=lead,
        co_author_ids=co,
        title=f"关于第{pid}号事项的建议",
        body=ProposalBody(suggestions="建议"),
        category="society",
        term_no=10,
        session_no=3,
        period="plenary",
        suggested_units=[],
        township_id=TOWNSHIP_OF[lead],
        author_township_ids=dict(TOWNSHIP_OF),
    )


def _replay(events: list[DomainEvent]) -> list[DomainEvent]:
    decoded = [registry.decode(e.ce_type(), encode_body(e)) for e in events]
    assert all(d is not None for d in decoded)
    return [d for d in decoded if d is not None]


class ProposalLifecycle(RuleBasedStateMachine):
    proposals = Bundle("proposals")

    def __init__(self) -> None:
        super().__init__()
        self.streams: dict[str, list[DomainEvent]] = {}
        self.states: dict[str, ProposalState] = {}
        self.model: dict[str, ProposalStatus] = {}  # expected status, kept independently
        self.register_stream: list[DomainEvent] = []
        self.register_state = RegisterState()
        self.next_id = 0

    # --- plumbing ------------------------------------------------------------------------

    def _append(self, aggregate_id: str, events: list[DomainEvent]) -> None:
        if aggregate_id == RID:
            self.register_stream += events
            self.register_state = register_decider.fold(events, self.register_state)
        else:
            self.streams[aggregate_id] += events
            self.states[aggregate_id] = proposal_decider.fold(events, self.states[aggregate_id])

    def _attempt(
        self,
        pid: str,
        allowed: bool,
        decide: Callable[[ProposalState], list[DomainEvent]],
        target: ProposalStatus,
    ) -> None:
        try:
            events = decide(self.states[pid])
        except DomainError as error:
            assert not allowed, f"unexpected rejection: {error.message}"
            assert error.message  # always a message for the clerk
            return
        assert allowed, f"accepted in {self.model[pid]}"
        self._append(pid, events)
        self.model[pid] = target

    # --- rules ---------------------------------------------------------------------------

    @rule(target=proposals, lead=st.sampled_from(MEMBERS), joint=st.booleans())
    def submit(self, lead: str, joint: bool) -> str:
        pid = f"p{self.next_id}"
        self.next_id += 1
        self.streams[pid] = []
        self.states[pid] = proposal_decider.initial
        self._append(pid, decide_submit_proposal(_submit(pid, lead, joint), ProposalState()))
        self.model[pid] = S.SUBMITTED
        return pid

    @rule(pid=proposals)
    def submit_again(self, pid: str) -> None:
        cmd = _submit(pid, self.states[pid].lead_author_id, False)
        self._attempt(pid, False, lambda s: decide_submit_proposal(cmd, s), S.SUBMITTED)

    @rule(pid=proposals)
    def start_review(self, pid: str) -> None:
        allowed = self.model[pid] == S.SUBMITTED
        cmd = start_review_cmd(pid)
        self._attempt(pid, allowed, lambda s: decide_start_review(cmd, s), S.UNDER_REVIEW)

    @rule(pid=proposals)
    def register(self, pid: str) -> None:
        allowed = self.model[pid] in (S.SUBMITTED, S.UNDER_REVIEW)
        try:
            pairs = decide_register_proposal(
                register_cmd(pid), self.states[pid], self.register_state
            )
        except DomainError as error:
            assert not allowed, f"unexpected rejection: {error.message}"
            assert "不能立案" in error.message
            return
        assert allowed
        assert [aid for aid, _ in pairs] == [RID, pid]
        for aggregate_id, event in pairs:
            self._append(aggregate_id, [event])
        self.model[pid] = S.REGISTERED

    @rule(
        pid=proposals,
        reason=st.sampled_from(sorted(REASON_LABELS)),
        disposition=st.sampled_from(sorted(DISPOSITION_LABELS)),
    )
    def decline(self, pid: str, reason: str, disposition: str) -> None:
        allowed = self.model[pid] in (S.SUBMITTED, S.UNDER_REVIEW)
        cmd = decline_cmd(pid, reason=reason, disposition=disposition)
        self._attempt(pid, allowed, lambda s: decide_decline_registration(cmd, s), S.NOT_REGISTERED)

    @rule(pid=proposals, by_lead=st.booleans())
    def withdraw(self, pid: str, by_lead: bool) -> None:
        lead = self.states[pid].lead_author_id
        actor = member_principal(lead if by_lead else next(m for m in MEMBERS if m != lead))
        allowed = by_lead and self.model[pid] in (S.SUBMITTED, S.UNDER_REVIEW, S.REGISTERED)
        cmd = withdraw_cmd(pid, actor=actor)
        self._attempt(pid, allowed, lambda s: decide_withdraw_proposal(cmd, s), S.WITHDRAWN)

    # --- invariants ----------------------------------------------------------------------

    @invariant()
    def status_follows_the_model(self) -> None:
        for pid, state in self.states.items():
            assert state.status == self.model[pid]

    @invariant()
    def serial_numbers_are_unique_and_gapless(self) -> None:
        allocations = [e for e in self.register_stream if isinstance(e, SerialNumberAllocated)]
        assert [a.seq for a in allocations] == list(range(1, len(allocations) + 1))
        assert [a.serial_no for a in allocations] == [
            format_serial_no(10, 3, "plenary", a.seq) for a in allocations
        ]
        assert len({a.proposal_id for a in allocations}) == len(allocations)
        assert self.register_state.last_seq == len(allocations)

    @invariant()
    def registered_proposals_have_exactly_one_serial(self) -> None:
        allocations = [e for e in self.register_stream if isinstance(e, SerialNumberAllocated)]
        for pid, state in self.states.items():
            mine = [a for a in allocations if a.proposal_id == pid]
            if state.status == S.REGISTERED:
                assert len(mine) == 1
            if state.serial_no is None:
                assert mine == []
            else:
                assert [a.serial_no for a in mine] == [state.serial_no]

    @invariant()
    def terminal_proposals_accept_no_command(self) -> None:
        for pid, state in self.states.items():
            if state.is_terminal:
                self._assert_rejects_everything(pid, state)

    def _assert_rejects_everything(self, pid: str, state: ProposalState) -> None:
        lead_actor = member_principal(state.lead_author_id)
        attempts: list[Callable[[], object]] = [
            lambda: decide_submit_proposal(_submit(pid, state.lead_author_id, False), state),
            lambda: decide_start_review(start_review_cmd(pid), state),
            lambda: decide_register_proposal(register_cmd(pid), state, self.register_state),
            lambda: decide_decline_registration(decline_cmd(pid), state),
            lambda: decide_withdraw_proposal(withdraw_cmd(pid, actor=lead_actor), state),
        ]
        for attempt in attempts:
            try:
                attempt()
            except DomainError as error:
                assert error.kind == "conflict"
            else:
                raise AssertionError(f"terminal {state.status} accepted a command")

    @invariant()
    def replay_reproduces_the_state(self) -> None:
        for pid, events in self.streams.items():
            first = proposal_decider.fold(events)
            second = proposal_decider.fold(_replay(events))
            assert first == second == self.states[pid]
        assert (
            register_decider.fold(self.register_stream)
            == register_decider.fold(_replay(self.register_stream))
            == self.register_state
        )


ProposalLifecycle.TestCase.settings = settings(
    max_examples=60,
    stateful_step_count=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
TestProposalLifecycle = ProposalLifecycle.TestCase
