"""The 社情民意 part of the proposals API: reports, 《社情民意》 issues, direct report points
and the township panel, in one router for the composition root."""

from __future__ import annotations

from fastapi import APIRouter

from .opinion_bulletin_routes import router as bulletin_router
from .opinion_point_routes import router as point_router
from .opinion_report_routes import router as report_router
from .opinion_step_routes import router as step_router

opinion_router = APIRouter()
for _part in (report_router, step_router, bulletin_router, point_router):
    opinion_router.include_router(_part)

__all__ = ["opinion_router"]
