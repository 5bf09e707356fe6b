"""Policy: 交办 issues the 交办单 (DOMAIN §2.10 “一单”).

On `proposal.assigned` and on `proposal.handling_task_reassigned` (退办 approved, other
units take over), the proposal's active handling tasks become the slip: units and roles,
the reply deadline (the latest due date of the replying tasks), the supervising leaders of
a key proposal. Exactly-once effect: the slip id derives from the proposal id and the
decider answers nothing when the slip already says the same; a changed assignment is
recorded as the slip's next revision.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import structlog

from services.proposals.domain import ProposalState
from services.proposals.domain.artifacts import assignment_slip as slip
from services.proposals.domain.calendar import WorkCalendar
from services.proposals.domain.events_handling import HandlingTaskReassigned, ProposalAssigned
from services.proposals.projections.registries import read_registry
from shared.commands import Target
from shared.domain import DomainError
from shared.events import DomainEvent, RecordedEvent
from shared.policy import Policy

from .artifacts_common import proposal_ref, proposal_target
from .artifacts_config import load_artifacts_config
from .artifacts_slips import assignment_slip_id

log = structlog.get_logger(__name__)


def slip_command(
    proposal_id: str, state: ProposalState, cause: RecordedEvent
) -> slip.IssueAssignmentSlip:
    """The slip the proposal's current assignment asks for (time: the cause's)."""
    tasks = state.active_tasks
    reply_due: list[date] = [t.due_on for t in tasks if t.replies_to_proposer]
    return slip.IssueAssignmentSlip(
        actor="system",
        at=cause.meta.time,
        slip_id=assignment_slip_id(proposal_id),
        proposal_id=proposal_id,
        units=[slip.SlipUnit(unit_id=t.unit_id, unit_name=t.unit_name, role=t.role) for t in tasks],
        deadline=max(reply_due) if reply_due else None,
        supervising_leader="、".join(state.key_leader_ids),
    )


class AssignmentSlipOnAssignment(Policy):
    name = "assignment_slip_on_assignment"
    sources = ("PROPOSALS",)
    registry = read_registry

    def define(self) -> None:
        self.config = load_artifacts_config()
        self.react(ProposalAssigned, self.assigned)
        self.react(HandlingTaskReassigned, self.assigned)

    async def assigned(self, cause: RecordedEvent) -> None:
        proposal_id = cause.aggregate_id

        def decide(states: list[Any]) -> list[DomainEvent]:
            proposal = states[1]
            if not isinstance(proposal, ProposalState) or not proposal.active_tasks:
                return []
            cmd = slip_command(proposal_id, proposal, cause)
            ref = proposal_ref(proposal, proposal_id)
            # the deadline comes from the tasks, so the calendar is never consulted
            return slip.decide_issue_assignment_slip(
                cmd, states[0], ref, WorkCalendar(), self.config
            )

        targets = [
            Target(slip.assignment_slip_decider, assignment_slip_id(proposal_id)),
            proposal_target(proposal_id),
        ]
        try:
            await self.commands.execute(
                "issue_assignment_slip", targets, decide, self.context_for(cause)
            )
        except DomainError as exc:
            if exc.code == "concurrency":
                raise  # the runner retries the cause
            log.warning("assignment_slip_rejected", proposal_id=proposal_id, error=exc.message)
