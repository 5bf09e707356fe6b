"""Events of the `sector` aggregate (界别, DOMAIN §1.3): reference data kept as events."""

from __future__ import annotations

from typing import ClassVar, Literal, get_args

from services.members.domain.events import CONTEXT, registry
from shared.events import DomainEvent

SECTOR = "sector"

SectorKind = Literal[
    "party", "non_party", "people_org", "professional", "ethnic_religious", "special_invited"
]
SECTOR_KINDS: tuple[SectorKind, ...] = get_args(SectorKind)

SECTOR_KIND_LABELS: dict[SectorKind, str] = {
    "party": "中共和民主党派",
    "non_party": "无党派人士",
    "people_org": "人民团体",
    "professional": "专业界别",
    "ethnic_religious": "少数民族和宗教界",
    "special_invited": "特别邀请人士",
}


class _SectorEvent(DomainEvent):
    context: ClassVar[str] = CONTEXT
    aggregate: ClassVar[str] = SECTOR
    version: ClassVar[int] = 1

    sector_id: str


@registry.register
class SectorEstablished(_SectorEvent):
    """界别设立. Aggregate id = sector_id."""

    name: ClassVar[str] = "established"

    sector_name: str
    kind: SectorKind
    sort: int = 0
    name_en: str | None = None


@registry.register
class SectorRenamed(_SectorEvent):
    """界别更名 (members keep the sector; read models show the new name)."""

    name: ClassVar[str] = "renamed"

    from_name: str
    sector_name: str


@registry.register
class SectorRetired(_SectorEvent):
    """界别停用: no new members may be assigned to it; existing members keep it."""

    name: ClassVar[str] = "retired"

    sector_name: str


SECTOR_EVENTS: tuple[type[DomainEvent], ...] = (SectorEstablished, SectorRenamed, SectorRetired)
