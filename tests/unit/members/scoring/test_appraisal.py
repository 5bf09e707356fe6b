"""The `appraisal` aggregate: given events / when command / then events or error."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from services.members.domain.appraisal import (
    AdjustScore,
    AppraisalState,
    AppraisedMember,
    DecideOnMember,
    MemberConstraintTriggered,
    MemberQualificationRevoked,
    MemberScoreAdjusted,
    MemberWarned,
    RecordConstraint,
    appraisal_decider,
    decide_adjust_score,
    decide_on_member,
    decide_record_constraint,
    registry,
)
from shared.domain import DomainError, Invalid, NotFound, Rejected
from shared.events import DomainEvent
from tests.unit.members.scoring.builders import A

AT = datetime(2026, 1, 15, 2, tzinfo=UTC)
BASE: dict[str, Any] = {
    "actor": "admin-1",
    "at": AT,
    "today": date(2026, 1, 15),
    "year": 2025,
    "member_id": A,
}
MEMBER = AppraisedMember(A, registered=True, active=True, name="张三", township_id="chengguan")


def constraint(rule: str = "reminder_talk", **kw: Any) -> RecordConstraint:
    data = {"rule": rule, "evidence": ("f1",), "score": 42.0, "detail": "得分过低"}
    data.update(kw)
    return RecordConstraint(**BASE, ruleset_version="default", **data)


def decision(kind: str = "warn", **kw: Any) -> DecideOnMember:
    data = {"reason": "主席会议研究决定", **kw}
    return DecideOnMember(**BASE, decision=kind, **data)


def adjustment(points: float = 5, adjustment_id: str = "adj-1", **kw: Any) -> AdjustScore:
    data = {"reason": "抗洪抢险表现突出", **kw}
    return AdjustScore(**BASE, adjustment_id=adjustment_id, points=points, **data)


def given_events(*events: DomainEvent) -> AppraisalState:
    return appraisal_decider.fold(events)


def test_a_constraint_is_recorded_once_per_rule_and_year() -> None:
    [event] = decide_record_constraint(constraint(), given_events(), MEMBER)
    assert isinstance(event, MemberConstraintTriggered)
    assert (event.rule, event.evidence, event.township_id) == (
        "reminder_talk",
        ("f1",),
        "chengguan",
    )
    assert decide_record_constraint(constraint(), given_events(event), MEMBER) == []
    other = decide_record_constraint(constraint("persuade_to_resign"), given_events(event), MEMBER)
    assert len(other) == 1


def test_decisions_record_reason_actor_and_rule() -> None:
    triggered = decide_record_constraint(constraint(), given_events(), MEMBER)
    [warned] = decide_on_member(decision(rule="reminder_talk"), given_events(*triggered), MEMBER)
    assert isinstance(warned, MemberWarned)
    assert (warned.reason, warned.by, warned.rule) == (
        "主席会议研究决定",
        "admin-1",
        "reminder_talk",
    )
    [revoked] = decide_on_member(decision("revoke"), given_events(warned), MEMBER)
    assert isinstance(revoked, MemberQualificationRevoked)


@pytest.mark.parametrize(
    ("given", "command", "error", "message"),
    [
        (
            "warn",
            decision(),
            Rejected,
            "该委员 2025 年度已登记“警示提醒”决定，不能重复登记",
        ),
        (
            "revoke",
            decision("persuade_to_resign"),
            Rejected,
            "该委员 2025 年度已撤销委员资格，不能再登记“劝辞”",
        ),
        (
            None,
            decision(rule="persuade_to_resign"),
            Rejected,
            "该委员 2025 年度未触发约束规则“连续多年考评得分低于规定分数，劝其辞去委员”；"
            "请先运行年度考评，或不填写依据的约束规则",
        ),
        (
            None,
            decision("fire"),
            Invalid,
            "处理决定“fire”无效：可选 warn（警示提醒）、persuade_to_resign（劝辞）、"
            "revoke（撤销委员资格）",
        ),
        (None, decision(reason="  "), Invalid, "决定理由不能为空，请填写决定理由"),
    ],
)
def test_decisions_are_refused_with_a_message(
    given: str | None, command: DecideOnMember, error: type[DomainError], message: str
) -> None:
    events = decide_on_member(decision(given), given_events(), MEMBER) if given else []
    with pytest.raises(error) as caught:
        decide_on_member(command, given_events(*events), MEMBER)
    assert caught.value.message == message


def test_unknown_inactive_members_and_wrong_years_are_refused() -> None:
    with pytest.raises(NotFound) as nf:
        decide_adjust_score(adjustment(), given_events(), AppraisedMember(A))
    assert nf.value.message == f"委员（编号 {A}）不存在，请核对委员编号"
    gone = AppraisedMember(A, registered=True, active=False, name="张三")
    with pytest.raises(Rejected) as rj:
        decide_on_member(decision("revoke"), given_events(), gone)
    assert rj.value.message == "委员 张三 已不在任，不能登记“撤销委员资格”"
    future = AdjustScore(**{**BASE, "year": 2027}, adjustment_id="a", points=1, reason="x")
    with pytest.raises(Invalid) as inv:
        decide_adjust_score(future, given_events(), MEMBER)
    assert inv.value.message == "考评年度 2027 无效：应在 2000 年到今年（2026）之间"


@pytest.mark.parametrize(
    ("points", "message"),
    [
        (0, "调整分值不能为 0，请填写加分（正数）或减分（负数）"),
        (120, "一次调整最多 ±100 分（现为 120 分），请核对分值"),
    ],
)
def test_adjustments_need_sensible_points(points: float, message: str) -> None:
    with pytest.raises(Invalid) as caught:
        decide_adjust_score(adjustment(points), given_events(), MEMBER)
    assert caught.value.message == message


def test_an_adjustment_is_recorded_once_per_id() -> None:
    [event] = decide_adjust_score(adjustment(-2.5), given_events(), MEMBER)
    assert isinstance(event, MemberScoreAdjusted)
    assert (event.points, event.by) == (-2.5, "admin-1")
    assert decide_adjust_score(adjustment(-2.5), given_events(event), MEMBER) == []
    assert given_events(event).adjusted_points == -2.5


COMMANDS = st.one_of(
    st.sampled_from(
        ["reminder_talk", "persuade_to_resign", "revocation_proposed", "not_renominated_flag"]
    ).map(lambda rule: constraint(rule)),
    st.sampled_from(["warn", "persuade_to_resign", "revoke"]).map(lambda d: decision(d)),
    st.tuples(st.integers(-20, 20), st.sampled_from(["a1", "a2", "a3"])).map(
        lambda pair: adjustment(pair[0], pair[1])
    ),
)


def run(command: Any, state: AppraisalState) -> list[DomainEvent]:
    if isinstance(command, RecordConstraint):
        return decide_record_constraint(command, state, MEMBER)
    if isinstance(command, DecideOnMember):
        return decide_on_member(command, state, MEMBER)
    return decide_adjust_score(command, state, MEMBER)


@settings(max_examples=80, deadline=None)
@given(st.lists(COMMANDS, max_size=25))
def test_replay_is_deterministic_and_effects_happen_once(commands: list[Any]) -> None:
    state, events = appraisal_decider.initial, []
    for command in commands:
        try:
            produced = run(command, state)
        except DomainError:
            continue
        events.extend(produced)
        state = appraisal_decider.fold(produced, state)
    assert appraisal_decider.fold(events) == state == appraisal_decider.fold(events)
    decoded = [registry.decode(e.ce_type(), e.model_dump_json().encode()) for e in events]
    assert appraisal_decider.fold([e for e in decoded if e is not None]) == state
    rules = [e.rule for e in events if isinstance(e, MemberConstraintTriggered)]
    assert len(rules) == len(set(rules)) and set(rules) == state.triggered
    ids = [e.adjustment_id for e in events if isinstance(e, MemberScoreAdjusted)]
    assert len(ids) == len(set(ids))
