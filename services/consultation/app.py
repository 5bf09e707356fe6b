"""The consultation service (协商活动): definition and FastAPI app."""

from __future__ import annotations

from fastapi import FastAPI

from services.consultation.api.routes import router
from services.consultation.projections import build_projections
from services.consultation.projections.registries import write_registry
from shared.service import ServiceDefinition, create_app
from shared.settings import ServiceSettings


def definition() -> ServiceDefinition:
    return ServiceDefinition(
        context="consultation",
        title="县政协协商活动服务",
        registry=write_registry,
        projections=build_projections,
        routers=[router],
    )


def create(settings: ServiceSettings) -> FastAPI:
    return create_app(definition(), settings)
