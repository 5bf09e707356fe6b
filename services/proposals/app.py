"""Composition root of the proposals service (提案)."""

from __future__ import annotations

from collections.abc import Sequence

from fastapi import FastAPI

from shared.projection import Projection
from shared.service import ServiceDefinition, create_app
from shared.settings import ServiceSettings

from .api.artifacts import router as artifacts_router
from .api.exports_routes import router as exports_router
from .api.opinion import opinion_router
from .api.routes import router
from .api.stats_routes import router as stats_router
from .application.deadline_timer import start_deadline_timer, stop_deadline_timer
from .application.escalation_policy import VisitEscalations
from .domain import CONTEXT
from .projections.artifacts import artifact_projections
from .projections.deadlines import DeadlineWatch
from .projections.member_reference import MemberReference
from .projections.opinion import opinion_projections
from .projections.proposal_lifecycle import lifecycle_projections
from .projections.proposal_list import ProposalList
from .projections.registries import write_registry
from .projections.stats import ProposalStatsTasks


def projections(dialect: str) -> Sequence[Projection]:
    return [
        MemberReference(dialect=dialect),
        ProposalList(dialect=dialect),
        *lifecycle_projections(dialect),
        *artifact_projections(dialect),
        *opinion_projections(dialect),
        DeadlineWatch(dialect=dialect),  # the deadline timer's read model (ADR 0012)
        VisitEscalations(dialect=dialect),  # members: visit.issue_escalated → drafts
        ProposalStatsTasks(dialect=dialect),
    ]


def definition() -> ServiceDefinition:
    return ServiceDefinition(
        context=CONTEXT,
        title="县政协提案服务",
        registry=write_registry,
        projections=projections,
        on_start=[start_deadline_timer],
        on_stop=[stop_deadline_timer],
        routers=[
            artifacts_router,  # first: /proposals/similar before /proposals/{proposal_id}
            router,
            opinion_router,
            stats_router,
            exports_router,
        ],
    )


def create(settings: ServiceSettings) -> FastAPI:
    return create_app(definition(), settings)
