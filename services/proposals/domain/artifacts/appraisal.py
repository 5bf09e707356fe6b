"""`handling_unit_appraisal` (承办单位民主评议, 一评议 of §2.10 — an inference, ADR 0007).

Held once a year for selected units; the office enters the anonymous paper ballots (each
ballot rates every selected unit, 未评价 = 弃权); publishing fixes the tally (§2.10 [S:49]).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import ClassVar

from pydantic import BaseModel, ConfigDict

from shared.domain import Decider, Invalid, NotFound, Rejected
from shared.events import DomainEvent

from .appraisal_tally import AppraisedUnit, UnitResult, tally
from .base import (
    CONTEXT,
    ArtifactCommand,
    choice,
    county_date,
    no_duplicates,
    registry,
    text,
    utc,
    year_of,
)
from .labels import APPRAISAL_CHOICE_LABELS

HANDLING_UNIT_APPRAISAL = "handling_unit_appraisal"
MAX_BALLOTS_PER_ENTRY = 500


class AppraisalEvent(DomainEvent):
    context: ClassVar[str] = CONTEXT
    aggregate: ClassVar[str] = HANDLING_UNIT_APPRAISAL

    appraisal_id: str


@registry.register
class HandlingUnitAppraisalHeld(AppraisalEvent):
    name: ClassVar[str] = "held"

    year: int
    title: str
    held_on: date
    units: tuple[AppraisedUnit, ...]


@registry.register
class AppraisalBallotRecorded(AppraisalEvent):
    """One anonymous ballot: unit id → choice (no voter is recorded)."""

    name: ClassVar[str] = "ballot_recorded"

    ballot_no: str
    choices: dict[str, str]


@registry.register
class HandlingUnitAppraisalResultPublished(AppraisalEvent):
    name: ClassVar[str] = "result_published"

    year: int
    title: str
    ballots: int
    results: tuple[UnitResult, ...]
    published_at: datetime


@dataclass(frozen=True)
class AppraisalState:
    held: HandlingUnitAppraisalHeld | None = None
    ballots: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    published_at: datetime | None = None


def evolve_appraisal(state: AppraisalState, event: DomainEvent) -> AppraisalState:
    match event:
        case HandlingUnitAppraisalHeld():
            return AppraisalState(held=event)
        case AppraisalBallotRecorded():
            return replace(state, ballots={**state.ballots, event.ballot_no: event.choices})
        case HandlingUnitAppraisalResultPublished():
            return replace(state, published_at=event.published_at)
        case _:
            return state


appraisal_decider: Decider[AppraisalState] = Decider(
    CONTEXT, HANDLING_UNIT_APPRAISAL, AppraisalState(), evolve_appraisal
)


class AppraisalBallot(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    ballot_no: str
    choices: dict[str, str]


class HoldHandlingUnitAppraisal(ArtifactCommand):
    appraisal_id: str
    year: int
    title: str
    held_on: date
    units: list[AppraisedUnit]


class RecordAppraisalBallots(ArtifactCommand):
    appraisal_id: str
    ballots: list[AppraisalBallot]


class PublishAppraisalResults(ArtifactCommand):
    appraisal_id: str


def decide_hold_appraisal(
    cmd: HoldHandlingUnitAppraisal, state: AppraisalState
) -> list[DomainEvent]:
    if state.held is not None:
        raise Rejected("该评议已登记，请勿重复登记", code="appraisal_exists")
    if cmd.held_on > county_date(cmd.at):
        raise Invalid(f"评议日期（{cmd.held_on}）不能晚于今天", code="held_in_future")
    if not cmd.units:
        raise Invalid("请至少选择一个参加评议的承办单位", code="units_required")
    units = tuple(
        AppraisedUnit(
            unit_id=text(u.unit_id, "承办单位编号", 64),
            unit_name=text(u.unit_name, "承办单位名称", 100),
        )
        for u in cmd.units
    )
    no_duplicates([u.unit_id for u in units], "承办单位")
    return [
        HandlingUnitAppraisalHeld(
            appraisal_id=cmd.appraisal_id,
            year=year_of(cmd.year),
            title=text(cmd.title, "评议名称", 100),
            held_on=cmd.held_on,
            units=units,
        )
    ]


def decide_record_ballots(cmd: RecordAppraisalBallots, state: AppraisalState) -> list[DomainEvent]:
    held = _open(state, "录入测评票")
    if not cmd.ballots:
        raise Invalid("请至少录入一张测评票", code="ballots_required")
    if len(cmd.ballots) > MAX_BALLOTS_PER_ENTRY:
        raise Invalid(f"每次最多录入{MAX_BALLOTS_PER_ENTRY}张测评票，请分批录入", code="too_many")
    numbers = [text(b.ballot_no, "测评票编号", 20) for b in cmd.ballots]
    no_duplicates(numbers, "测评票编号")
    again = [n for n in numbers if n in state.ballots]
    if again:
        raise Rejected(f"测评票 {'、'.join(again)} 已录入，请勿重复录入", code="ballot_recorded")
    return [
        AppraisalBallotRecorded(
            appraisal_id=held.appraisal_id, ballot_no=number, choices=_choices(held, number, b)
        )
        for number, b in zip(numbers, cmd.ballots, strict=True)
    ]


def decide_publish_results(
    cmd: PublishAppraisalResults, state: AppraisalState
) -> list[DomainEvent]:
    held = _open(state, "再次公布结果")
    if not state.ballots:
        raise Rejected("尚未录入测评票，不能公布评议结果", code="no_ballots")
    return [
        HandlingUnitAppraisalResultPublished(
            appraisal_id=held.appraisal_id,
            year=held.year,
            title=held.title,
            ballots=len(state.ballots),
            results=tally(held.units, state.ballots.values()),
            published_at=utc(cmd.at),
        )
    ]


def _open(state: AppraisalState, action: str) -> HandlingUnitAppraisalHeld:
    if state.held is None:
        raise NotFound("未找到该评议，请核对评议编号", code="appraisal_not_found")
    if state.published_at is not None:
        raise Rejected(f"评议结果已公布，不能{action}", code="appraisal_published")
    return state.held


def _choices(
    held: HandlingUnitAppraisalHeld, number: str, ballot: AppraisalBallot
) -> dict[str, str]:
    names = {u.unit_id: u.unit_name for u in held.units}
    unknown = [k for k in ballot.choices if k not in names]
    if unknown:
        raise Invalid(
            f"第{number}号测评票中的单位“{'、'.join(unknown)}”不在本次评议范围内",
            code="unknown_unit",
        )
    missing = [names[u] for u in names if u not in ballot.choices]
    if missing:
        raise Invalid(
            f"第{number}号测评票缺少对“{'、'.join(missing)}”的评价（未评价的请选“弃权”）",
            code="ballot_incomplete",
        )
    return {
        u: choice(ballot.choices[u], APPRAISAL_CHOICE_LABELS, f"对“{names[u]}”的评价")
        for u in names
    }
