"""Events of the consultation aggregate (context `consultation`, aggregate `consultation`).

Subjects: `cppcc.consultation.consultation.<consultation_id>.<name>`.
Every event carries `township_id` (where the activity is held / which township it concerns)
so liaison-group read models and notifications need no lookup.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from services.consultation.domain.values import (
    Adoption,
    ConsultationType,
    Participant,
    Suggestion,
)
from shared.events import DomainEvent, EventRegistry

registry = EventRegistry()


class ConsultationEvent(DomainEvent):
    """Base of the consultation aggregate's events."""

    context: ClassVar[str] = "consultation"
    aggregate: ClassVar[str] = "consultation"

    consultation_id: str


@registry.register
class ConsultationScheduled(ConsultationEvent):
    """C1 ∅ → planned."""

    name: ClassVar[str] = "scheduled"
    version: ClassVar[int] = 1

    type: ConsultationType
    topic: str
    township_id: str | None
    organizer: str
    planned_date: date


@registry.register
class ConsultationHeld(ConsultationEvent):
    """C5 → held, with attendance and the suggestions raised."""

    name: ClassVar[str] = "held"
    version: ClassVar[int] = 1

    type: ConsultationType
    topic: str
    township_id: str | None
    held_on: date
    participants: tuple[Participant, ...]
    suggestions: tuple[Suggestion, ...]
    minutes_summary: str | None = None


@registry.register
class SuggestionAdopted(ConsultationEvent):
    """A department/body adopted (fully, partly, or into its plan) one suggestion."""

    name: ClassVar[str] = "suggestion_adopted"
    version: ClassVar[int] = 1

    suggestion_id: str
    text: str
    township_id: str | None
    topic: str
    adopted_by: str
    adoption: Adoption
    proposer_ids: tuple[str, ...]
    note: str | None = None


@registry.register
class ConsultationPostponed(ConsultationEvent):
    """C12 → postponed: moved to a later date."""

    name: ClassVar[str] = "postponed"
    version: ClassVar[int] = 1

    township_id: str | None
    previous_date: date
    new_planned_date: date
    reason: str


@registry.register
class ConsultationCancelled(ConsultationEvent):
    """C12 → cancelled."""

    name: ClassVar[str] = "cancelled"
    version: ClassVar[int] = 1

    township_id: str | None
    reason: str


__all__ = [
    "ConsultationCancelled",
    "ConsultationEvent",
    "ConsultationHeld",
    "ConsultationPostponed",
    "ConsultationScheduled",
    "SuggestionAdopted",
    "registry",
]
