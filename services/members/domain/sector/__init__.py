"""The `sector` aggregate (界别): reference data for members (DOMAIN §1.3)."""

from services.members.domain.sector.commands import EstablishSector, RenameSector, RetireSector
from services.members.domain.sector.decide import (
    assignable_sector,
    decide_establish_sector,
    decide_rename_sector,
    decide_retire_sector,
)
from services.members.domain.sector.events import (
    SECTOR_EVENTS,
    SECTOR_KIND_LABELS,
    SECTOR_KINDS,
    SectorEstablished,
    SectorKind,
    SectorRenamed,
    SectorRetired,
)
from services.members.domain.sector.state import (
    INITIAL_SECTOR,
    SectorState,
    evolve_sector,
    sector_decider,
)

__all__ = [
    "INITIAL_SECTOR",
    "SECTOR_EVENTS",
    "SECTOR_KINDS",
    "SECTOR_KIND_LABELS",
    "EstablishSector",
    "RenameSector",
    "RetireSector",
    "SectorEstablished",
    "SectorKind",
    "SectorRenamed",
    "SectorRetired",
    "SectorState",
    "assignable_sector",
    "decide_establish_sector",
    "decide_rename_sector",
    "decide_retire_sector",
    "evolve_sector",
    "sector_decider",
]
