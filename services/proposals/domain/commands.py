"""Commands of the proposals context.

Code-list fields (author kind, category, period, reason, disposition) are plain strings
here: the deciders check them and answer with a Chinese message listing the allowed
values, so a wrong value from a form reads the same as any other rejection.
"""

from __future__ import annotations

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from .events import ProposalBody


class ProposalCommand(BaseModel):
    """Base: every command names its proposal, the acting principal and the time."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    proposal_id: str
    actor: str  # principal id, e.g. "member:<id>" or "staff:<id>"
    at: AwareDatetime


class SubmitProposal(ProposalCommand):
    """提交提案 (P4). The application layer looks the authors up in its member projection.

    `township_id` is the lead author's liaison group, `None` when the lead author is not a
    registered member; `author_township_ids` maps each known author (lead and co-authors)
    to their liaison group; `author_names` maps them to their names (a snapshot carried on
    the event for read models and notifications).
    """

    author_kind: str  # AuthorKind
    lead_author_id: str
    co_author_ids: list[str] = Field(default_factory=list)
    title: str
    body: ProposalBody
    category: str  # Category
    term_no: int
    session_no: int
    period: str  # Period
    suggested_units: list[str] = Field(default_factory=list)
    township_id: str | None
    author_township_ids: dict[str, str] = Field(default_factory=dict)
    author_names: dict[str, str] = Field(default_factory=dict)  # member_id → name, if known


class StartReview(ProposalCommand):
    """开始审查 (P6)."""


class RegisterProposal(ProposalCommand):
    """立案 (P8): takes the next serial number from the term+session+period register.

    `category` lets the committee correct the category at registration (None = keep).
    """

    category: str | None = None


class DeclineRegistration(ProposalCommand):
    """不予立案 (P9) with a §2.4.2 reason and a §2.4.3 disposition."""

    reason: str  # NotRegisteredReason
    disposition: str  # Disposition
    note: str | None = None


class WithdrawProposal(ProposalCommand):
    """撤案 (P11) by the lead author, before 交办."""

    reason: str | None = None


__all__ = [
    "DeclineRegistration",
    "ProposalCommand",
    "RegisterProposal",
    "StartReview",
    "SubmitProposal",
    "WithdrawProposal",
]
