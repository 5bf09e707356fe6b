"""Value types of the consultation context: codes (§4.2–4.4) and nested value objects."""

from __future__ import annotations

import re
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

TOWNSHIP_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{1,31}$")
TOPIC_MAX_LENGTH = 100


class ConsultationType(StrEnum):
    """`consultation_type` codes (DOMAIN §4.2)."""

    PLENARY = "plenary"
    STANDING_COMMITTEE_THEMATIC = "standing_committee_thematic"
    THEMATIC = "thematic"
    COUNTERPART = "counterpart"
    SECTOR = "sector"
    PROPOSAL_HANDLING = "proposal_handling"
    SYMPOSIUM = "symposium"
    GRASSROOTS = "grassroots"
    ONLINE = "online"


class ConsultationStatus(StrEnum):
    """Lifecycle of a consultation activity (DOMAIN §4.3).

    This slice implements planned → held plus the side exits postponed / cancelled;
    the other states are declared so read models and labels already know them.
    """

    PLANNED = "planned"
    PREPARING = "preparing"
    NOTIFIED = "notified"
    MATERIALS_DISTRIBUTED = "materials_distributed"
    HELD = "held"
    MINUTES_ISSUED = "minutes_issued"
    OUTCOME_SUBMITTED = "outcome_submitted"
    OUTCOME_INSTRUCTED = "outcome_instructed"
    OUTCOME_ASSIGNED = "outcome_assigned"
    FEEDBACK_RECEIVED = "feedback_received"
    FOLLOWED_UP = "followed_up"
    CLOSED = "closed"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"


#: States in which the activity has not taken place yet and may still be held,
#: postponed or cancelled.
NOT_YET_HELD: frozenset[ConsultationStatus] = frozenset(
    {
        ConsultationStatus.PLANNED,
        ConsultationStatus.PREPARING,
        ConsultationStatus.NOTIFIED,
        ConsultationStatus.MATERIALS_DISTRIBUTED,
        ConsultationStatus.POSTPONED,
    }
)

#: States reached only after the activity was held (suggestions may be adopted).
HELD_OR_LATER: frozenset[ConsultationStatus] = frozenset(
    {
        ConsultationStatus.HELD,
        ConsultationStatus.MINUTES_ISSUED,
        ConsultationStatus.OUTCOME_SUBMITTED,
        ConsultationStatus.OUTCOME_INSTRUCTED,
        ConsultationStatus.OUTCOME_ASSIGNED,
        ConsultationStatus.FEEDBACK_RECEIVED,
        ConsultationStatus.FOLLOWED_UP,
        ConsultationStatus.CLOSED,
    }
)


class ParticipantRole(StrEnum):
    """How a member took part: spoke, attended, or sent a written speech."""

    SPEAKER = "speaker"
    PARTICIPANT = "participant"
    WRITTEN = "written"


class Adoption(StrEnum):
    """Adoption level a department/body gave a suggestion (DOMAIN §4.4 `suggestion_status`)."""

    ADOPTED = "adopted"
    PARTIALLY_ADOPTED = "partially_adopted"
    PLANNED = "planned"


class Participant(BaseModel):
    """A member who took part in the consultation."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    member_id: str
    role: ParticipantRole
    township_id: str | None = None


class Suggestion(BaseModel):
    """A suggestion raised at the consultation (建议)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    suggestion_id: str
    text: str
    proposer_ids: tuple[str, ...] = ()
    target_department: str | None = None


class SuggestionAdoption(BaseModel):
    """How a suggestion was taken up."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    suggestion_id: str
    adopted_by: str
    adoption: Adoption
    note: str | None = None


def is_valid_township_id(value: str) -> bool:
    return bool(TOWNSHIP_ID_PATTERN.fullmatch(value))
