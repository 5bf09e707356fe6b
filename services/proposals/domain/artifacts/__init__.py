"""Reference data and artifacts around proposals — pure domain, one module per aggregate:

`work_calendar` (holidays & 调休), `topic_guide` (参考要目), `proposal_lead` (提案线索),
`assignment_slip` (交办单), `supervision_slip` (督办单), `feedback_form` (征询意见表),
`handling_unit_appraisal` (民主评议), `key_proposal_supervision` (重点提案督办),
`proposal_handling_consultation` (办理协商), `followup_review` (回头看), `award_roll` (表彰).

Importing this package registers every event class in `registry` (own events of this
area; the service's write and read registries include it).
"""

from . import (
    appraisal,
    assignment_slip,
    award_roll,
    feedback_form,
    followup_review,
    handling_consultation,
    key_supervision,
    proposal_lead,
    supervision_slip,
    topic_guide,
    work_calendar,
)
from .base import CONTEXT, ArtifactCommand, ProposalRef, registry
from .config import DEFAULT_CONFIG, ArtifactsConfig

__all__ = [
    "CONTEXT",
    "DEFAULT_CONFIG",
    "ArtifactCommand",
    "ArtifactsConfig",
    "ProposalRef",
    "appraisal",
    "assignment_slip",
    "award_roll",
    "feedback_form",
    "followup_review",
    "handling_consultation",
    "key_supervision",
    "proposal_lead",
    "registry",
    "supervision_slip",
    "topic_guide",
    "work_calendar",
]
