"""Events of review: stage opinions, routing of a declined proposal, 并案, 重点提案
(DOMAIN §2.4.1 P7, P9, P10, P12; §2.4.3; §2.4.4)."""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from pydantic import Field

from .events import Category, ProposalBody, ProposalEvent, registry


@registry.register
class ProposalReviewOpinionRecorded(ProposalEvent):
    """审查意见 of one configured stage (初审/会审/终审 by default), in order."""

    name: ClassVar[str] = "review_opinion_recorded"

    lead_author_id: str
    stage: str
    stage_label: str
    opinion: str
    recorded_at: datetime


class _Routed(ProposalEvent):
    """Base: a not-registered proposal's content goes elsewhere (§2.4.3)."""

    title: str
    body: ProposalBody
    category: Category
    lead_author_id: str
    co_author_ids: tuple[str, ...]
    author_names: dict[str, str] = Field(default_factory=dict)
    author_township_ids: dict[str, str] = Field(default_factory=dict)
    author_ids: tuple[str, ...]  # lead author first, then co-authors
    term_no: int
    session_no: int
    routed_at: datetime


@registry.register
class ProposalConvertedToPublicOpinion(_Routed):
    """转为社情民意信息: the report with id `report_id` is created from this content
    (`report_id = shared.ids.stable_id(proposal_id, "opinion_report")`)."""

    name: ClassVar[str] = "converted_to_public_opinion"

    report_id: str


@registry.register
class ProposalForwardedAsSuggestion(_Routed):
    """作为意见建议转送有关部门 (to the suggested units)."""

    name: ClassVar[str] = "forwarded_as_suggestion"

    suggested_units: tuple[str, ...]


@registry.register
class ProposalKeptAsMemberLetter(_Routed):
    """作为委员来信留存."""

    name: ClassVar[str] = "kept_as_member_letter"


@registry.register
class ProposalsMerged(ProposalEvent):
    """并案, on the primary: it keeps its number; the secondaries' authors become co-authors."""

    name: ClassVar[str] = "proposals_merged"

    secondary_ids: tuple[str, ...]
    secondary_serial_nos: tuple[str, ...]
    lead_author_id: str
    title: str
    added_co_author_ids: tuple[str, ...]
    co_author_ids: tuple[str, ...]  # the primary's co-authors after the merge
    author_township_ids: dict[str, str] = Field(default_factory=dict)  # of the added authors
    author_names: dict[str, str] = Field(default_factory=dict)
    merged_at: datetime


@registry.register
class ProposalMerged(ProposalEvent):
    """并案, on each secondary (terminal): its content lives on in the primary."""

    name: ClassVar[str] = "merged"

    primary_id: str
    primary_serial_no: str | None
    primary_title: str
    serial_no: str | None  # its own number, if it had one (never reused)
    title: str
    lead_author_id: str
    co_author_ids: tuple[str, ...]
    merged_at: datetime


@registry.register
class ProposalDesignatedKey(ProposalEvent):
    """确定为重点提案, with the leaders who supervise its handling (领衔督办)."""

    name: ClassVar[str] = "designated_key"

    serial_no: str | None
    title: str
    lead_author_id: str
    supervising_leader_ids: tuple[str, ...]
    note: str | None
    designated_at: datetime


__all__ = [
    "ProposalConvertedToPublicOpinion",
    "ProposalDesignatedKey",
    "ProposalForwardedAsSuggestion",
    "ProposalKeptAsMemberLetter",
    "ProposalMerged",
    "ProposalReviewOpinionRecorded",
    "ProposalsMerged",
]
