"""State of a direct report point (社情民意直报点)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from shared.events import DomainEvent

from .point_events import (
    DirectReportPointContactChanged,
    DirectReportPointEstablished,
    DirectReportPointSuspended,
    PointKind,
)


class PointStatus(StrEnum):
    ACTIVE = "active"
    SUSPENDED = "suspended"


@dataclass(frozen=True)
class PointState:
    """One point. `status is None`: it does not exist yet."""

    point_id: str = ""
    status: PointStatus | None = None
    point_name: str = ""
    kind: PointKind | None = None
    township_id: str = ""
    contact_person: str = ""
    contact_phone: str = ""
    linked_member_ids: tuple[str, ...] = ()

    @property
    def exists(self) -> bool:
        return self.status is not None

    @property
    def active(self) -> bool:
        return self.status == PointStatus.ACTIVE


def evolve_point(state: PointState, event: DomainEvent) -> PointState:
    """Fold one point event. Unknown events leave the state unchanged."""
    match event:
        case DirectReportPointEstablished():
            return replace(
                state,
                point_id=event.point_id,
                status=PointStatus.ACTIVE,
                point_name=event.point_name,
                kind=event.kind,
                township_id=event.township_id,
                contact_person=event.contact_person,
                contact_phone=event.contact_phone,
                linked_member_ids=event.linked_member_ids,
            )
        case DirectReportPointContactChanged():
            return replace(
                state, contact_person=event.contact_person, contact_phone=event.contact_phone
            )
        case DirectReportPointSuspended():
            return replace(state, status=PointStatus.SUSPENDED)
        case _:
            return state
