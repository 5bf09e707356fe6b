"""Review beyond the first release: stage opinions, 退回修改, routing of a declined
proposal, 并案 and 重点提案 (P5, P7, P9, P10, P12)."""

from __future__ import annotations

from typing import Any

from services.proposals.domain import (
    ProposalState,
    ProposalStatus,
    ProposalSubmitted,
    RegisterState,
)
from services.proposals.domain.commands import (
    DesignateKeyProposal,
    MergeProposals,
    RecordReviewOpinion,
    ReturnForRevision,
    SubmitDraft,
)
from services.proposals.domain.config import LifecycleConfig
from services.proposals.domain.decide import (
    decide_decline_proposal,
    decide_decline_registration,
    decide_designate_key,
    decide_merge_proposals,
    decide_record_review_opinion,
    decide_register_proposal,
    decide_return_for_revision,
    decide_start_review,
    decide_submit_draft,
)
from services.proposals.domain.events_review import (
    ProposalConvertedToPublicOpinion,
    ProposalDesignatedKey,
    ProposalForwardedAsSuggestion,
    ProposalKeptAsMemberLetter,
    ProposalMerged,
    ProposalReviewOpinionRecorded,
    ProposalsMerged,
)
from services.proposals.domain.events_submission import ProposalReturnedForRevision
from shared.ids import stable_id

from .helpers import (
    AT,
    CLERK,
    CO1,
    LEAD,
    PID,
    TOWNSHIPS,
    decline_cmd,
    given,
    joint_cmd,
    register_cmd,
    start_review_cmd,
    submit_cmd,
    submitted,
)
from .lifecycle import Story, rejection

STAGES_ONLY_FINAL = LifecycleConfig(review_stages={"final_review": "终审"})


def opinion(stage: str, text: str = "符合立案标准") -> RecordReviewOpinion:
    return RecordReviewOpinion(proposal_id=PID, actor=CLERK, at=AT, stage=stage, opinion=text)


def under_review() -> Story:
    story = Story(submitted())
    story.do(decide_start_review, start_review_cmd())
    return story


def test_stage_opinions_in_order() -> None:
    story = under_review()
    [event] = story.do(decide_record_review_opinion, opinion("first_review"))
    assert isinstance(event, ProposalReviewOpinionRecorded) and event.stage_label == "初审"
    error = rejection(lambda: story.do(decide_record_review_opinion, opinion("final_review")))
    assert error.message == "审查须按顺序进行：请先记录“会审”意见，再记录“终审”意见"
    error = rejection(lambda: story.do(decide_record_review_opinion, opinion("first_review")))
    assert error.message == "“初审”意见已记录，不能重复记录"
    error = rejection(lambda: story.do(decide_record_review_opinion, opinion("audit")))
    assert error.kind == "invalid" and "审查环节“audit”无效" in error.message


def test_opinions_need_a_started_review() -> None:
    story = Story(submitted())
    error = rejection(lambda: story.do(decide_record_review_opinion, opinion("first_review")))
    assert error.message == "提案当前状态为“已提交”，不能记录审查意见；请先开始审查"


def test_stages_are_configurable_and_may_be_required() -> None:
    config = LifecycleConfig(review_stages={"final_review": "终审"}, require_review_stages=True)
    story = under_review()
    error = rejection(
        lambda: decide_register_proposal(register_cmd(), story.state, RegisterState(), config)
    )
    assert error.message == "请先完成审查环节：终审，再立案"
    story.do(decide_record_review_opinion, opinion("final_review"), config)
    assert decide_register_proposal(register_cmd(), story.state, RegisterState(), config)
    error = rejection(
        lambda: decide_record_review_opinion(opinion("first_review"), story.state, config)
    )
    assert "审查环节“first_review”无效" in error.message


def test_return_for_revision_and_resubmit() -> None:
    story = under_review()
    story.do(decide_record_review_opinion, opinion("first_review"))
    cmd = ReturnForRevision(proposal_id=PID, actor=CLERK, at=AT, reason="缺少具体建议的可行性分析")
    blank = cmd.model_copy(update={"reason": " "})
    assert rejection(lambda: story.do(decide_return_for_revision, blank)).message == (
        "请填写退回修改的原因"
    )
    [event] = story.do(decide_return_for_revision, cmd)
    assert isinstance(event, ProposalReturnedForRevision)
    state = story.state
    assert state.status is ProposalStatus.DRAFT and state.review_opinions == ()
    assert state.returned_reason == "缺少具体建议的可行性分析"
    [again] = story.do(
        decide_submit_draft, SubmitDraft(proposal_id=PID, actor=f"member:{LEAD}", at=AT)
    )
    assert isinstance(again, ProposalSubmitted)
    assert story.state.status is ProposalStatus.SUBMITTED and story.state.returned_reason is None


def test_return_only_before_a_decision() -> None:
    story = Story.registered()
    cmd = ReturnForRevision(proposal_id=PID, actor=CLERK, at=AT, reason="x")
    assert rejection(lambda: story.do(decide_return_for_revision, cmd)).message == (
        "提案当前状态为“已立案”，不能退回修改"
    )


# --- routing of a declined proposal ----------------------------------------------------


