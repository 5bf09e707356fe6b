"""Worked examples of the default rule set (DOMAIN §5.4; docs/decisions/0010)."""

from __future__ import annotations

from services.members.scoring import DEFAULT_RULESET, Fact, ScoreCard, score
from services.members.scoring.facts import VOID_CONVERTED, VOID_WITHDRAWN
from tests.unit.members.scoring.builders import (
    P1,
    P2,
    P3,
    YEAR,
    A,
    activity,
    attend,
    fact,
    proposal,
    report,
)


def card(*facts: Fact) -> ScoreCard:
    return score(facts, DEFAULT_RULESET, member_id=A, year=YEAR)


def subtotal(c: ScoreCard, group: str) -> float:
    return next(g.subtotal for g in c.categories if g.group == group)


def test_an_active_members_year_worked_example() -> None:
    facts = [
        attend("present", "plenary_session"),  # 30
        *[attend("present") for _ in range(6)],  # 6 × 2 = 12 → attendance 42, cap 40
        proposal("submitted", P1),  # 5
        proposal("registered", P1),  # 10
        proposal("key", P1),  # 5
        proposal("submitted", P2, "co"),  # 2
        proposal("registered", P2, "co"),  # 5 → proposals 27, cap 25
        proposal("submitted", P3, void_reason=VOID_CONVERTED),  # 0: counted as a report
        report("submitted", "r-from-p3", "from_proposal"),  # 3
        report("submitted", "r-1"),  # 3
        report("adopted", "r-1", "city"),  # 8
        fact("opinion_report", "instructed", detail="county_leader", ref_id="r-1"),  # 5
        activity("consultation", "thematic"),  # 2
        activity("speech", "thematic", "oral"),  # 3
        activity("training", "member_main_training", "full"),  # 2
        fact("visit", "verified", detail="member_visits_constituents"),  # 2
        fact("visit", "verified", detail="member_visits_constituents"),  # 2
        fact("visit", "output_adopted", detail="opinion_report"),  # 2
        fact("livelihood", "participated", detail="poverty_relief"),  # 2
        fact("award", "excellence", detail="city", role="excellent_member"),  # 6
    ]
    c = card(*facts)
    assert {g.group: g.subtotal for g in c.categories} == {
        "attendance": 40,
        "proposal": 25,
        "opinion_report": 19,
        "activity": 7,
        "visit": 6,
        "bonus": 8,
        "penalty": 0,
        "adjustment": 0,
    }
    assert c.total == 105 and (c.grade, c.grade_label) == ("excellent", "优秀")
    attendance = next(g for g in c.categories if g.group == "attendance")
    assert (attendance.earned, attendance.cap, attendance.over_cap) == (42, 40, 2)
    assert "超过上限 40 分，按 40 分计（2 分不计）" in attendance.explanation
    assert len(c.breakdown) == len(facts)  # every fact is listed, even the void one


def test_each_fact_names_its_points_and_rule() -> None:
    c = card(attend("present", "plenary_session"), proposal("registered", P1, "co"))
    plenary, registered = sorted(c.breakdown, key=lambda i: i.category)
    assert (plenary.points, plenary.rule) == (30, "attendance.present.plenary_session")
    assert plenary.explanation == (
        "会议出勤·出席（全体会议）：+30 分（规则 attendance.present.plenary_session）"
    )
    assert (registered.points, registered.rule) == (5, "proposal.registered.co")
    assert registered.description == "提案·立案（联名提案人）"


def test_joint_proposal_credits_lead_and_co_author_differently() -> None:
    lead = card(proposal("submitted", P1), proposal("registered", P1))
    co = card(proposal("submitted", P1, "co"), proposal("registered", P1, "co"))
    assert subtotal(lead, "proposal") == 15
    assert subtotal(co, "proposal") == 7


def test_converted_proposal_counts_once_as_an_opinion_report() -> None:
    c = card(
        proposal("submitted", P1, void_reason=VOID_CONVERTED),
        report("submitted", "r-1", "from_proposal"),
    )
    assert subtotal(c, "proposal") == 0
    assert subtotal(c, "opinion_report") == 3
    void = next(i for i in c.breakdown if i.category == "proposal")
    assert (void.points, void.rule, void.counted) == (0, "void.converted_to_public_opinion", False)
    assert "按社情民意信息计分，本项不再计入提案" in void.explanation


