"""Read models of the consultation service."""

from __future__ import annotations

from collections.abc import Sequence

from services.consultation.projections.consultations import ConsultationBoard
from services.consultation.projections.members import MemberDirectory
from shared.projection import Projection


def build_projections(dialect: str) -> Sequence[Projection]:
    return [MemberDirectory(dialect=dialect), ConsultationBoard(dialect=dialect)]


__all__ = ["ConsultationBoard", "MemberDirectory", "build_projections"]
