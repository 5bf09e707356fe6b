"""Property: random command sequences over the whole lifecycle — several proposals sharing a
serial register, submitted, reviewed, merged, assigned, handled, replied, evaluated.

Every command either succeeds or is rejected with a `DomainError` carrying a message.
Invariants: serial numbers unique and gapless; a co-handler never drafts or issues a reply;
a concluded proposal has every required reply, each evaluated by the lead author or lapsed;
a merged, withdrawn (or otherwise finished) proposal accepts no further command; folding
the events (also after a JSON round trip) reproduces the state.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import partial
from typing import Any

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from services.proposals.domain import (
    ProposalState,
    RegisterState,
    SerialNumberAllocated,
    format_serial_no,
    proposal_decider,
    register_decider,
    registry,
)
from services.proposals.domain.commands import (
    DesignateKeyProposal,
    MergeProposals,
    ReturnForRevision,
    SubmitDraft,
)
from services.proposals.domain.commands_handling import (
    AcceptTask,
    ApproveReply,
    ApproveReturn,
    AssignProposal,
    ConcludeProposal,
    CosignReply,
    EvaluateReply,
    GrantExtension,
    OrderRehandling,
    RecordEvaluationLapsed,
    RejectReply,
    RequestReplyCosign,
    RequestReturn,
    SubmitCoOpinion,
    SubmitReplyForReview,
    UnitAssignment,
)
from services.proposals.domain.decide import (
    decide_accept_task,
    decide_approve_reply,
    decide_approve_return,
    decide_assign_proposal,
    decide_conclude_proposal,
    decide_cosign_reply,
    decide_decline_registration,
    decide_designate_key,
    decide_draft_reply,
    decide_evaluate_reply,
    decide_grant_extension,
    decide_merge_proposals,
    decide_order_rehandling,
    decide_record_evaluation_lapsed,
    decide_register_proposal,
    decide_reject_reply,
    decide_request_reply_cosign,
    decide_request_return,
    decide_return_for_revision,
    decide_start_review,
    decide_submit_co_opinion,
    decide_submit_draft,
    decide_submit_proposal,
    decide_submit_reply,
    decide_withdraw_proposal,
)
from services.proposals.domain.events_reply import ProposalReplied, ReplyDrafted
from services.proposals.domain.model import ProposalStatus, ReplyStatus
from shared.domain import DomainError
from shared.events import DomainEvent, encode_body

from .helpers import AT, decline_cmd, register_cmd, start_review_cmd, withdraw_cmd
from .lifecycle import CAL, UNITS, reply_cmd
from .test_lifecycle_properties import MEMBERS, _submit

S = ProposalStatus
RID = "10-3-plenary"
ROLES = ("lead", "co", "separate", "sole")
SATISFACTION = ("satisfied", "basically_satisfied", "dissatisfied")
FINISHED = (S.MERGED, S.WITHDRAWN, S.NOT_REGISTERED, S.CONCLUDED)
PLANS = (
    (("zhujianju", "sole"),),
    (("zhujianju", "lead"), ("huanbao", "co")),
    (("zhujianju", "lead"), ("huanbao", "co"), ("jiaotong", "co")),
    (("zhujianju", "separate"), ("caizheng", "separate")),
    (("jiaotong", "lead"), ("caizheng", "separate"), ("huanbao", "co")),
)


class WholeLifecycle(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.streams: dict[str, list[DomainEvent]] = {}
        self.register_stream: list[DomainEvent] = []
        self.now = AT
        self.rejections = 0

    # --- plumbing ------------------------------------------------------------------------

    def state(self, pid: str) -> ProposalState:
        return proposal_decider.fold(self.streams[pid])

    @property
    def register(self) -> RegisterState:
        return register_decider.fold(self.register_stream)

    def pick(self, index: int) -> str | None:
        ids = sorted(self.streams)
        return ids[index % len(ids)] if ids else None

    def attempt(self, decide: Callable[[], list[Any]], pid: str) -> None:
        try:
            decided = decide()
        except DomainError as error:
            assert error.message, "every rejection explains itself"
            self.rejections += 1
            return
        for item in decided:
            aggregate_id, event = item if isinstance(item, tuple) else (pid, item)
            if aggregate_id == RID:
                self.register_stream.append(event)
            else:
                self.streams[aggregate_id].append(event)

    def base(self, pid: str) -> dict[str, Any]:
        return {"proposal_id": pid, "actor": "staff:x", "at": self.now}

    def task_of(self, pid: str, index: int) -> str:
        tasks = self.state(pid).tasks
        return tasks[index % len(tasks)].task_id if tasks else "t1"

    def reply_of(self, pid: str, index: int) -> str:
        replies = sorted(self.state(pid).replies)
        return replies[index % len(replies)] if replies else "t1-1"

    # --- rules: submission and review ----------------------------------------------------

    @precondition(lambda self: len(self.streams) < 4)
    @rule(lead=st.sampled_from(MEMBERS), joint=st.booleans())
    def submit(self, lead: str, joint: bool) -> None:
        pid = f"p{len(self.streams)}"
        self.streams[pid] = []
        self.attempt(
            lambda: decide_submit_proposal(_submit(pid, lead, joint), ProposalState()), pid
        )

    @rule(hours=st.integers(1, 24 * 20))
    def time_passes(self, hours: int) -> None:
        self.now += timedelta(hours=hours)

    @precondition(lambda self: self.streams)
    @rule(i=st.integers(0, 20), action=st.sampled_from(["review", "register", "decline", "return"]))
    def review(self, i: int, action: str) -> None:
        pid = self.pick(i)
        assert pid is not None
        state = self.state(pid)
        match action:
            case "review":
                self.attempt(lambda: decide_start_review(start_review_cmd(pid), state), pid)
            case "register":
                self.attempt(
                    lambda: decide_register_proposal(register_cmd(pid), state, self.register), pid
                )
            case "decline":
                self.attempt(lambda: decide_decline_registration(decline_cmd(pid), state), pid)
            case _:
                cmd = ReturnForRevision(**self.base(pid), reason="请补充")
                self.attempt(lambda: decide_return_for_revision(cmd, state), pid)

    @precondition(lambda self: self.streams)
    @rule(i=st.integers(0, 20))
    def resubmit(self, i: int) -> None:
        pid = self.pick(i)
        assert pid is not None
        state = self.state(pid)
        cmd = SubmitDraft(**{**self.base(pid), "actor": f"member:{state.lead_author_id}"})
        self.attempt(lambda: decide_submit_draft(cmd, state), pid)

    @precondition(lambda self: len(self.streams) >= 2)
    @rule(i=st.integers(0, 20), j=st.integers(0, 20))
    def merge(self, i: int, j: int) -> None:
        primary, other = self.pick(i), self.pick(j)
        assert primary is not None and other is not None
        if primary == other:
            return
        cmd = MergeProposals(**self.base(primary), secondary_ids=[other])
        states = [self.state(primary), self.state(other)]
        self.attempt(lambda: decide_merge_proposals(cmd, states[0], states[1:]), primary)

    @precondition(lambda self: self.streams)
    @rule(i=st.integers(0, 20), by_lead=st.booleans())
    def withdraw(self, i: int, by_lead: bool) -> None:
        pid = self.pick(i)
        assert pid is not None
        state = self.state(pid)
        lead = state.lead_author_id if by_lead else "m-none"
        cmd = withdraw_cmd(pid, actor=f"member:{lead}")
        self.attempt(lambda: decide_withdraw_proposal(cmd, state), pid)

    @precondition(lambda self: self.streams)
    @rule(i=st.integers(0, 20))
    def key(self, i: int) -> None:
        pid = self.pick(i)
        assert pid is not None
        cmd = DesignateKeyProposal(**self.base(pid), supervising_leader_ids=["chair"])
        self.attempt(lambda: decide_designate_key(cmd, self.state(pid)), pid)

    # --- rules: assignment and handling ---------------------------------------------------

    @precondition(lambda self: self.streams)
    @rule(
        i=st.integers(0, 20),
        plan=st.lists(
            st.tuples(st.sampled_from(sorted(UNITS)), st.sampled_from(ROLES)),
            min_size=1,
            max_size=3,
        ),
    )
    def assign(self, i: int, plan: list[tuple[str, str]]) -> None:
        pid = self.pick(i)
        assert pid is not None
        units = [UnitAssignment(unit_id=u, role=r) for u, r in plan]
        cmd = AssignProposal(**self.base(pid), assignments=units)
        self.attempt(lambda: decide_assign_proposal(cmd, self.state(pid), UNITS, CAL), pid)

    @precondition(lambda self: self.streams)
    @rule(
        i=st.integers(0, 20),
        t=st.integers(0, 9),
        step=st.sampled_from(
            [
                "accept",
                "return",
                "co",
                "draft",
                "cosign_request",
                "cosign",
                "submit",
                "approve",
                "reject",
                "extend",
                "approve_return",
            ]
        ),
        result_class=st.sampled_from(["A", "B", "C"]),
    )
    def handle(self, i: int, t: int, step: str, result_class: str) -> None:
        pid = self.pick(i)
        assert pid is not None
        state, task_id = self.state(pid), self.task_of(pid, t)
        base = {**self.base(pid), "task_id": task_id}
        deciders: dict[str, Callable[[], list[Any]]] = {
            "accept": lambda: decide_accept_task(AcceptTask(**base), state),
            "return": lambda: decide_request_return(
                RequestReturn(**base, reason="不属职责"), state
            ),
            "co": lambda: decide_submit_co_opinion(SubmitCoOpinion(**base, opinion="同意"), state),
            "draft": lambda: decide_draft_reply(
                reply_cmd(task_id, result_class, self.now).model_copy(update={"proposal_id": pid}),
                state,
            ),
            "cosign_request": lambda: decide_request_reply_cosign(
                RequestReplyCosign(**base), state
            ),
            "cosign": lambda: decide_cosign_reply(CosignReply(**base), state),
            "submit": lambda: decide_submit_reply(SubmitReplyForReview(**base), state),
            "approve": lambda: decide_approve_reply(ApproveReply(**base), state, CAL),
            "reject": lambda: decide_reject_reply(RejectReply(**base, reason="重写"), state),
            "extend": lambda: decide_grant_extension(GrantExtension(**base), state),
            "approve_return": lambda: decide_approve_return(
                ApproveReturn(**base), state, UNITS, CAL
            ),
        }
        self.attempt(deciders[step], pid)

    # --- rules: evaluation ----------------------------------------------------------------

    @precondition(lambda self: self.streams)
    @rule(
        i=st.integers(0, 20),
        r=st.integers(0, 9),
        result=st.sampled_from(SATISFACTION),
        as_lead=st.booleans(),
    )
    def evaluate(self, i: int, r: int, result: str, as_lead: bool) -> None:
        pid = self.pick(i)
        assert pid is not None
        state = self.state(pid)
        member = (
            state.lead_author_id if as_lead or not state.co_author_ids else state.co_author_ids[0]
        )
        cmd = EvaluateReply(
            **{**self.base(pid), "actor": f"member:{member}"},
            reply_id=self.reply_of(pid, r),
            evaluator_id=member,
            process_satisfaction="satisfied",
            result_satisfaction=result,
        )
        self.attempt(lambda: decide_evaluate_reply(cmd, state, CAL), pid)

    @precondition(lambda self: self.streams)
    @rule(
        i=st.integers(0, 20),
        r=st.integers(0, 9),
        action=st.sampled_from(["lapse", "rehandle", "conclude"]),
    )
    def settle(self, i: int, r: int, action: str) -> None:
        pid = self.pick(i)
        assert pid is not None
        state, reply_id = self.state(pid), self.reply_of(pid, r)
        match action:
            case "lapse":
                cmd = RecordEvaluationLapsed(**self.base(pid), reply_id=reply_id)
                self.attempt(lambda: decide_record_evaluation_lapsed(cmd, state), pid)
            case "rehandle":
                order = OrderRehandling(**self.base(pid), reply_id=reply_id)
                self.attempt(lambda: decide_order_rehandling(order, state, CAL), pid)
            case _:
                done = ConcludeProposal(**self.base(pid))
                self.attempt(lambda: decide_conclude_proposal(done, state), pid)

    # --- guided progress: the next sensible step of a proposal, so runs get far ------------

    @precondition(lambda self: self.streams)
    @rule(
        i=st.integers(0, 20),
        choices=st.lists(st.integers(0, 99), min_size=1, max_size=15),
        plan=st.sampled_from(PLANS),
        result=st.sampled_from(SATISFACTION),
    )
    def advance(
        self, i: int, choices: list[int], plan: tuple[tuple[str, str], ...], result: str
    ) -> None:
        """A burst of next sensible steps of one proposal."""
        pid = self.pick(i)
        assert pid is not None
        for choice in choices:
            steps = self._next_steps(pid, plan, result)
            if not steps:
                return
            self.attempt(steps[choice % len(steps)], pid)

    def _next_steps(
        self, pid: str, plan: tuple[tuple[str, str], ...], result: str
    ) -> list[Callable[[], list[Any]]]:
        state, base = self.state(pid), self.base(pid)
        match state.status:
            case S.SUBMITTED | S.UNDER_REVIEW:
                return [lambda: decide_register_proposal(register_cmd(pid), state, self.register)]
            case S.REGISTERED:
                units = [UnitAssignment(unit_id=u, role=r) for u, r in plan]
                cmd = AssignProposal(**base, assignments=units)
                return [lambda: decide_assign_proposal(cmd, state, UNITS, CAL)]
            case S.ASSIGNED | S.IN_HANDLING | S.REHANDLING:
                return [
                    step for t in state.active_tasks for step in self._task_steps(state, t, base)
                ]
            case S.REPLIED:
                return self._evaluation_steps(state, base, result)
            case _:
                return []

    def _task_steps(
        self, state: ProposalState, task: Any, base: dict[str, Any]
    ) -> list[Callable[[], list[Any]]]:
        b = {**base, "task_id": task.task_id}
        if task.status != "accepted":
            return [lambda: decide_accept_task(AcceptTask(**b), state)]
        if task.role == "co":
            lead = state.lead_task()
            reply = state.current_reply(lead) if lead else None
            if reply is not None and reply.status == ReplyStatus.COSIGNING:
                return [lambda: decide_cosign_reply(CosignReply(**b), state)]
            if task.co_opinion is None:
                return [
                    lambda: decide_submit_co_opinion(SubmitCoOpinion(**b, opinion="同意"), state)
                ]
            return []
        reply = state.current_reply(task)
        draft = reply_cmd(task.task_id, "B", self.now).model_copy(
            update={"proposal_id": b["proposal_id"]}
        )
        if reply is None:
            return [lambda: decide_draft_reply(draft, state)]
        if reply.status == ReplyStatus.DRAFTING and task.role == "lead" and state.co_tasks:
            return [lambda: decide_request_reply_cosign(RequestReplyCosign(**b), state)]
        if reply.status in (ReplyStatus.DRAFTING, ReplyStatus.COSIGNING):
            return [lambda: decide_submit_reply(SubmitReplyForReview(**b), state)]
        if reply.status == ReplyStatus.IN_REVIEW:
            return [
                lambda: decide_approve_reply(ApproveReply(**b), state, CAL),
                lambda: decide_reject_reply(RejectReply(**b, reason="重写"), state),
            ]
        return []

    def _evaluation_steps(
        self, state: ProposalState, base: dict[str, Any], result: str
    ) -> list[Callable[[], list[Any]]]:
        steps: list[Callable[[], list[Any]]] = []
        lead = state.lead_author_id
        for task in state.reply_tasks:
            reply = state.current_reply(task)
            if reply is None or reply.lapsed or reply.lead_evaluation is not None:
                continue
            cmd = EvaluateReply(
                **{**base, "actor": f"member:{lead}"},
                reply_id=reply.reply_id,
                evaluator_id=lead,
                process_satisfaction="satisfied",
                result_satisfaction=result,
            )
            late = RecordEvaluationLapsed(
                **{**base, "at": self.now + timedelta(days=40)}, reply_id=reply.reply_id
            )
            steps.append(partial(decide_evaluate_reply, cmd, state, CAL))
            steps.append(partial(decide_record_evaluation_lapsed, late, state))
        return steps

    # --- invariants -----------------------------------------------------------------------

    @invariant()
    def serial_numbers_are_unique_and_gapless(self) -> None:
        allocated = [e for e in self.register_stream if isinstance(e, SerialNumberAllocated)]
        assert [a.seq for a in allocated] == list(range(1, len(allocated) + 1))
        assert [a.serial_no for a in allocated] == [
            format_serial_no(10, 3, "plenary", a.seq) for a in allocated
        ]
        assert len({a.proposal_id for a in allocated}) == len(allocated)
        numbered = [self.state(p).serial_no for p in self.streams if self.state(p).serial_no]
        assert len(numbered) == len(set(numbered)) == len(allocated)

    @invariant()
    def a_co_handler_never_replies(self) -> None:
        for pid, events in self.streams.items():
            state = self.state(pid)
            for event in events:
                if isinstance(event, ReplyDrafted | ProposalReplied):
                    assert event.role != "co"
                    task = state.task(event.task_id)
                    assert task is not None and task.role != "co"

    @invariant()
    def a_concluded_proposal_is_fully_replied_and_evaluated(self) -> None:
        for pid in self.streams:
            state = self.state(pid)
            if state.status != S.CONCLUDED:
                continue
            assert state.reply_tasks
            for task in state.reply_tasks:
                reply = state.current_reply(task)
                assert reply is not None and reply.status == ReplyStatus.ISSUED
                assert reply.lapsed or reply.lead_evaluation is not None

    @invariant()
    def finished_proposals_accept_no_command(self) -> None:
        for pid in self.streams:
            state = self.state(pid)
            if state.status in FINISHED:
                self._rejects_everything(pid, state)

    def _rejects_everything(self, pid: str, state: ProposalState) -> None:
        lead = f"member:{state.lead_author_id}"
        base = self.base(pid)
        task = {**base, "task_id": "t1"}
        attempts: list[Callable[[], object]] = [
            lambda: decide_start_review(start_review_cmd(pid), state),
            lambda: decide_register_proposal(register_cmd(pid), state, self.register),
            lambda: decide_decline_registration(decline_cmd(pid), state),
            lambda: decide_withdraw_proposal(withdraw_cmd(pid, actor=lead), state),
            lambda: decide_submit_draft(SubmitDraft(**{**base, "actor": lead}), state),
            lambda: decide_designate_key(
                DesignateKeyProposal(**base, supervising_leader_ids=["c"]), state
            ),
            lambda: decide_assign_proposal(
                AssignProposal(
                    **base, assignments=[UnitAssignment(unit_id="caizheng", role="sole")]
                ),
                state,
                UNITS,
                CAL,
            ),
            lambda: decide_accept_task(AcceptTask(**task), state),
            lambda: decide_draft_reply(
                reply_cmd("t1").model_copy(update={"proposal_id": pid}), state
            ),
            lambda: decide_conclude_proposal(ConcludeProposal(**base), state),
            lambda: decide_return_for_revision(ReturnForRevision(**base, reason="x"), state),
        ]
        for attempt in attempts:
            try:
                attempt()
            except DomainError as error:
                assert error.kind == "conflict", error.message
            else:
                raise AssertionError(f"{state.status} accepted a command")

    @invariant()
    def replay_reproduces_the_state(self) -> None:
        for pid, events in self.streams.items():
            raw = [registry.decode(e.ce_type(), encode_body(e)) for e in events]
            decoded = [d for d in raw if d is not None]
            assert decoded == events
            assert (
                proposal_decider.fold(events) == proposal_decider.fold(decoded) == self.state(pid)
            )


WholeLifecycle.TestCase.settings = settings(
    max_examples=40,
    stateful_step_count=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
TestWholeLifecycle = WholeLifecycle.TestCase
