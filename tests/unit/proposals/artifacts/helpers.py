"""Builders for the artifact unit tests: time, a registered proposal, given-state."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any, TypeVar

import pytest

from services.proposals.domain.artifacts import DEFAULT_CONFIG, ProposalRef
from shared.domain import Decider, DomainError
from shared.events import DomainEvent

S = TypeVar("S")

# 2026-03-02 09:00 in the county (UTC+8) is a Monday.
AT = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)
ACTOR = "staff-1"
PID = "p-1"
CONFIG = DEFAULT_CONFIG


def registered(**overrides: Any) -> ProposalRef:
    data: dict[str, Any] = {
        "proposal_id": PID,
        "status": "registered",
        "serial_no": "10-3-D001",
        "title": "关于加快农村生活污水治理的建议",
        "township_id": "chengguan",
        "author_ids": ("m1", "m2"),
        "term_no": 10,
        "session_no": 3,
    }
    data.update(overrides)
    return ProposalRef(**data)


def given(decider: Decider[S], events: Sequence[DomainEvent]) -> S:
    return decider.fold(list(events))


@contextmanager
def rejected(kind: str, message: str) -> Any:
    """Expect a domain error of `kind` (conflict/invalid/not_found) with exactly `message`."""
    with pytest.raises(DomainError) as caught:
        yield caught
    assert caught.value.kind == kind, caught.value.message
    assert caught.value.message == message


def history(*steps: Callable[[Any], list[DomainEvent]], decider: Decider[Any]) -> list[DomainEvent]:
    """Run deciders one after the other on the folded state; all their events."""
    events: list[DomainEvent] = []
    for step in steps:
        events.extend(step(given(decider, events)))
    return events
