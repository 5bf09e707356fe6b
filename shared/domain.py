"""Pieces every pure domain module uses: the rejection error and the Decider shape.

Domain code (services/*/domain/) imports only this module and `shared.events`:
no I/O, no clock, no randomness. Time, ids and the acting user come in on the command.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from shared.events import DomainEvent

S = TypeVar("S")


class DomainError(Exception):
    """A command is not allowed. `message` is shown to township staff (Chinese).

    kind = "conflict"  → 409 (not allowed in the current state)
    kind = "invalid"   → 422 (the input itself is wrong)
    kind = "not_found" → 404 (the thing named does not exist)
    kind = "forbidden" → 403 (this principal may not do this)
    """

    def __init__(self, message: str, *, kind: str = "conflict", code: str = "rejected") -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind
        self.code = code


class Rejected(DomainError):
    """409: not allowed in the current state."""

    def __init__(self, message: str, code: str = "rejected") -> None:
        super().__init__(message, kind="conflict", code=code)


class Invalid(DomainError):
    """422: the command's data is wrong."""

    def __init__(self, message: str, code: str = "invalid") -> None:
        super().__init__(message, kind="invalid", code=code)


class NotFound(DomainError):
    """404: the aggregate or referenced thing does not exist."""

    def __init__(self, message: str, code: str = "not_found") -> None:
        super().__init__(message, kind="not_found", code=code)


@dataclass(frozen=True)
class Decider(Generic[S]):
    """An aggregate type: where its events live and how state folds from them."""

    context: str
    aggregate: str
    initial: S
    evolve: Callable[[S, DomainEvent], S]

    def fold(self, events: Sequence[DomainEvent], state: S | None = None) -> S:
        current = self.initial if state is None else state
        for event in events:
            current = self.evolve(current, event)
        return current
