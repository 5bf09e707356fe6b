"""Constraint rules (DOMAIN §5.4) as worked examples on the pure evaluation."""

from __future__ import annotations

from datetime import date

from services.members.scoring import (
    DEFAULT_RULESET,
    ConstraintRules,
    Fact,
    MemberTerm,
    Trigger,
    evaluate_constraints,
    score,
)
from services.members.scoring.facts import VOID_CONVERTED
from tests.unit.members.scoring.builders import YEAR, A, attend, fact, proposal

TERM = (MemberTerm(term_no=10, joined_on=date(2022, 1, 10)),)
RULES = DEFAULT_RULESET.constraints


def good_year(year: int) -> list[Fact]:
    """70 points: plenary 30, attendance 10, a registered proposal 15, a report 3 …"""
    on = date(year, 3, 1)
    return [
        attend("present", "plenary_session", on=on),
        *[attend("present", on=on) for _ in range(5)],
        proposal("submitted", f"p-{year}", on=on),
        proposal("registered", f"p-{year}", on=on),
        fact("adjustment", "adjusted", fixed_points=15, on=on),
    ]


def run(
    facts: list[Fact],
    year: int = YEAR,
    terms: tuple[MemberTerm, ...] = TERM,
    rules: ConstraintRules = RULES,
) -> dict[str, Trigger]:
    cards = {
        y: score([f for f in facts if f.year == y], DEFAULT_RULESET, member_id=A, year=y)
        for y in (year - 1, year)
    }
    found = evaluate_constraints(A, year, terms, facts, cards, rules)
    return {t.rule: t for t in found}


def test_a_good_member_triggers_nothing() -> None:
    assert run([*good_year(YEAR - 1), *good_year(YEAR)]) == {}


def test_two_unexcused_plenary_absences_in_a_term_propose_revocation_once() -> None:
    first = attend("absent_unexcused", "plenary_session", on=date(2024, 3, 1), fact_id="abs-1")
    second = attend("absent_unexcused", "plenary_session", on=date(2025, 3, 1), fact_id="abs-2")
    facts = [*good_year(2024), *good_year(2025), first, second]
    found = run(facts)
    assert found["revocation_proposed"].evidence == ("abs-1", "abs-2")
    assert found["revocation_proposed"].detail == "第10届内无故缺席全体会议 2 次（达到 2 次）"
    # The threshold was crossed in 2025: evaluating 2026 does not propose it again.
    later = run([*facts, *good_year(2026)], year=2026)
    assert "revocation_proposed" not in later
    # Absences of an earlier term do not count.
    new_term = (MemberTerm(term_no=11, joined_on=date(2025, 1, 5)),)
    assert "revocation_proposed" not in run(facts, terms=new_term)


def test_a_score_below_60_means_a_reminder_talk() -> None:
    found = run([*good_year(2024), attend("present", "plenary_session", fact_id="only")])
    reminder = found["reminder_talk"]
    assert (reminder.score, reminder.evidence) == (30, ("only",))
    assert reminder.detail == "2025年度考评得分 30 分，低于 60 分"
    assert "persuade_to_resign" not in found


def test_two_consecutive_years_below_60_mean_persuasion_to_resign() -> None:
    found = run(
        [
            attend("present", "plenary_session", on=date(2024, 3, 1)),
            proposal("submitted", "p", on=date(2024, 5, 1)),
            attend("present", "plenary_session", on=date(2025, 3, 1)),
        ]
    )
    assert found["persuade_to_resign"].detail == (
        "连续 2 年考评得分低于 60 分（2024年 35 分、2025年 30 分）"
    )
    # Not when the member was not yet in office the year before.
    joined = (MemberTerm(term_no=10, joined_on=date(2025, 2, 1)),)
    assert "persuade_to_resign" not in run([], terms=joined)


def test_no_proposal_for_two_years_flags_not_renominated() -> None:
    facts = [*good_year(2024), *good_year(2025)]
    without = [f for f in facts if f.category != "proposal"]
    flag = run(without)["not_renominated_flag"]
    assert (flag.detail, flag.evidence) == ("2024、2025年没有提案", ())
    # A converted proposal is not a proposal; a co-authored one is.
    converted = proposal("submitted", "p-x", void_reason=VOID_CONVERTED)
    assert "not_renominated_flag" in run([*without, converted])
    assert "not_renominated_flag" not in run([*without, proposal("submitted", "p-y", "co")])


def test_fewer_than_three_proposals_in_the_term_flags_in_its_final_year() -> None:
    term = (MemberTerm(term_no=10, joined_on=date(2021, 1, 10)),)  # 2021–2025
    facts = [*good_year(2024), *good_year(2025)]  # two proposals in the term
    flag = run(facts, terms=term)["not_renominated_flag"]
    assert flag.detail == "第10届提案 2 件，少于 3 件"
    assert len(flag.evidence) == 2
    # Not before the term's final year.
    assert "not_renominated_flag" not in run(facts, terms=TERM)


def test_members_out_of_office_and_switched_off_rules_trigger_nothing() -> None:
    gone = (MemberTerm(term_no=10, joined_on=date(2020, 1, 1), left_on=date(2024, 6, 30)),)
    assert run([], terms=gone) == {}
    off = ConstraintRules(
        revocation_unexcused_plenary_in_term=0,
        reminder_below=0,
        persuade_below=0,
        no_proposal_years=0,
        min_proposals_in_term=0,
    )
    assert run([], rules=off) == {}
