"""Find this service's projection instances on the runtime (reads go to read models)."""

from __future__ import annotations

from typing import TypeVar

from shared.projection import Projection
from shared.service import ServiceRuntime

P = TypeVar("P", bound=Projection)


def projection(rt: ServiceRuntime, kind: type[P]) -> P:
    for candidate in rt.runner.projections:
        if isinstance(candidate, kind):
            return candidate
    raise LookupError(f"projection {kind.__name__} is not running")
