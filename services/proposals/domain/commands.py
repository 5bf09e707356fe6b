"""Commands of the proposals context.

Code-list fields (author kind, category, period, reason, disposition) are plain strings
here: the deciders check them and answer with a Chinese message listing the allowed
values, so a wrong value from a form reads the same as any other rejection.
"""

from __future__ import annotations

from datetime import date

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from .events import AuthorBody, ProposalBody


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
    author_body: AuthorBody | None = None  # collective kinds: the authoring body


class DraftProposal(ProposalCommand):
    """起草 (P1). Like `SubmitProposal`, but co-signers are invited afterwards (P2) and
    the suggestions may still be missing."""

    author_kind: str
    author_body: AuthorBody | None = None
    lead_author_id: str
    title: str
    body: ProposalBody
    category: str
    term_no: int
    session_no: int
    period: str
    suggested_units: list[str] = Field(default_factory=list)
    township_id: str | None  # the lead author's liaison group (None: not on the roll)
    author_name: str | None = None


class UpdateDraft(ProposalCommand):
    """修改草稿: the editable content as a whole."""

    author_kind: str
    author_body: AuthorBody | None = None
    title: str
    body: ProposalBody
    category: str
    period: str
    suggested_units: list[str] = Field(default_factory=list)
    by_office: bool = False


class InviteCosigners(ProposalCommand):
    """邀请联名 (P2). The application fills in the invitees' groups and names."""

    member_ids: list[str]
    deadline_on: date | None = None  # None: today + cosign_window_days
    member_township_ids: dict[str, str] = Field(default_factory=dict)
    member_names: dict[str, str] = Field(default_factory=dict)


class SignCosign(ProposalCommand):
    """联名签名确认 by the invitee (`actor` must be `member:<member_id>`)."""

    member_id: str


class DeclineCosign(ProposalCommand):
    member_id: str
    reason: str | None = None


class CancelCosignInvitation(ProposalCommand):
    """第一提案人撤回尚未签名的联名邀请."""

    member_id: str


class SubmitDraft(ProposalCommand):
    """提交 a draft (P4): unsigned invitees are dropped."""

    by_office: bool = False


class ReturnForRevision(ProposalCommand):
    """退回修改 (P5)."""

    reason: str


class RecordReviewOpinion(ProposalCommand):
    """审查意见 of one stage (P7), in the configured order."""

    stage: str
    opinion: str


class MergeProposals(ProposalCommand):
    """并案 (P10): `proposal_id` is the primary, which keeps its number."""

    secondary_ids: list[str]


class DesignateKeyProposal(ProposalCommand):
    """确定重点提案 (P12) with its supervising leaders."""

    supervising_leader_ids: list[str]
    note: str | None = None


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
    # to_public_opinion: id of the report to create, stable_id(proposal_id, "opinion_report")
    opinion_report_id: str | None = None


class WithdrawProposal(ProposalCommand):
    """撤案 (P11) by the lead author, before 交办."""

    reason: str | None = None


__all__ = [
    "CancelCosignInvitation",
    "DeclineCosign",
    "DeclineRegistration",
    "DesignateKeyProposal",
    "DraftProposal",
    "InviteCosigners",
    "MergeProposals",
    "ProposalCommand",
    "RecordReviewOpinion",
    "RegisterProposal",
    "ReturnForRevision",
    "SignCosign",
    "StartReview",
    "SubmitDraft",
    "SubmitProposal",
    "UpdateDraft",
    "WithdrawProposal",
]
