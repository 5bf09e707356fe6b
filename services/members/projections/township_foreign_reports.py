"""Tolerant models of the proposals service's 社情民意 events read by the liaison-group
reports panel: reports (`opinion_report`) and direct report points (`direct_report_point`).

Same `context`/`aggregate`/`name`/`version` as the producer
(services/proposals/domain/opinion), only the fields the panel needs, defaults wherever a
producer might omit one, unknown fields ignored.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from pydantic import ConfigDict, Field

from shared.events import DomainEvent, EventRegistry

report_registry = EventRegistry()
TOLERANT = ConfigDict(frozen=True, extra="ignore")
Snapshot = dict[str, str | None]


class ReportFact(DomainEvent):
    """Base: every report event names the report."""

    model_config = TOLERANT
    context: ClassVar[str] = "proposals"
    aggregate: ClassVar[str] = "opinion_report"

    report_id: str
    township_id: str | None = None


@report_registry.register
class ReportSubmitted(ReportFact):
    name: ClassVar[str] = "submitted"
    serial_no: str | None = None
    year: int | None = None
    reporter_kind: str | None = None
    author_ids: tuple[str, ...] = ()
    author_names: dict[str, str] = Field(default_factory=dict)
    author_township_ids: Snapshot = Field(default_factory=dict)
    direct_report_point_id: str | None = None
    liaison_group_id: str | None = None
    title: str = ""
    township_ids: tuple[str, ...] = ()
    submitted_at: datetime | None = None


@report_registry.register
class ReportFromProposal(ReportFact):
    name: ClassVar[str] = "created_from_proposal"
    origin_proposal_id: str | None = None
    serial_no: str | None = None
    year: int | None = None
    author_ids: tuple[str, ...] = ()
    author_names: dict[str, str] = Field(default_factory=dict)
    author_township_ids: Snapshot = Field(default_factory=dict)
    title: str = ""
    township_ids: tuple[str, ...] = ()
    created_at: datetime | None = None


@report_registry.register
class ReportEditingStarted(ReportFact):
    name: ClassVar[str] = "editing_started"


@report_registry.register
class ReportReturned(ReportFact):
    name: ClassVar[str] = "returned"


@report_registry.register
class ReportResubmitted(ReportFact):
    name: ClassVar[str] = "resubmitted"


@report_registry.register
class ReportAccepted(ReportFact):
    name: ClassVar[str] = "accepted"


@report_registry.register
class ReportArchived(ReportFact):
    name: ClassVar[str] = "archived"


@report_registry.register
class ReportPublished(ReportFact):
    name: ClassVar[str] = "published"


@report_registry.register
class ReportForwarded(ReportFact):
    name: ClassVar[str] = "forwarded"


@report_registry.register
class ReportReportedUpward(ReportFact):
    name: ClassVar[str] = "reported_upward"


@report_registry.register
class ReportClosed(ReportFact):
    name: ClassVar[str] = "closed"


#: Editorial steps and the status they lead to (adoption etc. are additive facts).
REPORT_STATUS_EVENTS: dict[type[ReportFact], str] = {
    ReportEditingStarted: "in_editing",
    ReportReturned: "returned",
    ReportResubmitted: "submitted",
    ReportAccepted: "accepted",
    ReportArchived: "archived",
    ReportPublished: "published",
    ReportForwarded: "forwarded",
    ReportReportedUpward: "reported_upward",
    ReportClosed: "closed",
}


@report_registry.register
class ReportAdopted(ReportFact):
    name: ClassVar[str] = "adopted"
    adoption_no: int = 0
    level: str = ""
    adopting_body: str = ""
    adopted_on: date | None = None


@report_registry.register
class ReportInstructed(ReportFact):
    name: ClassVar[str] = "instructed"
    instruction_no: int = 0
    level: str = ""
    leader: str = ""
    instructed_on: date | None = None


@report_registry.register
class ReportFeedback(ReportFact):
    name: ClassVar[str] = "feedback_received"
    feedback_no: int = 0
    department: str = ""
    received_on: date | None = None


class _Point(DomainEvent):
    model_config = TOLERANT
    context: ClassVar[str] = "proposals"
    aggregate: ClassVar[str] = "direct_report_point"

    point_id: str
    township_id: str = ""


@report_registry.register
class PointEstablished(_Point):
    name: ClassVar[str] = "established"
    point_name: str = ""
    kind: str = ""
    contact_person: str = ""
    established_at: datetime | None = None


@report_registry.register
class PointContactChanged(_Point):
    name: ClassVar[str] = "contact_changed"
    contact_person: str = ""


@report_registry.register
class PointSuspended(_Point):
    name: ClassVar[str] = "suspended"
