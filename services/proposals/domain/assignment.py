"""交办, 签收 and 退办 (DOMAIN §2.5.3 A1–A6)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from shared.domain import Invalid, NotFound, Rejected
from shared.events import DomainEvent

from .calendar import WorkCalendar, add_working_days, due_after_months
from .commands_handling import (
    AcceptTask,
    ApproveReturn,
    AssignProposal,
    RejectReturn,
    RequestReturn,
    UnitAssignment,
)
from .common import (
    choice,
    deadline_at,
    duplicates,
    optional_text,
    require_existing,
    require_status,
    required_text,
    today,
    utc,
)
from .config import DEFAULT_CONFIG, LifecycleConfig
from .events_handling import (
    HandlingTaskAccepted,
    HandlingTaskCreated,
    HandlingTaskReassigned,
    HandlingTaskReturnRejected,
    HandlingTaskReturnRequested,
    ProposalAssigned,
    ProposalHandlingStarted,
)
from .labels import ROLE_LABELS
from .model import HANDLING_STATUSES, REPLY_ROLES, ProposalState, ProposalStatus, Task, TaskStatus
from .tasks import completion_events, require_task
from .units import HandlingUnitState

Units = Mapping[str, HandlingUnitState]


def decide_assign_proposal(
    cmd: AssignProposal,
    state: ProposalState,
    units: Units,
    calendar: WorkCalendar,
    config: LifecycleConfig = DEFAULT_CONFIG,
) -> list[DomainEvent]:
    """交办 (registered → assigned): one task per unit, deadlines from the configuration."""
    require_existing(cmd, state)
    require_status(state, [ProposalStatus.REGISTERED], "交办")
    specs = _specs(cmd.assignments, units, taken=())
    check_roles([s.role for s in specs])
    created = new_tasks(state, specs, units, cmd.at, calendar, config)
    assigned = ProposalAssigned(
        proposal_id=state.proposal_id,
        township_id=state.township_id,
        serial_no=state.serial_no,
        title=state.title,
        category=state.category or "society",
        lead_author_id=state.lead_author_id,
        co_author_ids=state.co_author_ids,
        task_ids=tuple(t.task_id for t in created),
        unit_ids=tuple(t.unit_id for t in created),
        roles=tuple(t.role for t in created),
        assigned_at=utc(cmd.at),
    )
    return [assigned, *created]


def assignment_warnings(
    assignments: Sequence[UnitAssignment], units: Units, lead_work_unit: str | None
) -> list[str]:
    """Warn, not block: a unit that is the lead author's own work unit (提案“回娘家”)."""
    work = (lead_work_unit or "").strip()
    if not work:
        return []
    warnings = []
    for a in assignments:
        unit = units.get(a.unit_id)
        if unit is not None and unit.name and (unit.name in work or work in unit.name):
            warnings.append(
                f"承办单位“{unit.name}”是第一提案人的工作单位（{work}），"
                "请注意避免提案“回娘家”，必要时调整承办单位"
            )
    return warnings


def check_roles(roles: Sequence[str]) -> None:
    """≥1 lead/sole/separate; at most one lead; co needs a lead; sole stands alone."""
    if not any(r in REPLY_ROLES for r in roles):
        raise Invalid("至少需要一个主办、独办或分办单位", code="no_replying_unit")
    if roles.count("lead") > 1:
        raise Invalid("一件提案只能有一个主办单位，其余请设为会办或分办", code="several_leads")
    if "sole" in roles and len(roles) > 1:
        raise Invalid("独办单位只能单独承办，不能再交其他单位", code="sole_not_alone")
    if "co" in roles and "lead" not in roles:
        raise Invalid("会办单位须配合主办单位，请指定一个主办单位", code="co_without_lead")


def _specs(
    assignments: Sequence[UnitAssignment], units: Units, taken: Sequence[str]
) -> list[UnitAssignment]:
    if not assignments:
        raise Invalid("请至少选择一个承办单位", code="units_required")
    specs = [
        UnitAssignment(unit_id=a.unit_id.strip(), role=choice(a.role, ROLE_LABELS, "承办方式"))
        for a in assignments
    ]
    ids = [s.unit_id for s in specs]
    dups = duplicates(ids)
    if dups:
        raise Invalid(f"同一单位不能重复交办：{'、'.join(dups)}", code="duplicate_units")
    for unit_id in ids:
        unit = units.get(unit_id)
        if unit is None or not unit.registered:
            raise Invalid(f"未找到承办单位“{unit_id}”，请先登记该承办单位", code="unknown_unit")
        if not unit.active:
            raise Invalid(f"承办单位“{unit.name}”已停用，不能交办", code="unit_inactive")
        if unit_id in taken:
            raise Invalid(f"“{unit.name}”已在承办该提案，不能重复交办", code="unit_has_task")
    return specs


def new_tasks(
    state: ProposalState,
    specs: Sequence[UnitAssignment],
    units: Units,
    at: datetime,
    calendar: WorkCalendar,
    config: LifecycleConfig,
    reassigned_from: str | None = None,
) -> list[HandlingTaskCreated]:
    day = today(at, config)
    return_due = add_working_days(day, config.return_window_working_days, calendar)
    created = []
    for index, spec in enumerate(specs, start=len(state.tasks) + 1):
        months = config.co_opinion_months if spec.role == "co" else config.reply_months
        due = due_after_months(day, months, calendar)
        created.append(
            HandlingTaskCreated(
                proposal_id=state.proposal_id,
                township_id=state.township_id,
                task_id=f"t{index}",
                unit_id=spec.unit_id,
                unit_name=units[spec.unit_id].name,
                role=spec.role,
                serial_no=state.serial_no,
                title=state.title,
                category=state.category or "society",
                is_key=state.is_key,
                lead_author_id=state.lead_author_id,
                assigned_at=utc(at),
                due_on=due,
                deadline_at=deadline_at(due, config),
                return_due_on=return_due,
                reassigned_from=reassigned_from,
            )
        )
    return created


