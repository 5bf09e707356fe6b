"""DeclineRegistration (不予立案)."""

from __future__ import annotations

import pytest

from services.proposals.domain import (
    DISPOSITION_LABELS,
    REASON_LABELS,
    ProposalNotRegistered,
    ProposalStatus,
    decide_decline_registration,
    decide_start_review,
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
    submit_cmd,
    submitted,
)


def test_decline_registration() -> None:
    cmd = decline_cmd(reason="vague_no_suggestion", disposition="to_suggestion", note=" 请补充 ")
    events = decide_decline_registration(cmd, given(submitted(joint_cmd())))

    assert events == [
        ProposalNotRegistered(
            proposal_id=PID,
            township_id="chengguan",
            reason="vague_no_suggestion",
            disposition="to_suggestion",
            note="请补充",
            term_no=10,
            session_no=3,
            period="plenary",
            title="关于加快农村生活污水治理的建议",
            lead_author_id=LEAD,
            co_author_ids=(CO1, CO2),
            decided_at=AT,
        )
    ]
    state = given(submitted(joint_cmd()) + events)
    assert state.status is ProposalStatus.NOT_REGISTERED
    assert state.is_terminal
    assert state.not_registered_reason == "vague_no_suggestion"
    assert state.disposition == "to_suggestion"
    assert state.decision_note == "请补充"


def test_decline_from_under_review_with_local_reason() -> None:
    history = submitted() + decide_start_review(start_review_cmd(), given(submitted()))
    cmd = decline_cmd(reason="multiple_issues", disposition="none", note="  ")

    [event] = decide_decline_registration(cmd, given(history))

    assert isinstance(event, ProposalNotRegistered)
    assert event.reason == "multiple_issues"
    assert event.note is None


@pytest.mark.parametrize("reason", sorted(REASON_LABELS))
def test_every_reason_is_accepted(reason: str) -> None:
    [event] = decide_decline_registration(decline_cmd(reason=reason), given(submitted()))
    assert isinstance(event, ProposalNotRegistered)
    assert event.reason == reason


@pytest.mark.parametrize("disposition", sorted(DISPOSITION_LABELS))
def test_every_disposition_is_accepted_for_a_plenary_proposal(disposition: str) -> None:
    [event] = decide_decline_registration(decline_cmd(disposition=disposition), given(submitted()))
    assert isinstance(event, ProposalNotRegistered)
    assert event.disposition == disposition


def test_invalid_reason_lists_the_chinese_reasons() -> None:
    with pytest.raises(DomainError) as info:
        decide_decline_registration(decline_cmd(reason="boring"), given(submitted()))

    assert info.value.kind == "invalid"
    assert "不予立案理由“boring”无效" in info.value.message
    for label in REASON_LABELS.values():
        assert label in info.value.message


def test_invalid_disposition_lists_the_chinese_dispositions() -> None:
    with pytest.raises(DomainError) as info:
        decide_decline_registration(decline_cmd(disposition="shred"), given(submitted()))

    assert info.value.kind == "invalid"
    assert "处理方式“shred”无效" in info.value.message
    for label in DISPOSITION_LABELS.values():
        assert label in info.value.message


def test_missing_reason_asks_to_choose() -> None:
    with pytest.raises(DomainError) as info:
        decide_decline_registration(decline_cmd(reason=""), given(submitted()))

    assert "请选择不予立案理由" in info.value.message


def test_interim_proposal_cannot_be_turned_into_an_interim_proposal() -> None:
    state = given(submitted(submit_cmd(period="interim")))

    with pytest.raises(DomainError) as info:
        decide_decline_registration(decline_cmd(disposition="to_interim_proposal"), state)

    assert info.value.kind == "invalid"
    assert "该提案已是平时提案" in info.value.message


def test_note_too_long() -> None:
    with pytest.raises(DomainError) as info:
        decide_decline_registration(decline_cmd(note="字" * 501), given(submitted()))

    assert info.value.kind == "invalid"
    assert "说明不能超过500个字，当前为501个字" in info.value.message


def test_cannot_decline_a_registered_proposal() -> None:
    with pytest.raises(DomainError) as info:
        decide_decline_registration(decline_cmd(), given(registered()))

    assert info.value.kind == "conflict"
    assert info.value.message == "提案当前状态为“已立案”，不能作不予立案处理"


def test_cannot_decline_twice() -> None:
    history = submitted() + decide_decline_registration(decline_cmd(), given(submitted()))

    with pytest.raises(DomainError) as info:
        decide_decline_registration(decline_cmd(), given(history))

    assert info.value.message == "提案当前状态为“不予立案”，不能作不予立案处理"


def test_decline_unknown_proposal_is_not_found() -> None:
    with pytest.raises(DomainError) as info:
        decide_decline_registration(decline_cmd(), given([]))

    assert info.value.kind == "not_found"
    assert "未找到该提案" in info.value.message
