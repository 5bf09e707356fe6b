"""Drafts, joint-proposal co-signing and the author kinds (P1–P4)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from services.proposals.domain import ProposalBody, ProposalState, ProposalStatus, ProposalSubmitted
from services.proposals.domain.commands import (
    CancelCosignInvitation,
    DeclineCosign,
    DraftProposal,
    InviteCosigners,
    SignCosign,
    SubmitDraft,
    UpdateDraft,
)
from services.proposals.domain.config import LifecycleConfig
from services.proposals.domain.decide import (
    decide_cancel_cosign,
    decide_decline_cosign,
    decide_draft_proposal,
    decide_invite_cosigners,
    decide_sign_cosign,
    decide_submit_draft,
    decide_submit_proposal,
    decide_update_draft,
)
from services.proposals.domain.events import AuthorBody
from services.proposals.domain.events_submission import (
    ProposalCosignCancelled,
    ProposalCosignDeclined,
    ProposalCosigned,
    ProposalCosignInvited,
    ProposalDrafted,
    ProposalDraftUpdated,
)
from services.proposals.domain.model import CosignStatus

from .helpers import AT, CO1, CO2, LEAD, PID, TOWNSHIPS, submit_cmd
from .lifecycle import Story, at, rejection

ME = f"member:{LEAD}"


def draft_cmd(**overrides: Any) -> DraftProposal:
    data: dict[str, Any] = {
        "proposal_id": PID,
        "actor": ME,
        "at": AT,
        "author_kind": "joint",
        "lead_author_id": LEAD,
        "title": "关于加快农村生活污水治理的建议",
        "body": ProposalBody(situation="收集率偏低。"),
        "category": "ecology",
        "term_no": 10,
        "session_no": 3,
        "period": "plenary",
        "township_id": TOWNSHIPS[LEAD],
        "author_name": "张三",
    }
    data.update(overrides)
    return DraftProposal(**data)


def update_cmd(**overrides: Any) -> UpdateDraft:
    data: dict[str, Any] = {
        "proposal_id": PID,
        "actor": ME,
        "at": AT,
        "author_kind": "joint",
        "title": "关于加快农村生活污水治理的建议",
        "body": ProposalBody(situation="收集率偏低。", suggestions="加快管网建设。"),
        "category": "ecology",
        "period": "plenary",
    }
    data.update(overrides)
    return UpdateDraft(**data)


def invite_cmd(*members: str, **overrides: Any) -> InviteCosigners:
    data: dict[str, Any] = {
        "proposal_id": PID,
        "actor": ME,
        "at": AT,
        "member_ids": list(members),
        "member_township_ids": {m: TOWNSHIPS[m] for m in members if m in TOWNSHIPS},
        "member_names": {CO1: "李四"},
    }
    data.update(overrides)
    return InviteCosigners(**data)


def drafted(**overrides: Any) -> Story:
    story = Story()
    story.do(decide_draft_proposal, draft_cmd(**overrides))
    return story


def answer(cls: type, member: str, days: float = 0, **kw: Any) -> Any:
    return cls(proposal_id=PID, actor=f"member:{member}", at=at(days), member_id=member, **kw)


def test_draft_is_private_and_may_lack_suggestions() -> None:
    story = drafted()
    [event] = story.events
    assert isinstance(event, ProposalDrafted)
    assert event.author_names == {LEAD: "张三"} and event.body.suggestions == ""
    assert story.state.status is ProposalStatus.DRAFT


def test_draft_rejections() -> None:
    error = rejection(lambda: decide_draft_proposal(draft_cmd(township_id=None), ProposalState()))
    assert error.message.startswith("提案人不是已登记的委员（m-lead）")
    story = drafted()
    error = rejection(lambda: story.do(decide_draft_proposal, draft_cmd()))
    assert error.message == "该提案已存在（当前状态为“草稿”），不能重复起草"


def test_update_draft_while_draft_only() -> None:
    story = drafted()
    [event] = story.do(decide_update_draft, update_cmd(title="关于污水治理的建议"))
    assert isinstance(event, ProposalDraftUpdated) and story.state.title == "关于污水治理的建议"
    other = rejection(lambda: story.do(decide_update_draft, update_cmd(actor="member:m-x")))
    assert other.kind == "forbidden" and other.message == "只有第一提案人本人可以修改提案草稿"
    story.do(decide_invite_cosigners, invite_cmd(CO1))
    error = rejection(lambda: story.do(decide_update_draft, update_cmd()))
    assert error.message == (
        "提案当前状态为“联名征集中”，不能修改；请等受邀委员答复，或撤回尚未签名的联名邀请后再修改"
    )
    story.do(decide_sign_cosign, answer(SignCosign, CO1))
    assert story.state.status is ProposalStatus.DRAFT  # no open invitation: editable again
    assert story.do(decide_update_draft, update_cmd())


def test_cosigning_flow() -> None:
    story = drafted(body=ProposalBody(situation="收集率偏低。", suggestions="加快管网建设。"))
    unknown = rejection(lambda: story.do(decide_invite_cosigners, invite_cmd(CO1, "m-x")))
    assert unknown.message == "以下受邀人不是已登记的委员：m-x"
    invited = story.do(decide_invite_cosigners, invite_cmd(CO1, CO2))
    assert [type(e) for e in invited] == [ProposalCosignInvited, ProposalCosignInvited]
    first = invited[0]
    assert isinstance(first, ProposalCosignInvited)
    assert first.deadline_on == date(2024, 1, 22) and first.member_name == "李四"
    assert story.state.status is ProposalStatus.COSIGNING

    [signed] = story.do(decide_sign_cosign, answer(SignCosign, CO1, 1))
    assert isinstance(signed, ProposalCosigned)
    wrong = rejection(
        lambda: story.do(
            decide_sign_cosign, answer(SignCosign, CO2).model_copy(update={"actor": ME})
        )
    )
    assert wrong.kind == "forbidden" and wrong.message == "只有受邀委员本人可以签名"
    again = rejection(lambda: story.do(decide_sign_cosign, answer(SignCosign, CO1)))
    assert again.message == "您没有待处理的联名邀请（可能已处理或已被撤回）"

    [submitted_event] = story.do(
        decide_submit_draft, SubmitDraft(proposal_id=PID, actor=ME, at=at(2))
    )
    assert isinstance(submitted_event, ProposalSubmitted)
    assert submitted_event.co_author_ids == (CO1,)
    assert submitted_event.dropped_cosigner_ids == (CO2,)
    assert submitted_event.author_township_ids == {LEAD: "chengguan", CO1: "xinzhuang"}
    assert story.state.cosigner(CO2).status is CosignStatus.DROPPED  # type: ignore[union-attr]
    late = rejection(lambda: story.do(decide_sign_cosign, answer(SignCosign, CO2, 3)))
    assert late.message == "提案当前状态为“已提交”，联名征集已结束，不能签名"


def test_decline_and_cancel() -> None:
    story = drafted()
    story.do(decide_invite_cosigners, invite_cmd(CO1, CO2))
    [declined] = story.do(decide_decline_cosign, answer(DeclineCosign, CO1, reason="另有安排"))
    assert isinstance(declined, ProposalCosignDeclined) and declined.reason == "另有安排"
    cancel = CancelCosignInvitation(proposal_id=PID, actor=ME, at=AT, member_id=CO2)
    [cancelled] = story.do(decide_cancel_cosign, cancel)
    assert isinstance(cancelled, ProposalCosignCancelled)
    error = rejection(lambda: story.do(decide_cancel_cosign, cancel))
    assert error.message == "只能撤回尚未签名的联名邀请；该委员未受邀、已签名或已拒绝"
    # nobody signed: a joint proposal cannot be submitted
    error = rejection(
        lambda: story.do(decide_submit_draft, SubmitDraft(proposal_id=PID, actor=ME, at=AT))
    )
    assert error.message.startswith("联名提案至少需要一名联名提案人签名确认")
    # re-inviting after a decline is allowed
    assert story.do(decide_invite_cosigners, invite_cmd(CO1))


def test_signing_after_the_deadline_is_rejected() -> None:
    story = drafted()
    story.do(decide_invite_cosigners, invite_cmd(CO1, deadline_on=date(2024, 1, 16)))
    error = rejection(lambda: story.do(decide_sign_cosign, answer(SignCosign, CO1, 2)))
    assert error.message == (
        "联名截止日期（2024-01-16）已过，不能再签名；如仍需联名，请联系第一提案人重新邀请"
    )


def test_invitation_rules() -> None:
    story = drafted(author_kind="individual")
    error = rejection(lambda: story.do(decide_invite_cosigners, invite_cmd(CO1)))
    assert error.message == "只有联名提案可以邀请联名，请先将提案形式改为“联名提案”"
    story = drafted()
    for members, message in [
        ((LEAD,), "第一提案人不能邀请自己联名"),
        ((CO1, CO1), "受邀委员重复：m-co1，请删除重复项"),
        ((), "请选择要邀请联名的委员（不能为空白）"),
    ]:
        assert (
            rejection(
                lambda m=members: story.do(decide_invite_cosigners, invite_cmd(*m))  # type: ignore[misc]
            ).message
            == message
        )
    past = invite_cmd(CO1, deadline_on=date(2024, 1, 1))
    assert rejection(lambda: story.do(decide_invite_cosigners, past)).message == (
        "联名截止日期（2024-01-01）不能早于今天（2024-01-15）"
    )


def test_submit_draft_requires_suggestions_and_the_lead() -> None:
    story = drafted(author_kind="individual")
    error = rejection(
        lambda: story.do(decide_submit_draft, SubmitDraft(proposal_id=PID, actor=ME, at=AT))
    )
    assert error.message == "提案内容缺少“具体建议”部分，请写明建议后再提交"
    story.do(decide_update_draft, update_cmd(author_kind="individual"))
    other = SubmitDraft(proposal_id=PID, actor="member:m-x", at=AT)
    assert rejection(lambda: story.do(decide_submit_draft, other)).message == (
        "只有第一提案人本人可以提交提案"
    )
    by_office = SubmitDraft(proposal_id=PID, actor="staff:1", at=AT, by_office=True)
    [event] = story.do(decide_submit_draft, by_office)
    assert isinstance(event, ProposalSubmitted) and event.co_author_ids == ()


# --- author kinds ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "kind", ["party_org", "people_org", "sector", "special_committee", "member_group"]
)
def test_collective_kinds_name_their_body(kind: str) -> None:
    body = AuthorBody(id="minmeng", name="民盟县委")
    [event] = decide_submit_proposal(
        submit_cmd(author_kind=kind, author_body=body), ProposalState()
    )
    assert isinstance(event, ProposalSubmitted)
    assert event.author_body == body and event.township_id == "chengguan"


def test_liaison_group_proposal_belongs_to_its_township() -> None:
    body = AuthorBody(id="xinzhuang", name="新庄镇政协联络组")
    cmd = submit_cmd(author_kind="liaison_group", author_body=body)
    [event] = decide_submit_proposal(cmd, ProposalState())
    assert isinstance(event, ProposalSubmitted) and event.township_id == "xinzhuang"
    bad = submit_cmd(author_kind="liaison_group", author_body=AuthorBody(id="新庄", name="x"))
    error = rejection(lambda: decide_submit_proposal(bad, ProposalState()))
    assert error.message.startswith("联络组提案的提案单位编号应为乡镇（联络组）编号")


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"author_kind": "sector"}, "提案形式“sector”无效：界别提案须填写提案单位"),
        (
            {"author_kind": "individual", "author_body": AuthorBody(id="x", name="y")},
            "个人提案不填写提案单位",
        ),
        (
            {
                "author_kind": "member_group",
                "author_body": AuthorBody(id="g1", name="第一组"),
                "period": "interim",
            },
            "委员小组（联组）提案只能在大会期间提出，请将提案时段改为“大会提案”",
        ),
        (
            {
                "author_kind": "sector",
                "author_body": AuthorBody(id="s", name="经济界"),
                "co_author_ids": [CO1],
                "author_township_ids": dict(TOWNSHIPS),
            },
            "界别提案不能有联名提案人",
        ),
    ],
)
def test_author_kind_rules(overrides: dict[str, Any], message: str) -> None:
    error = rejection(lambda: decide_submit_proposal(submit_cmd(**overrides), ProposalState()))
    assert error.kind == "invalid" and message in error.message


def test_plenary_only_kinds_are_configurable() -> None:
    cmd = submit_cmd(
        author_kind="member_group", author_body=AuthorBody(id="g1", name="第一组"), period="interim"
    )
    config = LifecycleConfig(plenary_only_author_kinds=())
    assert decide_submit_proposal(cmd, ProposalState(), config)
