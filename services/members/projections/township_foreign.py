"""Tolerant models of the proposals service's events read by the liaison-group panels
(proposal lifecycle, handling tasks and handling units); 社情民意 in
`township_foreign_reports.py`.

Same `context`/`aggregate`/`name`/`version` as the producer (services/proposals/domain),
only the fields the panels need, defaults wherever a producer might omit one, unknown
fields ignored. They live in their own registry (`proposal_registry`): the service's
`read_registry` keeps its own, older models of a few of the same events.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field

from shared.events import DomainEvent, EventRegistry

proposal_registry = EventRegistry()
TOLERANT = ConfigDict(frozen=True, extra="ignore")
Snapshot = dict[str, str | None]


class ProposalFact(DomainEvent):
    """Base: every proposal event names the proposal (and usually its lead author)."""

    model_config = TOLERANT
    context: ClassVar[str] = "proposals"
    aggregate: ClassVar[str] = "proposal"

    proposal_id: str
    township_id: str | None = None
    title: str | None = None
    lead_author_id: str | None = None
    serial_no: str | None = None


class BodyRef(BaseModel):
    model_config = TOLERANT
    id: str = ""
    name: str = ""


@proposal_registry.register
class Submitted(ProposalFact):
    name: ClassVar[str] = "submitted"
    author_kind: str | None = None
    author_body: BodyRef | None = None
    co_author_ids: tuple[str, ...] = ()
    author_township_ids: Snapshot = Field(default_factory=dict)
    author_names: dict[str, str] = Field(default_factory=dict)
    category: str | None = None
    submitted_at: datetime | None = None
    # Not (yet) emitted by the producer: townships the proposal concerns (DOMAIN §2.2).
    township_ids: tuple[str, ...] = ()


@proposal_registry.register
class ReviewStarted(ProposalFact):
    name: ClassVar[str] = "review_started"


@proposal_registry.register
class Registered(ProposalFact):
    name: ClassVar[str] = "registered"
    registered_at: datetime | None = None


@proposal_registry.register
class NotRegistered(ProposalFact):
    name: ClassVar[str] = "not_registered"
    reason: str | None = None
    disposition: str | None = None


@proposal_registry.register
class Withdrawn(ProposalFact):
    name: ClassVar[str] = "withdrawn"


@proposal_registry.register
class ReturnedForRevision(ProposalFact):
    name: ClassVar[str] = "returned_for_revision"


@proposal_registry.register
class ConvertedToOpinion(ProposalFact):
    name: ClassVar[str] = "converted_to_public_opinion"
    report_id: str | None = None


@proposal_registry.register
class Merged(ProposalFact):
    name: ClassVar[str] = "merged"
    primary_id: str | None = None


@proposal_registry.register
class MergedInto(ProposalFact):
    """On the primary: the secondaries' authors join it as co-authors."""

    name: ClassVar[str] = "proposals_merged"
    added_co_author_ids: tuple[str, ...] = ()
    author_township_ids: Snapshot = Field(default_factory=dict)
    author_names: dict[str, str] = Field(default_factory=dict)
    merged_at: datetime | None = None


@proposal_registry.register
class DesignatedKey(ProposalFact):
    name: ClassVar[str] = "designated_key"


@proposal_registry.register
class Assigned(ProposalFact):
    name: ClassVar[str] = "assigned"


@proposal_registry.register
class HandlingStarted(ProposalFact):
    name: ClassVar[str] = "handling_started"


@proposal_registry.register
class AllRepliesIssued(ProposalFact):
    name: ClassVar[str] = "all_replies_issued"
    issued_at: datetime | None = None


@proposal_registry.register
class Concluded(ProposalFact):
    name: ClassVar[str] = "concluded"


class _Task(ProposalFact):
    task_id: str
    unit_id: str = ""


@proposal_registry.register
class TaskCreated(_Task):
    name: ClassVar[str] = "handling_task_created"
    unit_name: str = ""
    role: str = ""
    assigned_at: datetime | None = None
    due_on: date | None = None
    # Not (yet) emitted: the unit's kind and township (else read from the unit registry).
    unit_kind: str | None = None
    unit_township_id: str | None = None


@proposal_registry.register
class TaskAccepted(_Task):
    name: ClassVar[str] = "handling_task_accepted"


@proposal_registry.register
class TaskReturnRequested(_Task):
    name: ClassVar[str] = "handling_task_return_requested"


@proposal_registry.register
class TaskReturnRejected(_Task):
    name: ClassVar[str] = "handling_task_return_rejected"


@proposal_registry.register
class TaskReassigned(_Task):
    name: ClassVar[str] = "handling_task_reassigned"


@proposal_registry.register
class CoOpinionSubmitted(_Task):
    name: ClassVar[str] = "co_handler_opinion_submitted"


@proposal_registry.register
class ExtensionGranted(_Task):
    name: ClassVar[str] = "extension_granted"
    due_on: date | None = None


@proposal_registry.register
class Replied(_Task):
    name: ClassVar[str] = "replied"
    result_class: str | None = None
    result_class_label: str | None = None
    issued_at: datetime | None = None


@proposal_registry.register
class RehandlingOrdered(_Task):
    name: ClassVar[str] = "rehandling_ordered"
    due_on: date | None = None


@proposal_registry.register
class ReplyEvaluated(_Task):
    name: ClassVar[str] = "reply_evaluated"
    by_lead_author: bool = True
    result_satisfaction: str | None = None


class _Unit(DomainEvent):
    model_config = TOLERANT
    context: ClassVar[str] = "proposals"
    aggregate: ClassVar[str] = "handling_unit"

    unit_id: str
    township_id: str | None = None
    unit_name: str = ""


@proposal_registry.register
class UnitRegistered(_Unit):
    name: ClassVar[str] = "registered"
    kind: str = ""


@proposal_registry.register
class UnitRenamed(_Unit):
    name: ClassVar[str] = "renamed"
