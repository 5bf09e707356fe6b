"""Score cards computed when read: a member's year, a liaison group's members, the county
league, and the constraint rules a year triggers — from `FileData` and the rule sets."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from services.members.application.scoring_reads import FileData, MemberInfo, year_bounds
from services.members.scoring import (
    ScoreCard,
    ScoringConfig,
    Trigger,
    evaluate_constraints,
    score,
    township_at,
)
from services.members.scoring.constraints import in_office
from services.members.scoring.facts import groups_during
from services.members.scoring.score import num


def card_of(data: FileData, config: ScoringConfig, member_id: str, year: int) -> ScoreCard:
    facts = data.facts_of(member_id, year)
    return score(facts, config.for_year(year), member_id=member_id, year=year)


def groups_in(data: FileData, member_id: str, year: int) -> set[str]:
    """The liaison groups the member belonged to at some time in the year, and those the
    year's facts are attributed to (a fact's date and its recorded time may differ)."""
    start, end = year_bounds(year)
    groups = groups_during(data.history.get(member_id, []), start, end)
    facts = {f.township_id for f in data.facts_of(member_id, year) if f.township_id}
    return groups | facts


def group_at_year_end(data: FileData, member_id: str, year: int) -> str | None:
    _, end = year_bounds(year)
    last = end - timedelta(microseconds=1)
    return township_at(data.history.get(member_id, []), last, None)


def serving(data: FileData, member_id: str, year: int) -> bool:
    terms = data.terms.get(member_id)
    return bool(terms) and in_office(terms or [], year)


@dataclass(frozen=True)
class Ranked:
    rank: int
    member: MemberInfo
    township_id: str | None
    card: ScoreCard


def rank(data: FileData, config: ScoringConfig, year: int) -> list[Ranked]:
    """Every member in office in the year, best first; equal totals share a rank."""
    cards = [
        (info, card_of(data, config, m, year))
        for m, info in data.members.items()
        if serving(data, m, year)
    ]
    cards.sort(key=lambda pair: (-pair[1].total, pair[0].name or "", pair[0].member_id))
    ranked: list[Ranked] = []
    for index, (info, card) in enumerate(cards):
        same = ranked and ranked[-1].card.total == card.total
        place = ranked[-1].rank if same else index + 1
        group = group_at_year_end(data, info.member_id, year)
        ranked.append(Ranked(place, info, group, card))
    return ranked


@dataclass(frozen=True)
class GroupAverage:
    township_id: str
    members: int
    average: float
    grades: dict[str, int]


def group_averages(ranked: list[Ranked]) -> list[GroupAverage]:
    """Per liaison group (the member's group at year end): count, average, grades."""
    by_group: dict[str, list[Ranked]] = defaultdict(list)
    for row in ranked:
        if row.township_id:
            by_group[row.township_id].append(row)
    result: list[GroupAverage] = []
    for township_id, rows in sorted(by_group.items()):
        grades: dict[str, int] = defaultdict(int)
        for row in rows:
            grades[row.card.grade] += 1
        average = num(sum(r.card.total for r in rows) / len(rows))
        result.append(GroupAverage(township_id, len(rows), average, dict(grades)))
    result.sort(key=lambda g: (-g.average, g.township_id))
    return result


def township_members(data: FileData, township_id: str, year: int) -> list[str]:
    """Members who belonged to the group at some time in the year and were in office."""
    return [
        m
        for m in data.members
        if township_id in groups_in(data, m, year) and serving(data, m, year)
    ]


def points_in(card: ScoreCard, township_id: str) -> tuple[float, int]:
    """Points (before caps) and count of the facts attributed to the township."""
    items = [i for i in card.breakdown if i.township_id == township_id]
    return num(sum(i.points for i in items)), len(items)


def triggers(data: FileData, config: ScoringConfig, member_id: str, year: int) -> list[Trigger]:
    """The constraint rules the member's year triggers (rule set of that year)."""
    rules = config.for_year(year).constraints
    span = max(rules.persuade_consecutive_years, 1)
    cards = {y: card_of(data, config, member_id, y) for y in range(year - span + 1, year + 1)}
    facts = [f for f in data.facts.get(member_id, []) if f.year <= year]
    terms = data.terms.get(member_id, [])
    return evaluate_constraints(member_id, year, terms, facts, cards, rules)
