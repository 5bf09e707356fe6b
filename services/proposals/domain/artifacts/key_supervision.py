"""`key_proposal_supervision` (重点提案督办, DOMAIN §2.8): plan → conduct (repeatable)
→ file the report (督办情况总结; closes the record)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import ClassVar

from shared.domain import Decider, Invalid, NotFound, Rejected
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
from .labels import SUPERVISION_MODE_LABELS

KEY_PROPOSAL_SUPERVISION = "key_proposal_supervision"
TEXT_MAX = 2000
REPORT_MAX = 5000


class KeySupervisionEvent(DomainEvent):
    context: ClassVar[str] = CONTEXT
    aggregate: ClassVar[str] = KEY_PROPOSAL_SUPERVISION

    supervision_id: str
    proposal_id: str
    township_id: str | None


@registry.register
class SupervisionPlanned(KeySupervisionEvent):
    name: ClassVar[str] = "planned"

    serial_no: str | None
    proposal_title: str
    supervising_leader: str
    modes: tuple[str, ...]
    planned_on: date
    plan: str


@registry.register
class SupervisionConducted(KeySupervisionEvent):
    name: ClassVar[str] = "conducted"

    mode: str
    held_on: date
    participants: tuple[str, ...]
    findings: str


@registry.register
class SupervisionReportFiled(KeySupervisionEvent):
    name: ClassVar[str] = "report_filed"

    report: str
    filed_at: datetime


@dataclass(frozen=True)
class KeySupervisionState:
    planned: SupervisionPlanned | None = None
    activities: int = 0
    reported_at: datetime | None = None


def evolve_key_supervision(state: KeySupervisionState, event: DomainEvent) -> KeySupervisionState:
    match event:
        case SupervisionPlanned():
            return KeySupervisionState(planned=event)
        case SupervisionConducted():
            return replace(state, activities=state.activities + 1)
        case SupervisionReportFiled():
            return replace(state, reported_at=event.filed_at)
        case _:
            return state


key_supervision_decider: Decider[KeySupervisionState] = Decider(
    CONTEXT, KEY_PROPOSAL_SUPERVISION, KeySupervisionState(), evolve_key_supervision
)


class PlanKeySupervision(ArtifactCommand):
    supervision_id: str
    proposal_id: str
    supervising_leader: str
    modes: list[str]
    planned_on: date
    plan: str = ""


class ConductKeySupervision(ArtifactCommand):
    supervision_id: str
    mode: str
    held_on: date
    participants: list[str]
    findings: str


class FileSupervisionReport(ArtifactCommand):
    supervision_id: str
    report: str


def decide_plan_key_supervision(
    cmd: PlanKeySupervision, state: KeySupervisionState, proposal: ProposalRef
) -> list[DomainEvent]:
    if state.planned is not None:
        raise Rejected("该督办计划已登记，请勿重复提交", code="supervision_exists")
    require_handled(proposal, "安排重点提案督办")
    if not cmd.modes:
        raise Invalid("请至少选择一种督办方式", code="modes_required")
    modes = tuple(choice(m, SUPERVISION_MODE_LABELS, "督办方式") for m in cmd.modes)
    no_duplicates(modes, "督办方式")
    return [
        SupervisionPlanned(
            supervision_id=cmd.supervision_id,
            proposal_id=proposal.proposal_id,
            township_id=proposal.township_id,
            serial_no=proposal.serial_no,
            proposal_title=proposal.title,
            supervising_leader=text(cmd.supervising_leader, "督办领导", 50),
            modes=modes,
            planned_on=cmd.planned_on,
            plan=text(cmd.plan, "督办安排", TEXT_MAX, required=False),
        )
    ]


def decide_conduct_key_supervision(
    cmd: ConductKeySupervision, state: KeySupervisionState
) -> list[DomainEvent]:
    planned = _open(state, "记录督办活动")
    if cmd.held_on > county_date(cmd.at):
        raise Invalid(f"督办活动日期（{cmd.held_on}）不能晚于今天", code="held_in_future")
    participants = tuple(text(p, "参加人员", 50) for p in cmd.participants)
    if not participants:
        raise Invalid("请填写参加督办活动的人员", code="participants_required")
    no_duplicates(participants, "参加人员")
    return [
        SupervisionConducted(
            supervision_id=planned.supervision_id,
            proposal_id=planned.proposal_id,
            township_id=planned.township_id,
            mode=choice(cmd.mode, SUPERVISION_MODE_LABELS, "督办方式"),
            held_on=cmd.held_on,
            participants=participants,
            findings=text(cmd.findings, "督办发现的问题和意见", TEXT_MAX),
        )
    ]


def decide_file_supervision_report(
    cmd: FileSupervisionReport, state: KeySupervisionState
) -> list[DomainEvent]:
    planned = _open(state, "再次报送督办报告")
    if state.activities == 0:
        raise Rejected("尚未记录督办活动，请先记录督办活动再报送督办报告", code="no_activity")
    return [
        SupervisionReportFiled(
            supervision_id=planned.supervision_id,
            proposal_id=planned.proposal_id,
            township_id=planned.township_id,
            report=text(cmd.report, "督办情况报告", REPORT_MAX),
            filed_at=utc(cmd.at),
        )
    ]


def _open(state: KeySupervisionState, action: str) -> SupervisionPlanned:
    if state.planned is None:
        raise NotFound("未找到该督办记录，请核对编号", code="supervision_not_found")
    if state.reported_at is not None:
        raise Rejected(f"督办报告已报送，督办工作已结束，不能{action}", code="supervision_closed")
    return state.planned
