"""Handling work around the reply: 会办意见, 面商/沟通 records, 延期, 双向评议
(DOMAIN §2.5.2, §2.6.1 R1, R8, R9; §2.7)."""

from __future__ import annotations

from shared.domain import Invalid, Rejected
from shared.events import DomainEvent

from .calendar import add_months
from .commands_handling import (
    GrantExtension,
    RateProposalQuality,
    RecordHandlingContact,
    RequestExtension,
    SubmitCoOpinion,
)
from .common import (
    choice,
    deadline_at,
    optional_text,
    require_status,
    required_text,
    today,
    utc,
)
from .config import DEFAULT_CONFIG, LifecycleConfig
from .events_evaluation import ProposalQualityRated
from .events_handling import (
    CoHandlerOpinionSubmitted,
    ExtensionGranted,
    ExtensionRequested,
    HandlingContactRecorded,
)
from .labels import CONTACT_KIND_LABELS, CONTACT_MODE_LABELS, QUALITY_LABELS
from .model import ProposalState, ProposalStatus, ReplyStatus, Task
from .tasks import require_accepted, require_task

OPINION_MAX_CHARS = 2000
WORKING = (ProposalStatus.IN_HANDLING, ProposalStatus.REHANDLING)


def decide_submit_co_opinion(cmd: SubmitCoOpinion, state: ProposalState) -> list[DomainEvent]:
    """会办意见 to the lead unit (a later opinion replaces an earlier one)."""
    task = require_task(cmd, state, "提交会办意见")
    if task.role != "co":
        raise Rejected("只有会办单位提交会办意见；主办、分办、独办单位请直接起草答复", "not_co")
    require_accepted(task, "提交会办意见")
    require_status(state, WORKING, "提交会办意见")
    lead = state.lead_task()
    return [
        CoHandlerOpinionSubmitted(
            proposal_id=state.proposal_id,
            township_id=state.township_id,
            task_id=task.task_id,
            unit_id=task.unit_id,
            lead_unit_id=lead.unit_id if lead else None,
            round=lead.round if lead else 1,
            opinion=required_text(cmd.opinion, "会办意见", OPINION_MAX_CHARS),
            submitted_at=utc(cmd.at),
        )
    ]


def decide_record_contact(
    cmd: RecordHandlingContact, state: ProposalState, config: LifecycleConfig = DEFAULT_CONFIG
) -> list[DomainEvent]:
    """办前面商 / 办中沟通 / 办后回访 with the proposer."""
    task = require_task(cmd, state, "记录沟通情况")
    require_accepted(task, "记录沟通情况")
    day = today(cmd.at, config)
    assigned_on = today(task.assigned_at, config)
    if not assigned_on <= cmd.contacted_on <= day:
        raise Invalid(
            f"沟通日期应在交办日（{assigned_on}）到今天（{day}）之间，当前为{cmd.contacted_on}",
            code="bad_contact_date",
        )
    return [
        HandlingContactRecorded(
            proposal_id=state.proposal_id,
            township_id=state.township_id,
            task_id=task.task_id,
            unit_id=task.unit_id,
            kind=choice(cmd.kind, CONTACT_KIND_LABELS, "沟通环节"),
            mode=choice(cmd.mode, CONTACT_MODE_LABELS, "沟通方式"),
            contacted_on=cmd.contacted_on,
            note=optional_text(cmd.note, "沟通情况"),
            recorded_at=utc(cmd.at),
        )
    ]


def decide_request_extension(
    cmd: RequestExtension, state: ProposalState, config: LifecycleConfig = DEFAULT_CONFIG
) -> list[DomainEvent]:
    """申请延期 (by a unit that owes a reply, before it has replied in this round)."""
    task = _reply_task(cmd.task_id, cmd, state, "申请延期")
    if task.extension_pending:
        raise Rejected("已申请延期，请等待提案委员会或督办部门审批", code="extension_pending")
    if not 1 <= cmd.months <= config.max_handling_months:
        raise Invalid(
            f"延期月数应在1到{config.max_handling_months}之间，当前为{cmd.months}",
            code="bad_months",
        )
    return [
        ExtensionRequested(
            proposal_id=state.proposal_id,
            township_id=state.township_id,
            task_id=task.task_id,
            unit_id=task.unit_id,
            months=cmd.months,
            reason=required_text(cmd.reason, "延期理由"),
            requested_at=utc(cmd.at),
        )
    ]


def decide_grant_extension(
    cmd: GrantExtension, state: ProposalState, config: LifecycleConfig = DEFAULT_CONFIG
) -> list[DomainEvent]:
    """同意延期: + months (default 1), never past `max_handling_months` after 交办."""
    task = _reply_task(cmd.task_id, cmd, state, "延期")
    months = cmd.months if cmd.months is not None else config.extension_months
    if not 1 <= months <= config.max_handling_months:
        raise Invalid(
            f"延期月数应在1到{config.max_handling_months}之间，当前为{months}", code="bad_months"
        )
    cap = add_months(today(task.assigned_at, config), config.max_handling_months)
    if task.due_on >= cap:
        raise Rejected(
            f"已达到最长办理期限（交办后{config.max_handling_months}个月，至{cap}），不能再延期",
            code="extension_cap",
        )
    extended = add_months(task.due_on, months)
    due = min(extended, cap)
    return [
        ExtensionGranted(
            proposal_id=state.proposal_id,
            township_id=state.township_id,
            task_id=task.task_id,
            unit_id=task.unit_id,
            months=months,
            previous_due_on=task.due_on,
            due_on=due,
            deadline_at=deadline_at(due, config),
            capped=extended > cap,
            granted_at=utc(cmd.at),
        )
    ]


def _reply_task(
    task_id: str, cmd: RequestExtension | GrantExtension, state: ProposalState, action: str
) -> Task:
    task = require_task(cmd, state, action)
    if not task.replies_to_proposer:
        raise Rejected(
            "会办单位不直接答复，无需延期；请在主办单位的期限内提交会办意见", "not_reply"
        )
    reply = state.current_reply(task)
    if reply is not None and reply.status == ReplyStatus.ISSUED:
        raise Rejected("该单位本轮已答复，无需延期", code="already_replied")
    return task


def decide_rate_quality(cmd: RateProposalQuality, state: ProposalState) -> list[DomainEvent]:
    """双向评议: the unit rates the proposal's quality, once."""
    task = require_task(cmd, state, "评价提案质量")
    require_accepted(task, "评价提案质量")
    if task.quality is not None:
        raise Rejected("贵单位已评价过该提案的质量", code="already_rated")
    return [
        ProposalQualityRated(
            proposal_id=state.proposal_id,
            township_id=state.township_id,
            task_id=task.task_id,
            unit_id=task.unit_id,
            quality=choice(cmd.quality, QUALITY_LABELS, "提案质量评价"),
            comment=optional_text(cmd.comment, "评价意见"),
            rated_at=utc(cmd.at),
        )
    ]
