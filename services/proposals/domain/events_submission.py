"""Events of drafting, joint-proposal co-signing and 退回修改 (DOMAIN §2.4.1 P1–P5).

`submitted` itself (P4) is `events.ProposalSubmitted`, also when it comes from a draft.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from pydantic import Field

from .events import (
    AuthorBody,
    AuthorKind,
    Category,
    Period,
    ProposalBody,
    ProposalEvent,
    registry,
)


@registry.register
class ProposalDrafted(ProposalEvent):
    """起草 (∅ → draft): visible to its authors only until submitted."""

    name: ClassVar[str] = "drafted"

    author_kind: AuthorKind
    author_body: AuthorBody | None = None
    lead_author_id: str
    title: str
    body: ProposalBody
    category: Category
    term_no: int
    session_no: int
    period: Period
    suggested_units: tuple[str, ...]
    author_township_ids: dict[str, str]
    author_names: dict[str, str] = Field(default_factory=dict)
    drafted_at: datetime
    # where the draft came from (DOMAIN §3.1 source_channel): `visit` = an issue raised on a
    # member's visit (members: visit.issue_escalated), with the visit and the issue's index
    source_channel: str | None = None
    source_visit_id: str | None = None
    source_issue_index: int | None = None


@registry.register
class ProposalDraftUpdated(ProposalEvent):
    """修改草稿 (draft → draft): the whole editable content, as it now reads."""

    name: ClassVar[str] = "draft_updated"

    author_kind: AuthorKind
    author_body: AuthorBody | None = None
    lead_author_id: str
    title: str
    body: ProposalBody
    category: Category
    period: Period
    suggested_units: tuple[str, ...]
    updated_at: datetime


@registry.register
class ProposalCosignInvited(ProposalEvent):
    """邀请联名 (P2): one event per invitee."""

    name: ClassVar[str] = "cosign_invited"

    lead_author_id: str
    title: str
    member_id: str
    member_township_id: str | None
    member_name: str | None = None
    deadline_on: date
    invited_at: datetime


@registry.register
class ProposalCosigned(ProposalEvent):
    """联名签名确认 (P3, e-signature)."""

    name: ClassVar[str] = "cosigned"

    lead_author_id: str
    member_id: str
    signed_at: datetime


@registry.register
class ProposalCosignDeclined(ProposalEvent):
    """受邀委员拒绝联名 (P3)."""

    name: ClassVar[str] = "cosign_declined"

    lead_author_id: str
    member_id: str
    reason: str | None = None
    declined_at: datetime


@registry.register
class ProposalCosignCancelled(ProposalEvent):
    """第一提案人撤回联名邀请 (P3)."""

    name: ClassVar[str] = "cosign_cancelled"

    lead_author_id: str
    member_id: str
    cancelled_at: datetime


@registry.register
class ProposalReturnedForRevision(ProposalEvent):
    """退回修改 (P5, submitted/under_review → draft): the lead author edits and resubmits."""

    name: ClassVar[str] = "returned_for_revision"

    lead_author_id: str
    co_author_ids: tuple[str, ...]
    title: str
    reason: str
    returned_at: datetime


__all__ = [
    "ProposalCosignCancelled",
    "ProposalCosignDeclined",
    "ProposalCosignInvited",
    "ProposalCosigned",
    "ProposalDraftUpdated",
    "ProposalDrafted",
    "ProposalReturnedForRevision",
]
