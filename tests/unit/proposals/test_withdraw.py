"""WithdrawProposal (撤案) by the lead author, before 交办."""

from __future__ import annotations

from dataclasses import replace

import pytest

from services.proposals.domain import (
    ProposalStatus,
    ProposalWithdrawn,
    decide_decline_registration,
    decide_start_review,
    decide_withdraw_proposal,
    member_principal,
)
from shared.domain import DomainError

from .helpers import (
    AT,
    CO1,
    CO2,
    LEAD,
    PID,
    decline_cmd,
    given,
    joint_cmd,
    registered,
    start_review_cmd,
    submitted,
    withdraw_cmd,
)


def test_lead_author_withdraws_a_submitted_proposal() -> None:
    events = decide_withdraw_proposal(
        withdraw_cmd(reason=" 问题已解决 "), given(submitted(joint_cmd()))
    )

    assert events == [
        ProposalWithdrawn(
            proposal_id=PID,
            township_id="chengguan",
            reason="问题已解决",
            serial_no=None,
            title="关于加快农村生活污水治理的建议",
            lead_author_id=LEAD,
            co_author_ids=(CO1, CO2),
            withdrawn_at=AT,
        )
    ]
    state = given(submitted(joint_cmd()) + events)
    assert state.status is ProposalStatus.WITHDRAWN
    assert state.is_terminal
    assert state.withdrawal_reason == "问题已解决"
    assert state.withdrawn_at == AT


def test_withdraw_under_review() -> None:
    history = submitted() + decide_start_review(start_review_cmd(), given(submitted()))

    [event] = decide_withdraw_proposal(withdraw_cmd(), given(history))

    assert isinstance(event, ProposalWithdrawn)
    assert event.reason is None


def test_withdrawn_registered_proposal_keeps_its_serial_no() -> None:
    [event] = decide_withdraw_proposal(withdraw_cmd(), given(registered()))

    assert isinstance(event, ProposalWithdrawn)
    assert event.serial_no == "10-3-D001"
    assert given([*registered(), event]).serial_no == "10-3-D001"


def test_member_principal() -> None:
    assert member_principal(LEAD) == f"member:{LEAD}"


@pytest.mark.parametrize("actor", [f"member:{CO1}", "staff:clerk-1", LEAD])
def test_only_the_lead_author_may_withdraw(actor: str) -> None:
    with pytest.raises(DomainError) as info:
        decide_withdraw_proposal(withdraw_cmd(actor=actor), given(submitted(joint_cmd())))

    assert info.value.kind == "forbidden"
    assert "只有第一提案人本人可以撤回提案" in info.value.message


def test_cannot_withdraw_twice() -> None:
    history = submitted() + decide_withdraw_proposal(withdraw_cmd(), given(submitted()))

    with pytest.raises(DomainError) as info:
        decide_withdraw_proposal(withdraw_cmd(), given(history))

    assert info.value.kind == "conflict"
    assert info.value.message == "提案当前状态为“已撤案”，不能撤案"


def test_cannot_withdraw_a_declined_proposal() -> None:
    history = submitted() + decide_decline_registration(decline_cmd(), given(submitted()))

    with pytest.raises(DomainError) as info:
        decide_withdraw_proposal(withdraw_cmd(), given(history))

    assert info.value.message == "提案当前状态为“不予立案”，不能撤案"


def test_cannot_withdraw_after_assignment() -> None:
    state = replace(given(registered()), status=ProposalStatus.ASSIGNED)

    with pytest.raises(DomainError) as info:
        decide_withdraw_proposal(withdraw_cmd(), state)

    assert info.value.kind == "conflict"
    assert "提案当前状态为“已交办”，不能撤案" in info.value.message
    assert "请联系提案委员会" in info.value.message


def test_reason_too_long() -> None:
    with pytest.raises(DomainError) as info:
        decide_withdraw_proposal(withdraw_cmd(reason="字" * 501), given(submitted()))

    assert info.value.kind == "invalid"
    assert "撤案理由不能超过500个字" in info.value.message


def test_withdraw_unknown_proposal_is_not_found() -> None:
    with pytest.raises(DomainError) as info:
        decide_withdraw_proposal(withdraw_cmd(), given([]))

    assert info.value.kind == "not_found"
    assert "未找到该提案" in info.value.message
