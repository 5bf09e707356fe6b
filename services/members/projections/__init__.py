"""Read models of the members service."""

from __future__ import annotations

from collections.abc import Sequence

from services.members.projections.activities import activity_projections
from services.members.projections.dashboard import TownshipDashboard
from services.members.projections.directory import Directory
from services.members.projections.meetings import Meetings
from services.members.projections.performance import Performance
from services.members.projections.township_proposals import TownshipProposalFacts
from services.members.projections.township_reports import TownshipReportFacts
from shared.projection import Projection


def projections(dialect: str) -> Sequence[Projection]:
    return [
        Directory(dialect=dialect),
        TownshipDashboard(dialect=dialect),
        Meetings(dialect=dialect),
        *activity_projections(dialect),
        Performance(dialect=dialect),
        TownshipProposalFacts(dialect=dialect),
        TownshipReportFacts(dialect=dialect),
    ]


__all__ = ["Directory", "Meetings", "TownshipDashboard", "projections"]
