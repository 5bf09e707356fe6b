"""SubmitProposal: given no proposal / when submitted / then `submitted` or a rejection."""

from __future__ import annotations

from typing import Any

import pytest

from services.proposals.domain import (
    ProposalBody,
    ProposalState,
    ProposalStatus,
    ProposalSubmitted,
    decide_submit_proposal,
)
from shared.domain import DomainError

from .helpers import AT, CO1, CO2, LEAD, PID, TOWNSHIPS, given, joint_cmd, submit_cmd, submitted


def reject(cmd_overrides: dict[str, Any], *, joint: bool = False) -> DomainError:
    cmd = joint_cmd(**cmd_overrides) if joint else submit_cmd(**cmd_overrides)
    with pytest.raises(DomainError) as info:
        decide_submit_proposal(cmd, ProposalState())
    return info.value


def test_individual_proposal_is_submitted() -> None:
    [event] = decide_submit_proposal(submit_cmd(), ProposalState())

    assert event == ProposalSubmitted(
        proposal_id=PID,
        township_id="chengguan",
        author_kind="individual",
        lead_author_id=LEAD,
        co_author_ids=(),
        title="关于加快农村生活污水治理的建议",
        body=submit_cmd().body,
        category="ecology",
        term_no=10,
        session_no=3,
        period="plenary",
        suggested_units=("县住建局", "县生态环境分局"),
        author_township_ids={LEAD: "chengguan"},
        submitted_at=AT,
    )
    assert event.township() == "chengguan"


def test_joint_proposal_carries_every_authors_township() -> None:
    [event] = decide_submit_proposal(joint_cmd(), ProposalState())

    assert isinstance(event, ProposalSubmitted)
    assert event.author_kind == "joint"
    assert event.co_author_ids == (CO1, CO2)
    assert event.author_township_ids == TOWNSHIPS
    assert event.township_id == TOWNSHIPS[LEAD]


def test_submitted_state() -> None:
    state = given(submitted(joint_cmd()))

    assert state.status is ProposalStatus.SUBMITTED
    assert state.proposal_id == PID
    assert state.author_ids == (LEAD, CO1, CO2)
    assert state.township_id == "chengguan"
    assert state.serial_no is None
    assert state.submitted_at == AT


def test_text_is_trimmed_and_lead_township_filled_in() -> None:
    cmd = submit_cmd(
        title="  关于……的建议 ",
        body=ProposalBody(suggestions=" 建议一 "),
        author_township_ids={},
    )
    [event] = decide_submit_proposal(cmd, ProposalState())

    assert isinstance(event, ProposalSubmitted)
    assert event.title == "关于……的建议"
    assert event.body == ProposalBody(situation="", analysis="", suggestions="建议一")
    assert event.author_township_ids == {LEAD: "chengguan"}


def test_extra_townships_from_the_projection_are_not_carried() -> None:
    cmd = submit_cmd(author_township_ids=dict(TOWNSHIPS))
    [event] = decide_submit_proposal(cmd, ProposalState())

    assert isinstance(event, ProposalSubmitted)
    assert event.author_township_ids == {LEAD: "chengguan"}


def test_author_names_are_carried_for_the_authors_only() -> None:
    names = {LEAD: "张三", CO1: "李四", "someone-else": "王五"}
    [event] = decide_submit_proposal(joint_cmd(author_names=names), ProposalState())

    assert isinstance(event, ProposalSubmitted)
    assert event.author_names == {LEAD: "张三", CO1: "李四"}


def test_author_names_default_to_empty() -> None:
    [event] = decide_submit_proposal(submit_cmd(), ProposalState())

    assert isinstance(event, ProposalSubmitted)
    assert event.author_names == {}


def test_time_is_normalised_to_utc() -> None:
    from datetime import timedelta, timezone

    local = AT.astimezone(timezone(timedelta(hours=8)))
    [event] = decide_submit_proposal(submit_cmd(at=local), ProposalState())

    assert isinstance(event, ProposalSubmitted)
    assert event.submitted_at == AT
    assert event.submitted_at.utcoffset() == timedelta(0)


