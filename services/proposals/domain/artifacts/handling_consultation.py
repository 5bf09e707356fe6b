"""`proposal_handling_consultation` (提案办理协商, DOMAIN §2.9): one record of a meeting
about one or more proposals — format, time, participants, minutes, agreements."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from shared.domain import Decider, Invalid, Rejected
from shared.events import DomainEvent

from .base import (
    CONTEXT,
    ArtifactCommand,
    ProposalRef,
    choice,
    no_duplicates,
    registry,
    require_handled,
    text,
    utc,
)
from .labels import CONSULTATION_FORMAT_LABELS

PROPOSAL_HANDLING_CONSULTATION = "proposal_handling_consultation"
MAX_PROPOSALS = 50


class Participant(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    affiliation: str = ""  # 单位或身份，如“县住建局”“提案人”


class ConsultedProposal(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    proposal_id: str
    serial_no: str | None
    title: str
    township_id: str | None


@registry.register
class ProposalHandlingConsultationHeld(DomainEvent):
    context: ClassVar[str] = CONTEXT
    aggregate: ClassVar[str] = PROPOSAL_HANDLING_CONSULTATION
    name: ClassVar[str] = "held"

    consultation_id: str
    township_id: str | None  # set when every proposal is from one township
    proposals: tuple[ConsultedProposal, ...]
    format: str
    held_at: datetime
    participants: tuple[Participant, ...]
    minutes: str
    agreements: tuple[str, ...]


@dataclass(frozen=True)
class HandlingConsultationState:
    recorded: bool = False


def evolve_handling_consultation(
    state: HandlingConsultationState, event: DomainEvent
) -> HandlingConsultationState:
    if isinstance(event, ProposalHandlingConsultationHeld):
        return HandlingConsultationState(recorded=True)
    return state


handling_consultation_decider: Decider[HandlingConsultationState] = Decider(
    CONTEXT,
    PROPOSAL_HANDLING_CONSULTATION,
    HandlingConsultationState(),
    evolve_handling_consultation,
)


class RecordHandlingConsultation(ArtifactCommand):
    consultation_id: str
    proposal_ids: list[str]
    format: str
    held_at: AwareDatetime
    participants: list[Participant]
    minutes: str
    agreements: list[str] = Field(default_factory=list)


def decide_record_handling_consultation(
    cmd: RecordHandlingConsultation,
    state: HandlingConsultationState,
    proposals: Sequence[ProposalRef],
) -> list[DomainEvent]:
    """`proposals`: the references of `cmd.proposal_ids`, in the same order."""
    if state.recorded:
        raise Rejected("该协商记录已登记，请勿重复提交", code="consultation_exists")
    if not cmd.proposal_ids:
        raise Invalid("请至少选择一件协商的提案", code="proposals_required")
    if len(cmd.proposal_ids) > MAX_PROPOSALS:
        raise Invalid(f"一次协商最多关联{MAX_PROPOSALS}件提案", code="too_many_proposals")
    no_duplicates(cmd.proposal_ids, "提案")
    refs = [require_handled(p, "登记办理协商") for p in proposals]
    if cmd.held_at > cmd.at:
        raise Invalid("协商时间不能晚于登记时间，请在协商结束后登记", code="held_in_future")
    townships = {p.township_id for p in refs}
    return [
        ProposalHandlingConsultationHeld(
            consultation_id=cmd.consultation_id,
            township_id=next(iter(townships)) if len(townships) == 1 else None,
            proposals=tuple(
                ConsultedProposal(
                    proposal_id=p.proposal_id,
                    serial_no=p.serial_no,
                    title=p.title,
                    township_id=p.township_id,
                )
                for p in refs
            ),
            format=choice(cmd.format, CONSULTATION_FORMAT_LABELS, "协商形式"),
            held_at=utc(cmd.held_at),
            participants=_participants(cmd.participants),
            minutes=text(cmd.minutes, "协商纪要", 5000),
            agreements=tuple(text(a, "协商达成的共识", 500) for a in cmd.agreements),
        )
    ]


def _participants(raw: list[Participant]) -> tuple[Participant, ...]:
    if not raw:
        raise Invalid("请填写参加协商的人员", code="participants_required")
    return tuple(
        Participant(
            name=text(p.name, "参加人员姓名", 50),
            affiliation=text(p.affiliation, "参加人员单位或身份", 100, required=False),
        )
        for p in raw
    )
