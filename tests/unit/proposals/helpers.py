"""Builders for proposal commands and given-state, shared by the proposal unit tests."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from services.proposals.domain import (
    DeclineRegistration,
    ProposalBody,
    ProposalState,
    RegisterProposal,
    RegisterState,
    SerialNumberAllocated,
    StartReview,
    SubmitProposal,
    WithdrawProposal,
    decide_register_proposal,
    decide_submit_proposal,
    format_serial_no,
    proposal_decider,
    register_decider,
)
from shared.events import DomainEvent

AT = datetime(2024, 1, 15, 9, 30, tzinfo=UTC)
PID = "0190f3a2-7c1e-7000-8000-000000000001"
LEAD = "m-lead"
CO1 = "m-co1"
CO2 = "m-co2"
TOWNSHIPS = {LEAD: "chengguan", CO1: "xinzhuang", CO2: "chengguan"}
CLERK = "staff:clerk-1"


def submit_cmd(**overrides: Any) -> SubmitProposal:
    data: dict[str, Any] = {
        "proposal_id": PID,
        "actor": f"member:{LEAD}",
        "at": AT,
        "author_kind": "individual",
        "lead_author_id": LEAD,
        "co_author_ids": [],
        "title": "关于加快农村生活污水治理的建议",
        "body": ProposalBody(
            situation="我县农村生活污水收集率偏低。",
            analysis="管网建设滞后，运维资金不足。",
            suggestions="一是加快管网建设；二是建立长效运维机制。",
        ),
        "category": "ecology",
        "term_no": 10,
        "session_no": 3,
        "period": "plenary",
        "suggested_units": ["县住建局", "县生态环境分局"],
        "township_id": TOWNSHIPS[LEAD],
        "author_township_ids": {LEAD: TOWNSHIPS[LEAD]},
    }
    data.update(overrides)
    return SubmitProposal(**data)


def joint_cmd(**overrides: Any) -> SubmitProposal:
    data: dict[str, Any] = {
        "author_kind": "joint",
        "co_author_ids": [CO1, CO2],
        "author_township_ids": dict(TOWNSHIPS),
    }
    data.update(overrides)
    return submit_cmd(**data)


def start_review_cmd(pid: str = PID, **overrides: Any) -> StartReview:
    return StartReview(**{"proposal_id": pid, "actor": CLERK, "at": AT, **overrides})


def register_cmd(pid: str = PID, **overrides: Any) -> RegisterProposal:
    return RegisterProposal(**{"proposal_id": pid, "actor": CLERK, "at": AT, **overrides})


def decline_cmd(pid: str = PID, **overrides: Any) -> DeclineRegistration:
    data: dict[str, Any] = {
        "proposal_id": pid,
        "actor": CLERK,
        "at": AT,
        "reason": "personal_matter",
        "disposition": "to_public_opinion",
        "note": None,
    }
    data.update(overrides)
    return DeclineRegistration(**data)


def withdraw_cmd(
    pid: str = PID, actor: str = f"member:{LEAD}", **overrides: Any
) -> WithdrawProposal:
    return WithdrawProposal(**{"proposal_id": pid, "actor": actor, "at": AT, **overrides})


def given(events: Sequence[DomainEvent]) -> ProposalState:
    return proposal_decider.fold(events)


def submitted(cmd: SubmitProposal | None = None) -> list[DomainEvent]:
    return decide_submit_proposal(cmd or submit_cmd(), ProposalState())


def registered(cmd: SubmitProposal | None = None) -> list[DomainEvent]:
    events = submitted(cmd)
    pairs = decide_register_proposal(register_cmd(), given(events), RegisterState())
    return events + [e for aid, e in pairs if aid == PID]


def register_after(n: int) -> RegisterState:
    """The 10-3-plenary register after it handed out numbers 1..n."""
    return register_decider.fold(
        [
            SerialNumberAllocated(
                term_no=10,
                session_no=3,
                period="plenary",
                seq=i,
                serial_no=format_serial_no(10, 3, "plenary", i),
                proposal_id=f"other-{i}",
            )
            for i in range(1, n + 1)
        ]
    )
