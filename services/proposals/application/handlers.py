"""Command handlers: check who may act, load → decide → append via the command runner.

The API builds the domain command (id, actor, time, user input); a handler adds what the
application knows (the authors' liaison groups from `member_reference`), checks the
principal's role, and executes against the event store.
"""

from __future__ import annotations

import asyncio
import contextlib
from typing import Any

from services.proposals.config_lifecycle import lifecycle_config
from services.proposals.domain import (
    DeclineRegistration,
    ProposalRegistered,
    ProposalState,
    RegisterProposal,
    StartReview,
    SubmitProposal,
    WithdrawProposal,
    decide_register_proposal,
    decide_start_review,
    decide_submit_proposal,
    decide_withdraw_proposal,
    member_principal,
    proposal_decider,
    register_decider,
    register_id,
)
from services.proposals.domain.decisions import decide_decline_proposal
from services.proposals.projections.member_reference import (
    MemberReference,
    names_of,
    townships_of,
)
from shared.auth import Forbidden, Principal
from shared.commands import CommandResult, ConflictExhausted, Target
from shared.domain import Invalid, NotFound
from shared.events import DomainEvent
from shared.http import Accepted
from shared.ids import stable_id
from shared.service import ServiceRuntime

from .access import OFFICE_ROLES
from .lookup import projection

# Registrations of one session queue up on its register; across processes the
# concurrency check decides, and a loser simply tries again a few more times.
REGISTER_ROUNDS = 3


def accepted(aggregate_id: str, result: CommandResult) -> Accepted:
    return Accepted(
        id=aggregate_id, stream=result.stream, seq=result.last_seq, event_ids=result.event_ids
    )


def require_office(principal: Principal) -> None:
    if not principal.has(*OFFICE_ROLES):
        raise Forbidden("只有提案委员会或政协机关工作人员可以审查、立案或作不予立案处理。")


# --- submit ---------------------------------------------------------------------------


async def submit(rt: ServiceRuntime, principal: Principal, cmd: SubmitProposal) -> Accepted:
    """提交提案: a member for themself, or the office on a member's behalf."""
    if not principal.scoped("member") and not principal.has(*OFFICE_ROLES):
        raise Forbidden("只有委员本人或提案委、政协机关工作人员可以提交提案。")
    lead = cmd.lead_author_id.strip() or (principal.member_id or "")
    if not lead:
        raise Invalid("请填写第一提案人（lead_author_id）", code="lead_author_required")
    if lead not in principal.scoped("member") and not principal.has(*OFFICE_ROLES):
        raise Forbidden(
            "委员只能以本人为第一提案人提交提案；代委员提交请使用提案委或政协机关账号。"
        )
    cmd = await _with_authors(rt, cmd.model_copy(update={"lead_author_id": lead}))
    config = lifecycle_config(rt)
    result = await rt.commands.execute(
        "submit_proposal",
        [Target(proposal_decider, cmd.proposal_id, new=True)],
        lambda states: decide_submit_proposal(cmd, states[0], config),
        rt.context(principal, now=cmd.at),
    )
    return accepted(cmd.proposal_id, result)


async def _with_authors(rt: ServiceRuntime, cmd: SubmitProposal) -> SubmitProposal:
    """Fill in the authors' liaison groups and names from the member roll."""
    authors = [cmd.lead_author_id.strip(), *(c.strip() for c in cmd.co_author_ids)]
    async with rt.db.read() as conn:
        refs = await projection(rt, MemberReference).lookup(conn, authors)
    lead = refs.get(authors[0])
    return cmd.model_copy(
        update={
            "township_id": lead.township_id if lead else None,
            "author_township_ids": townships_of(refs),
            "author_names": names_of(refs),
        }
    )


# --- review, register, decline ----------------------------------------------------------


async def start_review(rt: ServiceRuntime, principal: Principal, cmd: StartReview) -> Accepted:
    require_office(principal)
    result = await rt.commands.execute(
        "start_review",
        [Target(proposal_decider, cmd.proposal_id)],
        lambda states: decide_start_review(cmd, states[0]),
        rt.context(principal, now=cmd.at),
    )
    return accepted(cmd.proposal_id, result)


async def register(
    rt: ServiceRuntime, principal: Principal, cmd: RegisterProposal
) -> tuple[Accepted, str]:
    """立案: the proposal and its session's serial-number register change atomically."""
    require_office(principal)
    state = await _existing(rt, cmd.proposal_id)
    assert state.period is not None
    rid = register_id(state.term_no, state.session_no, state.period)
    targets = [Target(proposal_decider, cmd.proposal_id), Target(register_decider, rid)]
    locks: dict[str, asyncio.Lock] = rt.extras.setdefault("register_locks", {})
    async with locks.setdefault(rid, asyncio.Lock()):
        result = await _register_patiently(rt, principal, cmd, targets)
    serial = next(e.serial_no for _, e in result.events if isinstance(e, ProposalRegistered))
    return accepted(cmd.proposal_id, result), serial


async def _register_patiently(
    rt: ServiceRuntime, principal: Principal, cmd: RegisterProposal, targets: list[Target]
) -> CommandResult:
    config = lifecycle_config(rt)

    async def attempt() -> CommandResult:
        return await rt.commands.execute(
            "register_proposal",
            targets,
            lambda states: decide_register_proposal(cmd, states[0], states[1], config),
            rt.context(principal, now=cmd.at),
        )

    for _ in range(REGISTER_ROUNDS - 1):
        with contextlib.suppress(ConflictExhausted):
            return await attempt()
    return await attempt()


async def _existing(rt: ServiceRuntime, proposal_id: str) -> ProposalState:
    state, _ = await rt.commands.state_of(Target(proposal_decider, proposal_id))
    if not isinstance(state, ProposalState) or not state.exists:
        raise NotFound("未找到该提案，请核对提案编号后重试", code="proposal_not_found")
    return state


async def decline(rt: ServiceRuntime, principal: Principal, cmd: DeclineRegistration) -> Accepted:
    """不予立案, and route the content (§2.4.3): a 社情民意 report gets a derived id."""
    require_office(principal)
    report_id = stable_id(cmd.proposal_id, "opinion_report")
    cmd = cmd.model_copy(update={"opinion_report_id": report_id})
    config = lifecycle_config(rt)
    result = await rt.commands.execute(
        "decline_registration",
        [Target(proposal_decider, cmd.proposal_id)],
        lambda states: decide_decline_proposal(cmd, states[0], config),
        rt.context(principal, now=cmd.at),
    )
    return accepted(cmd.proposal_id, result)


# --- withdraw ---------------------------------------------------------------------------


async def withdraw(rt: ServiceRuntime, principal: Principal, cmd: WithdrawProposal) -> Accepted:
    """撤案: only the lead author, acting as themself (the domain checks the actor)."""

    def decide(states: list[Any]) -> list[DomainEvent]:
        lead = states[0].lead_author_id
        actor = member_principal(lead) if lead in principal.scoped("member") else cmd.actor
        return decide_withdraw_proposal(cmd.model_copy(update={"actor": actor}), states[0])

    result = await rt.commands.execute(
        "withdraw_proposal",
        [Target(proposal_decider, cmd.proposal_id)],
        decide,
        rt.context(principal, now=cmd.at),
    )
    return accepted(cmd.proposal_id, result)
