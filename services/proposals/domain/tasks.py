"""Rules about tasks and replies that several deciders share: finding a task, and the
automatic steps (all replies issued → replied; every reply settled → concluded)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from shared.domain import NotFound, Rejected
from shared.events import DomainEvent

from .commands_handling import TaskCommand
from .common import require_existing, require_status, utc
from .config import LifecycleConfig
from .events_evaluation import ProposalConcluded
from .events_reply import ProposalAllRepliesIssued
from .model import HANDLING_STATUSES, ProposalState, ProposalStatus, Reply, Task, TaskStatus
from .state import evolve


def require_task(cmd: TaskCommand, state: ProposalState, action: str) -> Task:
    require_existing(cmd, state)
    require_status(state, HANDLING_STATUSES, action)
    task = state.task(cmd.task_id)
    if task is None:
        raise NotFound("未找到该办理任务，请核对任务编号", code="task_not_found")
    if not task.active:
        raise Rejected(f"该任务已退办，不能{action}", code="task_returned")
    return task


def require_accepted(task: Task, action: str) -> None:
    if task.status == TaskStatus.ASSIGNED:
        raise Rejected(f"请先签收该任务，再{action}", code="not_accepted")
    if task.status == TaskStatus.RETURN_REQUESTED:
        raise Rejected(f"已申请退办，退办申请处理前不能{action}", code="return_pending")


def fold(state: ProposalState, events: Sequence[DomainEvent]) -> ProposalState:
    for event in events:
        state = evolve(state, event)
    return state


def completion_events(
    state: ProposalState, events: Sequence[DomainEvent], at: datetime
) -> list[DomainEvent]:
    """`all_replies_issued` when, after `events`, every replying unit has replied."""
    after = fold(state, events)
    if after.status not in (ProposalStatus.IN_HANDLING, ProposalStatus.REHANDLING):
        return []
    if not after.all_replies_issued:
        return []
    return [
        ProposalAllRepliesIssued(
            proposal_id=after.proposal_id,
            township_id=after.township_id,
            reply_ids=tuple(t.reply_id for t in after.reply_tasks),
            serial_no=after.serial_no,
            title=after.title,
            lead_author_id=after.lead_author_id,
            issued_at=utc(at),
        )
    ]


def rounds_left(task: Task, config: LifecycleConfig) -> bool:
    return task.round - 1 < config.max_rehandling_rounds


def settled(reply: Reply, task: Task, config: LifecycleConfig) -> bool:
    """No more handling needed: lapsed, good enough, or no re-handling rounds left."""
    if reply.lapsed:
        return True
    evaluation = reply.lead_evaluation
    if evaluation is None:
        return False
    if config.meets_threshold(evaluation.result):
        return True
    return config.triggers_rehandling(evaluation.result) and not rounds_left(task, config)


def evaluated_or_lapsed(reply: Reply) -> bool:
    return reply.lapsed or reply.lead_evaluation is not None


def current_replies(state: ProposalState) -> list[tuple[Task, Reply]]:
    pairs = []
    for task in state.reply_tasks:
        reply = state.current_reply(task)
        if reply is not None:
            pairs.append((task, reply))
    return pairs


def conclusion(
    state: ProposalState, basis: str, at: datetime, note: str | None = None
) -> ProposalConcluded:
    pairs = current_replies(state)
    return ProposalConcluded(
        proposal_id=state.proposal_id,
        township_id=state.township_id,
        basis=basis,
        note=note,
        serial_no=state.serial_no,
        title=state.title,
        lead_author_id=state.lead_author_id,
        co_author_ids=state.co_author_ids,
        result_classes={r.reply_id: r.result_class for _, r in pairs},
        lapsed_reply_ids=tuple(r.reply_id for _, r in pairs if r.lapsed),
        concluded_at=utc(at),
    )


def conclusion_events(
    state: ProposalState, events: Sequence[DomainEvent], at: datetime, config: LifecycleConfig
) -> list[DomainEvent]:
    """`concluded` when, after `events`, every current reply is settled."""
    after = fold(state, events)
    if after.status != ProposalStatus.REPLIED or not after.all_replies_issued:
        return []
    if all(settled(r, t, config) for t, r in current_replies(after)):
        return [conclusion(after, "evaluations", at)]
    return []
