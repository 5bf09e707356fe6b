"""All artifact routes of the proposals service in one router (for `app.py`).

It must be included BEFORE the proposal routes: `/proposals/similar` would otherwise be
taken for `/proposals/{proposal_id}`.
"""

from __future__ import annotations

from fastapi import APIRouter

from . import (
    artifacts_appraisal,
    artifacts_calendar,
    artifacts_followup,
    artifacts_guides,
    artifacts_records,
    artifacts_slips,
)

router = APIRouter()
for part in (
    artifacts_calendar,
    artifacts_guides,
    artifacts_slips,
    artifacts_appraisal,
    artifacts_records,
    artifacts_followup,
):
    router.include_router(part.router)
