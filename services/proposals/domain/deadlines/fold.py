"""Folding deadline reminders: the proposal remembers each one recorded."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from shared.events import DomainEvent

from ..model import DeadlineMark, ProposalState
from .events import DeadlineEvent, ProposalDeadlineApproaching, ProposalOverdue


def mark_of(event: DeadlineEvent) -> DeadlineMark:
    threshold = event.threshold_days if isinstance(event, ProposalDeadlineApproaching) else None
    return DeadlineMark(event.task_id, event.kind, event.round, event.due_on, threshold)


def _marked(state: ProposalState, event: DeadlineEvent) -> ProposalState:
    return replace(state, deadline_marks=state.deadline_marks | {mark_of(event)})


FOLDS: dict[type[DomainEvent], Callable[[ProposalState, Any], ProposalState]] = {
    ProposalDeadlineApproaching: _marked,
    ProposalOverdue: _marked,
}
