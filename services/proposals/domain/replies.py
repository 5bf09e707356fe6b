"""The reply sub-flow (DOMAIN §2.6.2 R2–R7): draft → 会签 → 审核 → 答复.

Only lead / separate / sole units reply; a co-handler never does (it co-signs the lead's).
"""

from __future__ import annotations

from shared.domain import Rejected
from shared.events import DomainEvent

from .calendar import WorkCalendar, add_working_days
from .commands_handling import (
    ApproveReply,
    CosignReply,
    DraftReply,
    RejectReply,
    RequestReplyCosign,
    SubmitReplyForReview,
    TaskCommand,
)
from .common import (
    REPLY_MAX_CHARS,
    choice,
    deadline_at,
    optional_text,
    require_status,
    required_text,
    today,
    utc,
)
from .config import DEFAULT_CONFIG, LifecycleConfig
from .events_reply import (
    ProposalReplied,
    ReplyApproved,
    ReplyCosigned,
    ReplyCosignRequested,
    ReplyDrafted,
    ReplyRejected,
    ReplySubmittedForReview,
)
from .model import ProposalState, ProposalStatus, Reply, ReplyStatus, Task
from .tasks import completion_events, require_accepted, require_task

WORKING = (ProposalStatus.IN_HANDLING, ProposalStatus.REHANDLING)
CO_CANNOT_REPLY = "会办单位不直接答复提案者，请向主办单位提交会办意见并会签主办单位的答复"


def decide_draft_reply(
    cmd: DraftReply, state: ProposalState, config: LifecycleConfig = DEFAULT_CONFIG
) -> list[DomainEvent]:
    """起草答复 (or re-draft while still drafting)."""
    task = _replying_task(cmd, state, "起草答复")
    reply = state.current_reply(task)
    if reply is not None and reply.status != ReplyStatus.DRAFTING:
        raise Rejected(_locked(reply), code="reply_locked")
    return [
        ReplyDrafted(
            proposal_id=state.proposal_id,
            township_id=state.township_id,
            reply_id=task.reply_id,
            task_id=task.task_id,
            unit_id=task.unit_id,
            unit_name=task.unit_name,
            role=task.role,
            round=task.round,
            doc_no=required_text(cmd.doc_no, "答复文号", 100),
            body=required_text(cmd.body, "答复正文", REPLY_MAX_CHARS),
            result_class=choice(cmd.result_class, config.result_classes, "办理结果类别"),
            contact_person=required_text(cmd.contact_person, "联系人", 50),
            contact_phone=required_text(cmd.contact_phone, "联系电话", 30),
            signed_by=required_text(cmd.signed_by, "审签领导", 50),
            drafted_at=utc(cmd.at),
        )
    ]


def _locked(reply: Reply) -> str:
    if reply.status == ReplyStatus.ISSUED:
        return "本轮答复已发出，不能修改；如需再次答复，须由提案委员会决定重新办理"
    return "答复已提交会签或审核，不能修改；被审核退回后可重新修改"


def decide_request_reply_cosign(cmd: RequestReplyCosign, state: ProposalState) -> list[DomainEvent]:
    """主办单位请会办单位会签 (drafting → cosigning)."""
    task = _replying_task(cmd, state, "请求会签")
    if task.role != "lead":
        raise Rejected("只有主办单位的答复需要会办单位会签", code="not_lead")
    co_tasks = state.co_tasks
    if not co_tasks:
        raise Rejected("该提案没有会办单位，无需会签，请直接报送审核", code="no_co_handlers")
    reply = _reply_in(state, task, ReplyStatus.DRAFTING, "请先起草答复，再请求会签")
    return [
        ReplyCosignRequested(
            proposal_id=state.proposal_id,
            township_id=state.township_id,
            reply_id=reply.reply_id,
            task_id=task.task_id,
            unit_id=task.unit_id,
            co_task_ids=tuple(t.task_id for t in co_tasks),
            co_unit_ids=tuple(t.unit_id for t in co_tasks),
            requested_at=utc(cmd.at),
        )
    ]


def decide_cosign_reply(cmd: CosignReply, state: ProposalState) -> list[DomainEvent]:
    """会签 by a co-handler, on its own task."""
    task = require_task(cmd, state, "会签答复")
    if task.role != "co":
        raise Rejected("只有会办单位需要会签主办单位的答复", code="not_co")
    require_accepted(task, "会签答复")
    lead = state.lead_task()
    reply = state.current_reply(lead) if lead else None
    if lead is None or reply is None or reply.status != ReplyStatus.COSIGNING:
        raise Rejected("主办单位尚未请求会签答复，请稍后再会签", code="no_cosign_request")
    if task.task_id in reply.cosigned_by:
        raise Rejected("贵单位已会签该答复", code="already_cosigned")
    return [
        ReplyCosigned(
            proposal_id=state.proposal_id,
            township_id=state.township_id,
            reply_id=reply.reply_id,
            task_id=task.task_id,
            unit_id=task.unit_id,
            lead_task_id=lead.task_id,
            note=optional_text(cmd.note, "会签意见"),
            cosigned_at=utc(cmd.at),
        )
    ]


