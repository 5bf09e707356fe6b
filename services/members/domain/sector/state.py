"""State of the `sector` aggregate and its `evolve` (pure)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from services.members.domain.events import CONTEXT
from services.members.domain.sector.events import (
    SECTOR,
    SectorEstablished,
    SectorRenamed,
    SectorRetired,
)
from shared.domain import Decider
from shared.events import DomainEvent


@dataclass(frozen=True)
class SectorState:
    established: bool = False
    sector_id: str | None = None
    name: str | None = None
    kind: str | None = None
    sort: int = 0
    retired: bool = False


INITIAL_SECTOR = SectorState()


def evolve_sector(state: SectorState, event: DomainEvent) -> SectorState:
    if isinstance(event, SectorEstablished):
        return replace(
            state,
            established=True,
            sector_id=event.sector_id,
            name=event.sector_name,
            kind=event.kind,
            sort=event.sort,
        )
    if isinstance(event, SectorRenamed):
        return replace(state, name=event.sector_name)
    if isinstance(event, SectorRetired):
        return replace(state, retired=True)
    return state


sector_decider: Decider[SectorState] = Decider(CONTEXT, SECTOR, INITIAL_SECTOR, evolve_sector)
