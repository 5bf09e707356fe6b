"""proposal_lead: received → forwarded to members / declined."""

from __future__ import annotations

from services.proposals.domain.artifacts.proposal_lead import (
    DeclineProposalLead,
    ForwardProposalLead,
    ProposalLeadDeclined,
    ProposalLeadForwarded,
    ProposalLeadSubmitted,
    SubmitProposalLead,
    decide_decline_proposal_lead,
    decide_forward_proposal_lead,
    decide_submit_proposal_lead,
    proposal_lead_decider,
)

from .helpers import ACTOR, AT, given, rejected

EMPTY = proposal_lead_decider.initial


def submit(**kw: str) -> SubmitProposalLead:
    data = {"channel": "phone", "content": "村口道路坑洼，雨天积水严重", "contact": "13812345678"}
    data.update(kw)
    return SubmitProposalLead(
        actor=ACTOR, at=AT, lead_id="l1", contact_name="王大爷", township_id="hexi", **data
    )


def test_a_lead_is_received() -> None:
    assert decide_submit_proposal_lead(submit(content=" 村口道路坑洼 "), EMPTY) == [
        ProposalLeadSubmitted(
            lead_id="l1",
            township_id="hexi",
            channel="phone",
            content="村口道路坑洼",
            contact_name="王大爷",
            contact="13812345678",
            received_at=AT,
        )
    ]


def test_forward_to_named_members_or_to_all() -> None:
    state = given(proposal_lead_decider, decide_submit_proposal_lead(submit(), EMPTY))
    cmd = ForwardProposalLead(
        actor=ACTOR, at=AT, lead_id="l1", member_ids=["m1", "m2"], note="供参考"
    )
    assert decide_forward_proposal_lead(cmd, state) == [
        ProposalLeadForwarded(
            lead_id="l1",
            township_id="hexi",
            member_ids=("m1", "m2"),
            note="供参考",
            forwarded_at=AT,
        )
    ]
    [to_all] = decide_forward_proposal_lead(
        ForwardProposalLead(actor=ACTOR, at=AT, lead_id="l1"), state
    )
    assert isinstance(to_all, ProposalLeadForwarded) and to_all.member_ids == ()


def test_decline_with_a_reason() -> None:
    state = given(proposal_lead_decider, decide_submit_proposal_lead(submit(), EMPTY))
    cmd = DeclineProposalLead(actor=ACTOR, at=AT, lead_id="l1", reason="属个人诉求，已转信访")
    [event] = decide_decline_proposal_lead(cmd, state)
    assert event == ProposalLeadDeclined(
        lead_id="l1", township_id="hexi", reason="属个人诉求，已转信访", declined_at=AT
    )
    assert proposal_lead_decider.fold([event], state).status == "declined"


def test_rejections() -> None:
    with rejected(
        "invalid",
        "线索来源渠道“fax”无效，可选：电话（phone）、电子邮件（email）、信函（letter）、网上征集（online）",
    ):
        decide_submit_proposal_lead(submit(channel="fax"), EMPTY)
    with rejected("invalid", "请填写线索内容"):
        decide_submit_proposal_lead(submit(content=" "), EMPTY)
    state = given(proposal_lead_decider, decide_submit_proposal_lead(submit(), EMPTY))
    with rejected("conflict", "该线索已登记，请勿重复提交"):
        decide_submit_proposal_lead(submit(), state)
    forward = ForwardProposalLead(actor=ACTOR, at=AT, lead_id="l1", member_ids=["m1", "m1"])
    with rejected("invalid", "委员重复：m1，请删除重复项"):
        decide_forward_proposal_lead(forward, state)
    blank = ForwardProposalLead(actor=ACTOR, at=AT, lead_id="l1", member_ids=[" "])
    with rejected("invalid", "委员编号不能为空白，请删除空白项"):
        decide_forward_proposal_lead(blank, state)
    with rejected("invalid", "请填写不予采用的理由"):
        decide_decline_proposal_lead(
            DeclineProposalLead(actor=ACTOR, at=AT, lead_id="l1", reason=""), state
        )
    with rejected("not_found", "未找到该提案线索，请核对线索编号"):
        decide_decline_proposal_lead(
            DeclineProposalLead(actor=ACTOR, at=AT, lead_id="x", reason="r"), EMPTY
        )


def test_a_triaged_lead_cannot_be_triaged_again() -> None:
    state = given(proposal_lead_decider, decide_submit_proposal_lead(submit(), EMPTY))
    done = proposal_lead_decider.fold(
        decide_forward_proposal_lead(ForwardProposalLead(actor=ACTOR, at=AT, lead_id="l1"), state),
        state,
    )
    with rejected("conflict", "该线索已处理（已转委员参考），不能再作不予采用处理"):
        decide_decline_proposal_lead(
            DeclineProposalLead(actor=ACTOR, at=AT, lead_id="l1", reason="r"), done
        )
    with rejected("conflict", "该线索已处理（已转委员参考），不能再转委员参考"):
        decide_forward_proposal_lead(ForwardProposalLead(actor=ACTOR, at=AT, lead_id="l1"), done)
