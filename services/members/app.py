"""Composition root of the members service (委员与乡镇政协联络组)."""

from __future__ import annotations

from fastapi import FastAPI

from services.members.api.activities import activity_routers
from services.members.api.performance_routes import performance_routers
from services.members.api.routes import router
from services.members.api.township_routes import router as township_router
from services.members.application.registry_runtime import start_registry
from services.members.projections import projections
from services.members.projections.registry import write_registry
from shared.service import ServiceDefinition, create_app
from shared.settings import ServiceSettings


def definition() -> ServiceDefinition:
    return ServiceDefinition(
        context="members",
        title="县政协委员与乡镇政协联络组服务",
        registry=write_registry,
        projections=projections,
        routers=[township_router, router, *activity_routers, *performance_routers],
        on_start=[start_registry],
    )


def create(settings: ServiceSettings) -> FastAPI:
    return create_app(definition(), settings)
