"""Decisions of the consultation aggregate: command + state → events, or a Chinese rejection."""

from __future__ import annotations

import uuid

from services.consultation.domain.commands import (
    AdoptSuggestion,
    CancelConsultation,
    ConsultationCommand,
    HoldConsultation,
    PostponeConsultation,
    ScheduleConsultation,
)
from services.consultation.domain.events import (
    ConsultationCancelled,
    ConsultationHeld,
    ConsultationPostponed,
    ConsultationScheduled,
    SuggestionAdopted,
    registry,
)
from services.consultation.domain.labels import ADOPTION_LABELS
from services.consultation.domain.state import ConsultationState, consultation_decider
from services.consultation.domain.values import (
    HELD_OR_LATER,
    NOT_YET_HELD,
    TOPIC_MAX_LENGTH,
    ConsultationStatus,
    Participant,
    Suggestion,
    is_valid_township_id,
)
from shared.domain import Invalid, NotFound, Rejected
from shared.events import DomainEvent

# --- guards ------------------------------------------------------------------------------


def _require_exists(state: ConsultationState) -> ConsultationStatus:
    if state.status is None:
        raise NotFound(
            "协商活动不存在，请先安排协商活动或核对活动编号", code="consultation_not_found"
        )
    return state.status


def require_exists(state: ConsultationState) -> ConsultationStatus:
    """Public guard: 404 when the consultation does not exist (the application layer checks
    existence before permissions, so a caller learns "unknown id" before "not yours")."""
    return _require_exists(state)


def _require_not_yet_held(state: ConsultationState, doing: str) -> None:
    status = _require_exists(state)
    if status == ConsultationStatus.CANCELLED:
        raise Rejected(
            f"该协商活动已取消，不能{doing}；如仍要举行，请重新安排协商活动", code="cancelled"
        )
    if status in HELD_OR_LATER:
        raise Rejected(f"该协商活动已举行，不能{doing}", code="already_held")
    if status not in NOT_YET_HELD:  # pragma: no cover - every status is in one of the sets
        raise Rejected(f"协商活动当前状态不允许{doing}", code="invalid_state")


def _require_text(value: str | None, message: str, code: str) -> str:
    text = (value or "").strip()
    if not text:
        raise Invalid(message, code=code)
    return text


def _check_township(township_id: str | None) -> None:
    if township_id is not None and not is_valid_township_id(township_id):
        raise Invalid(
            f"乡镇编号“{township_id}”格式不正确：应为2至32位小写字母、数字、短横线或下划线，"
            "且以字母或数字开头",
            code="invalid_township_id",
        )


def _is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


# --- decisions ---------------------------------------------------------------------------


def decide_schedule_consultation(
    command: ScheduleConsultation, state: ConsultationState
) -> list[DomainEvent]:
    if state.exists:
        raise Rejected(
            "该协商活动已安排，不能重复安排；如需调整日期，请办理延期", code="already_scheduled"
        )
    consultation_id = _require_text(
        command.consultation_id, "协商活动编号不能为空", "consultation_id_required"
    )
    topic = _require_text(command.topic, "协商议题不能为空，请填写议题", "topic_required")
    if len(topic) > TOPIC_MAX_LENGTH:
        raise Invalid(
            f"协商议题不能超过{TOPIC_MAX_LENGTH}个字（当前{len(topic)}个字），请精简议题",
            code="topic_too_long",
        )
    organizer = _require_text(
        command.organizer,
        "请填写承办单位（专门委员会、乡镇政协联络组或界别）",
        "organizer_required",
    )
    _check_township(command.township_id)
    return [
        ConsultationScheduled(
            consultation_id=consultation_id,
            type=command.type,
            topic=topic,
            township_id=command.township_id,
            organizer=organizer,
            planned_date=command.planned_date,
        )
    ]


def _check_participants(participants: list[Participant]) -> tuple[Participant, ...]:
    if not participants:
        raise Invalid("请至少登记一名参加协商的委员", code="participants_required")
    seen: set[str] = set()
    result: list[Participant] = []
    for participant in participants:
        member_id = participant.member_id.strip()
        if not member_id:
            raise Invalid("参加委员的编号不能为空，请重新选择委员", code="participant_id_required")
        if member_id in seen:
            raise Invalid(
                f"委员{member_id}被重复登记，请每位委员只登记一次", code="duplicate_participant"
            )
        seen.add(member_id)
        _check_township(participant.township_id)
        result.append(participant.model_copy(update={"member_id": member_id}))
    return tuple(result)


def _check_suggestions(suggestions: list[Suggestion]) -> tuple[Suggestion, ...]:
    seen: set[str] = set()
    result: list[Suggestion] = []
    for suggestion in suggestions:
        suggestion_id = suggestion.suggestion_id
        if not _is_uuid(suggestion_id):
            raise Invalid(
                f"建议编号“{suggestion_id}”无效，应为UUID，请重新生成建议编号",
                code="invalid_suggestion_id",
            )
        if suggestion_id in seen:
            raise Invalid(
                f"建议编号{suggestion_id}重复，请为每条建议使用不同的编号",
                code="duplicate_suggestion_id",
            )
        seen.add(suggestion_id)
        text = _require_text(
            suggestion.text,
            "建议内容不能为空，请填写建议内容或删除该条建议",
            "suggestion_text_required",
        )
        proposers = tuple(dict.fromkeys(p.strip() for p in suggestion.proposer_ids if p.strip()))
        department = (suggestion.target_department or "").strip() or None
        result.append(
            suggestion.model_copy(
                update={"text": text, "proposer_ids": proposers, "target_department": department}
            )
        )
    return tuple(result)


