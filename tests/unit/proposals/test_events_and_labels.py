"""Event contract (types, subjects, JSON round trip), labels, deciders, dispatch."""

from __future__ import annotations

from typing import ClassVar, get_args

import pytest

from services.proposals.domain import (
    AUTHOR_KIND_LABELS,
    CATEGORY_LABELS,
    DISPOSITION_LABELS,
    PERIOD_LABELS,
    PERIOD_SERIAL_CODES,
    REASON_LABELS,
    STATUS_LABELS,
    AuthorKind,
    Category,
    Disposition,
    NotRegisteredReason,
    Period,
    ProposalNotRegistered,
    ProposalRegistered,
    ProposalReviewStarted,
    ProposalState,
    ProposalStatus,
    ProposalSubmitted,
    ProposalWithdrawn,
    RegisterState,
    SerialNumberAllocated,
    decide_decline_registration,
    decide_proposal,
    decide_register_proposal,
    decide_start_review,
    evolve,
    evolve_register,
    proposal_decider,
    register_decider,
    registry,
    status_label,
)
from shared.events import DomainEvent, EventMeta, ce_headers, encode_body, subject_for

from .helpers import (
    AT,
    PID,
    decline_cmd,
    given,
    joint_cmd,
    register_cmd,
    start_review_cmd,
    submitted,
    withdraw_cmd,
)


def all_event_samples() -> list[tuple[str, DomainEvent]]:
    history = submitted(joint_cmd())
    review = decide_start_review(start_review_cmd(), given(history))
    pairs = decide_register_proposal(register_cmd(), given(history + review), RegisterState())
    declined = decide_decline_registration(decline_cmd(note="说明"), given(history))
    withdrawn = decide_proposal(withdraw_cmd(reason="理由"), given(history))
    return [
        *[(PID, e) for e in history + review],
        *pairs,
        *[(PID, e) for e in declined + withdrawn],
    ]


def test_registry_holds_every_event_class() -> None:
    # The registry also holds the later lifecycle events (see test_lifecycle_events.py).
    assert set(registry.classes.values()) >= {
        ProposalSubmitted,
        ProposalReviewStarted,
        ProposalRegistered,
        ProposalNotRegistered,
        ProposalWithdrawn,
        SerialNumberAllocated,
    }


@pytest.mark.parametrize(
    ("cls", "ce_type", "subject"),
    [
        (
            ProposalSubmitted,
            "cn.cppcc.proposals.proposal.submitted.v1",
            f"cppcc.proposals.proposal.{PID}.submitted",
        ),
        (
            ProposalReviewStarted,
            "cn.cppcc.proposals.proposal.review_started.v1",
            f"cppcc.proposals.proposal.{PID}.review_started",
        ),
        (
            ProposalRegistered,
            "cn.cppcc.proposals.proposal.registered.v1",
            f"cppcc.proposals.proposal.{PID}.registered",
        ),
        (
            ProposalNotRegistered,
            "cn.cppcc.proposals.proposal.not_registered.v1",
            f"cppcc.proposals.proposal.{PID}.not_registered",
        ),
        (
            ProposalWithdrawn,
            "cn.cppcc.proposals.proposal.withdrawn.v1",
            f"cppcc.proposals.proposal.{PID}.withdrawn",
        ),
    ],
)
def test_proposal_event_types_and_subjects(
    cls: type[DomainEvent], ce_type: str, subject: str
) -> None:
    assert cls.ce_type() == ce_type
    assert subject_for(cls, PID) == subject


def test_register_event_type_and_subject() -> None:
    assert SerialNumberAllocated.ce_type() == (
        "cn.cppcc.proposals.proposal_register.serial_allocated.v1"
    )
    assert subject_for(SerialNumberAllocated, "10-3-plenary") == (
        "cppcc.proposals.proposal_register.10-3-plenary.serial_allocated"
    )


def test_every_event_round_trips_through_json_and_the_registry() -> None:
    samples = all_event_samples()
    assert {type(e) for _, e in samples} <= set(registry.classes.values())
    for _, event in samples:
        assert registry.decode(event.ce_type(), encode_body(event)) == event


def test_proposal_events_carry_the_township_header_register_events_do_not() -> None:
    meta = EventMeta(event_id="e1", time=AT, actor="staff:clerk-1")
    for aggregate_id, event in all_event_samples():
        headers = ce_headers(event, meta, aggregate_id)
        if isinstance(event, SerialNumberAllocated):
            assert "ce-township" not in headers
        else:
            assert headers["ce-township"] == "chengguan"


def test_deciders() -> None:
    assert (proposal_decider.context, proposal_decider.aggregate) == ("proposals", "proposal")
    assert proposal_decider.initial == ProposalState()
    assert (register_decider.context, register_decider.aggregate) == (
        "proposals",
        "proposal_register",
    )
    assert register_decider.initial == RegisterState()


def test_unknown_events_leave_state_unchanged() -> None:
    class Foreign(DomainEvent):
        context: ClassVar[str] = "members"
        aggregate: ClassVar[str] = "member"
        name: ClassVar[str] = "appointed"

    state = given(submitted())
    assert evolve(state, Foreign()) is state
    register = RegisterState()
    assert evolve_register(register, Foreign()) is register
    assert evolve_register(register, submitted()[0]) is register


def test_decide_proposal_refuses_the_two_aggregate_command() -> None:
    with pytest.raises(TypeError, match="decide_register_proposal"):
        decide_proposal(register_cmd(), given(submitted()))


@pytest.mark.parametrize(
    ("labels", "codes"),
    [
        (AUTHOR_KIND_LABELS, AuthorKind),
        (CATEGORY_LABELS, Category),
        (PERIOD_LABELS, Period),
        (REASON_LABELS, NotRegisteredReason),
        (DISPOSITION_LABELS, Disposition),
    ],
)
def test_labels_cover_exactly_the_code_lists(labels: dict[str, str], codes: object) -> None:
    assert set(labels) == set(get_args(codes))
    assert all(labels.values())


def test_status_labels() -> None:
    assert set(STATUS_LABELS) == set(ProposalStatus)
    assert STATUS_LABELS["registered"] == "已立案"
    assert status_label(ProposalStatus.WITHDRAWN) == "已撤案"
    assert status_label(None) == "未提交"
    assert set(PERIOD_SERIAL_CODES) == set(get_args(Period))
    assert CATEGORY_LABELS["ecology"] == "生态文明建设"
