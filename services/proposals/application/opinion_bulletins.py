"""Command handlers of 《社情民意》 issues: numbering, compiling, approval, publication.

Publishing appends the issue's event and one `opinion_report.published` per report in one
atomic batch, each aggregate with its concurrency check.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from services.proposals.domain.opinion import (
    AddIssueItem,
    ApproveIssue,
    BulletinIssueCreated,
    CreateIssue,
    DistributeIssue,
    IssueState,
    PublishIssue,
    RemoveIssueItem,
    SubmitIssueForApproval,
    bulletin_register_decider,
    bulletin_register_id,
    decide_add_issue_item,
    decide_approve_issue,
    decide_create_issue,
    decide_distribute_issue,
    decide_publish_issue,
    decide_remove_issue_item,
    decide_submit_issue,
    issue_decider,
    report_decider,
)
from services.proposals.domain.opinion.labels import SERIES_LABELS
from services.proposals.domain.opinion.rules import choice
from shared.auth import Principal
from shared.commands import Target
from shared.domain import NotFound
from shared.events import DomainEvent
from shared.http import Accepted
from shared.service import ServiceRuntime

from .opinion_access import require_approver, require_editor
from .opinion_common import accepted, run, run_on_register

COMPILE = "编辑《社情民意》"


async def create(
    rt: ServiceRuntime, principal: Principal, cmd: CreateIssue
) -> tuple[Accepted, BulletinIssueCreated]:
    """新建一期 with the next number of its series + year."""
    require_editor(principal, "新建《社情民意》期刊")
    series = choice(cmd.series, SERIES_LABELS, "刊物系列")
    targets = [
        Target(issue_decider, cmd.issue_id, new=True),
        Target(bulletin_register_decider, bulletin_register_id(series, cmd.year)),
    ]
    result = await run_on_register(
        rt,
        principal,
        "create_bulletin_issue",
        targets,
        lambda states: decide_create_issue(cmd, states[0], states[1]),
        cmd.at,
    )
    created = next(e for _, e in result.events if isinstance(e, BulletinIssueCreated))
    return accepted(cmd.issue_id, result), created


async def add_item(rt: ServiceRuntime, principal: Principal, cmd: AddIssueItem) -> Accepted:
    """编入一篇 (the report is read as a guard: it must be 拟采用)."""
    require_editor(principal, COMPILE)
    targets = [Target(issue_decider, cmd.issue_id), Target(report_decider, cmd.report_id)]
    result = await run(
        rt,
        principal,
        "add_bulletin_item",
        targets,
        lambda states: decide_add_issue_item(cmd, states[0], states[1]),
        cmd.at,
    )
    return accepted(cmd.issue_id, result)


async def remove_item(rt: ServiceRuntime, principal: Principal, cmd: RemoveIssueItem) -> Accepted:
    require_editor(principal, COMPILE)
    return await _one(
        rt,
        principal,
        "remove_bulletin_item",
        cmd.issue_id,
        cmd.at,
        lambda s: decide_remove_issue_item(cmd, s),
    )


async def submit(rt: ServiceRuntime, principal: Principal, cmd: SubmitIssueForApproval) -> Accepted:
    require_editor(principal, "将《社情民意》送审")
    return await _one(
        rt,
        principal,
        "submit_bulletin_issue",
        cmd.issue_id,
        cmd.at,
        lambda s: decide_submit_issue(cmd, s),
    )


async def approve(rt: ServiceRuntime, principal: Principal, cmd: ApproveIssue) -> Accepted:
    require_approver(principal)
    return await _one(
        rt,
        principal,
        "approve_bulletin_issue",
        cmd.issue_id,
        cmd.at,
        lambda s: decide_approve_issue(cmd, s),
    )


async def publish(rt: ServiceRuntime, principal: Principal, cmd: PublishIssue) -> Accepted:
    """印发: the issue and each of its reports, atomically."""
    require_editor(principal, "印发《社情民意》")
    state, _ = await rt.commands.state_of(Target(issue_decider, cmd.issue_id))
    if not isinstance(state, IssueState) or not state.exists:
        raise NotFound("未找到该期《社情民意》，请核对后重试", code="issue_not_found")
    targets = [
        Target(issue_decider, cmd.issue_id),
        *(Target(report_decider, rid) for rid in state.report_ids),
    ]
    result = await run(
        rt,
        principal,
        "publish_bulletin_issue",
        targets,
        lambda states: decide_publish_issue(cmd, states[0], states[1:]),
        cmd.at,
    )
    return accepted(cmd.issue_id, result)


async def distribute(rt: ServiceRuntime, principal: Principal, cmd: DistributeIssue) -> Accepted:
    require_editor(principal, "登记《社情民意》分送")
    return await _one(
        rt,
        principal,
        "distribute_bulletin_issue",
        cmd.issue_id,
        cmd.at,
        lambda s: decide_distribute_issue(cmd, s),
    )


async def _one(
    rt: ServiceRuntime,
    principal: Principal,
    name: str,
    issue_id: str,
    at: datetime,
    decide: Callable[[IssueState], list[DomainEvent]],
) -> Accepted:
    result = await run(
        rt, principal, name, [Target(issue_decider, issue_id)], lambda s: decide(s[0]), at
    )
    return accepted(issue_id, result)
