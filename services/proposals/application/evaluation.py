"""Handlers of proposer evaluation, 逾期未评价, 重新办理 and 办结."""

from __future__ import annotations

from services.proposals.domain import ProposalState
from services.proposals.domain.commands_handling import (
    ConcludeProposal,
    EvaluateReply,
    OrderRehandling,
    RecordEvaluationLapsed,
)
from services.proposals.domain.decide import (
    decide_conclude_proposal,
    decide_evaluate_reply,
    decide_order_rehandling,
    decide_record_evaluation_lapsed,
)
from shared.auth import Forbidden, Principal
from shared.commands import Decision
from shared.http import Accepted
from shared.service import ServiceRuntime

from .access import OFFICE_ROLES
from .lifecycle import acting_as, config_of, on_proposal, require_role, work_calendar

OFFICE_ONLY = "只有提案委员会或政协机关工作人员可以进行此项操作。"


async def evaluate(rt: ServiceRuntime, principal: Principal, cmd: EvaluateReply) -> Accepted:
    """评价答复: an author online (for themself), or the office entering a paper form."""
    evaluator = cmd.evaluator_id.strip() or (principal.member_id or "")
    office = principal.has(*OFFICE_ROLES)
    if not evaluator:
        raise Forbidden("只有提案者本人可以评价答复；纸质评价表请由提案委员会录入。")
    cmd = cmd.model_copy(
        update={
            "evaluator_id": evaluator,
            "actor": acting_as(principal, evaluator),
            "by_office": office,
        }
    )
    config, calendar = config_of(rt), await work_calendar(rt)
    return await on_proposal(
        rt,
        principal,
        "evaluate_reply",
        cmd,
        lambda s: decide_evaluate_reply(cmd, s, calendar, config),
    )


async def evaluation_lapsed(
    rt: ServiceRuntime, principal: Principal, cmd: RecordEvaluationLapsed
) -> Accepted:
    """逾期未评价: the system's timer (or the office) records it after the window."""
    require_role(principal, OFFICE_ROLES, OFFICE_ONLY)
    config = config_of(rt)
    return await on_proposal(
        rt,
        principal,
        "evaluation_lapsed",
        cmd,
        lambda s: decide_record_evaluation_lapsed(cmd, s, config),
    )


async def order_rehandling(
    rt: ServiceRuntime, principal: Principal, cmd: OrderRehandling
) -> Accepted:
    require_role(principal, OFFICE_ROLES, OFFICE_ONLY)
    config, calendar = config_of(rt), await work_calendar(rt)

    def decide(state: ProposalState) -> Decision:
        return decide_order_rehandling(cmd, state, calendar, config)

    return await on_proposal(rt, principal, "order_rehandling", cmd, decide)


async def conclude(rt: ServiceRuntime, principal: Principal, cmd: ConcludeProposal) -> Accepted:
    require_role(principal, OFFICE_ROLES, OFFICE_ONLY)
    return await on_proposal(
        rt, principal, "conclude_proposal", cmd, lambda s: decide_conclude_proposal(cmd, s)
    )