def test_decline_to_public_opinion_carries_what_a_report_needs() -> None:
    report_id = stable_id(PID, "opinion_report")
    cmd = decline_cmd(opinion_report_id=report_id)
    decided, converted = decide_decline_proposal(cmd, given(submitted(joint_cmd())))
    assert isinstance(converted, ProposalConvertedToPublicOpinion)
    assert converted.report_id == report_id
    assert converted.body.suggestions.startswith("一是")
    assert converted.author_ids == (LEAD, CO1, "m-co2")
    assert converted.author_township_ids == TOWNSHIPS
    assert (converted.category, converted.township_id) == ("ecology", "chengguan")
    assert converted.routed_at == AT
    assert decided == decide_decline_registration(cmd, given(submitted(joint_cmd())))[0]


def test_decline_routes_to_a_suggestion_or_a_letter_or_nowhere() -> None:
    state = given(submitted())
    _, forwarded = decide_decline_proposal(decline_cmd(disposition="to_suggestion"), state)
    assert isinstance(forwarded, ProposalForwardedAsSuggestion)
    assert forwarded.suggested_units == ("县住建局", "县生态环境分局")
    _, kept = decide_decline_proposal(decline_cmd(disposition="to_member_letter"), state)
    assert isinstance(kept, ProposalKeptAsMemberLetter)
    assert len(decide_decline_proposal(decline_cmd(disposition="none"), state)) == 1
    assert len(decide_decline_proposal(decline_cmd(disposition="to_interim_proposal"), state)) == 1


# --- 并案 ---------------------------------------------------------------------------------

OTHER = "0190f3a2-7c1e-7000-8000-000000000002"


def other_state(**overrides: Any) -> ProposalState:
    data: dict[str, Any] = {
        "proposal_id": OTHER,
        "lead_author_id": CO1,
        "township_id": "xinzhuang",
        "author_township_ids": {CO1: "xinzhuang"},
        "author_names": {CO1: "李四"},
    }
    data.update(overrides)
    return given(submitted(submit_cmd(**data)))


def merge(primary: ProposalState, *others: ProposalState) -> list[tuple[str, Any]]:
    cmd = MergeProposals(
        proposal_id=PID, actor=CLERK, at=AT, secondary_ids=[o.proposal_id for o in others]
    )
    return decide_merge_proposals(cmd, primary, list(others))


def test_merge_credits_the_secondary_authors_on_the_primary() -> None:
    primary = Story.registered().state
    pairs = merge(primary, other_state())
    (pid, on_primary), (oid, on_secondary) = pairs
    assert (pid, oid) == (PID, OTHER)
    assert isinstance(on_primary, ProposalsMerged)
    assert on_primary.added_co_author_ids == (CO1,) and on_primary.co_author_ids == (CO1,)
    assert on_primary.author_names == {CO1: "李四"}
    assert isinstance(on_secondary, ProposalMerged)
    assert (on_secondary.primary_serial_no, on_secondary.primary_id) == ("10-3-D001", PID)
    merged = given(
        [
            *submitted(
                submit_cmd(
                    proposal_id=OTHER,
                    lead_author_id=CO1,
                    township_id="xinzhuang",
                    author_township_ids={CO1: "xinzhuang"},
                )
            ),
            on_secondary,
        ]
    )
    assert merged.status is ProposalStatus.MERGED and merged.is_terminal
    after = given([*Story.registered().events, on_primary])
    assert after.author_ids == (LEAD, CO1) and after.merged_from == (OTHER,)


def test_merge_rules() -> None:
    primary = Story.registered().state
    story = Story.registered()
    story.assign(("zhujianju", "sole"))
    assigned = story.state
    error = rejection(lambda: merge(assigned, other_state()))
    assert error.message == "提案当前状态为“已交办”，不能作为并案的主提案"
    error = rejection(lambda: merge(primary, other_state(session_no=4)))
    assert error.message == "提案“关于加快农村生活污水治理的建议”不属于同一届次会次，不能并案"
    missing = MergeProposals(proposal_id=PID, actor=CLERK, at=AT, secondary_ids=[OTHER])
    error = rejection(lambda: decide_merge_proposals(missing, primary, [ProposalState()]))
    assert error.message == f"未找到要并入的提案“{OTHER}”"
    itself = MergeProposals(proposal_id=PID, actor=CLERK, at=AT, secondary_ids=[PID])
    error = rejection(lambda: decide_merge_proposals(itself, primary, [primary]))
    assert error.message == "主提案不能并入自身，请从并案列表中删除"


# --- 重点提案 -----------------------------------------------------------------------------


def key_cmd(*leaders: str) -> DesignateKeyProposal:
    return DesignateKeyProposal(
        proposal_id=PID, actor=CLERK, at=AT, supervising_leader_ids=list(leaders), note="主席会议"
    )


def test_designate_key_proposal() -> None:
    story = Story.registered()
    [event] = story.do(decide_designate_key, key_cmd("chair-1", "vice-2"))
    assert isinstance(event, ProposalDesignatedKey)
    assert story.state.is_key and story.state.key_leader_ids == ("chair-1", "vice-2")
    assert rejection(lambda: story.do(decide_designate_key, key_cmd("x"))).message == (
        "该提案已是重点提案，无需重复确定"
    )
    assert rejection(lambda: decide_designate_key(key_cmd(), Story.registered().state)).message == (
        "请填写领衔督办的领导（不能为空白）"
    )
    error = rejection(lambda: decide_designate_key(key_cmd("x"), given(submitted())))
    assert error.message == (
        "提案当前状态为“已提交”，不能确定为重点提案；只有已立案、尚未办结的提案可以确定"
    )


def test_key_flag_travels_to_later_tasks() -> None:
    story = Story.registered()
    story.do(decide_designate_key, key_cmd("chair-1"))
    [_, created] = story.assign(("zhujianju", "sole"))
    assert created.is_key  # type: ignore[attr-defined]
