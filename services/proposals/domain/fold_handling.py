"""Folding 交办 and handling-task events."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from shared.events import DomainEvent

from .events_handling import (
    CoHandlerOpinionSubmitted,
    ExtensionGranted,
    ExtensionRequested,
    HandlingContactRecorded,
    HandlingTaskAccepted,
    HandlingTaskCreated,
    HandlingTaskReassigned,
    HandlingTaskReturnRejected,
    HandlingTaskReturnRequested,
    ProposalAssigned,
    ProposalHandlingStarted,
)
from .model import ProposalState, ProposalStatus, Task, TaskStatus


def with_task(state: ProposalState, task_id: str, **changes: Any) -> ProposalState:
    tasks = tuple(replace(t, **changes) if t.task_id == task_id else t for t in state.tasks)
    return replace(state, tasks=tasks)


def _assigned(state: ProposalState, e: ProposalAssigned) -> ProposalState:
    return replace(state, status=ProposalStatus.ASSIGNED, assigned_at=e.assigned_at)


def _task_created(state: ProposalState, e: HandlingTaskCreated) -> ProposalState:
    task = Task(
        task_id=e.task_id,
        unit_id=e.unit_id,
        unit_name=e.unit_name,
        role=e.role,
        status=TaskStatus.ASSIGNED,
        assigned_at=e.assigned_at,
        due_on=e.due_on,
        return_due_on=e.return_due_on,
    )
    return replace(state, tasks=(*state.tasks, task))


def _accepted(state: ProposalState, e: HandlingTaskAccepted) -> ProposalState:
    return with_task(state, e.task_id, status=TaskStatus.ACCEPTED, accepted_at=e.accepted_at)


def _started(state: ProposalState, e: ProposalHandlingStarted) -> ProposalState:
    return replace(state, status=ProposalStatus.IN_HANDLING)


def _return_requested(state: ProposalState, e: HandlingTaskReturnRequested) -> ProposalState:
    return with_task(state, e.task_id, status=TaskStatus.RETURN_REQUESTED, return_reason=e.reason)


def _reassigned(state: ProposalState, e: HandlingTaskReassigned) -> ProposalState:
    return with_task(state, e.task_id, status=TaskStatus.RETURNED)


def _return_rejected(state: ProposalState, e: HandlingTaskReturnRejected) -> ProposalState:
    task = state.task(e.task_id)
    accepted_at = (task.accepted_at if task else None) or e.decided_at
    return with_task(state, e.task_id, status=TaskStatus.ACCEPTED, accepted_at=accepted_at)


def _contact(state: ProposalState, e: HandlingContactRecorded) -> ProposalState:
    task = state.task(e.task_id)
    return with_task(state, e.task_id, contacts=(task.contacts if task else 0) + 1)


def _co_opinion(state: ProposalState, e: CoHandlerOpinionSubmitted) -> ProposalState:
    return with_task(state, e.task_id, co_opinion=e.opinion, co_opinion_round=e.round)


def _extension_requested(state: ProposalState, e: ExtensionRequested) -> ProposalState:
    return with_task(state, e.task_id, extension_pending=True)


def _extension_granted(state: ProposalState, e: ExtensionGranted) -> ProposalState:
    return with_task(state, e.task_id, extension_pending=False, due_on=e.due_on)


FOLDS: dict[type[DomainEvent], Callable[[ProposalState, Any], ProposalState]] = {
    ProposalAssigned: _assigned,
    HandlingTaskCreated: _task_created,
    HandlingTaskAccepted: _accepted,
    ProposalHandlingStarted: _started,
    HandlingTaskReturnRequested: _return_requested,
    HandlingTaskReassigned: _reassigned,
    HandlingTaskReturnRejected: _return_rejected,
    HandlingContactRecorded: _contact,
    CoHandlerOpinionSubmitted: _co_opinion,
    ExtensionRequested: _extension_requested,
    ExtensionGranted: _extension_granted,
}
