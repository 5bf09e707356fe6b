"""Given events / when command / then events or a Chinese rejection — consultation aggregate."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

import pytest
from pydantic import ValidationError

from services.consultation.domain.commands import (
    AdoptSuggestion,
    CancelConsultation,
    ConsultationCommand,
    HoldConsultation,
    PostponeConsultation,
    ScheduleConsultation,
)
from services.consultation.domain.decide import decide
from services.consultation.domain.events import (
    ConsultationCancelled,
    ConsultationHeld,
    ConsultationPostponed,
    ConsultationScheduled,
    SuggestionAdopted,
    registry,
)
from services.consultation.domain.labels import (
    ADOPTION_LABELS,
    ROLE_LABELS,
    STATUS_LABELS,
    TYPE_LABELS,
)
from services.consultation.domain.state import ConsultationState, consultation_decider
from services.consultation.domain.values import (
    Adoption,
    ConsultationStatus,
    ConsultationType,
    Participant,
    ParticipantRole,
    Suggestion,
)
from shared.domain import DomainError
from shared.events import DomainEvent, EventMeta, ce_headers, encode_body, subject_for

CID = "0190a0b0-0000-7000-8000-000000000001"
S1 = "0190a0b0-0000-7000-8000-0000000000a1"
S2 = "0190a0b0-0000-7000-8000-0000000000a2"
M1 = "0190a0b0-0000-7000-8000-0000000000b1"
M2 = "0190a0b0-0000-7000-8000-0000000000b2"
AT = datetime(2025, 5, 6, 8, 0, tzinfo=UTC)
ACTOR = "staff:office-1"
TODAY = date(2025, 5, 6)


# --- helpers -----------------------------------------------------------------------------


def given(*events: DomainEvent) -> ConsultationState:
    return consultation_decider.fold(events)


def when(state: ConsultationState, command: ConsultationCommand) -> list[DomainEvent]:
    return decide(command, state)


def rejected(
    state: ConsultationState, command: ConsultationCommand, kind: str, *fragments: str
) -> DomainError:
    with pytest.raises(DomainError) as info:
        decide(command, state)
    error = info.value
    assert error.kind == kind, error.message
    for fragment in fragments:
        assert fragment in error.message, error.message
    return error


def schedule(**overrides: Any) -> ScheduleConsultation:
    data: dict[str, Any] = {
        "consultation_id": CID,
        "type": "grassroots",
        "topic": "农村生活污水治理",
        "township_id": "qingshan",
        "organizer": "青山镇政协联络组",
        "planned_date": date(2025, 5, 20),
        "actor": ACTOR,
        "at": AT,
    }
    data.update(overrides)
    return ScheduleConsultation(**data)


def hold(**overrides: Any) -> HoldConsultation:
    data: dict[str, Any] = {
        "consultation_id": CID,
        "held_on": date(2025, 5, 6),
        "participants": [
            {"member_id": M1, "role": "speaker", "township_id": "qingshan"},
            {"member_id": M2, "role": "written", "township_id": None},
        ],
        "suggestions": [
            {
                "suggestion_id": S1,
                "text": "建设村级污水处理站",
                "proposer_ids": [M1],
                "target_department": "县生态环境局",
            },
            {"suggestion_id": S2, "text": "设立运维专项资金", "proposer_ids": [M1, M2]},
        ],
        "minutes_summary": "与会委员围绕污水治理提出建议",
        "today": TODAY,
        "actor": ACTOR,
        "at": AT,
    }
    data.update(overrides)
    return HoldConsultation(**data)


def adopt(**overrides: Any) -> AdoptSuggestion:
    data: dict[str, Any] = {
        "consultation_id": CID,
        "suggestion_id": S1,
        "adopted_by": "县生态环境局",
        "adoption": "adopted",
        "note": "纳入2025年工作计划",
        "actor": ACTOR,
        "at": AT,
    }
    data.update(overrides)
    return AdoptSuggestion(**data)


def scheduled_event() -> DomainEvent:
    return when(given(), schedule())[0]


def held_event() -> DomainEvent:
    return when(given(scheduled_event()), hold())[0]


def adopted_event() -> DomainEvent:
    return when(given(scheduled_event(), held_event()), adopt())[0]


def cancelled_event() -> DomainEvent:
    cmd = CancelConsultation(consultation_id=CID, reason="天气原因", actor=ACTOR, at=AT)
    return when(given(scheduled_event()), cmd)[0]


# --- schedule ----------------------------------------------------------------------------


def test_schedule_emits_scheduled() -> None:
    assert when(given(), schedule(topic="  农村生活污水治理 ")) == [
        ConsultationScheduled(
            consultation_id=CID,
            type=ConsultationType.GRASSROOTS,
            topic="农村生活污水治理",
            township_id="qingshan",
            organizer="青山镇政协联络组",
            planned_date=date(2025, 5, 20),
        )
    ]


def test_scheduled_event_names() -> None:
    assert ConsultationScheduled.ce_type() == "cn.cppcc.consultation.consultation.scheduled.v1"
    subject = subject_for(ConsultationScheduled, CID)
    assert subject == f"cppcc.consultation.consultation.{CID}.scheduled"
    assert [cls.name for cls in registry.classes.values()] == [
        "scheduled",
        "held",
        "suggestion_adopted",
        "postponed",
        "cancelled",
    ]


def test_schedule_county_level_without_township() -> None:
    (event,) = when(given(), schedule(township_id=None, type="plenary"))
    assert isinstance(event, ConsultationScheduled)
    assert event.township_id is None
    assert event.township() is None


def test_schedule_twice_is_rejected() -> None:
    rejected(given(scheduled_event()), schedule(), "conflict", "已安排", "不能重复安排")


@pytest.mark.parametrize("topic", ["", "   "])
def test_schedule_requires_topic(topic: str) -> None:
    rejected(given(), schedule(topic=topic), "invalid", "协商议题不能为空")


def test_schedule_topic_at_most_100_chars() -> None:
    assert when(given(), schedule(topic="议" * 100))
    error = rejected(given(), schedule(topic="议" * 101), "invalid", "不能超过100个字", "101")
    assert error.code == "topic_too_long"


def test_schedule_requires_organizer() -> None:
    rejected(given(), schedule(organizer=" "), "invalid", "请填写承办单位")


def test_schedule_rejects_bad_township_id() -> None:
    rejected(given(), schedule(township_id="青山镇"), "invalid", "乡镇编号", "格式不正确")


def test_schedule_rejects_unknown_type_code() -> None:
    with pytest.raises(ValidationError):
        schedule(type="banquet")


def test_every_type_code_of_domain_4_2() -> None:
    codes = {t.value for t in ConsultationType}
    assert codes == {
        "plenary",
        "standing_committee_thematic",
        "thematic",
        "counterpart",
        "sector",
        "proposal_handling",
        "symposium",
        "grassroots",
        "online",
    }


# --- hold --------------------------------------------------------------------------------


def test_hold_emits_held_with_carried_state() -> None:
    (event,) = when(given(scheduled_event()), hold())
    assert event == ConsultationHeld(
        consultation_id=CID,
        type=ConsultationType.GRASSROOTS,
        topic="农村生活污水治理",
        township_id="qingshan",
        held_on=date(2025, 5, 6),
        participants=(
            Participant(member_id=M1, role=ParticipantRole.SPEAKER, township_id="qingshan"),
            Participant(member_id=M2, role=ParticipantRole.WRITTEN),
        ),
        suggestions=(
            Suggestion(
                suggestion_id=S1,
                text="建设村级污水处理站",
                proposer_ids=(M1,),
                target_department="县生态环境局",
            ),
            Suggestion(suggestion_id=S2, text="设立运维专项资金", proposer_ids=(M1, M2)),
        ),
        minutes_summary="与会委员围绕污水治理提出建议",
    )
    state = given(scheduled_event(), event)
    assert state.status is ConsultationStatus.HELD
    assert state.held_on == date(2025, 5, 6)


def test_hold_without_suggestions() -> None:
    (event,) = when(given(scheduled_event()), hold(suggestions=[], minutes_summary=" "))
    assert isinstance(event, ConsultationHeld)
    assert event.suggestions == ()
    assert event.minutes_summary is None


def test_hold_unknown_consultation() -> None:
    rejected(given(), hold(), "not_found", "协商活动不存在")


def test_hold_twice_is_rejected() -> None:
    rejected(given(scheduled_event(), held_event()), hold(), "conflict", "已举行")


def test_hold_cancelled_is_rejected() -> None:
    rejected(given(scheduled_event(), cancelled_event()), hold(), "conflict", "已取消")


def test_hold_in_the_future_is_rejected() -> None:
    error = rejected(
        given(scheduled_event()),
        hold(held_on=date(2025, 5, 7)),
        "invalid",
        "2025-05-07",
        "晚于今天",
    )
    assert error.code == "held_on_in_future"


def test_hold_requires_participants() -> None:
    rejected(given(scheduled_event()), hold(participants=[]), "invalid", "至少登记一名")


def test_hold_rejects_duplicate_participants() -> None:
    participants = [{"member_id": M1, "role": "speaker"}, {"member_id": M1, "role": "participant"}]
    rejected(given(scheduled_event()), hold(participants=participants), "invalid", "重复登记", M1)


def test_hold_rejects_duplicate_suggestion_ids() -> None:
    suggestions = [
        {"suggestion_id": S1, "text": "甲", "proposer_ids": [M1]},
        {"suggestion_id": S1, "text": "乙", "proposer_ids": [M2]},
    ]
    error = rejected(
        given(scheduled_event()), hold(suggestions=suggestions), "invalid", "建议编号", "重复"
    )
    assert error.code == "duplicate_suggestion_id"


def test_hold_rejects_non_uuid_suggestion_id() -> None:
    suggestions = [{"suggestion_id": "s-1", "text": "甲", "proposer_ids": [M1]}]
    rejected(given(scheduled_event()), hold(suggestions=suggestions), "invalid", "无效")


def test_hold_rejects_empty_suggestion_text() -> None:
    suggestions = [{"suggestion_id": S1, "text": "  ", "proposer_ids": [M1]}]
    rejected(given(scheduled_event()), hold(suggestions=suggestions), "invalid", "建议内容不能为空")


def test_hold_rejects_bad_participant_township() -> None:
    participants = [{"member_id": M1, "role": "speaker", "township_id": "Bad Town"}]
    rejected(given(scheduled_event()), hold(participants=participants), "invalid", "乡镇编号")


def test_hold_rejects_unknown_role() -> None:
    with pytest.raises(ValidationError):
        hold(participants=[{"member_id": M1, "role": "chair"}])


# --- adopt -------------------------------------------------------------------------------


def test_adopt_emits_suggestion_adopted() -> None:
    (event,) = when(given(scheduled_event(), held_event()), adopt())
    assert event == SuggestionAdopted(
        consultation_id=CID,
        suggestion_id=S1,
        text="建设村级污水处理站",
        township_id="qingshan",
        topic="农村生活污水治理",
        adopted_by="县生态环境局",
        adoption=Adoption.ADOPTED,
        proposer_ids=(M1,),
        note="纳入2025年工作计划",
    )
    assert event.township() == "qingshan"
    state = given(scheduled_event(), held_event(), event)
    assert state.adoptions[S1].adoption is Adoption.ADOPTED


@pytest.mark.parametrize("adoption", ["partially_adopted", "planned"])
def test_adopt_other_levels(adoption: str) -> None:
    state = given(scheduled_event(), held_event())
    (event,) = when(state, adopt(suggestion_id=S2, adoption=adoption))
    assert isinstance(event, SuggestionAdopted)
    assert event.adoption == adoption
    assert event.proposer_ids == (M1, M2)


def test_adopt_before_held_is_rejected() -> None:
    error = rejected(given(scheduled_event()), adopt(), "conflict", "协商活动尚未举行")
    assert error.code == "not_held"


def test_adopt_on_cancelled_is_rejected() -> None:
    rejected(given(scheduled_event(), cancelled_event()), adopt(), "conflict", "已取消")


def test_adopt_unknown_consultation() -> None:
    rejected(given(), adopt(), "not_found", "协商活动不存在")


def test_adopt_unknown_suggestion() -> None:
    other = "0190a0b0-0000-7000-8000-0000000000ff"
    rejected(
        given(scheduled_event(), held_event()),
        adopt(suggestion_id=other),
        "not_found",
        "建议不存在",
        other,
    )


def test_adopt_twice_is_rejected() -> None:
    rejected(
        given(scheduled_event(), held_event(), adopted_event()),
        adopt(adoption="planned"),
        "conflict",
        "县生态环境局",
        "已采纳",
        "不能重复登记",
    )


def test_adopt_requires_adopted_by() -> None:
    rejected(given(scheduled_event(), held_event()), adopt(adopted_by=""), "invalid", "部门或单位")


def test_adopt_rejects_not_adopted_code() -> None:
    with pytest.raises(ValidationError):
        adopt(adoption="not_adopted")


# --- postpone / cancel -------------------------------------------------------------------


def postpone(new: date, reason: str = "主要领导另有公务") -> PostponeConsultation:
    return PostponeConsultation(
        consultation_id=CID, new_planned_date=new, reason=reason, actor=ACTOR, at=AT
    )


def cancel(reason: str = "议题已由县委常委会研究") -> CancelConsultation:
    return CancelConsultation(consultation_id=CID, reason=reason, actor=ACTOR, at=AT)


def test_postpone_then_hold() -> None:
    (event,) = when(given(scheduled_event()), postpone(date(2025, 6, 3)))
    assert event == ConsultationPostponed(
        consultation_id=CID,
        township_id="qingshan",
        previous_date=date(2025, 5, 20),
        new_planned_date=date(2025, 6, 3),
        reason="主要领导另有公务",
    )
    state = given(scheduled_event(), event)
    assert state.status is ConsultationStatus.POSTPONED
    assert state.planned_date == date(2025, 6, 3)
    (held,) = when(state, hold())
    assert isinstance(held, ConsultationHeld)


def test_postpone_must_move_later() -> None:
    rejected(given(scheduled_event()), postpone(date(2025, 5, 20)), "invalid", "必须晚于原定日期")


def test_postpone_requires_reason() -> None:
    rejected(
        given(scheduled_event()), postpone(date(2025, 6, 3), reason=" "), "invalid", "延期原因"
    )


def test_postpone_held_is_rejected() -> None:
    rejected(
        given(scheduled_event(), held_event()),
        postpone(date(2025, 6, 3)),
        "conflict",
        "已举行",
        "不能延期",
    )


def test_postpone_unknown() -> None:
    rejected(given(), postpone(date(2025, 6, 3)), "not_found", "协商活动不存在")


def test_cancel() -> None:
    (event,) = when(given(scheduled_event()), cancel())
    assert event == ConsultationCancelled(
        consultation_id=CID, township_id="qingshan", reason="议题已由县委常委会研究"
    )
    assert given(scheduled_event(), event).status is ConsultationStatus.CANCELLED


def test_cancel_twice_is_rejected() -> None:
    rejected(given(scheduled_event(), cancelled_event()), cancel(), "conflict", "无需重复取消")


def test_cancel_held_is_rejected() -> None:
    rejected(given(scheduled_event(), held_event()), cancel(), "conflict", "已举行", "不能取消")


def test_cancel_requires_reason() -> None:
    rejected(given(scheduled_event()), cancel(reason=""), "invalid", "取消原因")


def test_postpone_cancelled_is_rejected() -> None:
    rejected(
        given(scheduled_event(), cancelled_event()),
        postpone(date(2025, 6, 3)),
        "conflict",
        "已取消",
    )


# --- evolve, registry, labels ------------------------------------------------------------


def test_unknown_event_leaves_state_unchanged() -> None:
    class Other(DomainEvent):
        context = "consultation"
        aggregate = "other"
        name = "noted"

    state = given(scheduled_event())
    assert consultation_decider.evolve(state, Other()) == state


def test_events_round_trip_through_the_registry() -> None:
    events: Sequence[DomainEvent] = [scheduled_event(), held_event(), adopted_event()]
    meta = EventMeta(event_id="e1", time=AT, actor=ACTOR)
    decoded = []
    for event in events:
        headers = ce_headers(event, meta, CID)
        assert headers["ce-township"] == "qingshan"
        decoded.append(registry.decode(headers["ce-type"], encode_body(event)))
    assert decoded == list(events)


def test_labels_cover_every_code() -> None:
    assert set(STATUS_LABELS) == set(ConsultationStatus)
    assert set(TYPE_LABELS) == set(ConsultationType)
    assert set(ADOPTION_LABELS) == set(Adoption)
    assert set(ROLE_LABELS) == set(ParticipantRole)
    assert STATUS_LABELS[ConsultationStatus.HELD] == "已举行"
    assert TYPE_LABELS[ConsultationType.GRASSROOTS] == "基层协商"


def test_decider_identity() -> None:
    assert consultation_decider.context == "consultation"
    assert consultation_decider.aggregate == "consultation"
    assert consultation_decider.initial == ConsultationState()
