"""`assignment_slip` (提案交办单, 一单 of §2.10 — an inference, see ADR 0007).

One slip per proposal (the application derives its id from the proposal id): the handling
units and their roles, the reply deadline and the supervising leader. Issuing again with
other content (e.g. after a unit's return was approved) records a new revision; issuing
the same content again changes nothing, so a policy reacting to `proposal_assigned` may
repeat.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import ClassVar

from pydantic import BaseModel, ConfigDict

from services.proposals.domain.calendar import WorkCalendar, due_after_months
from shared.domain import Decider, Invalid
from shared.events import DomainEvent

from .base import (
    CONTEXT,
    ArtifactCommand,
    ProposalRef,
    choice,
    county_date,
    no_duplicates,
    registry,
    require_handled,
    text,
    utc,
)
from .config import ArtifactsConfig
from .labels import HANDLING_ROLE_LABELS

ASSIGNMENT_SLIP = "assignment_slip"
REPLYING_ROLES = frozenset({"lead", "separate", "sole"})


class SlipUnit(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    unit_id: str
    unit_name: str
    role: str  # lead | co | separate | sole


@registry.register
class AssignmentSlipIssued(DomainEvent):
    context: ClassVar[str] = CONTEXT
    aggregate: ClassVar[str] = ASSIGNMENT_SLIP
    name: ClassVar[str] = "issued"

    slip_id: str
    proposal_id: str
    serial_no: str | None
    proposal_title: str
    township_id: str | None
    revision: int
    units: tuple[SlipUnit, ...]
    deadline: date
    supervising_leader: str
    note: str
    issued_at: datetime


@dataclass(frozen=True)
class AssignmentSlipState:
    revision: int = 0
    last: AssignmentSlipIssued | None = None


def evolve_assignment_slip(state: AssignmentSlipState, event: DomainEvent) -> AssignmentSlipState:
    if isinstance(event, AssignmentSlipIssued):
        return AssignmentSlipState(revision=event.revision, last=event)
    return state


assignment_slip_decider: Decider[AssignmentSlipState] = Decider(
    CONTEXT, ASSIGNMENT_SLIP, AssignmentSlipState(), evolve_assignment_slip
)


class IssueAssignmentSlip(ArtifactCommand):
    slip_id: str
    proposal_id: str
    units: list[SlipUnit]
    deadline: date | None = None  # None = issue date + config.reply_deadline_months
    supervising_leader: str = ""
    note: str = ""


def decide_issue_assignment_slip(
    cmd: IssueAssignmentSlip,
    state: AssignmentSlipState,
    proposal: ProposalRef,
    calendar: WorkCalendar,
    config: ArtifactsConfig,
) -> list[DomainEvent]:
    """Default deadline: `reply_deadline_months` after the issue date, moved to the next
    working day when it falls on a holiday or weekend."""
    require_handled(proposal, "出具交办单")
    units = _units(cmd.units)
    issued_on = county_date(cmd.at)
    deadline = cmd.deadline or due_after_months(issued_on, config.reply_deadline_months, calendar)
    if deadline <= issued_on:
        raise Invalid(f"办理期限（{deadline}）应晚于交办日期（{issued_on}）", code="bad_deadline")
    leader = text(cmd.supervising_leader, "督办领导", 50, required=False)
    note = text(cmd.note, "交办说明", 500, required=False)
    last = state.last
    if last is not None and (last.units, last.deadline, last.supervising_leader, last.note) == (
        units,
        deadline,
        leader,
        note,
    ):
        return []
    return [
        AssignmentSlipIssued(
            slip_id=cmd.slip_id,
            proposal_id=proposal.proposal_id,
            serial_no=proposal.serial_no,
            proposal_title=proposal.title,
            township_id=proposal.township_id,
            revision=state.revision + 1,
            units=units,
            deadline=deadline,
            supervising_leader=leader,
            note=note,
            issued_at=utc(cmd.at),
        )
    ]


def _units(raw: list[SlipUnit]) -> tuple[SlipUnit, ...]:
    if not raw:
        raise Invalid("请至少填写一个承办单位", code="units_required")
    units = tuple(
        SlipUnit(
            unit_id=text(u.unit_id, "承办单位编号", 64),
            unit_name=text(u.unit_name, "承办单位名称", 100),
            role=choice(u.role, HANDLING_ROLE_LABELS, "办理方式"),
        )
        for u in raw
    )
    no_duplicates([u.unit_id for u in units], "承办单位")
    roles = [u.role for u in units]
    if "sole" in roles and len(units) > 1:
        raise Invalid("独办的提案只能有一个承办单位；多个单位请选择主办、会办或分办", code="sole")
    if roles.count("lead") > 1:
        raise Invalid("主办单位只能有一个，其余单位请设为会办", code="one_lead")
    if "co" in roles and "lead" not in roles:
        raise Invalid("有会办单位时必须指定一个主办单位", code="co_without_lead")
    if not REPLYING_ROLES & set(roles):
        raise Invalid("至少需要一个主办、分办或独办单位负责答复", code="no_replying_unit")
    return units
