"""Events of the `appraisal` aggregate (委员履职考评, DOMAIN §5.4): one per member and year,
id `<year>-<member_id>`. It records what the constraint rules found and what people
decided: warnings, persuasion to resign, revocation, and manual score adjustments.

A decision to end a term here is only recorded (with its reason and who decided); ending
the term membership itself is the member record's `term_ended`, issued by its own command.
Every event carries `township_id` = the member's liaison group when it was recorded.
"""

from __future__ import annotations

from typing import ClassVar, Literal, get_args

from shared.events import DomainEvent, EventRegistry

CONTEXT = "members"
APPRAISAL = "appraisal"

ConstraintRule = Literal[
    "revocation_proposed", "reminder_talk", "persuade_to_resign", "not_renominated_flag"
]
DecisionKind = Literal["warn", "persuade_to_resign", "revoke"]
CONSTRAINT_RULE_CODES: tuple[ConstraintRule, ...] = get_args(ConstraintRule)
DECISION_KINDS: tuple[DecisionKind, ...] = get_args(DecisionKind)

registry = EventRegistry()


def appraisal_id(year: int, member_id: str) -> str:
    return f"{year}-{member_id}"


class AppraisalEvent(DomainEvent):
    context: ClassVar[str] = CONTEXT
    aggregate: ClassVar[str] = APPRAISAL
    version: ClassVar[int] = 1

    year: int
    member_id: str
    township_id: str | None


@registry.register
class MemberConstraintTriggered(AppraisalEvent):
    """约束规则触发: the rule, its evidence (fact ids of the performance file), the score
    when the rule is about the score, and a Chinese explanation."""

    name: ClassVar[str] = "member_constraint_triggered"

    rule: ConstraintRule
    evidence: tuple[str, ...] = ()
    score: float | None = None
    detail: str
    ruleset_version: str


class _Decision(AppraisalEvent):
    reason: str
    by: str
    rule: ConstraintRule | None = None


@registry.register
class MemberWarned(_Decision):
    """警示提醒（提醒谈话、书面批评等）."""

    name: ClassVar[str] = "member_warned"


@registry.register
class MemberPersuadedToResign(_Decision):
    """劝辞 decided (the term ends through the member record's own command)."""

    name: ClassVar[str] = "member_persuaded_to_resign"


@registry.register
class MemberQualificationRevoked(_Decision):
    """撤销委员资格 decided by the standing committee (the term ends through the member
    record's own command)."""

    name: ClassVar[str] = "member_qualification_revoked"


@registry.register
class MemberScoreAdjusted(AppraisalEvent):
    """人工调整考评分数 (+/−), shown in the score card's breakdown with its reason."""

    name: ClassVar[str] = "member_score_adjusted"

    adjustment_id: str
    points: float
    reason: str
    by: str


DECISION_EVENTS: dict[DecisionKind, type[_Decision]] = {
    "warn": MemberWarned,
    "persuade_to_resign": MemberPersuadedToResign,
    "revoke": MemberQualificationRevoked,
}

APPRAISAL_EVENTS: tuple[type[DomainEvent], ...] = (
    MemberConstraintTriggered,
    MemberWarned,
    MemberPersuadedToResign,
    MemberQualificationRevoked,
    MemberScoreAdjusted,
)
