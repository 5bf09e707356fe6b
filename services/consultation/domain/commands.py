"""Commands of the consultation aggregate. Time and actor come in on the command."""

from __future__ import annotations

from datetime import date

from pydantic import AwareDatetime, BaseModel, ConfigDict

from services.consultation.domain.values import (
    Adoption,
    ConsultationType,
    Participant,
    Suggestion,
)


class ConsultationCommand(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    consultation_id: str
    actor: str
    at: AwareDatetime


class ScheduleConsultation(ConsultationCommand):
    type: ConsultationType
    topic: str
    township_id: str | None = None
    organizer: str
    planned_date: date


class HoldConsultation(ConsultationCommand):
    held_on: date
    participants: list[Participant]
    suggestions: list[Suggestion] = []
    minutes_summary: str | None = None
    #: The caller's "today" (county local date); the domain has no clock.
    today: date


class AdoptSuggestion(ConsultationCommand):
    suggestion_id: str
    adopted_by: str
    adoption: Adoption
    note: str | None = None


class PostponeConsultation(ConsultationCommand):
    new_planned_date: date
    reason: str


class CancelConsultation(ConsultationCommand):
    reason: str


__all__ = [
    "AdoptSuggestion",
    "CancelConsultation",
    "ConsultationCommand",
    "HoldConsultation",
    "PostponeConsultation",
    "ScheduleConsultation",
]
