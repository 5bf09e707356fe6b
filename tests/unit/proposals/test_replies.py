"""会办意见, the reply sub-flow (draft → 会签 → 审核 → 答复), 延期, 面商, 双向评议."""

from __future__ import annotations

from datetime import date

from services.proposals.domain import ProposalStatus
from services.proposals.domain.commands_handling import (
    GrantExtension,
    RateProposalQuality,
    RecordHandlingContact,
    RejectReply,
    RequestExtension,
)
from services.proposals.domain.decide import (
    decide_draft_reply,
    decide_grant_extension,
    decide_rate_quality,
    decide_record_contact,
    decide_reject_reply,
    decide_request_extension,
)
from services.proposals.domain.events_evaluation import ProposalQualityRated
from services.proposals.domain.events_handling import (
    CoHandlerOpinionSubmitted,
    ExtensionGranted,
    ExtensionRequested,
    HandlingContactRecorded,
)
from services.proposals.domain.events_reply import (
    ProposalAllRepliesIssued,
    ProposalReplied,
    ReplyApproved,
    ReplyCosigned,
    ReplyCosignRequested,
    ReplyDrafted,
    ReplySubmittedForReview,
)
from services.proposals.domain.model import ReplyStatus

from .lifecycle import Story, at, rejection, reply_cmd, task


def lead_and_co() -> Story:
    story = Story.registered()
    story.assign(("zhujianju", "lead"), ("huanbao", "co"), ("jiaotong", "co"))
    for t in ("t1", "t2", "t3"):
        story.accept(t)
    return story


def test_co_handler_opinion() -> None:
    story = lead_and_co()
    [event] = story.co_opinion("t2")
    assert isinstance(event, CoHandlerOpinionSubmitted)
    assert (event.lead_unit_id, event.round) == ("zhujianju", 1)
    assert story.state.task("t2").co_opinion == "同意主办单位意见，配合落实资金。"  # type: ignore[union-attr]
    error = rejection(lambda: story.co_opinion("t1"))
    assert error.message == "只有会办单位提交会办意见；主办、分办、独办单位请直接起草答复"


def test_co_handler_must_accept_before_giving_an_opinion() -> None:
    story = Story.registered()
    story.assign(("zhujianju", "lead"), ("huanbao", "co"))
    story.accept("t1")
    assert rejection(lambda: story.co_opinion("t2")).message == "请先签收该任务，再提交会办意见"


def test_a_co_handler_never_replies() -> None:
    story = lead_and_co()
    error = rejection(lambda: story.draft("t2"))
    assert error.code == "co_handler_cannot_reply"
    assert error.message.startswith("会办单位不直接答复提案者")
    assert rejection(lambda: story.submit_reply("t2")).code == "co_handler_cannot_reply"


def test_lead_reply_is_cosigned_by_every_co_handler_before_review() -> None:
    story = lead_and_co()
    [drafted] = story.draft("t1", "B")
    assert isinstance(drafted, ReplyDrafted) and drafted.reply_id == "t1-1"
    error = rejection(lambda: story.submit_reply("t1"))
    assert error.message == "该提案有会办单位，请先请会办单位会签答复，再报送审核"
    error = rejection(lambda: story.cosign("t2"))
    assert error.message == "主办单位尚未请求会签答复，请稍后再会签"

    [requested] = story.request_cosign("t1")
    assert isinstance(requested, ReplyCosignRequested)
    assert requested.co_unit_ids == ("huanbao", "jiaotong")
    [cosigned] = story.cosign("t2")
    assert isinstance(cosigned, ReplyCosigned) and cosigned.lead_task_id == "t1"
    assert rejection(lambda: story.cosign("t2")).message == "贵单位已会签该答复"
    error = rejection(lambda: story.submit_reply("t1"))
    assert error.message == "尚有会办单位未会签：县交通运输局，会签后才能报送审核"

    story.cosign("t3")
    [submitted] = story.submit_reply("t1")
    assert isinstance(submitted, ReplySubmittedForReview)
    error = rejection(lambda: story.draft("t1"))
    assert error.message == "答复已提交会签或审核，不能修改；被审核退回后可重新修改"


def test_approval_issues_the_reply_and_the_last_one_makes_the_proposal_replied() -> None:
    story = Story.registered()
    story.assign(("zhujianju", "separate"), ("huanbao", "separate"))
    story.accept("t1")
    story.accept("t2")
    story.draft("t1", "B")
    story.submit_reply("t1")
    approved, replied = story.approve("t1", result_class="A")
    assert isinstance(approved, ReplyApproved) and approved.changed_class_from == "B"
    assert isinstance(replied, ProposalReplied)
    assert replied.result_class_label == "所提问题已经解决或基本解决"
    # 15 working days after Mon 2024-01-15
    assert replied.evaluation_due_on == date(2024, 2, 5)
    assert story.state.status is ProposalStatus.IN_HANDLING

    events = story.reply("t2", "C")
    assert isinstance(events[-1], ProposalAllRepliesIssued)
    assert events[-1].reply_ids == ("t1-1", "t2-1")
    final = story.state
    assert final.status is ProposalStatus.REPLIED


