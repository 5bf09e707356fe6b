"""One registry per purpose: writes carry only our own events; reads add foreign ones."""

from __future__ import annotations

from services.proposals.domain import registry as write_registry
from shared.events import EventRegistry

from .foreign import foreign_registry

read_registry = EventRegistry()
read_registry.include(write_registry)
read_registry.include(foreign_registry)

__all__ = ["foreign_registry", "read_registry", "write_registry"]
