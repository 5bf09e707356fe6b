"""Events of 社情民意直报点 (`direct_report_point`, DOMAIN §3.6): a registered place or
organisation in a township whose designated contact may submit reports directly."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar, Literal

from shared.events import DomainEvent

from .events import CONTEXT, DIRECT_REPORT_POINT, registry

PointKind = Literal["village", "community", "enterprise", "school", "hospital", "market", "other"]


class DirectReportPointEvent(DomainEvent):
    """Base of the events of one point (aggregate `direct_report_point`)."""

    context: ClassVar[str] = CONTEXT
    aggregate: ClassVar[str] = DIRECT_REPORT_POINT

    point_id: str
    township_id: str


@registry.register
class DirectReportPointEstablished(DirectReportPointEvent):
    """设立直报点."""

    name: ClassVar[str] = "established"

    point_name: str
    kind: PointKind
    address: str | None
    contact_person: str
    contact_phone: str
    linked_member_ids: tuple[str, ...]
    established_at: datetime


@registry.register
class DirectReportPointContactChanged(DirectReportPointEvent):
    """更换联系人."""

    name: ClassVar[str] = "contact_changed"

    contact_person: str
    contact_phone: str
    changed_at: datetime


@registry.register
class DirectReportPointSuspended(DirectReportPointEvent):
    """暂停直报点 (its contact can no longer submit)."""

    name: ClassVar[str] = "suspended"

    reason: str
    suspended_at: datetime


POINT_EVENTS: tuple[type[DomainEvent], ...] = (
    DirectReportPointEstablished,
    DirectReportPointContactChanged,
    DirectReportPointSuspended,
)
