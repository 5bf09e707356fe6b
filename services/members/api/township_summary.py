"""Year summary (DOMAIN §6.3, [S:105]): the counts a liaison group reports to the county at
year end, and a Chinese draft paragraph generated from them. The group's own work counts
(its members' visits, proposals and reports — where they were members at the time — and
the group's own proposals/reports); consultations count where held in the township."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from sqlalchemy import Row

from services.members.api.township_labels import SATISFIED
from services.members.api.township_schemas import AttendancePanel, ProposalRow, VisitsPanel
from services.members.api.township_schemas_more import (
    ConsultationsPanel,
    LivelihoodTrainingPanel,
    ReportRow,
    SummaryFacts,
)
from services.members.projections.attribution import IN_TOWNSHIP, OWN_WORK

CONSTITUENTS = "member_visits_constituents"
LEADER = "leader_visits_member"


def summary_facts(
    members: list[Row[Any]],
    visits: VisitsPanel,
    own_visits_by_kind: Mapping[str, int],
    proposals: list[ProposalRow],
    reports: list[ReportRow],
    consultations: ConsultationsPanel,
    activities: LivelihoodTrainingPanel,
    attendance: AttendancePanel,
) -> SummaryFacts:
    """From panels built for the whole group (rows_scope "group"): `own_visits_by_kind`
    counts the visits by the group's members (SQL), `proposals`/`reports` are every row of
    the group (not one page)."""
    own_proposals = [p for p in proposals if OWN_WORK & set(p.attribution_reasons)]
    own_reports = [r for r in reports if OWN_WORK & set(r.attribution_reasons)]
    return SummaryFacts(
        members=len(members),
        standing=sum(1 for m in members if m.is_standing_member),
        visits=sum(own_visits_by_kind.values()),
        constituent_visits=own_visits_by_kind.get(CONSTITUENTS, 0),
        leader_visits=own_visits_by_kind.get(LEADER, 0),
        issues=visits.issues.raised,
        escalated=visits.issues.escalated,
        proposals=len(own_proposals),
        registered=sum(1 for p in own_proposals if p.registered),
        replied=sum(1 for p in own_proposals if p.replied_on is not None),
        satisfied=sum(1 for p in own_proposals if p.satisfaction in SATISFIED),
        reports=len(own_reports),
        reports_adopted=sum(1 for r in own_reports if r.adoption_levels),
        reports_instructed=sum(1 for r in own_reports if r.instructions),
        consultations=consultations.by_reason.get(IN_TOWNSHIP, 0),
        suggestions_adopted=consultations.adopted,
        livelihood=activities.livelihood_total,
        beneficiaries=activities.beneficiaries,
        donation_yuan=activities.donation_yuan,
        trainings=len(activities.trainings),
        training_attendance_rate=activities.training_attendance_rate,
        meetings=sum(1 for m in attendance.meetings if m.meeting_date <= attendance.as_of),
        meeting_attendance_rate=attendance.attendance_rate,
    )


def yuan(amount: Decimal) -> str:
    """12345.6 → "1.23万元"; 800 → "800元"."""
    if amount >= 10000:
        value = (amount / 10000).quantize(Decimal("0.01"))
        return f"{value.normalize():f}万元"
    return f"{amount.quantize(Decimal('0.01')).normalize():f}元"


def pct(rate: float) -> str:
    return f"{round(rate * 100, 1):g}%"


def _visits(f: SummaryFacts) -> str:
    if not f.visits:
        return "全年尚未登记“两访三做”走访。"
    text = (
        f"开展“两访三做”走访{f.visits}次，其中委员走访界别群众{f.constituent_visits}次、"
        f"主席会议成员走访基层委员{f.leader_visits}次"
    )
    if f.issues:
        text += f"，收集群众反映问题{f.issues}条，转为社情民意信息或提案草稿{f.escalated}条"
    return text + "。"


def _proposals(f: SummaryFacts) -> str:
    if not f.proposals:
        return "本组委员本年度尚未提交提案。"
    return (
        f"本组委员提交提案{f.proposals}件，立案{f.registered}件，已答复{f.replied}件，"
        f"提案者满意或基本满意{f.satisfied}件。"
    )


def _reports(f: SummaryFacts) -> str:
    if not f.reports:
        return "本年度尚未报送社情民意信息。"
    text = f"报送社情民意信息{f.reports}篇，被采用{f.reports_adopted}篇"
    if f.reports_instructed:
        text += f"，获领导批示{f.reports_instructed}篇"
    return text + "。"


def _others(f: SummaryFacts) -> str:
    parts = []
    if f.consultations:
        parts.append(
            f"在本乡镇开展协商活动{f.consultations}次，建议被有关部门采纳{f.suggestions_adopted}条。"
        )
    if f.livelihood:
        gift = f"，捐款捐物折合{yuan(f.donation_yuan)}" if f.donation_yuan else ""
        parts.append(f"组织开展民生实事{f.livelihood}项，受益群众{f.beneficiaries}人{gift}。")
    if f.trainings and f.training_attendance_rate is not None:
        parts.append(f"委员参加培训{f.trainings}期，参训率{pct(f.training_attendance_rate)}。")
    if f.meetings and f.meeting_attendance_rate is not None:
        parts.append(f"召开或参加会议{f.meetings}次，委员出席率{pct(f.meeting_attendance_rate)}。")
    return "".join(parts)


def summary_text(group_name: str, year: int, f: SummaryFacts) -> str:
    """The draft paragraph of the group's year-end report to the county."""
    standing = f"（其中常委{f.standing}名）" if f.standing else ""
    head = f"{year}年，{group_name}共有委员{f.members}名{standing}，"
    return head + _visits(f) + _proposals(f) + _reports(f) + _others(f)
