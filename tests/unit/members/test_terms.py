"""Term memberships (届次任职): member type changes, new terms, exits."""

from __future__ import annotations

from datetime import date

import pytest

from services.members.domain import (
    INITIAL_MEMBER,
    MemberAppointed,
    MemberTermEnded,
    MemberTypeChanged,
    TermMembership,
    decide_appoint_member,
    decide_exit_member,
)
from shared.domain import Invalid, Rejected
from tests.unit.members.builders import MEMBER_ID, given_member
from tests.unit.members.record_builders import appoint, exit_

JOINED = {"joined_at": date(2022, 1, 10)}


def test_standing_membership_is_a_type_change_in_the_open_term() -> None:
    [event] = decide_appoint_member(appoint(), given_member(**JOINED))
    assert event == MemberTypeChanged(
        member_id=MEMBER_ID, township_id="chengguan", term_no=10, from_type="member",
        member_type="standing_member", on=date(2025, 2, 1),
    )  # fmt: skip
    state = given_member(event, **JOINED)
    assert state.is_standing_member and state.member_type == "standing_member"
    assert state.terms == (TermMembership(10, "standing_member", date(2022, 1, 10)),)


def test_a_later_term_ends_the_open_one() -> None:
    cmd = appoint(term_no=11, member_type="member", joined_at=date(2027, 1, 5))
    ended, appointed = decide_appoint_member(cmd, given_member(**JOINED))
    assert ended == MemberTermEnded(
        member_id=MEMBER_ID, township_id="chengguan", term_no=10, left_at=date(2027, 1, 5)
    )
    assert appointed == MemberAppointed(
        member_id=MEMBER_ID, township_id="chengguan", term_no=11, member_type="member",
        joined_at=date(2027, 1, 5),
    )  # fmt: skip
    state = given_member(ended, appointed, **JOINED)
    assert state.active and state.term_no == 11 and not state.is_standing_member
    assert [(t.term_no, t.ended, t.exit_reason) for t in state.terms] == [
        (10, True, None),
        (11, False, None),
    ]


def test_appoint_rejections() -> None:
    with pytest.raises(Rejected) as same:
        decide_appoint_member(appoint(member_type="member"), given_member())
    assert same.value.message == "委员 张三 在第 10 届已任委员，无需变更"
    with pytest.raises(Rejected) as earlier:
        decide_appoint_member(appoint(term_no=9), given_member())
    assert earlier.value.message == (
        "委员 张三 第 9 届的任职已结束或早于最近一届（第 10 届），不能再任职；请核对届次"
    )
    with pytest.raises(Invalid) as bad_type:
        decide_appoint_member(appoint(member_type="mayor"), given_member())
    assert "任职类别“mayor”无效" in bad_type.value.message
    with pytest.raises(Invalid) as bad_term:
        decide_appoint_member(appoint(term_no=0), given_member())
    assert bad_term.value.message == "届次应为正整数（如第十届填 10），现为 0"
    with pytest.raises(Rejected) as nobody:
        decide_appoint_member(appoint(), INITIAL_MEMBER)
    assert nobody.value.message == f"委员未登记（编号 {MEMBER_ID}），不能任职；请先登记委员"


def test_exit_ends_the_term_and_the_membership() -> None:
    [event] = decide_exit_member(exit_(), given_member(**JOINED))
    assert event == MemberTermEnded(
        member_id=MEMBER_ID, township_id="chengguan", term_no=10, left_at=date(2025, 2, 20),
        exit_reason="resigned", note="个人原因",
    )  # fmt: skip
    state = given_member(event, **JOINED)
    assert not state.active and state.exit_reason == "resigned" and state.open_term is None
    assert state.terms[-1].left_at == date(2025, 2, 20)


def test_exit_rejections() -> None:
    left = given_member(*decide_exit_member(exit_(), given_member()))
    with pytest.raises(Rejected) as twice:
        decide_exit_member(exit_(), left)
    assert twice.value.message == "委员 张三 已离任（辞去委员职务），不能重复办理"
    with pytest.raises(Invalid) as reason:
        decide_exit_member(exit_(exit_reason="fired"), given_member())
    assert "离任原因“fired”无效：可选 resigned（辞去委员职务）" in reason.value.message
    with pytest.raises(Invalid) as future:
        decide_exit_member(exit_(left_at=date(2025, 3, 2)), given_member())
    assert future.value.message == "离任日期 2025-03-02 晚于今天（2025-03-01），请核对离任日期"
    with pytest.raises(Invalid) as early:
        decide_exit_member(exit_(left_at=date(2021, 1, 1)), given_member(**JOINED))
    assert early.value.message == (
        "离任日期 2021-01-01 早于本届任职日期 2022-01-10，请核对离任日期"
    )


def test_reappointment_after_exit_and_no_appointment_after_death() -> None:
    left = given_member(*decide_exit_member(exit_(), given_member()))
    events = decide_appoint_member(appoint(term_no=11, member_type="member"), left)
    assert [type(e) for e in events] == [MemberAppointed]
    assert given_member(*decide_exit_member(exit_(), given_member()), *events).active
    dead = given_member(*decide_exit_member(exit_(exit_reason="deceased"), given_member()))
    with pytest.raises(Rejected) as err:
        decide_appoint_member(appoint(term_no=11), dead)
    assert err.value.message == "委员 张三 已去世，不能任职"
