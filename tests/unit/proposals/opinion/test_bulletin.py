"""《社情民意》 issues: numbering, compiling, approval, publication (with the reports)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from services.proposals.domain.opinion import (
    AddIssueItem,
    ApproveIssue,
    BulletinIssueApproved,
    BulletinIssueCreated,
    BulletinIssueDistributed,
    BulletinIssuePublished,
    BulletinIssueSubmittedForApproval,
    BulletinItemAdded,
    BulletinItemRemoved,
    BulletinNumberAllocated,
    BulletinRegisterState,
    CreateIssue,
    DistributeIssue,
    IssueState,
    IssueStatus,
    OpinionReportPublished,
    PublishIssue,
    RemoveIssueItem,
    ReportState,
    ReportStatus,
    SubmitIssueForApproval,
    bulletin_register_decider,
    decide_add_issue_item,
    decide_approve_issue,
    decide_create_issue,
    decide_distribute_issue,
    decide_publish_issue,
    decide_remove_issue_item,
    decide_submit_issue,
    issue_decider,
)
from shared.domain import DomainError
from shared.events import DomainEvent

from .builders import AT, EDITOR, RID, accepted, given, in_editing, submit_cmd

IID = "issue-1"
ADMIN = "secretary-1"


def create(
    year: int = 2026, series: str = "sqmy", register: BulletinRegisterState | None = None
) -> list[tuple[str, DomainEvent]]:
    command = CreateIssue(issue_id=IID, actor=EDITOR, at=AT, year=year, series=series)
    return decide_create_issue(command, IssueState(), register or BulletinRegisterState())


def issue(events: Sequence[DomainEvent]) -> IssueState:
    return issue_decider.fold(events)


def created() -> list[DomainEvent]:
    return [e for aid, e in create() if aid == IID]


def add(state: IssueState, report: ReportState, **kw: object) -> list[DomainEvent]:
    command = AddIssueItem(issue_id=IID, actor=EDITOR, at=AT, report_id=report.report_id, **kw)
    return decide_add_issue_item(command, state, report)


def compiled(*reports: ReportState) -> list[DomainEvent]:
    events = created()
    for report in reports:
        events += add(issue(events), report)
    return events


def approved(report: ReportState) -> list[DomainEvent]:
    events = compiled(report)
    events += decide_submit_issue(
        SubmitIssueForApproval(issue_id=IID, actor=EDITOR, at=AT), issue(events)
    )
    return events + decide_approve_issue(
        ApproveIssue(issue_id=IID, actor=ADMIN, at=AT), issue(events)
    )


def test_create_takes_the_next_number_of_series_and_year() -> None:
    pairs = create()
    assert pairs[0] == (
        "sqmy-2026",
        BulletinNumberAllocated(series="sqmy", year=2026, issue_no=1, issue_id=IID),
    )
    assert pairs[1][1] == BulletinIssueCreated(
        issue_id=IID,
        series="sqmy",
        year=2026,
        issue_no=1,
        label="2026年第1期",
        title=None,
        classification="内部",
        created_at=AT,
    )
    register = bulletin_register_decider.fold([pairs[0][1]])
    assert create(register=register)[1][1].label == "2026年第2期"  # type: ignore[attr-defined]


def test_items_are_ordered_and_removable() -> None:
    report = given(accepted())
    other = given(accepted(submit_cmd(report_id="r2", title="关于集镇停车难的情况反映")))
    events = compiled(report)
    added = events[-1]
    assert added == BulletinItemAdded(
        issue_id=IID,
        report_id=RID,
        order=1,
        edited_title=None,
        mode="single",
        serial_no="SQMY-2026-001",
        report_title=report.title,
    )
    events += add(issue(events), other, order=5, mode="compiled", edited_title="停车难")
    third = given(accepted(submit_cmd(report_id="r3", title="关于村道安全隐患的情况反映")))
    events += add(issue(events), third)  # after the last: 6
    assert [(i.order, i.report_id) for i in issue(events).items] == [(1, RID), (5, "r2"), (6, "r3")]
    events += decide_remove_issue_item(
        RemoveIssueItem(issue_id=IID, actor=EDITOR, at=AT, report_id="r3"), issue(events)
    )
    removed = decide_remove_issue_item(
        RemoveIssueItem(issue_id=IID, actor=EDITOR, at=AT, report_id="r2"), issue(events)
    )
    assert removed == [BulletinItemRemoved(issue_id=IID, report_id="r2")]
    events += removed
    events += decide_remove_issue_item(
        RemoveIssueItem(issue_id=IID, actor=EDITOR, at=AT, report_id=RID), issue(events)
    )
    assert issue(events).status == IssueStatus.PLANNING


def test_publishing_publishes_every_report_in_one_decision() -> None:
    report = given(accepted())
    events = approved(report)
    assert events[-2] == BulletinIssueSubmittedForApproval(issue_id=IID, submitted_at=AT)
    assert events[-1] == BulletinIssueApproved(issue_id=IID, approver_id=ADMIN, approved_at=AT)
    command = PublishIssue(issue_id=IID, actor=EDITOR, at=AT, recipients=["县委主要领导"])
    pairs = decide_publish_issue(command, issue(events), [report])
    assert pairs == [
        (
            IID,
            BulletinIssuePublished(
                issue_id=IID, recipients=("县委主要领导",), report_ids=(RID,), published_at=AT
            ),
        ),
        (
            RID,
            OpinionReportPublished(
                report_id=RID,
                township_id="chengguan",
                author_ids=("m1",),
                year=2026,
                issue_id=IID,
                issue_label="2026年第1期",
                series="sqmy",
                mode="single",
                published_at=AT,
            ),
        ),
    ]
    report_after = given([*accepted(), pairs[1][1]])
    assert report_after.status == ReportStatus.PUBLISHED and report_after.issue_id == IID
    events.append(pairs[0][1])
    done = decide_distribute_issue(
        DistributeIssue(issue_id=IID, actor=EDITOR, at=AT, note="已送达"), issue(events)
    )
    assert done == [BulletinIssueDistributed(issue_id=IID, note="已送达", distributed_at=AT)]


def test_publishing_needs_approval_recipients_and_publishable_reports() -> None:
    report = given(accepted())
    command = PublishIssue(issue_id=IID, actor=EDITOR, at=AT, recipients=["县委"])
    events = compiled(report)
    events += decide_submit_issue(
        SubmitIssueForApproval(issue_id=IID, actor=EDITOR, at=AT), issue(events)
    )
    with pytest.raises(DomainError) as err:
        decide_publish_issue(command, issue(events), [report])
    assert err.value.message == "本期尚未审批，不能印发；请先由县政协领导审批"
    ready = issue(approved(report))
    with pytest.raises(DomainError) as err:
        decide_publish_issue(command.model_copy(update={"recipients": []}), ready, [report])
    assert err.value.message == "请至少填写一个报送对象（如县委、县政府主要领导）"
    with pytest.raises(DomainError) as err:
        decide_publish_issue(command, ready, [])
    assert err.value.message == "本期稿件刚被修改，请刷新后重试"
    gone = given([*accepted(), decide_publish_issue(command, ready, [report])[1][1]])
    with pytest.raises(DomainError) as err:
        decide_publish_issue(command, ready, [gone])
    assert err.value.message == (
        "稿件“关于农村留守老人助餐服务不足的情况反映”（SQMY-2026-001）当前状态为“已刊发”，不能刊发；请先从本期撤下"
    )


@pytest.mark.parametrize(
    ("report_events", "message"),
    [
        (
            in_editing(),
            "该社情民意信息当前状态为“编辑中”，不能编入期刊；只有“拟采用”的信息才能编入期刊",
        ),
        ([], "未找到该社情民意信息，请核对编号后重试"),
    ],
)
def test_only_accepted_reports_go_into_an_issue(
    report_events: list[DomainEvent], message: str
) -> None:
    report = given(report_events) if report_events else ReportState(report_id=RID)
    with pytest.raises(DomainError) as err:
        add(issue(created()), report)
    assert err.value.message == message


def test_issue_rejections() -> None:
    report = given(accepted())
    events = compiled(report)
    with pytest.raises(DomainError) as err:
        add(issue(events), report)
    assert err.value.message == "该信息已编入本期，不能重复编入"
    with pytest.raises(DomainError) as err:
        decide_submit_issue(
            SubmitIssueForApproval(issue_id=IID, actor=EDITOR, at=AT), issue(created())
        )
    assert err.value.message == "本期还没有编入任何稿件，不能送审"
    with pytest.raises(DomainError) as err:
        decide_approve_issue(ApproveIssue(issue_id=IID, actor=ADMIN, at=AT), issue(events))
    assert err.value.message == "本期当前状态为“编辑中”，不能审批"
    with pytest.raises(DomainError) as err:
        add(issue(approved(report)), report)
    assert err.value.message == "本期当前状态为“已审批”，不能再编入或撤下稿件"
    with pytest.raises(DomainError) as err:
        decide_remove_issue_item(
            RemoveIssueItem(issue_id=IID, actor=EDITOR, at=AT, report_id="nope"), issue(events)
        )
    assert (err.value.kind, err.value.message) == ("not_found", "本期没有编入该信息，请核对后重试")
    with pytest.raises(DomainError) as err:
        decide_distribute_issue(DistributeIssue(issue_id=IID, actor=EDITOR, at=AT), IssueState())
    assert (err.value.kind, err.value.message) == (
        "not_found",
        "未找到该期《社情民意》，请核对后重试",
    )
    with pytest.raises(DomainError) as err:
        decide_create_issue(
            CreateIssue(issue_id=IID, actor=EDITOR, at=AT, year=2026),
            issue(created()),
            BulletinRegisterState(),
        )
    assert err.value.message == "本期已创建（2026年第1期），不能重复创建"
    with pytest.raises(DomainError) as err:
        add(issue(created()), report, order=0)
    assert err.value.message == "排序号应为正整数"


@pytest.mark.parametrize(
    ("kw", "message"),
    [
        ({"year": 2030}, "年份2030不正确，只能为2025–2027年"),
        ({"series": "weekly"}, "刊物系列“weekly”无效"),
    ],
)
def test_bad_issue_input(kw: dict[str, object], message: str) -> None:
    with pytest.raises(DomainError) as err:
        create(**kw)  # type: ignore[arg-type]
    assert err.value.kind == "invalid" and err.value.message.startswith(message)
