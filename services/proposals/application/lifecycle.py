"""Plumbing the lifecycle handlers share: run a command on one proposal, act as a member,
act as a handling unit, and the county's configuration and working-day calendar."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from services.proposals.application.artifacts_calendar import load_work_calendar
from services.proposals.config_lifecycle import lifecycle_config
from services.proposals.domain import ProposalState, member_principal, proposal_decider
from services.proposals.domain.calendar import WorkCalendar
from services.proposals.domain.commands import ProposalCommand
from services.proposals.domain.config import LifecycleConfig
from shared.auth import Forbidden, Principal
from shared.commands import CommandResult, Decision, Target
from shared.http import Accepted
from shared.service import ServiceRuntime

__all__ = ["LifecycleConfig", "WorkCalendar", "lifecycle_config"]

UNIT_ROLE = "handling_unit"


def accepted(aggregate_id: str, result: CommandResult) -> Accepted:
    return Accepted(
        id=aggregate_id, stream=result.stream, seq=result.last_seq, event_ids=result.event_ids
    )


async def work_calendar(rt: ServiceRuntime) -> WorkCalendar:
    """Holidays and adjusted working days the office maintains (reference data)."""
    return await load_work_calendar(rt.db)


def require_role(principal: Principal, roles: Sequence[str], message: str) -> None:
    if not principal.has(*roles):
        raise Forbidden(message)


def acting_as(principal: Principal, member_id: str) -> str:
    """`member:<id>` when the principal is that member, else the principal itself."""
    return (
        member_principal(member_id) if member_id in principal.scoped("member") else principal.actor
    )


def require_unit_role(principal: Principal) -> None:
    if not principal.scoped(UNIT_ROLE):
        raise Forbidden("只有承办单位可以办理提案任务。")


def require_unit_of(principal: Principal, state: ProposalState, task_id: str) -> None:
    """The task must be assigned to one of the principal's units (403 otherwise)."""
    task = state.task(task_id) if state.exists else None
    if task is not None and task.unit_id not in principal.scoped(UNIT_ROLE):
        raise Forbidden(
            f"该任务交由“{task.unit_name}”办理，贵单位无权操作；请只办理交给本单位的任务。"
        )


async def on_proposal(
    rt: ServiceRuntime,
    principal: Principal,
    name: str,
    cmd: ProposalCommand,
    decide: Callable[[ProposalState], Decision],
    extra: Sequence[Target] = (),
    extra_decide: Callable[[list[Any]], Decision] | None = None,
) -> Accepted:
    """Load → decide → append on the proposal (plus `extra` read/written aggregates)."""
    targets = [Target(proposal_decider, cmd.proposal_id), *extra]

    def run(states: list[Any]) -> Decision:
        return extra_decide(states) if extra_decide else decide(states[0])

    result = await rt.commands.execute(name, targets, run, rt.context(principal, now=cmd.at))
    return accepted(cmd.proposal_id, result)


async def as_unit(
    rt: ServiceRuntime,
    principal: Principal,
    name: str,
    cmd: ProposalCommand,
    task_id: str,
    decide: Callable[[ProposalState], Decision],
) -> Accepted:
    """A handling unit's command on one of its own tasks."""
    require_unit_role(principal)

    def checked(state: ProposalState) -> Decision:
        require_unit_of(principal, state, task_id)
        return decide(state)

    return await on_proposal(rt, principal, name, cmd, checked)


def config_of(rt: ServiceRuntime) -> LifecycleConfig:
    return lifecycle_config(rt)