def test_supervising_office_rejects_a_reply_back_to_drafting() -> None:
    story = lead_and_co()
    story.draft("t1")
    story.request_cosign("t1")
    story.cosign("t2")
    story.cosign("t3")
    story.submit_reply("t1")
    story.do(decide_reject_reply, RejectReply(**task("t1"), reason="未逐条答复建议"))
    reply = story.state.replies["t1-1"]
    assert reply.status is ReplyStatus.DRAFTING and reply.cosigned_by == frozenset()
    story.draft("t1")  # may be redrafted now
    story.request_cosign("t1")
    assert rejection(lambda: story.submit_reply("t1")).code == "unsigned"


def test_approve_rejections() -> None:
    story = lead_and_co()
    story.draft("t1")
    assert rejection(lambda: story.approve("t1")).message == "该答复不在审核中，不能审核"
    cmd = RejectReply(**task("t1"), reason="x")
    assert rejection(lambda: story.do(decide_reject_reply, cmd)).message == (
        "该答复不在审核中，不能退回"
    )


def test_reply_content_is_checked() -> None:
    story = lead_and_co()
    error = rejection(lambda: story.draft("t1", "E"))
    assert error.kind == "invalid" and "办理结果类别“E”无效" in error.message
    assert "所提问题已经解决或基本解决（A）" in error.message
    cmd = reply_cmd("t1", doc_no=" ")
    error = rejection(lambda: story.do(decide_draft_reply, cmd))
    assert error.message == "请填写答复文号"


def test_unit_must_accept_before_drafting() -> None:
    story = Story.registered()
    story.assign(("zhujianju", "sole"))
    assert rejection(lambda: story.draft("t1")).message == "请先签收该任务，再起草答复"


def test_no_cosign_needed_without_co_handlers() -> None:
    story = Story.registered()
    story.assign(("zhujianju", "lead"))
    story.accept("t1")
    story.draft("t1")
    error = rejection(lambda: story.request_cosign("t1"))
    assert error.message == "该提案没有会办单位，无需会签，请直接报送审核"
    story.submit_reply("t1")
    assert isinstance(story.approve("t1")[-1], ProposalAllRepliesIssued)


def test_issued_reply_cannot_be_redrafted() -> None:
    story = Story.replied()
    error = rejection(lambda: story.draft("t1"))
    assert error.message.startswith("提案当前状态为“已答复”，不能起草答复")


# --- 延期 ---------------------------------------------------------------------------------


def test_extension_request_and_grant() -> None:
    story = Story.registered()
    story.assign(("zhujianju", "sole"))
    story.accept("t1")
    [req] = story.do(decide_request_extension, RequestExtension(**task("t1"), reason="需调研"))
    assert isinstance(req, ExtensionRequested)
    error = rejection(
        lambda: story.do(decide_request_extension, RequestExtension(**task("t1"), reason="x"))
    )
    assert error.message == "已申请延期，请等待提案委员会或督办部门审批"
    [granted] = story.do(decide_grant_extension, GrantExtension(**task("t1")))
    assert isinstance(granted, ExtensionGranted)
    assert (granted.previous_due_on, granted.due_on, granted.capped) == (
        date(2024, 4, 15),
        date(2024, 5, 15),
        False,
    )
    assert story.state.task("t1").due_on == date(2024, 5, 15)  # type: ignore[union-attr]


def test_extension_is_capped_at_six_months_after_assignment() -> None:
    story = Story.registered()
    story.assign(("zhujianju", "sole"))
    [granted] = story.do(decide_grant_extension, GrantExtension(**task("t1"), months=5))
    assert isinstance(granted, ExtensionGranted)
    assert (granted.due_on, granted.capped) == (date(2024, 7, 15), True)
    error = rejection(lambda: story.do(decide_grant_extension, GrantExtension(**task("t1"))))
    assert error.message == "已达到最长办理期限（交办后6个月，至2024-07-15），不能再延期"


def test_co_handlers_and_replied_units_need_no_extension() -> None:
    story = lead_and_co()
    error = rejection(
        lambda: story.do(decide_request_extension, RequestExtension(**task("t2"), reason="x"))
    )
    assert error.code == "not_reply"
    replied = Story.replied()
    error = rejection(lambda: replied.do(decide_grant_extension, GrantExtension(**task("t1"))))
    assert error.message == "该单位本轮已答复，无需延期"


# --- 面商 / 双向评议 -----------------------------------------------------------------------


def test_contacts_are_recorded_and_counted() -> None:
    story = lead_and_co()
    cmd = RecordHandlingContact(
        **task("t1", at(1)), kind="pre", mode="face_to_face", contacted_on=date(2024, 1, 16)
    )
    [event] = story.do(decide_record_contact, cmd)
    assert isinstance(event, HandlingContactRecorded)
    assert story.state.task("t1").contacts == 1  # type: ignore[union-attr]
    future = cmd.model_copy(update={"contacted_on": date(2024, 3, 1)})
    error = rejection(lambda: story.do(decide_record_contact, future))
    assert (
        error.message
        == "沟通日期应在交办日（2024-01-15）到今天（2024-01-16）之间，当前为2024-03-01"
    )
    bad = cmd.model_copy(update={"mode": "letter"})
    assert "沟通方式“letter”无效" in rejection(lambda: story.do(decide_record_contact, bad)).message


def test_units_rate_the_proposals_quality_once() -> None:
    story = lead_and_co()
    cmd = RateProposalQuality(**task("t2"), quality="good", comment="建议具体可行")
    [event] = story.do(decide_rate_quality, cmd)
    assert isinstance(event, ProposalQualityRated)
    assert rejection(lambda: story.do(decide_rate_quality, cmd)).message == (
        "贵单位已评价过该提案的质量"
    )
