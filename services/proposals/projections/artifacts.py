"""The read models of the artifact area, and its policy (for `app.py`)."""

from __future__ import annotations

from services.proposals.application.artifacts_policy import AssignmentSlipOnAssignment
from shared.projection import Projection

from .artifacts_appraisal import Appraisals
from .artifacts_calendar import CalendarDays
from .artifacts_followup import FollowupsAndAwards
from .artifacts_guides import TopicGuidesAndLeads
from .artifacts_records import SupervisionRecords
from .artifacts_slips import Slips


def artifact_projections(dialect: str) -> list[Projection]:
    return [
        CalendarDays(dialect=dialect),
        TopicGuidesAndLeads(dialect=dialect),
        Slips(dialect=dialect),
        Appraisals(dialect=dialect),
        SupervisionRecords(dialect=dialect),
        FollowupsAndAwards(dialect=dialect),
        AssignmentSlipOnAssignment(dialect=dialect),
    ]
