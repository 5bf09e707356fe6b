"""Events of the proposals context: the `proposal` and `proposal_register` aggregates.

Subjects: `cppcc.proposals.proposal.<proposal_id>.<name>` and
`cppcc.proposals.proposal_register.<term>-<session>-<period>.<name>`.

Events carry what consumers need (event-carried state transfer): every proposal event
names the lead author's liaison group (`township_id`, the CloudEvents `township`
extension) and the authors, so per-township read models and notifications need no joins.
Business time (`*_at`) is part of the event because later rules (deadlines, timers) fold it
into state; who acted travels in `EventMeta`.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.events import DomainEvent, EventRegistry

CONTEXT = "proposals"
PROPOSAL = "proposal"
PROPOSAL_REGISTER = "proposal_register"

# --- code lists (the Chinese labels live in labels.py) ------------------------------------

# §2.1. Collective kinds name the authoring body in `author_body` and a member who signs
# for it as lead author (召集人/负责人); member_group proposals are plenary-time only.
AuthorKind = Literal[
    "individual",
    "joint",
    "party_org",
    "people_org",
    "sector",
    "member_group",
    "special_committee",
    "liaison_group",
]
COLLECTIVE_KINDS: frozenset[str] = frozenset(
    {"party_org", "people_org", "sector", "member_group", "special_committee", "liaison_group"}
)
# 经济建设 / 政治建设 / 文化建设 / 社会建设 / 生态文明建设
Category = Literal["economy", "politics", "culture", "society", "ecology"]
# 大会提案 / 平时提案
Period = Literal["plenary", "interim"]
# §2.4.2 national list + local additions
NotRegisteredReason = Literal[
    "state_secret",
    "prohibited",
    "cpc_internal_personnel",
    "party_internal",
    "in_litigation",
    "academic",
    "personal_matter",
    "promotion",
    "named_accusation",
    "vague_no_suggestion",
    "multiple_issues",
    "out_of_jurisdiction",
]
# §2.4.3
Disposition = Literal[
    "to_public_opinion",
    "to_suggestion",
    "to_member_letter",
    "to_interim_proposal",
    "none",
]


class ProposalBody(BaseModel):
    """有情况、有分析、有建议."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    situation: str = ""
    analysis: str = ""
    suggestions: str = ""

    def length(self) -> int:
        """Characters in the three parts (a Chinese character counts as one)."""
        return len(self.situation) + len(self.analysis) + len(self.suggestions)


class AuthorBody(BaseModel):
    """The authoring body of a collective proposal: party/people's org, sector, member
    group, special committee or liaison group (for a liaison group, `id` is its township)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    name: str


registry = EventRegistry()


class ProposalEvent(DomainEvent):
    """Base of the events of one proposal (aggregate `proposal`)."""

    context: ClassVar[str] = CONTEXT
    aggregate: ClassVar[str] = PROPOSAL

    proposal_id: str
    township_id: str | None


class ProposalRegisterEvent(DomainEvent):
    """Base of the events of one serial-number register (aggregate `proposal_register`)."""

    context: ClassVar[str] = CONTEXT
    aggregate: ClassVar[str] = PROPOSAL_REGISTER


@registry.register
class ProposalSubmitted(ProposalEvent):
    """提交提案: the office has received it (已提交/待审查)."""

    name: ClassVar[str] = "submitted"

    author_kind: AuthorKind
    lead_author_id: str
    co_author_ids: tuple[str, ...]
    title: str
    body: ProposalBody
    category: Category
    term_no: int
    session_no: int
    period: Period
    suggested_units: tuple[str, ...]
    # township_id (inherited) = the lead author's liaison group at submission time
    author_township_ids: dict[str, str]
    submitted_at: datetime
    # display names of the authors from the member roll at submission time (snapshot)
    author_names: dict[str, str] = Field(default_factory=dict)
    # collective proposals: the authoring body (None for individual / joint)
    author_body: AuthorBody | None = None
    # joint proposals from a draft: invitees who had not signed at submission (P4)
    dropped_cosigner_ids: tuple[str, ...] = ()


@registry.register
class ProposalReviewStarted(ProposalEvent):
    """开始审查 (submitted → under_review)."""

    name: ClassVar[str] = "review_started"

    lead_author_id: str
    review_started_at: datetime


@registry.register
class ProposalRegistered(ProposalEvent):
    """立案: numbered, awaiting 交办."""

    name: ClassVar[str] = "registered"

    serial_no: str
    term_no: int
    session_no: int
    period: Period
    category: Category
    title: str
    lead_author_id: str
    co_author_ids: tuple[str, ...]
    registered_at: datetime


@registry.register
class ProposalNotRegistered(ProposalEvent):
    """不予立案 (terminal); `disposition` says where the content was routed."""

    name: ClassVar[str] = "not_registered"

    reason: NotRegisteredReason
    disposition: Disposition
    note: str | None
    term_no: int
    session_no: int
    period: Period
    title: str
    lead_author_id: str
    co_author_ids: tuple[str, ...]
    decided_at: datetime


@registry.register
class ProposalWithdrawn(ProposalEvent):
    """撤案 by the lead author (terminal). A serial number, if any, is not reused."""

    name: ClassVar[str] = "withdrawn"

    reason: str | None
    serial_no: str | None
    title: str
    lead_author_id: str
    co_author_ids: tuple[str, ...]
    withdrawn_at: datetime


@registry.register
class SerialNumberAllocated(ProposalRegisterEvent):
    """The next number of a term+session+period register went to a proposal."""

    name: ClassVar[str] = "serial_allocated"

    term_no: int
    session_no: int
    period: Period
    seq: int
    serial_no: str
    proposal_id: str


__all__ = [
    "COLLECTIVE_KINDS",
    "CONTEXT",
    "PROPOSAL",
    "PROPOSAL_REGISTER",
    "AuthorBody",
    "AuthorKind",
    "Category",
    "Disposition",
    "NotRegisteredReason",
    "Period",
    "ProposalBody",
    "ProposalEvent",
    "ProposalNotRegistered",
    "ProposalRegisterEvent",
    "ProposalRegistered",
    "ProposalReviewStarted",
    "ProposalSubmitted",
    "ProposalWithdrawn",
    "SerialNumberAllocated",
    "registry",
]