def decide_accept_task(cmd: AcceptTask, state: ProposalState) -> list[DomainEvent]:
    """签收 (task assigned → accepted); the first one starts handling."""
    task = require_task(cmd, state, "签收")
    if task.status == TaskStatus.ACCEPTED:
        raise Rejected("贵单位已签收该任务，无需重复签收", code="already_accepted")
    if task.status == TaskStatus.RETURN_REQUESTED:
        raise Rejected("贵单位已申请退办，请等待交办机关处理", code="return_pending")
    accepted = HandlingTaskAccepted(
        proposal_id=state.proposal_id,
        township_id=state.township_id,
        task_id=task.task_id,
        unit_id=task.unit_id,
        accepted_at=utc(cmd.at),
    )
    return [accepted, *_started(state, cmd.at)]


def _started(state: ProposalState, at: datetime) -> list[DomainEvent]:
    if state.status != ProposalStatus.ASSIGNED:
        return []
    return [
        ProposalHandlingStarted(
            proposal_id=state.proposal_id,
            township_id=state.township_id,
            serial_no=state.serial_no,
            title=state.title,
            lead_author_id=state.lead_author_id,
            started_at=utc(at),
        )
    ]


def decide_request_return(
    cmd: RequestReturn, state: ProposalState, config: LifecycleConfig = DEFAULT_CONFIG
) -> list[DomainEvent]:
    """申请退办 within the configured window, before any handling work."""
    task = require_task(cmd, state, "申请退办")
    if task.status == TaskStatus.RETURN_REQUESTED:
        raise Rejected("已申请退办，请等待交办机关处理", code="return_pending")
    if any(r.task_id == task.task_id for r in state.replies.values()) or task.co_opinion:
        raise Rejected("该任务已开始答复或已提交会办意见，不能再申请退办", code="work_started")
    day = today(cmd.at, config)
    if day > task.return_due_on:
        raise Rejected(
            f"已超过退办申请期限（交办后{config.return_window_working_days}个工作日内，"
            f"截至{task.return_due_on}），请按期办理；确有困难请联系交办机关",
            code="return_window_passed",
        )
    units = tuple(u.strip() for u in cmd.suggested_units if u.strip())
    return [
        HandlingTaskReturnRequested(
            proposal_id=state.proposal_id,
            township_id=state.township_id,
            task_id=task.task_id,
            unit_id=task.unit_id,
            reason=required_text(cmd.reason, "退办理由"),
            suggested_units=units,
            requested_at=utc(cmd.at),
        )
    ]


def decide_approve_return(
    cmd: ApproveReturn,
    state: ProposalState,
    units: Units,
    calendar: WorkCalendar,
    config: LifecycleConfig = DEFAULT_CONFIG,
) -> list[DomainEvent]:
    """同意退办 (A4): the task is returned; new tasks (if any) take its place."""
    task = _pending_return(cmd, state)
    others = [t for t in state.active_tasks if t.task_id != task.task_id]
    specs = _specs(cmd.reassign_to, units, [t.unit_id for t in others]) if cmd.reassign_to else []
    check_roles([t.role for t in others] + [s.role for s in specs])
    if state.status == ProposalStatus.REPLIED and any(s.role in REPLY_ROLES for s in specs):
        raise Rejected("提案已全部答复，不能再增加主办、分办或独办单位", code="already_replied")
    created = new_tasks(state, specs, units, cmd.at, calendar, config, task.task_id)
    reassigned = HandlingTaskReassigned(
        proposal_id=state.proposal_id,
        township_id=state.township_id,
        task_id=task.task_id,
        unit_id=task.unit_id,
        new_task_ids=tuple(t.task_id for t in created),
        note=optional_text(cmd.note, "说明"),
        decided_at=utc(cmd.at),
    )
    events: list[DomainEvent] = [reassigned, *created]
    return events + completion_events(state, events, cmd.at)


def decide_reject_return(cmd: RejectReturn, state: ProposalState) -> list[DomainEvent]:
    """驳回退办 (A5): the unit keeps the task, now accepted."""
    task = _pending_return(cmd, state)
    rejected = HandlingTaskReturnRejected(
        proposal_id=state.proposal_id,
        township_id=state.township_id,
        task_id=task.task_id,
        unit_id=task.unit_id,
        reason=required_text(cmd.reason, "驳回理由"),
        decided_at=utc(cmd.at),
    )
    return [rejected, *_started(state, cmd.at)]


def _pending_return(cmd: ApproveReturn | RejectReturn, state: ProposalState) -> Task:
    require_existing(cmd, state)
    require_status(state, HANDLING_STATUSES, "处理退办申请")
    task = state.task(cmd.task_id)
    if task is None:
        raise NotFound("未找到该办理任务，请核对任务编号", code="task_not_found")
    if task.status != TaskStatus.RETURN_REQUESTED:
        raise Rejected("该任务没有待处理的退办申请", code="no_return_request")
    return task
