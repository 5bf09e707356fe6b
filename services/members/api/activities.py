"""HTTP API of the members' duty activities (added to the service's routers in app.py)."""

from __future__ import annotations

from fastapi import APIRouter

from services.members.api.activities_routes_duties import router as duties_router
from services.members.api.activities_routes_records import router as records_router

activity_routers: list[APIRouter] = [duties_router, records_router]

__all__ = ["activity_routers"]
