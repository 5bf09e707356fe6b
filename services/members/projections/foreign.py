"""Tolerant models of other services' events read by the members service's projections.

Each class has the producer's `context`, `aggregate`, `name` and `version` but declares
only the fields the township dashboard needs (with defaults where a producer might omit
one) and ignores the rest, so the producers can add fields without breaking this reader.
The producers' own classes are never imported (services stay independent).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field

from shared.events import DomainEvent, EventRegistry

foreign_registry = EventRegistry()

TOLERANT = ConfigDict(frozen=True, extra="ignore")


# --- proposals ---------------------------------------------------------------------------


class ProposalEvent(DomainEvent):
    model_config = TOLERANT

    context: ClassVar[str] = "proposals"
    aggregate: ClassVar[str] = "proposal"

    proposal_id: str
    township_id: str | None = None
    lead_author_id: str | None = None
    title: str | None = None


@foreign_registry.register
class ProposalSubmitted(ProposalEvent):
    name: ClassVar[str] = "submitted"
    version: ClassVar[int] = 1

    co_author_ids: tuple[str, ...] = ()
    author_township_ids: dict[str, str] = Field(default_factory=dict)
    category: str | None = None
    term_no: int | None = None
    session_no: int | None = None
    period: str | None = None
    submitted_at: datetime | None = None


@foreign_registry.register
class ProposalReviewStarted(ProposalEvent):
    name: ClassVar[str] = "review_started"
    version: ClassVar[int] = 1


@foreign_registry.register
class ProposalRegistered(ProposalEvent):
    name: ClassVar[str] = "registered"
    version: ClassVar[int] = 1

    serial_no: str | None = None


@foreign_registry.register
class ProposalNotRegistered(ProposalEvent):
    name: ClassVar[str] = "not_registered"
    version: ClassVar[int] = 1

    reason: str | None = None


@foreign_registry.register
class ProposalWithdrawn(ProposalEvent):
    name: ClassVar[str] = "withdrawn"
    version: ClassVar[int] = 1

    serial_no: str | None = None


# --- consultation ------------------------------------------------------------------------


class Participant(BaseModel):
    model_config = TOLERANT

    member_id: str = ""
    township_id: str | None = None


class Suggestion(BaseModel):
    model_config = TOLERANT

    suggestion_id: str = ""
    text: str = ""


class ConsultationEvent(DomainEvent):
    model_config = TOLERANT

    context: ClassVar[str] = "consultation"
    aggregate: ClassVar[str] = "consultation"

    consultation_id: str
    township_id: str | None = None


@foreign_registry.register
class ConsultationHeld(ConsultationEvent):
    name: ClassVar[str] = "held"
    version: ClassVar[int] = 1

    type: str = ""
    topic: str = ""
    held_on: date
    participants: tuple[Participant, ...] = ()
    suggestions: tuple[Suggestion, ...] = ()


@foreign_registry.register
class SuggestionAdopted(ConsultationEvent):
    name: ClassVar[str] = "suggestion_adopted"
    version: ClassVar[int] = 1

    suggestion_id: str
    text: str = ""
    topic: str = ""
    adopted_by: str = ""
    adoption: str = ""


PROPOSAL_STATUS_OF: dict[type[ProposalEvent], str] = {
    ProposalReviewStarted: "under_review",
    ProposalRegistered: "registered",
    ProposalNotRegistered: "not_registered",
    ProposalWithdrawn: "withdrawn",
}
