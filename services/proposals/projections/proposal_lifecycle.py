"""The lifecycle read models beside `proposal_list` (wired into the app in one line)."""

from __future__ import annotations

from shared.projection import Projection

from .handling_tasks import HandlingTasks
from .handling_units import HandlingUnits
from .proposal_replies import ProposalReplies
from .proposal_review import ProposalReviewBoard


def lifecycle_projections(dialect: str) -> list[Projection]:
    return [
        ProposalReviewBoard(dialect=dialect),
        HandlingUnits(dialect=dialect),
        HandlingTasks(dialect=dialect),
        ProposalReplies(dialect=dialect),
    ]
