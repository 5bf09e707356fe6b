"""Deciders of 《社情民意》 issues: numbering, compiling, approval, publication.

Creating an issue takes the next number of its series + year register (two aggregates);
publishing an issue publishes each of its reports (the issue and every report, appended
atomically, each with its concurrency check).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from shared.domain import Decider, Invalid, NotFound, Rejected
from shared.events import DomainEvent

from . import rules
from .bulletin_events import (
    BulletinIssueApproved,
    BulletinIssueCreated,
    BulletinIssueDistributed,
    BulletinIssuePublished,
    BulletinIssueSubmittedForApproval,
    BulletinItemAdded,
    BulletinItemRemoved,
    BulletinNumberAllocated,
    ItemMode,
    Series,
)
from .bulletin_state import (
    EDITABLE_ISSUE_STATUSES,
    BulletinRegisterState,
    IssueState,
    IssueStatus,
    bulletin_register_id,
    evolve_bulletin_register,
    evolve_issue,
    issue_label,
)
from .commands import (
    AddIssueItem,
    ApproveIssue,
    CreateIssue,
    DistributeIssue,
    IssueCommand,
    PublishIssue,
    RemoveIssueItem,
    SubmitIssueForApproval,
)
from .decide import authored, state_message
from .events import BULLETIN_ISSUE, BULLETIN_REGISTER, CONTEXT
from .labels import ITEM_MODE_LABELS, SERIES_LABELS, issue_status_label, report_status_label
from .state import CHINA_TZ, PUBLISHABLE_STATUSES, ReportState
from .use_events import OpinionReportPublished

Pairs = list[tuple[str, DomainEvent]]
IS = IssueStatus

issue_decider: Decider[IssueState] = Decider(CONTEXT, BULLETIN_ISSUE, IssueState(), evolve_issue)
bulletin_register_decider: Decider[BulletinRegisterState] = Decider(
    CONTEXT, BULLETIN_REGISTER, BulletinRegisterState(), evolve_bulletin_register
)


def decide_create_issue(
    cmd: CreateIssue, issue: IssueState, register: BulletinRegisterState
) -> Pairs:
    """新建一期 (∅ → planning), numbered `{year}年第{n}期` in its series."""
    if issue.exists:
        raise Rejected(f"本期已创建（{issue.label}），不能重复创建", code="already_created")
    series = cast(Series, rules.choice(cmd.series, SERIES_LABELS, "刊物系列"))
    this_year = cmd.at.astimezone(CHINA_TZ).year
    if not this_year - 1 <= cmd.year <= this_year + 1:
        raise Invalid(
            f"年份{cmd.year}不正确，只能为{this_year - 1}–{this_year + 1}年", code="invalid_year"
        )
    rid = bulletin_register_id(series, cmd.year)
    if (register.series, register.year) not in (("", 0), (series, cmd.year)):
        raise ValueError(f"register {register.series}-{register.year} given for {rid}")
    number = register.next_no
    created = BulletinIssueCreated(
        issue_id=cmd.issue_id,
        series=series,
        year=cmd.year,
        issue_no=number,
        label=issue_label(cmd.year, number),
        title=rules.optional_text(cmd.title, "本期标题", rules.TITLE_MAX_CHARS),
        classification=rules.required_text(cmd.classification, "密级", 20),
        created_at=rules.utc(cmd.at),
    )
    allocated = BulletinNumberAllocated(
        series=series, year=cmd.year, issue_no=number, issue_id=cmd.issue_id
    )
    return [(rid, allocated), (cmd.issue_id, created)]


def decide_add_issue_item(
    cmd: AddIssueItem, issue: IssueState, report: ReportState
) -> list[DomainEvent]:
    """编入一篇 (planning/compiling → compiling). Only 拟采用 reports; once per issue."""
    _require_editable(cmd, issue)
    if not report.exists:
        raise NotFound("未找到该社情民意信息，请核对编号后重试", code="report_not_found")
    if report.status not in PUBLISHABLE_STATUSES:
        raise Rejected(
            state_message(report, "编入期刊") + "；只有“拟采用”的信息才能编入期刊",
            code="report_not_accepted",
        )
    if issue.item(report.report_id) is not None:
        raise Rejected("该信息已编入本期，不能重复编入", code="already_in_issue")
    if cmd.order is not None and cmd.order < 1:
        raise Invalid("排序号应为正整数", code="invalid_order")
    order = cmd.order or max((i.order for i in issue.items), default=0) + 1
    return [
        BulletinItemAdded(
            issue_id=issue.issue_id,
            report_id=report.report_id,
            order=order,
            edited_title=rules.optional_text(cmd.edited_title, "编发标题", rules.TITLE_MAX_CHARS),
            mode=cast(ItemMode, rules.choice(cmd.mode, ITEM_MODE_LABELS, "编发方式")),
            serial_no=report.serial_no,
            report_title=report.display_title,
        )
    ]


def decide_remove_issue_item(cmd: RemoveIssueItem, issue: IssueState) -> list[DomainEvent]:
    """撤下一篇 (planning/compiling)."""
    _require_editable(cmd, issue)
    if issue.item(cmd.report_id) is None:
        raise NotFound("本期没有编入该信息，请核对后重试", code="item_not_found")
    return [BulletinItemRemoved(issue_id=issue.issue_id, report_id=cmd.report_id)]


def decide_submit_issue(cmd: SubmitIssueForApproval, issue: IssueState) -> list[DomainEvent]:
    """送审 (compiling → in_approval)."""
    _require_issue(cmd, issue)
    if issue.status == IS.PLANNING:
        raise Rejected("本期还没有编入任何稿件，不能送审", code="empty_issue")
    _require_status(issue, {IS.COMPILING}, "送审")
    return [
        BulletinIssueSubmittedForApproval(issue_id=issue.issue_id, submitted_at=rules.utc(cmd.at))
    ]


def decide_approve_issue(cmd: ApproveIssue, issue: IssueState) -> list[DomainEvent]:
    """审批通过 (in_approval → approved)."""
    _require_issue(cmd, issue)
    _require_status(issue, {IS.IN_APPROVAL}, "审批")
    return [
        BulletinIssueApproved(
            issue_id=issue.issue_id, approver_id=cmd.actor, approved_at=rules.utc(cmd.at)
        )
    ]


def decide_publish_issue(
    cmd: PublishIssue, issue: IssueState, reports: Sequence[ReportState]
) -> Pairs:
    """印发 (approved → published): the issue and each of its reports (→ published)."""
    _require_issue(cmd, issue)
    if issue.status == IS.IN_APPROVAL:
        raise Rejected("本期尚未审批，不能印发；请先由县政协领导审批", code="not_approved")
    _require_status(issue, {IS.APPROVED}, "印发")
    recipients = rules.distinct(cmd.recipients, "报送对象")
    if not recipients:
        raise Invalid(
            "请至少填写一个报送对象（如县委、县政府主要领导）", code="recipients_required"
        )
    if sorted(r.report_id for r in reports) != sorted(issue.report_ids):
        raise Rejected("本期稿件刚被修改，请刷新后重试", code="stale_items")
    by_id = {r.report_id: r for r in reports}
    events: Pairs = []
    for item in issue.items:
        report = by_id[item.report_id]
        if report.status not in PUBLISHABLE_STATUSES:
            raise Rejected(
                f"稿件“{report.display_title}”（{report.serial_no}）当前状态为"
                f"“{report_status_label(report.status)}”，不能刊发；请先从本期撤下",
                code="report_not_publishable",
            )
        published = OpinionReportPublished(
            **authored(report),
            issue_id=issue.issue_id,
            issue_label=issue.label,
            series=issue.series or "sqmy",
            mode=item.mode,
            published_at=rules.utc(cmd.at),
        )
        events.append((report.report_id, published))
    done = BulletinIssuePublished(
        issue_id=issue.issue_id,
        recipients=recipients,
        report_ids=issue.report_ids,
        published_at=rules.utc(cmd.at),
    )
    return [(issue.issue_id, done), *events]


def decide_distribute_issue(cmd: DistributeIssue, issue: IssueState) -> list[DomainEvent]:
    """分送完毕 (published → distributed)."""
    _require_issue(cmd, issue)
    _require_status(issue, {IS.PUBLISHED}, "登记分送")
    return [
        BulletinIssueDistributed(
            issue_id=issue.issue_id,
            note=rules.optional_text(cmd.note, "分送说明"),
            distributed_at=rules.utc(cmd.at),
        )
    ]


def _require_issue(cmd: IssueCommand, issue: IssueState) -> None:
    if not issue.exists:
        raise NotFound("未找到该期《社情民意》，请核对后重试", code="issue_not_found")
    if issue.issue_id != cmd.issue_id:
        raise ValueError(f"state of {issue.issue_id} given for {cmd.issue_id}")


def _require_status(issue: IssueState, allowed: set[IssueStatus], action: str) -> None:
    if issue.status not in allowed:
        raise Rejected(
            f"本期当前状态为“{issue_status_label(issue.status)}”，不能{action}",
            code="invalid_state",
        )


def _require_editable(cmd: IssueCommand, issue: IssueState) -> None:
    _require_issue(cmd, issue)
    if issue.status not in EDITABLE_ISSUE_STATUSES:
        raise Rejected(
            f"本期当前状态为“{issue_status_label(issue.status)}”，不能再编入或撤下稿件",
            code="issue_locked",
        )
