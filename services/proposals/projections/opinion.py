"""The 社情民意 read models and policy, for `projections(dialect)` of the composition root."""

from __future__ import annotations

from services.proposals.application.opinion_policy import OpinionFromProposal
from shared.projection import Projection

from .opinion_bulletins import BulletinIssues
from .opinion_points import DirectReportPoints
from .opinion_reports import OpinionReportList
from .opinion_stats import MemberReportStats


def opinion_projections(dialect: str) -> list[Projection]:
    return [
        OpinionReportList(dialect=dialect),
        BulletinIssues(dialect=dialect),
        DirectReportPoints(dialect=dialect),
        MemberReportStats(dialect=dialect),
        OpinionFromProposal(dialect=dialect),
    ]
