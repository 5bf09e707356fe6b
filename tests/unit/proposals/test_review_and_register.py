"""StartReview and RegisterProposal (立案, two aggregates: proposal + serial register)."""

from __future__ import annotations

import pytest

from services.proposals.domain import (
    ProposalRegistered,
    ProposalReviewStarted,
    ProposalState,
    ProposalStatus,
    RegisterState,
    SerialNumberAllocated,
    decide_decline_registration,
    decide_register,
    decide_register_proposal,
    decide_start_review,
    decide_withdraw_proposal,
    format_serial_no,
    register_decider,
    register_id,
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
    register_after,
    register_cmd,
    registered,
    start_review_cmd,
    submit_cmd,
    submitted,
    withdraw_cmd,
)

# --- start review -------------------------------------------------------------------------


def test_start_review() -> None:
    events = decide_start_review(start_review_cmd(), given(submitted()))

    assert events == [
        ProposalReviewStarted(
            proposal_id=PID, township_id="chengguan", lead_author_id=LEAD, review_started_at=AT
        )
    ]
    state = given(submitted() + events)
    assert state.status is ProposalStatus.UNDER_REVIEW
    assert state.review_started_at == AT


def test_cannot_start_review_twice() -> None:
    history = submitted() + decide_start_review(start_review_cmd(), given(submitted()))

    with pytest.raises(DomainError) as info:
        decide_start_review(start_review_cmd(), given(history))

    assert info.value.kind == "conflict"
    assert info.value.message == "提案当前状态为“审查中”，不能开始审查"


def test_cannot_start_review_of_a_registered_proposal() -> None:
    with pytest.raises(DomainError) as info:
        decide_start_review(start_review_cmd(), given(registered()))

    assert info.value.message == "提案当前状态为“已立案”，不能开始审查"


def test_start_review_of_unknown_proposal_is_not_found() -> None:
    with pytest.raises(DomainError) as info:
        decide_start_review(start_review_cmd(), ProposalState())

    assert info.value.kind == "not_found"
    assert "未找到该提案" in info.value.message


# --- register ------------------------------------------------------------------------------


def test_register_id_and_serial_format() -> None:
    assert register_id(10, 3, "plenary") == "10-3-plenary"
    assert format_serial_no(10, 3, "plenary", 45) == "10-3-D045"
    assert format_serial_no(10, 3, "interim", 7) == "10-3-P007"
    assert format_serial_no(10, 3, "plenary", 1234) == "10-3-D1234"


def test_first_registration_of_a_session_gets_number_one() -> None:
    pairs = decide_register_proposal(register_cmd(), given(submitted(joint_cmd())), RegisterState())

    assert pairs == [
        (
            "10-3-plenary",
            SerialNumberAllocated(
                term_no=10,
                session_no=3,
                period="plenary",
                seq=1,
                serial_no="10-3-D001",
                proposal_id=PID,
            ),
        ),
        (
            PID,
            ProposalRegistered(
                proposal_id=PID,
                township_id="chengguan",
                serial_no="10-3-D001",
                term_no=10,
                session_no=3,
                period="plenary",
                category="ecology",
                title="关于加快农村生活污水治理的建议",
                lead_author_id=LEAD,
                co_author_ids=(CO1, CO2),
                registered_at=AT,
            ),
        ),
    ]


def test_registration_takes_the_next_number_of_the_register() -> None:
    pairs = decide_register(register_cmd(), given(submitted()), register_after(44))

    [(rid, allocated), (pid, registered_event)] = pairs
    assert (rid, pid) == ("10-3-plenary", PID)
    assert isinstance(allocated, SerialNumberAllocated)
    assert isinstance(registered_event, ProposalRegistered)
    assert allocated.seq == 45
    assert allocated.serial_no == registered_event.serial_no == "10-3-D045"


def test_interim_proposal_uses_the_interim_register() -> None:
    pairs = decide_register_proposal(
        register_cmd(), given(submitted(submit_cmd(period="interim"))), RegisterState()
    )

    assert [aid for aid, _ in pairs] == ["10-3-interim", PID]
    assert isinstance(pairs[1][1], ProposalRegistered)
    assert pairs[1][1].serial_no == "10-3-P001"


def test_register_from_under_review() -> None:
    history = submitted() + decide_start_review(start_review_cmd(), given(submitted()))

    pairs = decide_register_proposal(register_cmd(), given(history), RegisterState())

    state = given(history + [e for aid, e in pairs if aid == PID])
    assert state.status is ProposalStatus.REGISTERED
    assert state.serial_no == "10-3-D001"
    assert state.registered_at == AT


def test_register_state_evolves() -> None:
    pairs = decide_register_proposal(register_cmd(), given(submitted()), register_after(2))
    state = register_decider.fold(
        [e for aid, e in pairs if aid == "10-3-plenary"], register_after(2)
    )

    assert state == RegisterState(
        register_id="10-3-plenary",
        term_no=10,
        session_no=3,
        period="plenary",
        last_seq=3,
        last_serial_no="10-3-D003",
    )
    assert state.next_seq == 4


def test_committee_may_correct_the_category_at_registration() -> None:
    pairs = decide_register_proposal(
        register_cmd(category="society"), given(submitted()), RegisterState()
    )

    event = pairs[1][1]
    assert isinstance(event, ProposalRegistered)
    assert event.category == "society"
    assert given([*submitted(), event]).category == "society"


def test_invalid_category_at_registration() -> None:
    with pytest.raises(DomainError) as info:
        decide_register_proposal(register_cmd(category="x"), given(submitted()), RegisterState())

    assert info.value.kind == "invalid"
    assert "提案类别“x”无效" in info.value.message
    assert "社会建设（society）" in info.value.message


def test_cannot_register_twice() -> None:
    with pytest.raises(DomainError) as info:
        decide_register_proposal(register_cmd(), given(registered()), register_after(1))

    assert info.value.kind == "conflict"
    assert info.value.message == "提案当前状态为“已立案”，不能立案"


def test_cannot_register_a_declined_proposal() -> None:
    history = submitted() + decide_decline_registration(decline_cmd(), given(submitted()))

    with pytest.raises(DomainError) as info:
        decide_register_proposal(register_cmd(), given(history), RegisterState())

    assert info.value.message == "提案当前状态为“不予立案”，不能立案"


def test_cannot_register_a_withdrawn_proposal() -> None:
    history = submitted() + decide_withdraw_proposal(withdraw_cmd(), given(submitted()))

    with pytest.raises(DomainError) as info:
        decide_register_proposal(register_cmd(), given(history), RegisterState())

    assert info.value.message == "提案当前状态为“已撤案”，不能立案"


def test_register_unknown_proposal_is_not_found() -> None:
    with pytest.raises(DomainError) as info:
        decide_register_proposal(register_cmd(), ProposalState(), RegisterState())

    assert info.value.kind == "not_found"
    assert "未找到该提案" in info.value.message


def test_wrong_register_is_a_programming_error() -> None:
    other = register_decider.fold(
        [
            SerialNumberAllocated(
                term_no=10,
                session_no=3,
                period="interim",
                seq=1,
                serial_no="10-3-P001",
                proposal_id="x",
            )
        ]
    )
    with pytest.raises(ValueError, match="10-3-interim"):
        decide_register_proposal(register_cmd(), given(submitted()), other)


def test_state_of_another_proposal_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        decide_register_proposal(register_cmd(pid="other"), given(submitted()), RegisterState())
