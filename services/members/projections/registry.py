"""Event registries: `write_registry` = the members service's own events (its stream);
`read_registry` = own events + tolerant models of the events it reads from other streams."""

from __future__ import annotations

from services.members.domain import registry as write_registry
from services.members.projections.foreign import foreign_registry
from shared.events import EventRegistry

read_registry = EventRegistry()
read_registry.include(write_registry)
read_registry.include(foreign_registry)

__all__ = ["foreign_registry", "read_registry", "write_registry"]
