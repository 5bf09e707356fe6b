"""One registry per purpose: writes carry only our own events; reads add foreign ones."""

from __future__ import annotations

from services.proposals.domain import registry as write_registry
from services.proposals.domain.artifacts import registry as artifacts_registry
from services.proposals.domain.opinion import registry as opinion_registry
from shared.events import EventRegistry

from .foreign import foreign_registry
from .foreign_members_activities import activities_registry

# 社情民意 events join the write registry in a copy (the domain registry stays as it is).
_domain_registry = write_registry
write_registry = EventRegistry()
write_registry.include(_domain_registry)
write_registry.include(opinion_registry)
write_registry.include(artifacts_registry)  # reference data & artifacts (ADR 0007)

read_registry = EventRegistry()
read_registry.include(write_registry)
read_registry.include(foreign_registry)
read_registry.include(activities_registry)  # members: visit.issue_escalated (ADR 0012)

__all__ = ["foreign_registry", "read_registry", "write_registry"]
