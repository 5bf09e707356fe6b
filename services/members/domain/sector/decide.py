"""Decisions of the `sector` aggregate, and the sector check used when assigning a member."""

from __future__ import annotations

from services.members.domain.rules import MAX_SECTOR, check_uuid, optional_text, options, text
from services.members.domain.sector.commands import EstablishSector, RenameSector, RetireSector
from services.members.domain.sector.events import (
    SECTOR_KIND_LABELS,
    SECTOR_KINDS,
    SectorEstablished,
    SectorKind,
    SectorRenamed,
    SectorRetired,
)
from services.members.domain.sector.state import SectorState
from shared.domain import Invalid, NotFound, Rejected
from shared.events import DomainEvent

MAX_SORT = 9999
MAX_NAME_EN = 64


def _kind(value: str) -> SectorKind:
    for kind in SECTOR_KINDS:
        if kind == value:
            return kind
    raise Invalid(
        f"界别类别“{value}”无效：可选 {options(SECTOR_KIND_LABELS.items())}",
        code="invalid_sector_kind",
    )


def _existing(state: SectorState, sector_id: str) -> SectorState:
    if not state.established:
        raise NotFound(f"界别（编号 {sector_id}）不存在，请核对界别编号", code="sector_not_found")
    if state.retired:
        raise Rejected(f"界别“{state.name}”已停用，不能再修改", code="sector_retired")
    return state


def decide_establish_sector(cmd: EstablishSector, state: SectorState) -> list[DomainEvent]:
    if state.established:
        raise Rejected(
            f"界别“{state.name}”（编号 {state.sector_id}）已设立，不能重复设立",
            code="sector_already_established",
        )
    if not 0 <= cmd.sort <= MAX_SORT:
        raise Invalid(f"排序号应在 0–{MAX_SORT} 之间，现为 {cmd.sort}", code="invalid_sort")
    return [
        SectorEstablished(
            sector_id=check_uuid(cmd.sector_id, "界别编号"),
            sector_name=text(cmd.name, "界别名称", MAX_SECTOR),
            kind=_kind(cmd.kind),
            sort=cmd.sort,
            name_en=optional_text(cmd.name_en, "界别英文名称", MAX_NAME_EN),
        )
    ]


def decide_rename_sector(cmd: RenameSector, state: SectorState) -> list[DomainEvent]:
    current = _existing(state, cmd.sector_id)
    name = text(cmd.name, "界别名称", MAX_SECTOR)
    if name == current.name:
        raise Rejected(f"界别名称已是“{name}”，无需更名", code="sector_name_unchanged")
    return [SectorRenamed(sector_id=cmd.sector_id, from_name=current.name or "", sector_name=name)]


def decide_retire_sector(cmd: RetireSector, state: SectorState) -> list[DomainEvent]:
    if state.established and state.retired:
        raise Rejected(f"界别“{state.name}”已停用，无需重复停用", code="sector_retired")
    current = _existing(state, cmd.sector_id)
    return [SectorRetired(sector_id=cmd.sector_id, sector_name=current.name or "")]


def assignable_sector(
    state: SectorState, requested_name: str | None, *, require_established: bool
) -> tuple[str | None, str]:
    """(sector_id, name) a member may be assigned to, or a Chinese rejection.

    Without `require_established` (older deployments) a sector name that was never
    established is accepted as free text and yields no sector id.
    """
    if state.established:
        if state.retired:
            raise Rejected(
                f"界别“{state.name}”已停用，不能再分配给委员；请选择其他界别",
                code="sector_retired",
            )
        if requested_name is not None and requested_name.strip() != state.name:
            raise Invalid(
                f"界别“{requested_name.strip()}”已更名为“{state.name}”，请使用新名称",
                code="sector_renamed",
            )
        return state.sector_id, state.name or ""
    if require_established or requested_name is None:
        shown = (requested_name or "").strip() or state.sector_id or ""
        raise Invalid(
            f"界别“{shown}”尚未设立：请核对界别名称，或请县政协机关先设立该界别",
            code="sector_not_found",
        )
    return None, text(requested_name, "界别", MAX_SECTOR)
