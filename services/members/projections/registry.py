"""Event registries: `write_registry` = the members service's own events (its stream);
`read_registry` = own events + tolerant models of the events it reads from other streams."""

from __future__ import annotations

from services.members.domain import registry as write_registry
from services.members.domain.activities import registry as activities_registry
from services.members.domain.appraisal import registry as appraisal_registry
from services.members.projections.foreign import foreign_registry
from shared.events import EventRegistry

read_registry = EventRegistry()
read_registry.include(write_registry)
read_registry.include(foreign_registry)
read_registry.include(activities_registry)
read_registry.include(appraisal_registry)

# Duty activities (services/members/domain/activities) keep their own registry. The
# service's stream carries both, so the registry the app appends and loads with is the
# union — a new object: the domain's own `registry` stays as the domain defines it.
service_registry = EventRegistry()
service_registry.include(write_registry)
service_registry.include(activities_registry)
service_registry.include(appraisal_registry)
write_registry = service_registry

__all__ = ["foreign_registry", "read_registry", "write_registry"]
