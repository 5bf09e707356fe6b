"""Constraint rules (约束机制, DOMAIN §5.4): which rules a member's year triggers.

- `revocation_proposed`: unexcused plenary absences in the current term reach the
  threshold (triggered in the year the threshold is crossed);
- `reminder_talk`: the year's score is below `reminder_below`;
- `persuade_to_resign`: the score is below `persuade_below` in each of the last N years;
- `not_renominated_flag`: no proposal in the last N years, or fewer than the minimum in
  the term (checked in the term's final year).

Each trigger names its evidence (fact ids). The application turns them into
`member_constraint_triggered` events, at most once per rule, member and year.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

from pydantic import BaseModel, ConfigDict

from services.members.scoring.facts import Fact
from services.members.scoring.ruleset import ConstraintRules
from services.members.scoring.score import ScoreCard, fmt

FROZEN = ConfigDict(frozen=True, extra="forbid")

REVOCATION = "revocation_proposed"
REMINDER = "reminder_talk"
PERSUADE = "persuade_to_resign"
NOT_RENOMINATED = "not_renominated_flag"
CONSTRAINT_RULES = (REVOCATION, REMINDER, PERSUADE, NOT_RENOMINATED)


class MemberTerm(BaseModel):
    """届次任职 as the performance file knows it."""

    model_config = FROZEN

    term_no: int
    joined_on: date | None = None
    left_on: date | None = None


class Trigger(BaseModel):
    model_config = FROZEN

    rule: str
    member_id: str
    year: int
    evidence: tuple[str, ...]
    score: float | None = None
    detail: str


def _overlaps(term: MemberTerm, year: int) -> bool:
    starts = term.joined_on or date.min
    ends = term.left_on or date.max
    return starts <= date(year, 12, 31) and ends >= date(year, 1, 1)


def in_office(terms: Sequence[MemberTerm], year: int) -> bool:
    return any(_overlaps(t, year) for t in terms)


def term_of(terms: Sequence[MemberTerm], year: int) -> MemberTerm | None:
    """The latest term membership that overlaps the year."""
    overlapping = [t for t in terms if _overlaps(t, year)]
    return max(overlapping, key=lambda t: (t.joined_on or date.min, t.term_no), default=None)


def _within(fact: Fact, term: MemberTerm) -> bool:
    return (term.joined_on or date.min) <= fact.occurred_on <= (term.left_on or date.max)


def _ids(facts: Iterable[Fact]) -> tuple[str, ...]:
    return tuple(f.fact_id for f in sorted(facts, key=lambda f: (f.occurred_on, f.fact_id)))


def _plenary_absence(fact: Fact) -> bool:
    return (
        fact.category == "attendance"
        and fact.kind == "absent_unexcused"
        and fact.detail == "plenary_session"
        and fact.void_reason is None
    )


def _proposal(fact: Fact) -> bool:
    return fact.category == "proposal" and fact.kind == "submitted" and fact.void_reason is None


def revocation(
    member_id: str, year: int, terms: Sequence[MemberTerm], facts: Sequence[Fact], n: int
) -> Trigger | None:
    term = term_of(terms, year)
    if not n or term is None:
        return None
    absences = [f for f in facts if _plenary_absence(f) and _within(f, term)]
    upto = [f for f in absences if f.occurred_on.year <= year]
    before = [f for f in absences if f.occurred_on.year < year]
    if not len(upto) >= n > len(before):
        return None
    detail = f"第{term.term_no}届内无故缺席全体会议 {len(upto)} 次（达到 {n} 次）"
    return Trigger(
        rule=REVOCATION, member_id=member_id, year=year, evidence=_ids(upto), detail=detail
    )


def reminder(card: ScoreCard | None, below: float) -> Trigger | None:
    if card is None or not below or card.total >= below:
        return None
    evidence = tuple(f.fact_id for f in card.breakdown if f.counted)
    detail = f"{card.year}年度考评得分 {fmt(card.total)} 分，低于 {fmt(below)} 分"
    return Trigger(
        rule=REMINDER,
        member_id=card.member_id,
        year=card.year,
        evidence=evidence,
        score=card.total,
        detail=detail,
    )


def persuade(
    year: int, terms: Sequence[MemberTerm], cards: Mapping[int, ScoreCard], rules: ConstraintRules
) -> Trigger | None:
    years = list(range(year - rules.persuade_consecutive_years + 1, year + 1))
    if not rules.persuade_consecutive_years or not rules.persuade_below:
        return None
    chosen = [cards.get(y) for y in years]
    if any(c is None or c.total >= rules.persuade_below for c in chosen):
        return None
    if not all(in_office(terms, y) for y in years):
        return None
    found = [c for c in chosen if c is not None]
    scores = "、".join(f"{c.year}年 {fmt(c.total)} 分" for c in found)
    return Trigger(
        rule=PERSUADE,
        member_id=found[-1].member_id,
        year=year,
        evidence=tuple(f.fact_id for c in found for f in c.breakdown if f.counted),
        score=found[-1].total,
        detail=f"连续 {len(years)} 年考评得分低于 {fmt(rules.persuade_below)} 分（{scores}）",
    )


def _final_year(term: MemberTerm, year: int, term_years: int) -> bool:
    if term.left_on is not None and term.left_on.year == year:
        return True
    return term.joined_on is not None and term.joined_on.year + term_years - 1 == year


def _no_recent_proposal(
    year: int, terms: Sequence[MemberTerm], proposals: Sequence[Fact], k: int
) -> str | None:
    years = list(range(year - k + 1, year + 1))
    if not k or not all(in_office(terms, y) for y in years):
        return None
    if any(f.occurred_on.year in years for f in proposals):
        return None
    return f"{'、'.join(str(y) for y in years)}年没有提案"


def _few_in_term(
    year: int, terms: Sequence[MemberTerm], proposals: Sequence[Fact], rules: ConstraintRules
) -> tuple[str, list[Fact]] | None:
    term = term_of(terms, year)
    if term is None or not rules.min_proposals_in_term:
        return None
    if not _final_year(term, year, rules.term_years):
        return None
    mine = [f for f in proposals if _within(f, term) and f.occurred_on.year <= year]
    count = len({f.ref_id or f.fact_id for f in mine})
    if count >= rules.min_proposals_in_term:
        return None
    detail = f"第{term.term_no}届提案 {count} 件，少于 {rules.min_proposals_in_term} 件"
    return detail, mine


def not_renominated(
    member_id: str,
    year: int,
    terms: Sequence[MemberTerm],
    facts: Sequence[Fact],
    rules: ConstraintRules,
) -> Trigger | None:
    proposals = [f for f in facts if _proposal(f)]
    none_recent = _no_recent_proposal(year, terms, proposals, rules.no_proposal_years)
    few = _few_in_term(year, terms, proposals, rules)
    if none_recent is None and few is None:
        return None
    details = [d for d in (none_recent, few[0] if few else None) if d]
    return Trigger(
        rule=NOT_RENOMINATED,
        member_id=member_id,
        year=year,
        evidence=_ids(few[1]) if few else (),
        detail="；".join(details),
    )


def evaluate_constraints(
    member_id: str,
    year: int,
    terms: Sequence[MemberTerm],
    facts: Sequence[Fact],
    cards: Mapping[int, ScoreCard],
    rules: ConstraintRules,
) -> list[Trigger]:
    """The rules the member's `year` triggers. `facts`: the member's facts of every year
    up to `year`; `cards`: score cards of `year` and the years before it that rules need."""
    if not in_office(terms, year):
        return []
    found = [
        revocation(member_id, year, terms, facts, rules.revocation_unexcused_plenary_in_term),
        reminder(cards.get(year), rules.reminder_below),
        persuade(year, terms, cards, rules),
        not_renominated(member_id, year, terms, facts, rules),
    ]
    return [t for t in found if t is not None]