def decide_hold_consultation(
    command: HoldConsultation, state: ConsultationState
) -> list[DomainEvent]:
    _require_not_yet_held(state, "再登记举行情况")
    if command.held_on > command.today:
        raise Invalid(
            f"举行日期{command.held_on.isoformat()}晚于今天（{command.today.isoformat()}），"
            "请在协商活动举行后再登记",
            code="held_on_in_future",
        )
    participants = _check_participants(command.participants)
    suggestions = _check_suggestions(command.suggestions)
    summary = (command.minutes_summary or "").strip() or None
    assert state.type is not None and state.consultation_id is not None
    return [
        ConsultationHeld(
            consultation_id=state.consultation_id,
            type=state.type,
            topic=state.topic,
            township_id=state.township_id,
            held_on=command.held_on,
            participants=participants,
            suggestions=suggestions,
            minutes_summary=summary,
        )
    ]


def decide_adopt_suggestion(
    command: AdoptSuggestion, state: ConsultationState
) -> list[DomainEvent]:
    status = _require_exists(state)
    if status == ConsultationStatus.CANCELLED:
        raise Rejected("该协商活动已取消，没有可采纳的建议", code="cancelled")
    if status not in HELD_OR_LATER:
        raise Rejected(
            "协商活动尚未举行，不能登记建议采纳情况；请先登记协商活动的举行情况和建议",
            code="not_held",
        )
    suggestion = state.suggestion(command.suggestion_id)
    if suggestion is None:
        raise NotFound(
            f"建议不存在：本次协商活动中没有编号为{command.suggestion_id}的建议，请核对建议编号",
            code="suggestion_not_found",
        )
    existing = state.adoptions.get(command.suggestion_id)
    if existing is not None:
        raise Rejected(
            f"该建议已由{existing.adopted_by}登记为“{ADOPTION_LABELS[existing.adoption]}”，"
            "不能重复登记采纳情况",
            code="already_adopted",
        )
    adopted_by = _require_text(
        command.adopted_by, "请填写采纳该建议的部门或单位", "adopted_by_required"
    )
    note = (command.note or "").strip() or None
    assert state.consultation_id is not None
    return [
        SuggestionAdopted(
            consultation_id=state.consultation_id,
            suggestion_id=suggestion.suggestion_id,
            text=suggestion.text,
            township_id=state.township_id,
            topic=state.topic,
            adopted_by=adopted_by,
            adoption=command.adoption,
            proposer_ids=suggestion.proposer_ids,
            note=note,
        )
    ]


def decide_postpone_consultation(
    command: PostponeConsultation, state: ConsultationState
) -> list[DomainEvent]:
    _require_not_yet_held(state, "延期")
    assert state.planned_date is not None and state.consultation_id is not None
    if command.new_planned_date <= state.planned_date:
        raise Invalid(
            f"延期后的日期必须晚于原定日期{state.planned_date.isoformat()}，请重新选择日期",
            code="new_date_not_later",
        )
    reason = _require_text(command.reason, "请填写延期原因", "reason_required")
    return [
        ConsultationPostponed(
            consultation_id=state.consultation_id,
            township_id=state.township_id,
            previous_date=state.planned_date,
            new_planned_date=command.new_planned_date,
            reason=reason,
        )
    ]


def decide_cancel_consultation(
    command: CancelConsultation, state: ConsultationState
) -> list[DomainEvent]:
    status = _require_exists(state)
    if status == ConsultationStatus.CANCELLED:
        raise Rejected("该协商活动已取消，无需重复取消", code="already_cancelled")
    _require_not_yet_held(state, "取消")
    reason = _require_text(command.reason, "请填写取消原因", "reason_required")
    assert state.consultation_id is not None
    return [
        ConsultationCancelled(
            consultation_id=state.consultation_id,
            township_id=state.township_id,
            reason=reason,
        )
    ]


def decide(command: ConsultationCommand, state: ConsultationState) -> list[DomainEvent]:
    """Dispatch any consultation command to its decision function."""
    match command:
        case ScheduleConsultation():
            return decide_schedule_consultation(command, state)
        case HoldConsultation():
            return decide_hold_consultation(command, state)
        case AdoptSuggestion():
            return decide_adopt_suggestion(command, state)
        case PostponeConsultation():
            return decide_postpone_consultation(command, state)
        case CancelConsultation():
            return decide_cancel_consultation(command, state)
        case _:
            raise TypeError(f"unknown consultation command {type(command).__name__}")


__all__ = [
    "consultation_decider",
    "decide",
    "decide_adopt_suggestion",
    "decide_cancel_consultation",
    "decide_hold_consultation",
    "decide_postpone_consultation",
    "decide_schedule_consultation",
    "registry",
    "require_exists",
]
