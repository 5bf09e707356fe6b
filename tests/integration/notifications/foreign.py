"""Minimal stand-ins for other services' events (same context/aggregate/name/version).

The tests never import another service: these classes only produce messages with the
producers' subjects, `ce-type`s and JSON fields.
"""

from __future__ import annotations

from typing import ClassVar

from shared.events import DomainEvent, EventRegistry

proposals = EventRegistry()
consultation = EventRegistry()
members = EventRegistry()


class _Proposal(DomainEvent):
    context: ClassVar[str] = "proposals"
    aggregate: ClassVar[str] = "proposal"

    proposal_id: str
    township_id: str | None
    lead_author_id: str
    co_author_ids: tuple[str, ...] = ()
    title: str


@proposals.register
class ProposalSubmitted(_Proposal):
    name: ClassVar[str] = "submitted"


@proposals.register
class ProposalRegistered(_Proposal):
    name: ClassVar[str] = "registered"

    serial_no: str


@consultation.register
class SuggestionAdopted(DomainEvent):
    context: ClassVar[str] = "consultation"
    aggregate: ClassVar[str] = "consultation"
    name: ClassVar[str] = "suggestion_adopted"

    consultation_id: str
    text: str
    township_id: str | None
    topic: str
    adoption: str
    proposer_ids: tuple[str, ...]


@members.register
class VisitLogged(DomainEvent):
    context: ClassVar[str] = "members"
    aggregate: ClassVar[str] = "member"
    name: ClassVar[str] = "visit_logged"

    member_id: str
    visit_kind: str
    township_id: str
    member_township_id: str | None
    visit_date: str
