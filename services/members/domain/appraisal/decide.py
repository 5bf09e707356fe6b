"""State, commands and decisions of the `appraisal` aggregate (pure).

Exactly once: a constraint rule is recorded at most once per member and year (a repeat
returns []), an adjustment at most once per `adjustment_id`, and each human decision at
most once per year (a repeat is refused with a message).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import cast

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from services.members.domain.activities.common import choice, text
from services.members.domain.appraisal.events import (
    APPRAISAL,
    CONTEXT,
    DECISION_EVENTS,
    ConstraintRule,
    DecisionKind,
    MemberConstraintTriggered,
    MemberPersuadedToResign,
    MemberQualificationRevoked,
    MemberScoreAdjusted,
    MemberWarned,
)
from services.members.domain.appraisal.labels import CONSTRAINT_RULE_LABELS, DECISION_LABELS
from shared.domain import Decider, Invalid, NotFound, Rejected
from shared.events import DomainEvent

MIN_YEAR = 2000
MAX_REASON = 500
MAX_DETAIL = 500
MAX_ADJUSTMENT = 100.0
MAX_EVIDENCE = 500
DECISION_OF: dict[type[DomainEvent], str] = {
    MemberWarned: "warn",
    MemberPersuadedToResign: "persuade_to_resign",
    MemberQualificationRevoked: "revoke",
}


@dataclass(frozen=True)
class AppraisalState:
    triggered: frozenset[str] = frozenset()
    decisions: frozenset[str] = frozenset()
    adjustment_ids: frozenset[str] = frozenset()
    adjusted_points: float = 0.0


INITIAL_APPRAISAL = AppraisalState()


def evolve_appraisal(state: AppraisalState, event: DomainEvent) -> AppraisalState:
    if isinstance(event, MemberConstraintTriggered):
        return replace(state, triggered=state.triggered | {event.rule})
    if isinstance(event, MemberScoreAdjusted):
        if event.adjustment_id in state.adjustment_ids:
            return state
        return replace(
            state,
            adjustment_ids=state.adjustment_ids | {event.adjustment_id},
            adjusted_points=state.adjusted_points + event.points,
        )
    decision = DECISION_OF.get(type(event))
    if decision is not None:
        return replace(state, decisions=state.decisions | {decision})
    return state


appraisal_decider: Decider[AppraisalState] = Decider(
    CONTEXT, APPRAISAL, INITIAL_APPRAISAL, evolve_appraisal
)


@dataclass(frozen=True)
class AppraisedMember:
    """What a decision may know about the member (read from the member aggregate)."""

    member_id: str
    registered: bool = False
    active: bool = False
    name: str | None = None
    township_id: str | None = None


class AppraisalCommand(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    actor: str
    at: AwareDatetime
    today: date
    year: int
    member_id: str


class RecordConstraint(AppraisalCommand):
    """Record a constraint rule the evaluation found (issued by `evaluate`)."""

    rule: str
    evidence: tuple[str, ...] = ()
    score: float | None = None
    detail: str
    ruleset_version: str


class DecideOnMember(AppraisalCommand):
    """警示提醒 / 劝辞 / 撤销委员资格, with the reason and optionally the rule it answers."""

    decision: str
    reason: str
    rule: str | None = None


class AdjustScore(AppraisalCommand):
    adjustment_id: str
    points: float = Field(allow_inf_nan=False)
    reason: str


def check_year(year: int, today: date) -> int:
    if not MIN_YEAR <= year <= today.year:
        raise Invalid(
            f"考评年度 {year} 无效：应在 {MIN_YEAR} 年到今年（{today.year}）之间",
            code="invalid_year",
        )
    return year


def require_registered(member: AppraisedMember) -> AppraisedMember:
    if not member.registered:
        raise NotFound(
            f"委员（编号 {member.member_id}）不存在，请核对委员编号", code="member_not_found"
        )
    return member


def decide_record_constraint(
    cmd: RecordConstraint, state: AppraisalState, member: AppraisedMember
) -> list[DomainEvent]:
    year = check_year(cmd.year, cmd.today)
    require_registered(member)
    rule = cast(ConstraintRule, choice(cmd.rule, CONSTRAINT_RULE_LABELS, "约束规则"))
    if rule in state.triggered:
        return []
    if len(cmd.evidence) > MAX_EVIDENCE:
        raise Invalid(f"依据事项最多 {MAX_EVIDENCE} 项", code="too_much_evidence")
    return [
        MemberConstraintTriggered(
            year=year,
            member_id=member.member_id,
            township_id=member.township_id,
            rule=rule,
            evidence=cmd.evidence,
            score=cmd.score,
            detail=text(cmd.detail, "触发说明", MAX_DETAIL),
            ruleset_version=cmd.ruleset_version,
        )
    ]


def _check_decision(
    decision: DecisionKind, rule: ConstraintRule | None, state: AppraisalState, year: int
) -> None:
    label = DECISION_LABELS[decision]
    if decision in state.decisions:
        raise Rejected(
            f"该委员 {year} 年度已登记“{label}”决定，不能重复登记", code="already_decided"
        )
    if decision != "revoke" and "revoke" in state.decisions:
        raise Rejected(
            f"该委员 {year} 年度已撤销委员资格，不能再登记“{label}”", code="already_revoked"
        )
    if rule is not None and rule not in state.triggered:
        raise Rejected(
            f"该委员 {year} 年度未触发约束规则“{CONSTRAINT_RULE_LABELS[rule]}”；"
            "请先运行年度考评，或不填写依据的约束规则",
            code="rule_not_triggered",
        )


def decide_on_member(
    cmd: DecideOnMember, state: AppraisalState, member: AppraisedMember
) -> list[DomainEvent]:
    year = check_year(cmd.year, cmd.today)
    require_registered(member)
    decision = cast(DecisionKind, choice(cmd.decision, DECISION_LABELS, "处理决定"))
    rule = None
    if cmd.rule is not None:
        rule = cast(ConstraintRule, choice(cmd.rule, CONSTRAINT_RULE_LABELS, "依据的约束规则"))
    if not member.active:
        who = member.name or member.member_id
        raise Rejected(
            f"委员 {who} 已不在任，不能登记“{DECISION_LABELS[decision]}”", code="member_inactive"
        )
    _check_decision(decision, rule, state, year)
    event_cls = DECISION_EVENTS[decision]
    return [
        event_cls(
            year=year,
            member_id=member.member_id,
            township_id=member.township_id,
            reason=text(cmd.reason, "决定理由", MAX_REASON),
            by=cmd.actor,
            rule=rule,
        )
    ]


def _points(value: float) -> float:
    points = round(value, 2)
    if points == 0:
        raise Invalid("调整分值不能为 0，请填写加分（正数）或减分（负数）", code="zero_points")
    if abs(points) > MAX_ADJUSTMENT:
        raise Invalid(
            f"一次调整最多 ±{MAX_ADJUSTMENT:g} 分（现为 {points:g} 分），请核对分值",
            code="too_many_points",
        )
    return points


def decide_adjust_score(
    cmd: AdjustScore, state: AppraisalState, member: AppraisedMember
) -> list[DomainEvent]:
    year = check_year(cmd.year, cmd.today)
    require_registered(member)
    if cmd.adjustment_id in state.adjustment_ids:
        return []
    return [
        MemberScoreAdjusted(
            year=year,
            member_id=member.member_id,
            township_id=member.township_id,
            adjustment_id=cmd.adjustment_id,
            points=_points(cmd.points),
            reason=text(cmd.reason, "调整理由", MAX_REASON),
            by=cmd.actor,
        )
    ]
