"""The audit views, read from the event store (not a read model): every event of a
proposal with who and when, and the proposal's state as of a day (events up to its end)."""

from __future__ import annotations

from datetime import date
from typing import Any

from services.proposals.domain import CONTEXT, PROPOSAL, ProposalState, proposal_decider
from services.proposals.domain.calendar import end_of_day
from shared.domain import NotFound
from shared.events import RecordedEvent
from shared.service import ServiceRuntime

from .lifecycle import config_of

NOT_FOUND = "未找到该提案，请核对提案编号后重试"
PRIVATE_FIELDS = {"not_registered": ("reason", "disposition", "note")}


async def events_of(rt: ServiceRuntime, proposal_id: str) -> list[RecordedEvent]:
    recorded, _ = await rt.store.load(CONTEXT, PROPOSAL, proposal_id)
    if not recorded:
        raise NotFound(NOT_FOUND, code="proposal_not_found")
    return recorded


async def state_as_of(rt: ServiceRuntime, proposal_id: str, as_of: date) -> ProposalState:
    """Fold only the events recorded up to the end of `as_of` (county time)."""
    recorded = await events_of(rt, proposal_id)
    limit = end_of_day(as_of, config_of(rt).utc_offset_hours)
    state = proposal_decider.fold([r.event for r in recorded if r.meta.time < limit])
    if not state.exists:
        raise NotFound(f"{as_of} 时该提案尚未起草或提交", code="proposal_not_yet")
    return state


def entry_data(recorded: RecordedEvent, private: bool) -> dict[str, Any]:
    """The event's data; a not-registered reason only for authors and the office."""
    data: dict[str, Any] = recorded.event.model_dump(mode="json")
    if not private:
        for name in PRIVATE_FIELDS.get(recorded.event.name, ()):
            data.pop(name, None)
    return data
