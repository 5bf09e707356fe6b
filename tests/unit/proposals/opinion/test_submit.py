"""SubmitReport (报送, O1) and CreateReportFromProposal (提案转来, O1b): numbered from the
year's register in the same decision."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.proposals.domain.opinion import (
    CreateReportFromProposal,
    EstablishPoint,
    OpinionRegisterState,
    OpinionReportCreatedFromProposal,
    OpinionReportSubmitted,
    OpinionSerialAllocated,
    PointState,
    ReportBody,
    ReportState,
    ReportStatus,
    SuspendPoint,
    decide_create_from_proposal,
    decide_establish_point,
    decide_submit_report,
    decide_suspend_point,
    report_year,
)
from shared.domain import DomainError

from .builders import (
    AT,
    RID,
    TOWNSHIPS,
    given,
    point_after,
    register_after,
    submit_cmd,
    submitted_pairs,
)


def test_member_submits_and_takes_the_first_serial_of_the_year() -> None:
    pairs = submitted_pairs()
    assert [aid for aid, _ in pairs] == ["2026", RID]
    allocated, event = pairs[0][1], pairs[1][1]
    assert allocated == OpinionSerialAllocated(
        year=2026, seq=1, serial_no="SQMY-2026-001", report_id=RID
    )
    assert isinstance(event, OpinionReportSubmitted)
    assert event.serial_no == "SQMY-2026-001" and event.township_id == "chengguan"
    assert event.author_ids == ("m1",) and event.author_names == {"m1": "张三"}
    assert event.author_township_ids == {"m1": "chengguan"}
    state = given([event])
    assert state.status == ReportStatus.SUBMITTED and state.year == 2026


def test_serial_continues_the_register_and_the_year_is_china_time() -> None:
    register = register_after([p[1] for p in submitted_pairs(submit_cmd(report_id="a"))][:1])
    pairs = submitted_pairs(submit_cmd(report_id="b"), register)
    assert pairs[0][1] == OpinionSerialAllocated(
        year=2026, seq=2, serial_no="SQMY-2026-002", report_id="b"
    )
    new_year_eve = datetime(2025, 12, 31, 16, 30, tzinfo=UTC)  # 00:30 on 1 January in China
    assert report_year(new_year_eve) == 2026


def test_liaison_group_and_org_reporters() -> None:
    group = submitted_pairs(
        submit_cmd(reporter_kind="liaison_group", author_ids=[], liaison_group_id="hexi")
    )[1][1]
    assert isinstance(group, OpinionReportSubmitted)
    assert (group.township_id, group.liaison_group_id) == ("hexi", "hexi")
    org = submitted_pairs(
        submit_cmd(reporter_kind="party_org", author_ids=[], reporter_name="民盟县委")
    )[1][1]
    assert isinstance(org, OpinionReportSubmitted)
    assert (org.township_id, org.reporter_name) == (None, "民盟县委")


def _point(active: bool = True) -> PointState:
    established = decide_establish_point(
        EstablishPoint(
            point_id="p1",
            actor="editor",
            at=AT,
            point_name="东街社区直报点",
            kind="community",
            township_id="chengguan",
            contact_person="赵六",
            contact_phone="13800000000",
        ),
        PointState(),
    )
    state = point_after(established)
    if active:
        return state
    return point_after(
        [
            *established,
            *decide_suspend_point(
                SuspendPoint(point_id="p1", actor="e", at=AT, reason="合并"), state
            ),
        ]
    )


def test_direct_report_point_submits_in_its_township() -> None:
    cmd = submit_cmd(
        reporter_kind="direct_report_point", author_ids=[], direct_report_point_id="p1"
    )
    event = submitted_pairs(cmd, point=_point())[1][1]
    assert isinstance(event, OpinionReportSubmitted)
    assert (event.township_id, event.reporter_name) == ("chengguan", "东街社区直报点")
    assert event.direct_report_point_id == "p1"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"reporter_kind": "friend"},
            "报送主体“friend”无效，请从以下选项中选择：政协委员（member）",
        ),
        ({"author_ids": []}, "以委员名义报送，请至少填写一名作者（委员编号）"),
        ({"author_ids": ["ghost"]}, "作者不是已登记的委员：ghost，请核对委员编号后再报送"),
        ({"author_ids": ["m1", "m1"]}, "作者（委员编号）重复：m1，请删除重复项"),
        ({"title": "  "}, "标题不能为空，请用一句话概括反映的问题"),
        ({"title": "长" * 101}, "标题不能超过100个字，当前为101个字，请精简"),
        (
            {"title": "关于道路；关于学校"},
            "一事一报：每篇社情民意信息只反映一个问题，请把不同问题分开报送",
        ),
        ({"body": ReportBody(suggestions="建议")}, "请写明反映的情况（有情况、有分析、有建议）"),
        ({"body": ReportBody(situation="情况")}, "请写明具体建议（有情况、有分析、有建议）"),
        (
            {"body": ReportBody(situation="情" * 3000, suggestions="建议")},
            "正文（情况、分析、建议）合计不能超过3000个字",
        ),
        ({"info_nature": ""}, "请选择信息性质，可选：全局性情况（overall_situation）"),
        ({"category": "sports"}, "信息类别“sports”无效"),
        ({"urgency": "asap"}, "紧急程度“asap”无效"),
        ({"source_channel": "rumour"}, "信息来源“rumour”无效"),
        ({"township_ids": ["Bad Id"]}, "涉及乡镇“Bad Id”格式不正确"),
        ({"contact_phone": "abc"}, "联系电话“abc”格式不正确，请填写5–20位数字"),
        ({"direct_report_point_id": "p1"}, "只有报送主体为“社情民意直报点”时才能填写直报点"),
        ({"liaison_group_id": "hexi"}, "只有报送主体为“乡镇政协联络组”时才能填写联络组"),
        (
            {"reporter_kind": "liaison_group", "author_ids": []},
            "以联络组名义报送，请填写联络组（乡镇编号）",
        ),
        ({"reporter_kind": "sector", "author_ids": []}, "请填写报送单位或报送人姓名"),
        (
            {"reporter_kind": "direct_report_point", "author_ids": []},
            "以直报点名义报送，请选择直报点",
        ),
    ],
)
def test_invalid_submissions_are_422_with_chinese_messages(
    overrides: dict[str, object], message: str
) -> None:
    with pytest.raises(DomainError) as err:
        submitted_pairs(submit_cmd(**overrides))
    assert err.value.kind == "invalid"
    assert err.value.message.startswith(message)


def test_point_must_exist_and_be_active() -> None:
    cmd = submit_cmd(
        reporter_kind="direct_report_point", author_ids=[], direct_report_point_id="p1"
    )
    with pytest.raises(DomainError) as err:
        submitted_pairs(cmd, point=PointState())
    assert (err.value.kind, err.value.message) == (
        "not_found",
        "未找到该社情民意直报点，请核对直报点编号",
    )
    with pytest.raises(DomainError) as err:
        submitted_pairs(cmd, point=_point(active=False))
    assert err.value.kind == "conflict"
    assert (
        err.value.message == "直报点“东街社区直报点”已暂停，不能报送；如需恢复请联系县政协信息中心"
    )


def test_submitting_twice_is_rejected() -> None:
    events = [submitted_pairs()[1][1]]
    with pytest.raises(DomainError) as err:
        decide_submit_report(submit_cmd(), given(events), OpinionRegisterState())
    assert err.value.message == "该社情民意信息已报送（编号 SQMY-2026-001），不能重复报送"


def _conversion(**overrides: object) -> CreateReportFromProposal:
    data: dict[str, object] = {
        "report_id": RID,
        "actor": "system",
        "at": AT,
        "origin_proposal_id": "prop-1",
        "title": "  关于规范校外培训收费的建议 ",
        "body": ReportBody(suggestions="建议建立监管账户。"),
        "category": "sports",
        "author_ids": ["m1", "m2", "m1"],
        "author_township_ids": dict(TOWNSHIPS),
        "township_id": None,
    }
    data.update(overrides)
    return CreateReportFromProposal(**data)


def test_conversion_creates_a_numbered_report_once() -> None:
    pairs = decide_create_from_proposal(_conversion(), ReportState(), OpinionRegisterState())
    created = pairs[1][1]
    assert isinstance(created, OpinionReportCreatedFromProposal)
    assert created.origin_proposal_id == "prop-1" and created.serial_no == "SQMY-2026-001"
    assert created.author_ids == ("m1", "m2") and created.township_id == "chengguan"
    assert created.title == "关于规范校外培训收费的建议" and created.category == "other"
    state = given([created])
    assert state.origin_proposal_id == "prop-1" and state.reporter_kind == "member"
    assert decide_create_from_proposal(_conversion(), state, OpinionRegisterState()) == []
