"""What the artifact handlers share: who counts as the office, the proposal reference
taken from the proposal aggregate, running a command, and the 201/202 answer."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from services.proposals.domain import ProposalState, proposal_decider
from services.proposals.domain.artifacts import ProposalRef
from shared.auth import Forbidden, Principal
from shared.commands import Decision, Target
from shared.http import Accepted
from shared.service import ServiceRuntime

from .access import OFFICE_ROLES

OFFICE_ONLY = "只有提案委员会或政协机关工作人员可以办理此事项。"


def require_office(principal: Principal, message: str = OFFICE_ONLY) -> None:
    if not principal.has(*OFFICE_ROLES):
        raise Forbidden(message)


def is_office(principal: Principal) -> bool:
    return principal.has(*OFFICE_ROLES)


def proposal_target(proposal_id: str) -> Target:
    """A proposal read as a guard (its state is only read; it gets a concurrency check)."""
    return Target(proposal_decider, proposal_id)


def proposal_ref(state: Any, proposal_id: str) -> ProposalRef:
    if not isinstance(state, ProposalState) or not state.exists:
        return ProposalRef(proposal_id=proposal_id)
    return ProposalRef(
        proposal_id=state.proposal_id,
        status=None if state.status is None else str(state.status.value),
        serial_no=state.serial_no,
        title=state.title,
        township_id=state.township_id,
        author_ids=state.author_ids,
        term_no=state.term_no,
        session_no=state.session_no,
    )


async def run(
    rt: ServiceRuntime,
    principal: Principal,
    name: str,
    targets: Sequence[Target],
    decide: Callable[[list[Any]], Decision],
    at: datetime,
) -> Accepted:
    """Execute and answer with the first target's id and where the events landed."""
    result = await rt.commands.execute(name, targets, decide, rt.context(principal, now=at))
    return Accepted(
        id=targets[0].aggregate_id,
        stream=result.stream,
        seq=result.last_seq,
        event_ids=result.event_ids,
    )
