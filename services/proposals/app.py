"""Composition root of the proposals service (提案)."""

from __future__ import annotations

from collections.abc import Sequence

from fastapi import FastAPI

from shared.projection import Projection
from shared.service import ServiceDefinition, create_app
from shared.settings import ServiceSettings

from .api.routes import router
from .domain import CONTEXT
from .projections.member_reference import MemberReference
from .projections.proposal_list import ProposalList
from .projections.registries import write_registry


def projections(dialect: str) -> Sequence[Projection]:
    return [MemberReference(dialect=dialect), ProposalList(dialect=dialect)]


def definition() -> ServiceDefinition:
    return ServiceDefinition(
        context=CONTEXT,
        title="县政协提案服务",
        registry=write_registry,
        projections=projections,
        routers=[router],
    )


def create(settings: ServiceSettings) -> FastAPI:
    return create_app(definition(), settings)
