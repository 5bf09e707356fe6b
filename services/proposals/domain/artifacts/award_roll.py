"""`award_roll` (年度表彰, DOMAIN §2.12; one per year, id = the year): 优秀提案 and
先进承办单位, each with a level (configurable, default 县级/市级/省级/全国)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import ClassVar

from shared.domain import Decider, Rejected
from shared.events import DomainEvent

from .base import (
    CONTEXT,
    ArtifactCommand,
    ProposalRef,
    choice,
    registry,
    require_handled,
    text,
    utc,
    year_of,
)
from .config import ArtifactsConfig

AWARD_ROLL = "award_roll"
CITATION_MAX = 500


class AwardEvent(DomainEvent):
    context: ClassVar[str] = CONTEXT
    aggregate: ClassVar[str] = AWARD_ROLL

    year: int
    level: str
    citation: str


@registry.register
class ProposalMarkedExcellent(AwardEvent):
    name: ClassVar[str] = "proposal_marked_excellent"

    proposal_id: str
    serial_no: str | None
    proposal_title: str
    township_id: str | None
    author_ids: tuple[str, ...]
    marked_at: datetime


@registry.register
class HandlingUnitCommended(AwardEvent):
    name: ClassVar[str] = "handling_unit_commended"

    unit_id: str
    unit_name: str
    commended_at: datetime


@dataclass(frozen=True)
class AwardRollState:
    excellent: frozenset[tuple[str, str]] = frozenset()  # (proposal_id, level)
    commended: frozenset[tuple[str, str]] = frozenset()  # (unit_id, level)


def evolve_award_roll(state: AwardRollState, event: DomainEvent) -> AwardRollState:
    match event:
        case ProposalMarkedExcellent():
            return replace(state, excellent=state.excellent | {(event.proposal_id, event.level)})
        case HandlingUnitCommended():
            return replace(state, commended=state.commended | {(event.unit_id, event.level)})
        case _:
            return state


award_roll_decider: Decider[AwardRollState] = Decider(
    CONTEXT, AWARD_ROLL, AwardRollState(), evolve_award_roll
)


class MarkProposalExcellent(ArtifactCommand):
    year: int
    proposal_id: str
    level: str
    citation: str = ""


class CommendHandlingUnit(ArtifactCommand):
    year: int
    unit_id: str
    unit_name: str
    level: str
    citation: str = ""


def decide_mark_proposal_excellent(
    cmd: MarkProposalExcellent,
    state: AwardRollState,
    proposal: ProposalRef,
    config: ArtifactsConfig,
) -> list[DomainEvent]:
    year = year_of(cmd.year)
    level = choice(cmd.level, config.award_levels, "表彰级别")
    require_handled(proposal, "评为优秀提案")
    if (proposal.proposal_id, level) in state.excellent:
        raise Rejected(
            f"该提案已被评为{year}年度{config.award_levels[level]}优秀提案，请勿重复评定",
            code="already_excellent",
        )
    return [
        ProposalMarkedExcellent(
            year=year,
            level=level,
            citation=text(cmd.citation, "表彰说明", CITATION_MAX, required=False),
            proposal_id=proposal.proposal_id,
            serial_no=proposal.serial_no,
            proposal_title=proposal.title,
            township_id=proposal.township_id,
            author_ids=proposal.author_ids,
            marked_at=utc(cmd.at),
        )
    ]


def decide_commend_handling_unit(
    cmd: CommendHandlingUnit, state: AwardRollState, config: ArtifactsConfig
) -> list[DomainEvent]:
    year = year_of(cmd.year)
    level = choice(cmd.level, config.award_levels, "表彰级别")
    unit_id = text(cmd.unit_id, "承办单位编号", 64)
    if (unit_id, level) in state.commended:
        raise Rejected(
            f"该单位已被评为{year}年度{config.award_levels[level]}提案办理先进单位，请勿重复评定",
            code="already_commended",
        )
    return [
        HandlingUnitCommended(
            year=year,
            level=level,
            citation=text(cmd.citation, "表彰说明", CITATION_MAX, required=False),
            unit_id=unit_id,
            unit_name=text(cmd.unit_name, "承办单位名称", 100),
            commended_at=utc(cmd.at),
        )
    ]
