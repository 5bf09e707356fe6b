"""Training sessions: schedule and attendance, every rejection's text."""

from __future__ import annotations

from datetime import date

import pytest

from services.members.domain.activities.training import (
    INITIAL_TRAINING,
    TrainingAttended,
    TrainingScheduled,
    TrainingState,
    decide_record_training_attendance,
    decide_schedule_training,
    training_decider,
)
from shared.domain import Invalid, NotFound, Rejected
from shared.events import DomainEvent
from tests.unit.members.activities.builders import (
    ITEM_ID,
    A,
    attend,
    group,
    member,
    schedule,
)


def given(*events: DomainEvent) -> TrainingState:
    return training_decider.fold(list(events))


def scheduled(**kw: object) -> TrainingScheduled:
    [event] = decide_schedule_training(schedule(**kw), INITIAL_TRAINING, None)
    assert isinstance(event, TrainingScheduled)
    return event


def test_schedule_county_session() -> None:
    event = scheduled(curriculum=["新时代人民政协理论", " 新时代人民政协理论 ", "提案撰写"])
    assert event == TrainingScheduled(
        training_id=ITEM_ID,
        kind="member_main_training",
        title="2025年度委员主体培训班",
        start_date=date(2025, 6, 10),
        end_date=date(2025, 6, 12),
        location="县委党校",
        curriculum=("新时代人民政协理论", "提案撰写"),
        township_id=None,
    )
    assert event.township() is None


def test_schedule_township_study_session() -> None:
    [event] = decide_schedule_training(
        schedule(kind="study_session", township_id="chengguan"), INITIAL_TRAINING, group()
    )
    assert isinstance(event, TrainingScheduled) and event.township_id == "chengguan"


def test_schedule_in_unknown_township_is_not_found() -> None:
    with pytest.raises(NotFound) as err:
        decide_schedule_training(
            schedule(township_id="hekou"), INITIAL_TRAINING, group("hekou", established=False)
        )
    assert err.value.message == "乡镇“hekou”尚未设立政协联络组，请核对举办乡镇编号"


def test_schedule_twice_is_rejected() -> None:
    with pytest.raises(Rejected) as err:
        decide_schedule_training(schedule(), given(scheduled()), None)
    assert err.value.message == "培训班“2025年度委员主体培训班”已排期，不能重复排期"


def test_unknown_kind_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        scheduled(kind="party_school")
    assert err.value.message.startswith("培训类型“party_school”无效：可选 member_main_training")


def test_end_before_start_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        scheduled(end_date=date(2025, 6, 9))
    assert err.value.message == "结束日期 2025-06-09 早于开始日期 2025-06-10，请核对培训日期"


def test_overlong_session_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        scheduled(end_date=date(2025, 8, 30))
    assert err.value.message == "一期培训最长 60 天，请核对培训日期"


def test_missing_location_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        scheduled(location=" ")
    assert err.value.message == "培训地点不能为空，请填写培训地点"


def test_too_many_courses_is_invalid() -> None:
    with pytest.raises(Invalid) as err:
        scheduled(curriculum=[f"课程{i}" for i in range(31)])
    assert err.value.message == "课程最多填写 30 项，请精简后再提交"


def test_attendance_carries_what_scoring_needs() -> None:
    events = decide_record_training_attendance(
        attend(full_attendance=False), given(scheduled()), member()
    )
    assert events == [
        TrainingAttended(
            training_id=ITEM_ID,
            member_id=A,
            full_attendance=False,
            township_id="chengguan",
            kind="member_main_training",
            start_date=date(2025, 6, 10),
            end_date=date(2025, 6, 12),
            training_township_id=None,
        )
    ]
    assert events[0].ce_type() == "cn.cppcc.members.training.attended.v1"
    assert given(scheduled(), *events).attendees == frozenset({A})


def test_attendance_for_unknown_training_is_not_found() -> None:
    with pytest.raises(NotFound) as err:
        decide_record_training_attendance(attend(), INITIAL_TRAINING, member())
    assert err.value.message == f"培训班（编号 {ITEM_ID}）不存在，请核对培训班编号"


def test_attendance_before_start_is_rejected() -> None:
    with pytest.raises(Rejected) as err:
        decide_record_training_attendance(
            attend(today=date(2025, 6, 9)), given(scheduled()), member()
        )
    assert err.value.message == (
        "培训班“2025年度委员主体培训班”于 2025-06-10 开班，尚未开始，不能登记出勤；请开班后再登记"
    )


def test_attendance_twice_is_rejected() -> None:
    state = given(
        scheduled(), *decide_record_training_attendance(attend(), given(scheduled()), member())
    )
    with pytest.raises(Rejected) as err:
        decide_record_training_attendance(attend(), state, member())
    assert err.value.message == "委员 张三 参加“2025年度委员主体培训班”的出勤已登记，不能重复登记"


def test_attendance_of_unknown_member_is_not_found() -> None:
    with pytest.raises(NotFound) as err:
        decide_record_training_attendance(attend(), given(scheduled()), member(registered=False))
    assert err.value.message == f"委员（编号 {A}）不存在，不能登记培训出勤；请核对委员编号"
