"""Tolerant model of the proposal event that converts a proposal into a report.

The proposal lifecycle emits `proposal.converted_to_public_opinion` (same context,
aggregate, name and version here). This model declares only what the conversion needs and
ignores anything else; it is NOT registered in `registry` (the producer's own class is the
one the write side knows) — the policy registers it only where no producer class exists.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field

from shared.events import DomainEvent

from .events import CONTEXT


class ConvertedBody(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")

    situation: str = ""
    analysis: str = ""
    suggestions: str = ""


class ProposalConvertedToPublicOpinion(DomainEvent):
    """提案转为社情民意信息 (proposals: `proposal.converted_to_public_opinion`)."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    context: ClassVar[str] = CONTEXT
    aggregate: ClassVar[str] = "proposal"
    name: ClassVar[str] = "converted_to_public_opinion"
    version: ClassVar[int] = 1

    proposal_id: str
    report_id: str = ""  # = stable_id(proposal_id, "opinion_report")
    title: str = ""
    body: ConvertedBody = Field(default_factory=ConvertedBody)
    category: str = ""
    lead_author_id: str = ""
    author_ids: tuple[str, ...] = ()
    co_author_ids: tuple[str, ...] = ()
    author_names: dict[str, str] = Field(default_factory=dict)
    author_township_ids: dict[str, str] = Field(default_factory=dict)
    township_id: str | None = None
    term_no: int = 0
    session_no: int = 0
    routed_at: datetime | None = None

    def authors(self) -> tuple[str, ...]:
        """Lead author first, then the others, each once."""
        ordered = (self.lead_author_id, *self.author_ids, *self.co_author_ids)
        return tuple(dict.fromkeys(a for a in ordered if a))