def test_withdrawn_proposal_earns_nothing() -> None:
    c = card(proposal("submitted", P1, void_reason=VOID_WITHDRAWN))
    assert c.total == 0 and "已撤案" in c.breakdown[0].explanation


def test_deductions_are_not_capped_and_can_make_a_category_negative() -> None:
    absent = card(
        attend("absent_unexcused", "plenary_session"),  # −10
        *[attend("present") for _ in range(3)],  # 6
    )
    assert subtotal(absent, "attendance") == -4
    busy = card(
        *[attend("present") for _ in range(25)],  # 50 → cap 40
        attend("absent_unexcused", "standing_committee_meeting"),  # −5
        attend("leave_approved", "standing_committee_meeting"),  # −2
    )
    group = next(g for g in busy.categories if g.group == "attendance")
    assert (group.earned, group.over_cap, group.deducted, group.subtotal) == (50, 10, -7, 33)


def test_plenary_leave_and_lateness() -> None:
    assert card(attend("leave_approved", "plenary_session")).total == 15
    assert card(attend("late", "plenary_session")).total == 29
    assert card(attend("left_early")).total == 1


def test_adoption_levels_and_instructions() -> None:
    levels = {"county": 5, "county_party_gov": 5, "city": 8, "province": 12, "national": 20}
    for level, points in levels.items():
        assert card(report("adopted", "r", level)).total == points
    assert card(fact("opinion_report", "instructed", detail="city_leader")).total == 10


def test_opinion_reports_are_capped_at_20() -> None:
    c = card(*[report("adopted", f"r-{i}", "province") for i in range(3)])  # 36
    assert subtotal(c, "opinion_report") == 20


def test_speeches_written_and_oral() -> None:
    assert card(activity("speech", "plenary", "oral")).total == 5
    assert card(activity("speech", "standing_committee_thematic", "oral")).total == 5
    assert card(activity("speech", "thematic", "oral")).total == 3
    assert card(activity("speech", "plenary", "written")).total == 3
    assert card(activity("training", "online_course", "partial")).total == 1


def test_livelihood_and_awards_share_the_bonus_cap() -> None:
    c = card(
        *[fact("livelihood", "participated", detail="free_clinic") for _ in range(3)],  # 6
        fact("award", "excellence", detail="province"),  # 8
    )
    bonus = next(g for g in c.categories if g.group == "bonus")
    assert (bonus.categories, bonus.earned, bonus.subtotal) == (("livelihood", "award"), 14, 10)


def test_leader_visits_and_penalties_are_listed_with_zero_points() -> None:
    c = card(
        fact("visit", "verified", detail="leader_visits_member"),
        fact("penalty", "warned", detail="reminder_talk", note="提醒谈话"),
    )
    assert c.total == 0
    assert [i.rule for i in c.breakdown] == ["unrated", "unrated"]
    assert all(i.explanation.endswith("现行规则未对此项赋分") for i in c.breakdown)


def test_adjustments_show_their_points_and_reason() -> None:
    c = card(
        fact("adjustment", "adjusted", fixed_points=-3.5, note="材料不实"),
        fact("adjustment", "adjusted", fixed_points=8, note="抗洪抢险表现突出"),
    )
    assert subtotal(c, "adjustment") == 4.5
    items = sorted(c.breakdown, key=lambda i: i.points)
    assert [(i.points, i.rule) for i in items] == [(-3.5, "adjustment"), (8, "adjustment")]
    assert items[0].explanation == "分数调整·人工调整：-3.5 分，理由：材料不实"


def test_grade_thresholds() -> None:
    def graded(total: int) -> str:
        adjustment = fact("adjustment", "adjusted", fixed_points=total)
        return card(adjustment).grade

    assert [graded(t) for t in (90, 89, 75, 74, 60, 59, -5)] == [
        "excellent",
        "good",
        "good",
        "competent",
        "competent",
        "incompetent",
        "incompetent",
    ]
