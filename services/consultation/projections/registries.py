"""One registry per purpose: writes carry only our own events; reads also know foreign ones."""

from __future__ import annotations

from services.consultation.domain.events import registry as write_registry
from services.consultation.projections.foreign import foreign_registry
from shared.events import EventRegistry

read_registry = EventRegistry()
read_registry.include(write_registry)
read_registry.include(foreign_registry)

__all__ = ["read_registry", "write_registry"]
