"""Tolerant models of the members service's duty-activity events this service reacts to.

Same context / aggregate / name / version as the producer
(`services/members/domain/activities/visit.py`); only the fields the proposals service
needs, with defaults where the producer might omit them; anything else is ignored.
Contract: docs/events/members-visit-issue-escalated.md.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from pydantic import ConfigDict

from shared.events import DomainEvent, EventRegistry

activities_registry = EventRegistry()


@activities_registry.register
class VisitIssueEscalated(DomainEvent):
    """走访问题转为社情民意信息或提案草稿 (members: `visit.issue_escalated`)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    context: ClassVar[str] = "members"
    aggregate: ClassVar[str] = "visit"
    name: ClassVar[str] = "issue_escalated"
    version: ClassVar[int] = 1

    visit_id: str
    issue_index: int = 0
    target: str  # opinion_report | proposal
    draft_id: str
    member_id: str
    township_id: str | None = None
    text: str = ""
    title: str = ""
    visit_township_id: str | None = None
    visit_date: date | None = None


__all__ = ["VisitIssueEscalated", "activities_registry"]
