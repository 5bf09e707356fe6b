"""`score(facts, ruleset) -> ScoreCard`: an explainable yearly score (DOMAIN §5.4).

Every fact is priced by the most specific matching rule key, and the card lists each fact
with its points and the rule that gave them. Per cap group, positive points are summed
and capped; deductions are not capped. total = base + Σ group subtotals (≤ max_total).
Pure and deterministic: the same facts and rule set give the same card, at any time.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from pydantic import BaseModel, ConfigDict

from services.members.scoring.facts import Fact
from services.members.scoring.labels import CATEGORY_LABELS, VOID_LABELS, describe, label
from services.members.scoring.ruleset import ScoringRuleset

FROZEN = ConfigDict(frozen=True, extra="forbid")
RULE_ADJUSTMENT = "adjustment"
RULE_UNRATED = "unrated"


class ScoredFact(BaseModel):
    """One fact of the file with its points and why."""

    model_config = FROZEN

    fact_id: str
    category: str
    group: str
    kind: str
    detail: str | None
    role: str | None
    ref_id: str | None
    occurred_on: date
    township_id: str | None
    source_type: str
    description: str
    points: float
    rule: str
    explanation: str
    counted: bool


class CategoryScore(BaseModel):
    """One cap group: what was earned, what the cap cut off, what was deducted."""

    model_config = FROZEN

    group: str
    label: str
    categories: tuple[str, ...]
    facts: int
    earned: float
    cap: float | None
    over_cap: float
    deducted: float
    subtotal: float
    explanation: str


class ScoreCard(BaseModel):
    model_config = FROZEN

    member_id: str
    year: int
    ruleset_version: str
    ruleset_label: str
    base: float
    total: float
    grade: str
    grade_label: str
    categories: tuple[CategoryScore, ...]
    breakdown: tuple[ScoredFact, ...]


def num(value: float) -> float:
    """Two decimals, and never −0."""
    rounded = round(value, 2)
    return 0.0 if rounded == 0 else rounded


def fmt(value: float, signed: bool = False) -> str:
    return f"{num(value):+g}" if signed else f"{num(value):g}"


def rule_keys(fact: Fact) -> list[str]:
    """Candidate rule keys, most specific first: kind+detail+role, kind+detail, kind+role,
    kind (e.g. `proposal.registered.lead`, `attendance.present.plenary_session`)."""
    base = f"{fact.category}.{fact.kind}"
    keys: list[str] = []
    if fact.detail and fact.role:
        keys.append(f"{base}.{fact.detail}.{fact.role}")
    if fact.detail:
        keys.append(f"{base}.{fact.detail}")
    if fact.role:
        keys.append(f"{base}.{fact.role}")
    keys.append(base)
    return keys


def price(fact: Fact, ruleset: ScoringRuleset) -> tuple[float, str, str]:
    """(points, rule, explanation) of one fact."""
    what = describe(fact.category, fact.kind, fact.detail, fact.role)
    if fact.void_reason:
        reason = label(VOID_LABELS, fact.void_reason)
        return 0.0, f"void.{fact.void_reason}", f"{what}：{reason}"
    if fact.fixed_points is not None:
        note = f"，理由：{fact.note}" if fact.note else ""
        return (
            num(fact.fixed_points),
            RULE_ADJUSTMENT,
            f"{what}：{fmt(fact.fixed_points, True)} 分{note}",
        )
    for key in rule_keys(fact):
        if key in ruleset.points:
            points = num(ruleset.points[key])
            return points, key, f"{what}：{fmt(points, True)} 分（规则 {key}）"
    return 0.0, RULE_UNRATED, f"{what}：现行规则未对此项赋分"


def scored(fact: Fact, ruleset: ScoringRuleset) -> ScoredFact:
    points, rule, explanation = price(fact, ruleset)
    return ScoredFact(
        fact_id=fact.fact_id,
        category=fact.category,
        group=ruleset.group_of(fact.category),
        kind=fact.kind,
        detail=fact.detail,
        role=fact.role,
        ref_id=fact.ref_id,
        occurred_on=fact.occurred_on,
        township_id=fact.township_id,
        source_type=fact.source_type,
        description=describe(fact.category, fact.kind, fact.detail, fact.role),
        points=points,
        rule=rule,
        explanation=explanation,
        counted=points != 0,
    )


def _explain(earned: float, cap: float | None, over: float, deducted: float, sub: float) -> str:
    parts = [f"得分 {fmt(earned)}"]
    if cap is not None and over > 0:
        parts.append(f"超过上限 {fmt(cap)} 分，按 {fmt(cap)} 分计（{fmt(over)} 分不计）")
    if deducted:
        parts.append(f"扣分 {fmt(deducted)}")
    parts.append(f"小计 {fmt(sub)}")
    return "；".join(parts)


def group_score(name: str, ruleset: ScoringRuleset, items: Sequence[ScoredFact]) -> CategoryScore:
    group = ruleset.groups.get(name)
    cap = group.cap if group is not None else None
    earned = num(sum(i.points for i in items if i.points > 0))
    deducted = num(sum(i.points for i in items if i.points < 0))
    kept = min(earned, cap) if cap is not None else earned
    over = num(earned - kept)
    subtotal = num(kept + deducted)
    return CategoryScore(
        group=name,
        label=group.label if group is not None else label(CATEGORY_LABELS, name),
        categories=group.categories if group is not None else (name,),
        facts=len(items),
        earned=earned,
        cap=cap,
        over_cap=over,
        deducted=deducted,
        subtotal=subtotal,
        explanation=_explain(earned, cap, over, deducted, subtotal),
    )


def _group_names(ruleset: ScoringRuleset, items: Iterable[ScoredFact]) -> list[str]:
    names = list(ruleset.groups)
    names.extend(sorted({i.group for i in items} - set(names)))
    return names


def score(
    facts: Iterable[Fact], ruleset: ScoringRuleset, *, member_id: str = "", year: int = 0
) -> ScoreCard:
    """The score card of one member's year (`facts` = that member's facts of that year)."""
    ordered = sorted(facts, key=lambda f: (f.occurred_on, f.fact_id))
    items = [scored(f, ruleset) for f in ordered]
    groups = [
        group_score(name, ruleset, [i for i in items if i.group == name])
        for name in _group_names(ruleset, items)
    ]
    total = num(ruleset.base + sum(g.subtotal for g in groups))
    if ruleset.max_total is not None:
        total = min(total, ruleset.max_total)
    band = ruleset.grade_of(total)
    return ScoreCard(
        member_id=member_id or (ordered[0].member_id if ordered else ""),
        year=year or (ordered[0].year if ordered else 0),
        ruleset_version=ruleset.version,
        ruleset_label=ruleset.label,
        base=ruleset.base,
        total=total,
        grade=band.grade,
        grade_label=band.label,
        categories=tuple(groups),
        breakdown=tuple(items),
    )
