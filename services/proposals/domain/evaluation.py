"""Proposer evaluation, re-handling and 办结 (DOMAIN §2.7 E1–E4).

The lead author's evaluation decides (others are recorded). A result below the configured
level orders re-handling automatically while rounds remain; the proposal concludes when
every current reply is settled (see `tasks.settled`), or when the committee decides.
"""

from __future__ import annotations

from datetime import datetime

from shared.domain import NotFound, Rejected
from shared.events import DomainEvent

from .calendar import WorkCalendar, due_after_months
from .commands_handling import (
    ConcludeProposal,
    EvaluateReply,
    OrderRehandling,
    RecordEvaluationLapsed,
)
from .common import (
    HasProposalId,
    choice,
    deadline_at,
    forbidden,
    member_principal,
    optional_text,
    require_existing,
    require_status,
    today,
    utc,
)
from .config import DEFAULT_CONFIG, LifecycleConfig
from .events_evaluation import EvaluationLapsed, RehandlingOrdered, ReplyEvaluated
from .labels import CHANNEL_LABELS, SATISFACTION_LABELS
from .model import ProposalState, ProposalStatus, Reply, ReplyStatus, Task
from .tasks import (
    conclusion,
    conclusion_events,
    current_replies,
    evaluated_or_lapsed,
    rounds_left,
)

EVALUABLE = (ProposalStatus.REPLIED, ProposalStatus.REHANDLING)


def decide_evaluate_reply(
    cmd: EvaluateReply,
    state: ProposalState,
    calendar: WorkCalendar,
    config: LifecycleConfig = DEFAULT_CONFIG,
) -> list[DomainEvent]:
    """评价答复 (E1); may order re-handling (E2) or conclude (E4) at once."""
    task, reply = _issued_reply(cmd, cmd.reply_id, state, "评价答复")
    evaluator = _evaluator(cmd, state)
    if evaluator in reply.evaluations:
        raise Rejected("该提案者已评价过这份答复，不能重复评价", code="already_evaluated")
    by_lead = evaluator == state.lead_author_id
    if reply.lapsed and by_lead:
        raise Rejected("评价期限已过，已记为逾期未评价", code="evaluation_lapsed")
    assert reply.evaluation_due_on is not None
    if cmd.channel == "online" and today(cmd.at, config) > reply.evaluation_due_on:
        raise Rejected(
            f"评价期限（至{reply.evaluation_due_on}）已过；如有纸质评价表，请交提案委员会录入",
            code="evaluation_window_passed",
        )
    result = choice(cmd.result_satisfaction, SATISFACTION_LABELS, "办理结果满意度")
    process = result
    if config.split_evaluation:
        process = choice(cmd.process_satisfaction or "", SATISFACTION_LABELS, "办理工作满意度")
    evaluated = ReplyEvaluated(
        proposal_id=state.proposal_id,
        township_id=state.township_id,
        reply_id=reply.reply_id,
        task_id=task.task_id,
        unit_id=task.unit_id,
        round=reply.round,
        evaluator_id=evaluator,
        by_lead_author=by_lead,
        process_satisfaction=process,
        result_satisfaction=result,
        comment=optional_text(cmd.comment, "评价意见"),
        channel=cmd.channel,
        evaluated_at=utc(cmd.at),
    )
    events: list[DomainEvent] = [evaluated]
    if by_lead and config.triggers_rehandling(result) and rounds_left(task, config):
        return [*events, _rehandling(state, task, reply, result, None, cmd.at, calendar, config)]
    return events + conclusion_events(state, events, cmd.at, config)


def _evaluator(cmd: EvaluateReply, state: ProposalState) -> str:
    channel = choice(cmd.channel, CHANNEL_LABELS, "评价方式")
    evaluator = cmd.evaluator_id.strip()
    if evaluator not in state.author_ids:
        raise forbidden("只有该提案的提案者可以评价答复", code="not_author")
    if channel == "online" and cmd.actor != member_principal(evaluator):
        raise forbidden("网上评价须由提案者本人操作；纸质评价表请由提案委员会录入", "not_self")
    if channel == "paper" and not cmd.by_office:
        raise forbidden("纸质评价表由提案委员会录入", code="paper_by_office")
    return evaluator


