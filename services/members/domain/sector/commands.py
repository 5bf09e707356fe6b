"""Commands of the `sector` aggregate."""

from __future__ import annotations

from services.members.domain.commands import Command


class EstablishSector(Command):
    """设立界别. `sector_id` is made at the edge."""

    sector_id: str
    name: str
    kind: str
    sort: int = 0
    name_en: str | None = None


class RenameSector(Command):
    """界别更名."""

    sector_id: str
    name: str


class RetireSector(Command):
    """停用界别."""

    sector_id: str
