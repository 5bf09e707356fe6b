"""State of one consultation activity and how it folds from events."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from services.consultation.domain.events import (
    ConsultationCancelled,
    ConsultationHeld,
    ConsultationPostponed,
    ConsultationScheduled,
    SuggestionAdopted,
)
from services.consultation.domain.values import (
    ConsultationStatus,
    ConsultationType,
    Participant,
    Suggestion,
    SuggestionAdoption,
)
from shared.domain import Decider
from shared.events import DomainEvent


@dataclass(frozen=True)
class ConsultationState:
    """Folded state. `status is None` means the consultation does not exist yet."""

    consultation_id: str | None = None
    status: ConsultationStatus | None = None
    type: ConsultationType | None = None
    topic: str = ""
    township_id: str | None = None
    organizer: str = ""
    planned_date: date | None = None
    held_on: date | None = None
    participants: tuple[Participant, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()
    minutes_summary: str | None = None
    #: suggestion_id → adoption; never mutated in place (evolve builds a new dict).
    adoptions: Mapping[str, SuggestionAdoption] = field(default_factory=dict)
    postponements: int = 0
    cancel_reason: str | None = None

    @property
    def exists(self) -> bool:
        return self.status is not None

    def suggestion(self, suggestion_id: str) -> Suggestion | None:
        for item in self.suggestions:
            if item.suggestion_id == suggestion_id:
                return item
        return None


initial = ConsultationState()


def evolve(state: ConsultationState, event: DomainEvent) -> ConsultationState:
    match event:
        case ConsultationScheduled():
            return ConsultationState(
                consultation_id=event.consultation_id,
                status=ConsultationStatus.PLANNED,
                type=event.type,
                topic=event.topic,
                township_id=event.township_id,
                organizer=event.organizer,
                planned_date=event.planned_date,
            )
        case ConsultationHeld():
            return replace(
                state,
                status=ConsultationStatus.HELD,
                held_on=event.held_on,
                participants=event.participants,
                suggestions=event.suggestions,
                minutes_summary=event.minutes_summary,
            )
        case SuggestionAdopted():
            adoption = SuggestionAdoption(
                suggestion_id=event.suggestion_id,
                adopted_by=event.adopted_by,
                adoption=event.adoption,
                note=event.note,
            )
            return replace(state, adoptions={**state.adoptions, event.suggestion_id: adoption})
        case ConsultationPostponed():
            return replace(
                state,
                status=ConsultationStatus.POSTPONED,
                planned_date=event.new_planned_date,
                postponements=state.postponements + 1,
            )
        case ConsultationCancelled():
            return replace(state, status=ConsultationStatus.CANCELLED, cancel_reason=event.reason)
        case _:
            return state


consultation_decider: Decider[ConsultationState] = Decider(
    "consultation", "consultation", initial, evolve
)
