"""Pure domain layer of the consultation service (协商活动)."""

from services.consultation.domain.events import registry
from services.consultation.domain.state import consultation_decider

__all__ = ["consultation_decider", "registry"]
