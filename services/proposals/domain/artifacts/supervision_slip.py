"""`supervision_slip` (督办单, 一单 of §2.10 — an inference, see ADR 0007).

The office sends a slip to one handling unit about one proposal (overdue, key proposal,
slow progress …) with what it requires and a date to answer by; the unit answers once.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import ClassVar

from services.proposals.domain.calendar import WorkCalendar
from shared.domain import Decider, Invalid, NotFound, Rejected
from shared.events import DomainEvent

from .base import (
    CONTEXT,
    ArtifactCommand,
    ProposalRef,
    choice,
    county_date,
    registry,
    require_handled,
    text,
    utc,
)
from .config import ArtifactsConfig
from .labels import SUPERVISION_REASON_LABELS

SUPERVISION_SLIP = "supervision_slip"
TEXT_MAX = 1000


class SupervisionSlipEvent(DomainEvent):
    context: ClassVar[str] = CONTEXT
    aggregate: ClassVar[str] = SUPERVISION_SLIP

    slip_id: str
    proposal_id: str
    township_id: str | None
    unit_id: str


@registry.register
class SupervisionSlipIssued(SupervisionSlipEvent):
    name: ClassVar[str] = "issued"

    serial_no: str | None
    proposal_title: str
    unit_name: str
    reason: str
    requirements: str
    respond_by: date
    issued_at: datetime


@registry.register
class SupervisionSlipAnswered(SupervisionSlipEvent):
    name: ClassVar[str] = "answered"

    response: str
    answered_at: datetime


@dataclass(frozen=True)
class SupervisionSlipState:
    issued: SupervisionSlipIssued | None = None
    answered_at: datetime | None = None

    @property
    def unit_id(self) -> str | None:
        return self.issued.unit_id if self.issued else None


def evolve_supervision_slip(
    state: SupervisionSlipState, event: DomainEvent
) -> SupervisionSlipState:
    match event:
        case SupervisionSlipIssued():
            return SupervisionSlipState(issued=event)
        case SupervisionSlipAnswered():
            return replace(state, answered_at=event.answered_at)
        case _:
            return state


supervision_slip_decider: Decider[SupervisionSlipState] = Decider(
    CONTEXT, SUPERVISION_SLIP, SupervisionSlipState(), evolve_supervision_slip
)


class IssueSupervisionSlip(ArtifactCommand):
    slip_id: str
    proposal_id: str
    unit_id: str
    unit_name: str
    reason: str
    requirements: str
    respond_by: date | None = None  # None = config.supervision_response_workdays later


class AnswerSupervisionSlip(ArtifactCommand):
    slip_id: str
    response: str


def decide_issue_supervision_slip(
    cmd: IssueSupervisionSlip,
    state: SupervisionSlipState,
    proposal: ProposalRef,
    calendar: WorkCalendar,
    config: ArtifactsConfig,
) -> list[DomainEvent]:
    if state.issued is not None:
        raise Rejected("该督办单已发出，请勿重复发出", code="slip_exists")
    require_handled(proposal, "发督办单")
    issued_on = county_date(cmd.at)
    respond_by = cmd.respond_by or calendar.add_workdays(
        issued_on, config.supervision_response_workdays
    )
    if respond_by <= issued_on:
        raise Invalid(
            f"回复期限（{respond_by}）应晚于督办日期（{issued_on}）", code="bad_respond_by"
        )
    return [
        SupervisionSlipIssued(
            slip_id=cmd.slip_id,
            proposal_id=proposal.proposal_id,
            township_id=proposal.township_id,
            unit_id=text(cmd.unit_id, "承办单位编号", 64),
            serial_no=proposal.serial_no,
            proposal_title=proposal.title,
            unit_name=text(cmd.unit_name, "承办单位名称", 100),
            reason=choice(cmd.reason, SUPERVISION_REASON_LABELS, "督办事由"),
            requirements=text(cmd.requirements, "督办要求", TEXT_MAX),
            respond_by=respond_by,
            issued_at=utc(cmd.at),
        )
    ]


def decide_answer_supervision_slip(
    cmd: AnswerSupervisionSlip, state: SupervisionSlipState
) -> list[DomainEvent]:
    issued = state.issued
    if issued is None:
        raise NotFound("未找到该督办单，请核对督办单编号", code="slip_not_found")
    if state.answered_at is not None:
        raise Rejected("该督办单已回复，不能重复回复", code="slip_answered")
    return [
        SupervisionSlipAnswered(
            slip_id=issued.slip_id,
            proposal_id=issued.proposal_id,
            township_id=issued.township_id,
            unit_id=issued.unit_id,
            response=text(cmd.response, "回复内容", TEXT_MAX),
            answered_at=utc(cmd.at),
        )
    ]
