"""Events of 《社情民意》专刊 issues (`bulletin_issue`, DOMAIN §3.5) and of their numbering
register (`bulletin_register`, one per series + year: `{year}年第{n}期`, gapless)."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar, Literal

from shared.events import DomainEvent

from .events import BULLETIN_ISSUE, BULLETIN_REGISTER, CONTEXT, registry

Series = Literal["sqmy", "sqmy_special"]
ItemMode = Literal["single", "compiled"]


class BulletinIssueEvent(DomainEvent):
    """Base of the events of one issue (aggregate `bulletin_issue`)."""

    context: ClassVar[str] = CONTEXT
    aggregate: ClassVar[str] = BULLETIN_ISSUE

    issue_id: str


@registry.register
class BulletinIssueCreated(BulletinIssueEvent):
    """新建一期 (planning), numbered in its series and year."""

    name: ClassVar[str] = "created"

    series: Series
    year: int
    issue_no: int
    label: str  # e.g. 2026年第3期
    title: str | None
    classification: str
    created_at: datetime


@registry.register
class BulletinItemAdded(BulletinIssueEvent):
    """编入一篇已采用的信息 (snapshot of the report's number and title)."""

    name: ClassVar[str] = "item_added"

    report_id: str
    order: int
    edited_title: str | None
    mode: ItemMode
    serial_no: str
    report_title: str


@registry.register
class BulletinItemRemoved(BulletinIssueEvent):
    """撤下一篇."""

    name: ClassVar[str] = "item_removed"

    report_id: str


@registry.register
class BulletinIssueSubmittedForApproval(BulletinIssueEvent):
    """送审 (compiling → in_approval)."""

    name: ClassVar[str] = "submitted_for_approval"

    submitted_at: datetime


@registry.register
class BulletinIssueApproved(BulletinIssueEvent):
    """审批通过 (秘书长/分管副主席)."""

    name: ClassVar[str] = "approved"

    approver_id: str
    approved_at: datetime


@registry.register
class BulletinIssuePublished(BulletinIssueEvent):
    """印发; each report in it gets `opinion_report_published` in the same batch."""

    name: ClassVar[str] = "published"

    recipients: tuple[str, ...]
    report_ids: tuple[str, ...]
    published_at: datetime


@registry.register
class BulletinIssueDistributed(BulletinIssueEvent):
    """分送完毕."""

    name: ClassVar[str] = "distributed"

    note: str | None
    distributed_at: datetime


@registry.register
class BulletinNumberAllocated(DomainEvent):
    """The next issue number of a series + year went to an issue (gapless)."""

    context: ClassVar[str] = CONTEXT
    aggregate: ClassVar[str] = BULLETIN_REGISTER
    name: ClassVar[str] = "number_allocated"

    series: Series
    year: int
    issue_no: int
    issue_id: str


BULLETIN_EVENTS: tuple[type[DomainEvent], ...] = (
    BulletinIssueCreated,
    BulletinItemAdded,
    BulletinItemRemoved,
    BulletinIssueSubmittedForApproval,
    BulletinIssueApproved,
    BulletinIssuePublished,
    BulletinIssueDistributed,
)
