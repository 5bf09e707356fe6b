"""Pure domain of the members' duty activities (DOMAIN §5.2 and §5.5): visit verification and
issue escalation, constituent links, training, livelihood activities, enterprise visits,
liaison contacts and the excellence campaign. One module per aggregate; one `registry`
holding every event of this package (the service's stream carries them beside the member
and liaison-group events)."""

from services.members.domain.activities import (
    constituent_link,
    enterprise_visit,
    excellence,
    liaison_contact,
    livelihood,
    training,
    visit,
)
from services.members.domain.activities.common import CONTEXT, GroupRef, MemberRef, registry
from services.members.domain.activities.config import DEFAULT_CONFIG, ActivitiesConfig

ACTIVITY_EVENTS = (
    *visit.VISIT_EVENTS,
    *constituent_link.CONSTITUENT_LINK_EVENTS,
    *training.TRAINING_EVENTS,
    *livelihood.LIVELIHOOD_EVENTS,
    *enterprise_visit.ENTERPRISE_VISIT_EVENTS,
    *liaison_contact.LIAISON_CONTACT_EVENTS,
    *excellence.EXCELLENCE_EVENTS,
)

__all__ = [
    "ACTIVITY_EVENTS",
    "CONTEXT",
    "DEFAULT_CONFIG",
    "ActivitiesConfig",
    "GroupRef",
    "MemberRef",
    "constituent_link",
    "enterprise_visit",
    "excellence",
    "liaison_contact",
    "livelihood",
    "registry",
    "training",
    "visit",
]
