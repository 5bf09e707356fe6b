"""Handlers of 交办, 签收/退办 and the handling units' work on their tasks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from services.proposals.domain import ProposalState, proposal_decider
from services.proposals.domain.commands_handling import (
    AcceptTask,
    ApproveReply,
    ApproveReturn,
    AssignProposal,
    CosignReply,
    DraftReply,
    GrantExtension,
    RateProposalQuality,
    RecordHandlingContact,
    RejectReply,
    RejectReturn,
    RequestExtension,
    RequestReplyCosign,
    RequestReturn,
    SubmitCoOpinion,
    SubmitReplyForReview,
    UnitAssignment,
)
from services.proposals.domain.decide import (
    assignment_warnings,
    decide_accept_task,
    decide_approve_reply,
    decide_approve_return,
    decide_assign_proposal,
    decide_cosign_reply,
    decide_draft_reply,
    decide_grant_extension,
    decide_rate_quality,
    decide_record_contact,
    decide_reject_reply,
    decide_reject_return,
    decide_request_extension,
    decide_request_reply_cosign,
    decide_request_return,
    decide_submit_co_opinion,
    decide_submit_reply,
)
from services.proposals.domain.units import HandlingUnitState, unit_decider
from services.proposals.projections.member_reference import MemberReference
from shared.auth import Principal
from shared.commands import Decision, Target
from shared.http import Accepted
from shared.service import ServiceRuntime

from .access import ASSIGNING_ROLES, EXTENSION_ROLES, SUPERVISING_ROLES
from .lifecycle import as_unit, config_of, on_proposal, require_role, work_calendar
from .lookup import projection

ASSIGNING_ONLY = "只有交办机关（县委办、县政府办督查室）或政协机关可以交办提案、处理退办申请。"
SUPERVISING_ONLY = "只有督办部门或政协机关可以审核答复。"
EXTENSION_ONLY = "只有提案委员会、督办部门或政协机关可以批准延期。"


def _unit_targets(assignments: Sequence[UnitAssignment]) -> list[Target]:
    ids = dict.fromkeys(a.unit_id.strip() for a in assignments if a.unit_id.strip())
    return [Target(unit_decider, unit_id) for unit_id in ids]


def _units(targets: list[Target], states: list[Any]) -> dict[str, HandlingUnitState]:
    return {t.aggregate_id: s for t, s in zip(targets, states, strict=True)}


async def assign(
    rt: ServiceRuntime, principal: Principal, cmd: AssignProposal
) -> tuple[Accepted, list[str]]:
    """交办: the named units are read (and concurrency-checked) with the proposal."""
    require_role(principal, ASSIGNING_ROLES, ASSIGNING_ONLY)
    config, calendar = config_of(rt), await work_calendar(rt)
    cmd = await _with_work_unit(rt, cmd)
    targets = _unit_targets(cmd.assignments)
    warnings: list[str] = []

    def decide(states: list[Any]) -> Decision:
        proposal: ProposalState = states[0]
        units = _units(targets, states[1:])
        events = decide_assign_proposal(cmd, proposal, units, calendar, config)
        warnings[:] = assignment_warnings(cmd.assignments, units, cmd.lead_work_unit)
        return events

    done = await on_proposal(
        rt, principal, "assign_proposal", cmd, lambda s: [], targets, extra_decide=decide
    )
    return done, warnings


async def _with_work_unit(rt: ServiceRuntime, cmd: AssignProposal) -> AssignProposal:
    state, _ = await rt.commands.state_of(Target(proposal_decider, cmd.proposal_id))
    if not isinstance(state, ProposalState) or not state.lead_author_id:
        return cmd
    async with rt.db.read() as conn:
        work = await projection(rt, MemberReference).work_unit_of(conn, state.lead_author_id)
    return cmd.model_copy(update={"lead_work_unit": work})


async def approve_return(rt: ServiceRuntime, principal: Principal, cmd: ApproveReturn) -> Accepted:
    require_role(principal, ASSIGNING_ROLES, ASSIGNING_ONLY)
    config, calendar = config_of(rt), await work_calendar(rt)
    targets = _unit_targets(cmd.reassign_to)

    def decide(states: list[Any]) -> Decision:
        units = _units(targets, states[1:])
        return decide_approve_return(cmd, states[0], units, calendar, config)

    return await on_proposal(
        rt, principal, "approve_return", cmd, lambda s: [], targets, extra_decide=decide
    )


async def reject_return(rt: ServiceRuntime, principal: Principal, cmd: RejectReturn) -> Accepted:
    require_role(principal, ASSIGNING_ROLES, ASSIGNING_ONLY)
    return await on_proposal(
        rt, principal, "reject_return", cmd, lambda s: decide_reject_return(cmd, s)
    )


async def accept(rt: ServiceRuntime, principal: Principal, cmd: AcceptTask) -> Accepted:
    return await as_unit(
        rt, principal, "accept_task", cmd, cmd.task_id, lambda s: decide_accept_task(cmd, s)
    )


async def request_return(rt: ServiceRuntime, principal: Principal, cmd: RequestReturn) -> Accepted:
    config = config_of(rt)
    return await as_unit(
        rt,
        principal,
        "request_return",
        cmd,
        cmd.task_id,
        lambda s: decide_request_return(cmd, s, config),
    )


async def co_opinion(rt: ServiceRuntime, principal: Principal, cmd: SubmitCoOpinion) -> Accepted:
    return await as_unit(
        rt, principal, "co_opinion", cmd, cmd.task_id, lambda s: decide_submit_co_opinion(cmd, s)
    )


async def draft_reply(rt: ServiceRuntime, principal: Principal, cmd: DraftReply) -> Accepted:
    config = config_of(rt)
    return await as_unit(
        rt, principal, "draft_reply", cmd, cmd.task_id, lambda s: decide_draft_reply(cmd, s, config)
    )


async def request_cosign(
    rt: ServiceRuntime, principal: Principal, cmd: RequestReplyCosign
) -> Accepted:
    return await as_unit(
        rt,
        principal,
        "request_reply_cosign",
        cmd,
        cmd.task_id,
        lambda s: decide_request_reply_cosign(cmd, s),
    )


async def cosign(rt: ServiceRuntime, principal: Principal, cmd: CosignReply) -> Accepted:
    return await as_unit(
        rt, principal, "cosign_reply", cmd, cmd.task_id, lambda s: decide_cosign_reply(cmd, s)
    )


async def submit_reply(
    rt: ServiceRuntime, principal: Principal, cmd: SubmitReplyForReview
) -> Accepted:
    return await as_unit(
        rt, principal, "submit_reply", cmd, cmd.task_id, lambda s: decide_submit_reply(cmd, s)
    )


async def approve_reply(rt: ServiceRuntime, principal: Principal, cmd: ApproveReply) -> Accepted:
    require_role(principal, SUPERVISING_ROLES, SUPERVISING_ONLY)
    config, calendar = config_of(rt), await work_calendar(rt)
    return await on_proposal(
        rt,
        principal,
        "approve_reply",
        cmd,
        lambda s: decide_approve_reply(cmd, s, calendar, config),
    )


async def reject_reply(rt: ServiceRuntime, principal: Principal, cmd: RejectReply) -> Accepted:
    require_role(principal, SUPERVISING_ROLES, SUPERVISING_ONLY)
    return await on_proposal(
        rt, principal, "reject_reply", cmd, lambda s: decide_reject_reply(cmd, s)
    )


async def request_extension(
    rt: ServiceRuntime, principal: Principal, cmd: RequestExtension
) -> Accepted:
    config = config_of(rt)
    return await as_unit(
        rt,
        principal,
        "request_extension",
        cmd,
        cmd.task_id,
        lambda s: decide_request_extension(cmd, s, config),
    )


async def grant_extension(
    rt: ServiceRuntime, principal: Principal, cmd: GrantExtension
) -> Accepted:
    require_role(principal, EXTENSION_ROLES, EXTENSION_ONLY)
    config = config_of(rt)
    return await on_proposal(
        rt, principal, "grant_extension", cmd, lambda s: decide_grant_extension(cmd, s, config)
    )


async def record_contact(
    rt: ServiceRuntime, principal: Principal, cmd: RecordHandlingContact
) -> Accepted:
    config = config_of(rt)
    return await as_unit(
        rt,
        principal,
        "record_contact",
        cmd,
        cmd.task_id,
        lambda s: decide_record_contact(cmd, s, config),
    )


async def rate_quality(
    rt: ServiceRuntime, principal: Principal, cmd: RateProposalQuality
) -> Accepted:
    return await as_unit(
        rt, principal, "rate_quality", cmd, cmd.task_id, lambda s: decide_rate_quality(cmd, s)
    )