def decide_record_evaluation_lapsed(
    cmd: RecordEvaluationLapsed, state: ProposalState, config: LifecycleConfig = DEFAULT_CONFIG
) -> list[DomainEvent]:
    """逾期未评价: after the window, without the lead author's evaluation."""
    task, reply = _issued_reply(cmd, cmd.reply_id, state, "记录逾期未评价")
    if reply.lapsed:
        raise Rejected("该答复已记为逾期未评价", code="already_lapsed")
    if reply.lead_evaluation is not None:
        raise Rejected("第一提案人已评价该答复，不能记为逾期未评价", code="evaluated")
    assert reply.evaluation_due_on is not None
    if today(cmd.at, config) <= reply.evaluation_due_on:
        raise Rejected(
            f"评价期限（至{reply.evaluation_due_on}）尚未届满，不能记为逾期未评价",
            code="window_open",
        )
    lapsed = EvaluationLapsed(
        proposal_id=state.proposal_id,
        township_id=state.township_id,
        reply_id=reply.reply_id,
        task_id=task.task_id,
        unit_id=task.unit_id,
        due_on=reply.evaluation_due_on,
        lapsed_at=utc(cmd.at),
    )
    return [lapsed, *conclusion_events(state, [lapsed], cmd.at, config)]


def decide_order_rehandling(
    cmd: OrderRehandling,
    state: ProposalState,
    calendar: WorkCalendar,
    config: LifecycleConfig = DEFAULT_CONFIG,
) -> list[DomainEvent]:
    """商请重新办理 by the committee (any issued, current reply)."""
    task, reply = _issued_reply(cmd, cmd.reply_id, state, "安排重新办理")
    note = optional_text(cmd.note, "说明")
    return [_rehandling(state, task, reply, "committee", note, cmd.at, calendar, config)]


def decide_conclude_proposal(cmd: ConcludeProposal, state: ProposalState) -> list[DomainEvent]:
    """办结 by the committee: every reply issued, and evaluated or its window lapsed."""
    require_existing(cmd, state)
    require_status(state, [ProposalStatus.REPLIED], "办结")
    if not all(evaluated_or_lapsed(r) for _, r in current_replies(state)):
        raise Rejected(
            "尚有答复未经第一提案人评价且评价期限未届满，不能办结；"
            "请等待评价，或在期限届满后记为逾期未评价",
            code="evaluations_pending",
        )
    return [conclusion(state, "committee", cmd.at, optional_text(cmd.note, "说明"))]


def _issued_reply(
    cmd: HasProposalId, reply_id: str, state: ProposalState, action: str
) -> tuple[Task, Reply]:
    require_existing(cmd, state)
    require_status(state, EVALUABLE, action)
    reply = state.replies.get(reply_id)
    if reply is None:
        raise NotFound("未找到该答复，请核对答复编号", code="reply_not_found")
    task = state.task(reply.task_id)
    if reply.status != ReplyStatus.ISSUED:
        raise Rejected(f"该答复尚未发出，不能{action}", code="reply_not_issued")
    if task is None or not task.active or task.reply_id != reply_id or reply.rehandling_ordered:
        raise Rejected(
            f"该答复已安排重新办理（或已被新的答复取代），不能{action}", code="reply_superseded"
        )
    return task, reply


def _rehandling(
    state: ProposalState,
    task: Task,
    reply: Reply,
    reason: str,
    note: str | None,
    at: datetime,
    calendar: WorkCalendar,
    config: LifecycleConfig,
) -> RehandlingOrdered:
    due = due_after_months(today(at, config), config.rehandling_months, calendar)
    return RehandlingOrdered(
        proposal_id=state.proposal_id,
        township_id=state.township_id,
        reply_id=reply.reply_id,
        task_id=task.task_id,
        unit_id=task.unit_id,
        round=task.round + 1,
        reason=reason,
        note=note,
        serial_no=state.serial_no,
        title=state.title,
        lead_author_id=state.lead_author_id,
        due_on=due,
        deadline_at=deadline_at(due, config),
        ordered_at=utc(at),
    )
