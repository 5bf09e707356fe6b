"""Appraisal commands (county office only): run the year's constraint rules, record human
decisions (警示 / 劝辞 / 撤销资格) and manual score adjustments — on the `appraisal`
aggregate of the member and year (`<year>-<member_id>`), the member read as a guard."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from services.members.application.handlers import accepted, require_member_id
from services.members.application.scoring_cards import serving, triggers
from services.members.application.scoring_config import scoring_config
from services.members.application.scoring_reads import load_file, performance_of
from services.members.domain import MemberState, member_decider
from services.members.domain.appraisal import (
    AdjustScore,
    AppraisalState,
    AppraisedMember,
    DecideOnMember,
    RecordConstraint,
    appraisal_decider,
    appraisal_id,
    decide_adjust_score,
    decide_on_member,
    decide_record_constraint,
)
from services.members.domain.appraisal.decide import MIN_YEAR, check_year
from services.members.localtime import local_date, utc_now
from services.members.scoring import Trigger
from shared.auth import Principal
from shared.commands import CommandResult, Target
from shared.events import DomainEvent
from shared.http import Accepted
from shared.ids import uuid7
from shared.service import ServiceRuntime


def appraised(state: MemberState, member_id: str) -> AppraisedMember:
    return AppraisedMember(
        member_id=member_id,
        registered=state.registered,
        active=state.active,
        name=state.name,
        township_id=state.township_id,
    )


Decide = Callable[[AppraisalState, AppraisedMember], list[DomainEvent]]


async def _execute(
    rt: ServiceRuntime, principal: Principal, name: str, year: int, member_id: str, decide: Decide
) -> CommandResult:
    targets = [
        Target(appraisal_decider, appraisal_id(year, member_id)),
        Target(member_decider, member_id),
    ]

    def run(states: list[Any]) -> list[DomainEvent]:
        return decide(states[0], appraised(states[1], member_id))

    return await rt.commands.execute(name, targets, run, rt.context(principal))


def _base(principal: Principal, year: int, member_id: str) -> dict[str, Any]:
    now = utc_now()
    return {
        "actor": principal.actor,
        "at": now,
        "today": local_date(now),
        "year": year,
        "member_id": member_id,
    }


@dataclass(frozen=True)
class Evaluated:
    trigger: Trigger
    name: str | None
    new: bool


@dataclass(frozen=True)
class Evaluation:
    year: int
    ruleset_version: str
    members: int
    results: list[Evaluated]
    stream: str
    seq: int


async def evaluate(rt: ServiceRuntime, principal: Principal, year: int) -> Evaluation:
    """Score every member in office in the year and record each constraint rule it
    triggers — once per rule, member and year (running it again records nothing new)."""
    principal.require("county_admin")
    check_year(year, local_date(utc_now()))
    config = scoring_config(rt)
    async with rt.db.read() as conn:
        data = await load_file(conn, performance_of(rt), None, range(MIN_YEAR, year + 1))
    serving_ids = [m for m in data.members if serving(data, m, year)]
    results: list[Evaluated] = []
    seq = 0
    for member_id in serving_ids:
        for trigger in triggers(data, config, member_id, year):
            result = await _record(rt, principal, trigger, config.for_year(year).version)
            seq = max(seq, result.last_seq)
            name = data.members[member_id].name
            results.append(Evaluated(trigger, name, bool(result.events)))
    version = config.for_year(year).version
    return Evaluation(year, version, len(serving_ids), results, rt.stream, seq)


async def _record(
    rt: ServiceRuntime, principal: Principal, trigger: Trigger, version: str
) -> CommandResult:
    cmd = RecordConstraint(
        **_base(principal, trigger.year, trigger.member_id),
        rule=trigger.rule,
        evidence=trigger.evidence,
        score=trigger.score,
        detail=trigger.detail,
        ruleset_version=version,
    )

    def decide(state: AppraisalState, member: AppraisedMember) -> list[DomainEvent]:
        return decide_record_constraint(cmd, state, member)

    return await _execute(
        rt, principal, "record_constraint", trigger.year, trigger.member_id, decide
    )


async def decide(
    rt: ServiceRuntime, principal: Principal, year: int, member_id: str, data: dict[str, Any]
) -> Accepted:
    principal.require("county_admin")
    require_member_id(member_id)
    cmd = DecideOnMember(**_base(principal, year, member_id), **data)

    def run(state: AppraisalState, member: AppraisedMember) -> list[DomainEvent]:
        return decide_on_member(cmd, state, member)

    result = await _execute(rt, principal, "decide_on_member", year, member_id, run)
    return accepted(appraisal_id(year, member_id), result)


async def adjust(
    rt: ServiceRuntime, principal: Principal, year: int, member_id: str, data: dict[str, Any]
) -> Accepted:
    principal.require("county_admin")
    require_member_id(member_id)
    cmd = AdjustScore(**_base(principal, year, member_id), adjustment_id=uuid7(), **data)

    def run(state: AppraisalState, member: AppraisedMember) -> list[DomainEvent]:
        return decide_adjust_score(cmd, state, member)

    result = await _execute(rt, principal, "adjust_score", year, member_id, run)
    return accepted(appraisal_id(year, member_id), result)