def decide_submit_reply(cmd: SubmitReplyForReview, state: ProposalState) -> list[DomainEvent]:
    """报送审核: blocked until every co-handler has co-signed the lead's reply."""
    task = _replying_task(cmd, state, "报送审核")
    reply = state.current_reply(task)
    if reply is None:
        raise Rejected("请先起草答复，再报送审核", code="no_reply")
    if reply.status in (ReplyStatus.IN_REVIEW, ReplyStatus.ISSUED):
        raise Rejected("答复已报送审核或已发出，无需重复报送", code="already_submitted")
    co_tasks = state.co_tasks if task.role == "lead" else ()
    if co_tasks and reply.status == ReplyStatus.DRAFTING:
        raise Rejected("该提案有会办单位，请先请会办单位会签答复，再报送审核", code="cosign_first")
    missing = [t.unit_name for t in co_tasks if t.task_id not in reply.cosigned_by]
    if missing:
        raise Rejected(f"尚有会办单位未会签：{'、'.join(missing)}，会签后才能报送审核", "unsigned")
    return [
        ReplySubmittedForReview(
            proposal_id=state.proposal_id,
            township_id=state.township_id,
            reply_id=reply.reply_id,
            task_id=task.task_id,
            unit_id=task.unit_id,
            submitted_at=utc(cmd.at),
        )
    ]


def decide_approve_reply(
    cmd: ApproveReply,
    state: ProposalState,
    calendar: WorkCalendar,
    config: LifecycleConfig = DEFAULT_CONFIG,
) -> list[DomainEvent]:
    """审核通过 → 答复发出; the last one makes the proposal `replied`."""
    task = _replying_task(cmd, state, "审核答复")
    reply = _reply_in(state, task, ReplyStatus.IN_REVIEW, "该答复不在审核中，不能审核")
    result_class = reply.result_class
    if cmd.result_class is not None:
        result_class = choice(cmd.result_class, config.result_classes, "办理结果类别")
    day = today(cmd.at, config)
    due = add_working_days(day, config.evaluation_window_working_days, calendar)
    approved = ReplyApproved(
        proposal_id=state.proposal_id,
        township_id=state.township_id,
        reply_id=reply.reply_id,
        task_id=task.task_id,
        unit_id=task.unit_id,
        result_class=result_class,
        changed_class_from=reply.result_class if result_class != reply.result_class else None,
        note=optional_text(cmd.note, "审核意见"),
        approved_at=utc(cmd.at),
    )
    replied = ProposalReplied(
        proposal_id=state.proposal_id,
        township_id=state.township_id,
        reply_id=reply.reply_id,
        task_id=task.task_id,
        unit_id=task.unit_id,
        unit_name=task.unit_name,
        role=task.role,
        round=reply.round,
        doc_no=reply.doc_no,
        result_class=result_class,
        result_class_label=config.result_classes[result_class],
        serial_no=state.serial_no,
        title=state.title,
        lead_author_id=state.lead_author_id,
        co_author_ids=state.co_author_ids,
        issued_at=utc(cmd.at),
        evaluation_due_on=due,
        evaluation_deadline_at=deadline_at(due, config),
    )
    events: list[DomainEvent] = [approved, replied]
    return events + completion_events(state, events, cmd.at)


def decide_reject_reply(cmd: RejectReply, state: ProposalState) -> list[DomainEvent]:
    """审核退回 (in_review → drafting), with the reason."""
    task = _replying_task(cmd, state, "审核答复")
    reply = _reply_in(state, task, ReplyStatus.IN_REVIEW, "该答复不在审核中，不能退回")
    return [
        ReplyRejected(
            proposal_id=state.proposal_id,
            township_id=state.township_id,
            reply_id=reply.reply_id,
            task_id=task.task_id,
            unit_id=task.unit_id,
            reason=required_text(cmd.reason, "退回理由"),
            rejected_at=utc(cmd.at),
        )
    ]


def _replying_task(cmd: TaskCommand, state: ProposalState, action: str) -> Task:
    task = require_task(cmd, state, action)
    if not task.replies_to_proposer:
        raise Rejected(CO_CANNOT_REPLY, code="co_handler_cannot_reply")
    require_accepted(task, action)
    require_status(state, WORKING, action)
    return task


def _reply_in(state: ProposalState, task: Task, status: ReplyStatus, message: str) -> Reply:
    reply = state.current_reply(task)
    if reply is None or reply.status != status:
        raise Rejected(message, code="reply_state")
    return reply
