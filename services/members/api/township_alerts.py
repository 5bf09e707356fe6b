"""To-do / alerts panel (DOMAIN §6.3): members behind their visit quota, group heads behind
their 社情民意 quota, overdue proposals touching the township (any year; deadlines from
the events, compared with `as_of`), reports awaiting feedback, unexcused absences.

Built from the other panels as the viewer sees them, so a member only gets their own."""

from __future__ import annotations

from collections import Counter
from datetime import date

from services.members.api.township_access import PanelContext
from services.members.api.township_labels import ALERT_LABELS
from services.members.api.township_proposal_panel import group_proposals
from services.members.api.township_rules import expected_by
from services.members.api.township_schemas import AttendancePanel, ProposalRow, VisitsPanel
from services.members.api.township_schemas_more import (
    AlertRow,
    AlertsPanel,
    ReportRow,
    ReportsPanel,
)


def _alert(
    kind: str,
    message: str,
    member_id: str | None = None,
    ref_id: str | None = None,
    due_on: date | None = None,
) -> AlertRow:
    return AlertRow(
        kind=kind,
        kind_label=ALERT_LABELS[kind],
        message=message,
        member_id=member_id,
        ref_id=ref_id,
        due_on=due_on,
    )


def visit_alerts(visits: VisitsPanel) -> list[AlertRow]:
    return [
        _alert(
            "visit_quota",
            f"{q.member_name or q.member_id} 本年度走访界别群众 {q.done} 次，"
            f"按进度应不少于 {q.expected_by_now} 次（全年 {q.quota} 次），请督促开展走访。",
            member_id=q.member_id,
        )
        for q in visits.quota
        if q.behind
    ]


def head_alerts(ctx: PanelContext, reports: ReportsPanel) -> list[AlertRow]:
    expected = expected_by(reports.head_quota, ctx.year, ctx.as_of)
    return [
        _alert(
            "report_quota",
            f"联络组组长 {h.member_name or h.member_id} 本年度报送社情民意信息 {h.done} 篇，"
            f"按进度应不少于 {expected} 篇（全年 {h.quota} 篇）。",
            member_id=h.member_id,
        )
        for h in reports.heads
        if h.done < expected
    ]


def report_alerts(rows: list[ReportRow]) -> list[AlertRow]:
    return [
        _alert(
            "report_feedback",
            f"社情民意信息《{r.title}》（{r.serial_no or r.report_id}）已转送或获批示，"
            "尚无有关部门的落实反馈，请跟踪。",
            ref_id=r.report_id,
        )
        for r in rows
        if r.awaiting_feedback
    ]


def absence_alerts(attendance: AttendancePanel) -> list[AlertRow]:
    return [
        _alert(
            "unexcused_absence",
            f"{a.member_name or a.member_id} 本年度无故缺席会议 {a.absences} 次："
            f"{'、'.join(a.meetings)}，请了解情况。",
            member_id=a.member_id,
        )
        for a in attendance.absentees
    ]


async def overdue_proposals(ctx: PanelContext) -> list[ProposalRow]:
    """Proposals of any year touching the township with a reply overdue at `as_of`."""
    me = ctx.viewer.member_id
    rows = (await group_proposals(ctx)).overdue
    return [r for r in rows if me is None or me in {a.member_id for a in r.authors}]


def proposal_alerts(rows: list[ProposalRow]) -> list[AlertRow]:
    alerts = []
    for r in rows:
        late = [u for u in r.units if u.overdue]
        units = "、".join(f"{u.unit_name}（{u.role_label}，期限 {u.due_on}）" for u in late)
        alerts.append(
            _alert(
                "overdue_proposal",
                f"提案《{r.title}》（{r.serial_no or '未编号'}）超期未答复：{units}。"
                "请联系承办单位或提案委督办。",
                ref_id=r.proposal_id,
                due_on=min(u.due_on for u in late if u.due_on is not None),
            )
        )
    return alerts


async def build_alerts_panel(
    ctx: PanelContext,
    visits: VisitsPanel,
    reports: ReportsPanel,
    report_rows: list[ReportRow],
    attendance: AttendancePanel,
) -> AlertsPanel:
    """`report_rows`: every report row the viewer sees (the panel holds one page)."""
    items = [
        *proposal_alerts(await overdue_proposals(ctx)),
        *visit_alerts(visits),
        *head_alerts(ctx, reports),
        *report_alerts(report_rows),
        *absence_alerts(attendance),
    ]
    return AlertsPanel(
        **ctx.head(),
        pages={"items": ctx.paging.page(len(items))},
        as_of=ctx.as_of,
        total=len(items),
        by_kind=dict(Counter(a.kind for a in items)),
        items=ctx.paging.cut(items),
    )