def test_title_of_exactly_100_chars_and_body_of_2500_chars_are_accepted() -> None:
    cmd = submit_cmd(
        title="关" * 100,
        body=ProposalBody(situation="情" * 1000, analysis="析" * 1000, suggestions="建" * 500),
    )
    assert len(decide_submit_proposal(cmd, ProposalState())) == 1


# --- rejections ---------------------------------------------------------------------------


def test_cannot_submit_twice() -> None:
    with pytest.raises(DomainError) as info:
        decide_submit_proposal(submit_cmd(), given(submitted()))

    assert info.value.kind == "conflict"
    assert "已提交" in info.value.message
    assert "不能重复提交" in info.value.message


def test_unknown_lead_author_is_invalid() -> None:
    error = reject({"township_id": None})

    assert error.kind == "invalid"
    assert error.message.startswith("提案人不是已登记的委员")
    assert "委员名册" in error.message


def test_unknown_co_author_is_invalid() -> None:
    error = reject({"author_township_ids": {LEAD: "chengguan", CO1: "xinzhuang"}}, joint=True)

    assert error.kind == "invalid"
    assert "联名提案人不是已登记的委员：m-co2" in error.message


def test_lead_township_must_match_the_projection() -> None:
    error = reject({"author_township_ids": {LEAD: "elsewhere"}})

    assert error.kind == "invalid"
    assert "所属联络组与委员名册不一致" in error.message


def test_blank_proposal_id_is_invalid() -> None:
    assert "缺少提案编号" in reject({"proposal_id": " "}).message


@pytest.mark.parametrize(
    ("overrides", "joint", "expected"),
    [
        ({"author_kind": "party_org"}, False, "提案形式“party_org”无效"),
        ({"author_kind": ""}, False, "请选择提案形式"),
        ({"lead_author_id": " "}, False, "请填写第一提案人"),
        ({"co_author_ids": [CO1]}, False, "个人提案不能有联名提案人"),
        ({"co_author_ids": []}, True, "联名提案至少需要一名联名提案人"),
        ({"co_author_ids": [CO1, LEAD]}, True, "第一提案人不能同时列为联名提案人"),
        ({"co_author_ids": [CO1, CO2, CO1]}, True, "联名提案人重复：m-co1"),
        ({"co_author_ids": [CO1, "  "]}, True, "联名提案人不能为空白"),
        ({"title": "   "}, False, "案由（标题）不能为空"),
        ({"title": "关" * 101}, False, "案由（标题）不能超过100个字，当前为101个字"),
        (
            {"body": ProposalBody(situation="情况", analysis="分析", suggestions="  ")},
            False,
            "缺少“具体建议”",
        ),
        (
            {"body": ProposalBody(situation="情" * 2000, suggestions="建" * 501)},
            False,
            "合计不能超过2500个字，当前为2501个字",
        ),
        ({"term_no": 0}, False, "届次必须是正整数"),
        ({"session_no": -1}, False, "会次必须是正整数"),
        ({"suggested_units": ["县住建局", ""]}, False, "建议承办单位不能为空白"),
        ({"suggested_units": ["县住建局", "县住建局"]}, False, "建议承办单位重复：县住建局"),
    ],
)
def test_invalid_input_is_rejected(overrides: dict[str, Any], joint: bool, expected: str) -> None:
    error = reject(overrides, joint=joint)

    assert error.kind == "invalid"
    assert expected in error.message


def test_invalid_category_lists_the_chinese_choices() -> None:
    error = reject({"category": "sports"})

    assert error.kind == "invalid"
    assert "提案类别“sports”无效" in error.message
    for label in ("经济建设", "政治建设", "文化建设", "社会建设", "生态文明建设"):
        assert label in error.message


def test_invalid_period_lists_the_chinese_choices() -> None:
    error = reject({"period": "annual"})

    assert "提案时段“annual”无效" in error.message
    assert "大会提案（plenary）" in error.message
    assert "平时提案（interim）" in error.message
