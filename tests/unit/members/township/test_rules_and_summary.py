"""Pure rules of the liaison-group panels: quota progress, rates, the league ranking,
satisfaction, feedback, attendance buckets, who sees which rows, the year-summary text."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

import pytest

from services.members.api.township_access import Viewer
from services.members.api.township_attendance import bucket
from services.members.api.township_bundle import is_overdue
from services.members.api.township_config import TownshipConfig, load_township_config
from services.members.api.township_league import rank
from services.members.api.township_proposal_panel import satisfaction_of
from services.members.api.township_report_panel import awaits_feedback
from services.members.api.township_rules import expected_by, per, rate
from services.members.api.township_schemas_more import LeagueRow, SummaryFacts
from services.members.api.township_summary import pct, summary_text, yuan


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (date(2025, 1, 15), 0),
        (date(2025, 4, 1), 1),
        (date(2025, 12, 31), 3),
        (date(2026, 1, 1), 4),
        (date(2024, 6, 1), 0),
    ],
)
def test_quota_progress_is_pro_rata_by_completed_months(as_of: date, expected: int) -> None:
    assert expected_by(4, 2025, as_of) == expected


def test_rates() -> None:
    assert (rate(1, 3), rate(0, 0), per(5, 2), per(3, 0)) == (0.3333, None, 2.5, 0.0)
    assert (pct(0.5), pct(0.8567), pct(1.0)) == ("50%", "85.7%", "100%")
    assert (yuan(Decimal("12000.00")), yuan(Decimal("800")), yuan(Decimal("3000.50"))) == (
        "1.2万元",
        "800元",
        "3000.5元",
    )


def _league(township: str, visits: float, score: float | None = None) -> LeagueRow:
    return LeagueRow(
        rank=0,
        township_id=township,
        group_name=township,
        members=1,
        visits=0,
        visits_per_member=visits,
        proposals_registered=0,
        reports_adopted=0,
        consultations_held=0,
        average_score=score,
    )


def test_league_ranks_ties_together_and_missing_values_last() -> None:
    rows = [_league("b", 2.0, 80), _league("a", 2.0), _league("c", 3.0, 90), _league("d", 1.0)]
    ranked = rank(rows, "visits_per_member")
    assert [(r.township_id, r.rank) for r in ranked] == [("c", 1), ("a", 2), ("b", 2), ("d", 4)]
    by_score = rank(rows, "average_score")
    assert [(r.township_id, r.rank) for r in by_score] == [("c", 1), ("b", 2), ("a", 3), ("d", 3)]


def _task(role: str, satisfaction: str | None) -> Any:
    return SimpleNamespace(role=role, satisfaction=satisfaction)


def test_a_proposals_satisfaction_is_its_least_favourable_reply() -> None:
    assert satisfaction_of([_task("lead", "satisfied"), _task("separate", "dissatisfied")]) == (
        "dissatisfied"
    )
    assert satisfaction_of([_task("co", "dissatisfied"), _task("sole", "basically_satisfied")]) == (
        "basically_satisfied"
    )
    assert satisfaction_of([_task("lead", "delighted")]) == "delighted"  # unknown: as is
    assert satisfaction_of([]) is None


def _fact(kind: str, level: str | None = None) -> Any:
    return SimpleNamespace(kind=kind, level=level)


def test_reports_awaiting_feedback() -> None:
    assert awaits_feedback("forwarded", [])
    assert awaits_feedback("published", [_fact("instruction", "county_leader")])
    assert awaits_feedback("published", [_fact("adoption", "county_party_gov")])
    assert not awaits_feedback("published", [_fact("adoption", "city")])
    assert not awaits_feedback("forwarded", [_fact("feedback")])
    assert not awaits_feedback("closed", [_fact("instruction")])


def test_attendance_buckets_and_viewers() -> None:
    assert [
        bucket(s)
        for s in ("present", "late", "left_early", "leave_approved", "absent_unexcused", None)
    ] == ["present", "present", "present", "leave", "absent", "pending"]
    staff, member = Viewer("chengguan"), Viewer("chengguan", "m-1")
    assert (staff.scope, member.scope) == ("group", "self")
    assert staff.sees(["m-2"]) and member.sees(["m-2", "m-1"]) and not member.sees(["m-2"])


def test_township_config_defaults_and_overrides(tmp_path: Any) -> None:
    assert load_township_config({}) == TownshipConfig()
    path = tmp_path / "members.toml"
    path.write_text(
        '[township]\nhead_report_quota = 6\n[township.group_heads]\nchengguan = ["m-1"]\n'
    )
    config = load_township_config({"MEMBERS_CONFIG": str(path)})
    assert (config.head_report_quota, config.group_heads) == (6, {"chengguan": ["m-1"]})


FACTS = dict(
    members=12,
    standing=3,
    visits=48,
    constituent_visits=40,
    leader_visits=8,
    issues=15,
    escalated=4,
    proposals=10,
    registered=8,
    replied=6,
    satisfied=5,
    reports=6,
    reports_adopted=3,
    reports_instructed=1,
    consultations=2,
    suggestions_adopted=3,
    livelihood=5,
    beneficiaries=320,
    donation_yuan=Decimal("25000"),
    trainings=2,
    training_attendance_rate=0.85,
    meetings=4,
    meeting_attendance_rate=0.9,
)


def test_year_summary_text() -> None:
    text = summary_text("城关镇政协联络组", 2026, SummaryFacts(**FACTS))
    assert text == (
        "2026年，城关镇政协联络组共有委员12名（其中常委3名），开展“两访三做”走访48次，其中委员"
        "走访界别群众40次、主席会议成员走访基层委员8次，收集群众反映问题15条，转为社情民意信息或"
        "提案草稿4条。本组委员提交提案10件，立案8件，已答复6件，提案者满意或基本满意5件。报送社情"
        "民意信息6篇，被采用3篇，获领导批示1篇。在本乡镇开展协商活动2次，建议被有关部门采纳3条。"
        "组织开展民生实事5项，受益群众320人，捐款捐物折合2.5万元。委员参加培训2期，参训率85%。"
        "召开或参加会议4次，委员出席率90%。"
    )


def test_year_summary_of_a_quiet_year() -> None:
    zeros = {k: (Decimal(0) if k == "donation_yuan" else 0) for k in FACTS}
    facts = SummaryFacts(
        **{**zeros, "members": 3, "training_attendance_rate": None, "meeting_attendance_rate": None}
    )
    assert summary_text("河口镇政协联络组", 2025, facts) == (
        "2025年，河口镇政协联络组共有委员3名，全年尚未登记“两访三做”走访。"
        "本组委员本年度尚未提交提案。本年度尚未报送社情民意信息。"
    )


def test_overdue_means_a_reply_still_owed_past_its_due_date() -> None:
    def task(awaiting: bool, due_on: date | None) -> Any:
        return SimpleNamespace(awaiting=awaiting, due_on=due_on)

    owed = task(True, date(2025, 6, 1))
    assert is_overdue(owed, date(2025, 6, 2)) and not is_overdue(owed, date(2025, 6, 1))
    assert not is_overdue(owed, date(2025, 7, 1), "concluded")
    assert not is_overdue(task(False, date(2025, 6, 1)), date(2025, 7, 1))
    assert not is_overdue(task(True, None), date(2025, 7, 1))
