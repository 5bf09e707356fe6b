"""A small scenario runner for the lifecycle unit tests: apply decide functions to a
proposal's state, keep the events, and build the commands with sensible defaults."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from services.proposals.domain import ProposalState, RegisterState, proposal_decider
from services.proposals.domain.calendar import WEEKENDS_ONLY
from services.proposals.domain.commands_handling import (
    AcceptTask,
    ApproveReply,
    AssignProposal,
    CosignReply,
    DraftReply,
    EvaluateReply,
    RequestReplyCosign,
    SubmitCoOpinion,
    SubmitReplyForReview,
    UnitAssignment,
)
from services.proposals.domain.config import DEFAULT_CONFIG, LifecycleConfig
from services.proposals.domain.decide import (
    decide_accept_task,
    decide_approve_reply,
    decide_assign_proposal,
    decide_cosign_reply,
    decide_draft_reply,
    decide_evaluate_reply,
    decide_register_proposal,
    decide_request_reply_cosign,
    decide_submit_co_opinion,
    decide_submit_reply,
)
from services.proposals.domain.units import (
    HandlingUnitState,
    RegisterHandlingUnit,
    decide_register_unit,
    unit_decider,
)
from shared.domain import DomainError
from shared.events import DomainEvent

from .helpers import AT, CLERK, LEAD, PID, register_cmd, submitted

UNITS: dict[str, HandlingUnitState] = {
    unit_id: unit_decider.fold(
        decide_register_unit(
            RegisterHandlingUnit(
                unit_id=unit_id, actor="admin", at=AT, name=name, kind="government_department"
            ),
            HandlingUnitState(),
        )
    )
    for unit_id, name in (
        ("zhujianju", "县住房和城乡建设局"),
        ("huanbao", "县生态环境分局"),
        ("jiaotong", "县交通运输局"),
        ("caizheng", "县财政局"),
    )
}
CAL = WEEKENDS_ONLY


def at(days: float = 0) -> datetime:
    """AT (Monday 2024-01-15, 17:30 in the county) plus some days."""
    return AT + timedelta(days=days)


def rejection(fn: Callable[[], object]) -> DomainError:
    with pytest.raises(DomainError) as info:
        fn()
    return info.value


class Story:
    """Events of one proposal so far, and its state."""

    def __init__(
        self, events: Sequence[DomainEvent] = (), config: LifecycleConfig = DEFAULT_CONFIG
    ):
        self.events: list[DomainEvent] = list(events)
        self.config = config

    @property
    def state(self) -> ProposalState:
        return proposal_decider.fold(self.events)

    def do(self, decide: Callable[..., Sequence[Any]], cmd: Any, *args: Any) -> list[DomainEvent]:
        decided = decide(cmd, self.state, *args)
        events = [e[1] if isinstance(e, tuple) else e for e in decided]
        self.events += events
        return events

    # --- the usual path --------------------------------------------------------------

    @classmethod
    def registered(cls, config: LifecycleConfig = DEFAULT_CONFIG) -> Story:
        story = cls(submitted(), config)
        story.do(decide_register_proposal, register_cmd(), RegisterState())
        return story

    def assign(self, *pairs: tuple[str, str], when: datetime = AT) -> list[DomainEvent]:
        cmd = AssignProposal(
            proposal_id=PID,
            actor="staff:assign",
            at=when,
            assignments=[UnitAssignment(unit_id=u, role=r) for u, r in pairs],
        )
        return self.do(decide_assign_proposal, cmd, UNITS, CAL, self.config)

    def accept(self, task_id: str, when: datetime = AT) -> list[DomainEvent]:
        return self.do(decide_accept_task, AcceptTask(**task(task_id, when)))

    def co_opinion(self, task_id: str) -> list[DomainEvent]:
        cmd = SubmitCoOpinion(**task(task_id), opinion="同意主办单位意见，配合落实资金。")
        return self.do(decide_submit_co_opinion, cmd)

    def draft(
        self, task_id: str, result_class: str = "A", when: datetime = AT
    ) -> list[DomainEvent]:
        return self.do(decide_draft_reply, reply_cmd(task_id, result_class, when), self.config)

    def request_cosign(self, task_id: str) -> list[DomainEvent]:
        return self.do(decide_request_reply_cosign, RequestReplyCosign(**task(task_id)))

    def cosign(self, task_id: str) -> list[DomainEvent]:
        return self.do(decide_cosign_reply, CosignReply(**task(task_id)))

    def submit_reply(self, task_id: str) -> list[DomainEvent]:
        return self.do(decide_submit_reply, SubmitReplyForReview(**task(task_id)))

    def approve(self, task_id: str, when: datetime = AT, **kw: Any) -> list[DomainEvent]:
        cmd = ApproveReply(**task(task_id, when), **kw)
        return self.do(decide_approve_reply, cmd, CAL, self.config)

    def reply(
        self, task_id: str, result_class: str = "A", when: datetime = AT
    ) -> list[DomainEvent]:
        """Draft → submit → approve, for a unit without co-handlers."""
        self.draft(task_id, result_class, when)
        self.submit_reply(task_id)
        return self.approve(task_id, when)

    def evaluate(
        self, reply_id: str, result: str, *, member: str = LEAD, when: datetime = AT, **kw: Any
    ) -> list[DomainEvent]:
        cmd = evaluate_cmd(reply_id, result, member=member, when=when, **kw)
        return self.do(decide_evaluate_reply, cmd, CAL, self.config)

    @classmethod
    def replied(cls, config: LifecycleConfig = DEFAULT_CONFIG) -> Story:
        """Registered, assigned to one sole unit, accepted and replied (reply `t1-1`)."""
        story = cls.registered(config)
        story.assign(("zhujianju", "sole"))
        story.accept("t1")
        story.reply("t1")
        return story


def task(task_id: str, when: datetime = AT) -> dict[str, Any]:
    return {"proposal_id": PID, "actor": "unit", "at": when, "task_id": task_id}


def reply_cmd(task_id: str, result_class: str = "A", when: datetime = AT, **kw: Any) -> DraftReply:
    data: dict[str, Any] = {
        "doc_no": "建提〔2024〕1号",
        "body": "一、关于管网建设……二、关于运维机制……",
        "result_class": result_class,
        "contact_person": "王科长",
        "contact_phone": "0571-12345678",
        "signed_by": "李副局长",
        **kw,
    }
    return DraftReply(**task(task_id, when), **data)


def evaluate_cmd(
    reply_id: str,
    result: str,
    *,
    member: str = LEAD,
    when: datetime = AT,
    process: str | None = "satisfied",
    channel: str = "online",
    actor: str | None = None,
    by_office: bool = False,
) -> EvaluateReply:
    return EvaluateReply(
        proposal_id=PID,
        actor=actor or f"member:{member}",
        at=when,
        reply_id=reply_id,
        evaluator_id=member,
        process_satisfaction=process,
        result_satisfaction=result,
        channel=channel,
        by_office=by_office,
    )


OFFICE = CLERK
START = datetime(2024, 1, 15, 9, 30, tzinfo=UTC)
