"""Editorial flow (O2–O5): start editing, edit, return ⇄ resubmit, accept, archive."""

from __future__ import annotations

import pytest

from services.proposals.domain.opinion import (
    AcceptReport,
    ArchiveReport,
    EditReport,
    OpinionReportAccepted,
    OpinionReportArchived,
    OpinionReportEdited,
    OpinionReportEditingStarted,
    OpinionReportResubmitted,
    OpinionReportReturned,
    ReportState,
    ReportStatus,
    ResubmitReport,
    ReturnReport,
    StartEditing,
    decide_accept_report,
    decide_archive_report,
    decide_edit_report,
    decide_resubmit_report,
    decide_return_report,
    decide_start_editing,
)
from shared.domain import DomainError

from .builders import AT, EDITOR, RID, accepted, body, cmd, given, in_editing, submitted

AUTHORED = {"report_id": RID, "township_id": "chengguan", "author_ids": ("m1",), "year": 2026}


def test_start_editing_records_the_editor() -> None:
    events = decide_start_editing(cmd(StartEditing), given(submitted()))
    assert events == [
        OpinionReportEditingStarted(
            report_id=RID, township_id="chengguan", editor_id=EDITOR, started_at=AT
        )
    ]
    assert given(submitted() + events).status == ReportStatus.IN_EDITING


def test_edit_keeps_what_is_not_changed() -> None:
    first = decide_edit_report(
        cmd(EditReport, edited_title="留守老人助餐亟待加强"), given(in_editing())
    )
    assert first == [
        OpinionReportEdited(
            report_id=RID,
            township_id="chengguan",
            edited_title="留守老人助餐亟待加强",
            edited_body=None,
            editor_notes=None,
            edited_at=AT,
        )
    ]
    state = given(in_editing() + first)
    later = decide_edit_report(cmd(EditReport, edited_body=body(situation="新情况")), state)
    state = given(in_editing() + first + later)
    assert state.display_title == "留守老人助餐亟待加强"
    assert state.edited_body is not None and state.edited_body.situation == "新情况"


def test_return_and_resubmit() -> None:
    events = in_editing()
    returned = decide_return_report(cmd(ReturnReport, reason=" 请补充数据 "), given(events))
    assert returned == [OpinionReportReturned(**AUTHORED, reason="请补充数据", returned_at=AT)]
    events += returned
    resubmitted = decide_resubmit_report(
        cmd(ResubmitReport, title="关于助餐点覆盖不足的情况反映"), given(events)
    )
    assert resubmitted == [
        OpinionReportResubmitted(
            **AUTHORED, title="关于助餐点覆盖不足的情况反映", body=body(), resubmitted_at=AT
        )
    ]
    state = given(events + resubmitted)
    assert state.status == ReportStatus.SUBMITTED and state.title.startswith("关于助餐点")


def test_accept_and_archive() -> None:
    accept = decide_accept_report(cmd(AcceptReport, use_mode="compiled"), given(in_editing()))
    assert accept == [OpinionReportAccepted(**AUTHORED, use_mode="compiled", accepted_at=AT)]
    archive = decide_archive_report(cmd(ArchiveReport, reason="重复"), given(in_editing()))
    assert archive == [OpinionReportArchived(**AUTHORED, reason="重复", archived_at=AT)]
    assert given(in_editing() + archive).status == ReportStatus.ARCHIVED


@pytest.mark.parametrize(
    ("decide", "command", "message"),
    [
        (decide_start_editing, cmd(StartEditing), "该社情民意信息当前状态为“编辑中”，不能开始编辑"),
        (decide_return_report, cmd(ReturnReport, reason="x"), None),
        (decide_accept_report, cmd(AcceptReport, use_mode="single_article"), None),
        (decide_archive_report, cmd(ArchiveReport, reason="x"), None),
        (
            decide_resubmit_report,
            cmd(ResubmitReport),
            "该社情民意信息当前状态为“编辑中”，不能重新报送",
        ),
    ],
)
def test_steps_only_in_their_states(decide: object, command: object, message: str | None) -> None:
    state = given(in_editing()) if message else given(accepted())
    with pytest.raises(DomainError) as err:
        decide(command, state)  # type: ignore[operator]
    assert err.value.kind == "conflict" and err.value.code == "invalid_state"
    if message:
        assert err.value.message == message
    else:
        assert err.value.message.startswith("该社情民意信息当前状态为“拟采用”，不能")


@pytest.mark.parametrize(
    ("decide", "command", "message"),
    [
        (decide_edit_report, cmd(EditReport), "请至少修改标题、正文或编辑意见中的一项"),
        (decide_return_report, cmd(ReturnReport, reason=" "), "请填写退回理由"),
        (decide_archive_report, cmd(ArchiveReport, reason=""), "请填写存档理由"),
        (decide_accept_report, cmd(AcceptReport, use_mode="maybe"), "采用方式“maybe”无效"),
        (decide_edit_report, cmd(EditReport, editor_notes="长" * 1001), "编辑意见不能超过1000个字"),
    ],
)
def test_bad_editorial_input(decide: object, command: object, message: str) -> None:
    with pytest.raises(DomainError) as err:
        decide(command, given(in_editing()))  # type: ignore[operator]
    assert err.value.kind == "invalid" and err.value.message.startswith(message)


def test_unknown_report_is_not_found() -> None:
    with pytest.raises(DomainError) as err:
        decide_start_editing(cmd(StartEditing), ReportState())
    assert err.value.kind == "not_found"
    assert err.value.message == "未找到该社情民意信息，请核对编号后重试"
