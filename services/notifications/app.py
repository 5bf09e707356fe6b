"""The notifications service (通知): reactions to other services' events, the inbox."""

from __future__ import annotations

from fastapi import FastAPI

from services.notifications.api.routes import router
from services.notifications.application.reactions import ReactionConfig, reaction_hooks
from services.notifications.domain.events import registry
from services.notifications.projections.inbox import InboxProjection
from shared.projection import Projection
from shared.service import ServiceDefinition, create_app
from shared.settings import ServiceSettings

CONTEXT = "notifications"


def projections(dialect: str) -> list[Projection]:
    return [InboxProjection(dialect=dialect)]


def definition(reactions: ReactionConfig | None = None) -> ServiceDefinition:
    start, stop = reaction_hooks(reactions)
    return ServiceDefinition(
        context=CONTEXT,
        title="县政协履职系统 — 通知服务",
        registry=registry,
        projections=projections,
        routers=[router],
        on_start=[start],
        on_stop=[stop],
    )


def create(settings: ServiceSettings, reactions: ReactionConfig | None = None) -> FastAPI:
    return create_app(definition(reactions), settings)
