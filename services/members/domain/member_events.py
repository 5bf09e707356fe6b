"""Events of a member's record beyond registration (DOMAIN §5.1): profile, sector,
political affiliation, term memberships and exits, special committees, forgetting.

Every event carries `township_id` = the member's liaison group at event time. Personal
data (phone, ID number, address) travels only as ciphertext in `pii`.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from pydantic import Field

from services.members.domain.events import CONTEXT, MEMBER, registry
from services.members.domain.vocab import ExitReason, Gender, MemberType, PiiField
from shared.events import DomainEvent


class _MemberEvent(DomainEvent):
    context: ClassVar[str] = CONTEXT
    aggregate: ClassVar[str] = MEMBER
    version: ClassVar[int] = 1

    member_id: str
    township_id: str | None


@registry.register
class MemberProfileUpdated(_MemberEvent):
    """委员信息更新. Only the fields named in `changed` (and `pii`/`pii_cleared`) change."""

    name: ClassVar[str] = "profile_updated"

    changed: tuple[str, ...] = ()
    member_name: str | None = None
    gender: Gender | None = None
    ethnicity: str | None = None
    birth_date: date | None = None
    work_unit: str | None = None
    position: str | None = None
    is_non_public_economy: bool | None = None
    is_new_social_stratum: bool | None = None
    enterprise_name: str | None = None
    pii: dict[str, str] = Field(default_factory=dict)
    pii_cleared: tuple[PiiField, ...] = ()
    pii_key_id: str | None = None


@registry.register
class MemberSectorChanged(_MemberEvent):
    """委员界别变更 (`sector_id` None = a free-text sector of an older deployment)."""

    name: ClassVar[str] = "sector_changed"

    from_sector_id: str | None
    from_sector: str | None
    sector_id: str | None
    sector: str
    reason: str | None = None


@registry.register
class MemberPoliticalAffiliationChanged(_MemberEvent):
    """委员政治面貌变更."""

    name: ClassVar[str] = "political_affiliation_changed"

    from_affiliation: str | None
    political_affiliation: str
    reason: str | None = None


@registry.register
class MemberAppointed(_MemberEvent):
    """委员任职于某一届 (a new term membership; registration opens the first one)."""

    name: ClassVar[str] = "appointed"

    term_no: int
    member_type: MemberType
    joined_at: date


@registry.register
class MemberTypeChanged(_MemberEvent):
    """本届任职类别变更, e.g. 委员 → 常委 (standing membership)."""

    name: ClassVar[str] = "member_type_changed"

    term_no: int
    from_type: MemberType
    member_type: MemberType
    on: date


@registry.register
class MemberTermEnded(_MemberEvent):
    """届次任职结束. `exit_reason` None = the term ended normally (re-appointed to a later
    term); otherwise the member left (辞职、劝辞、撤销资格、去世、调离) and is no longer active."""

    name: ClassVar[str] = "term_ended"

    term_no: int
    left_at: date
    exit_reason: ExitReason | None = None
    note: str | None = None


@registry.register
class MemberJoinedSpecialCommittee(_MemberEvent):
    """加入专门委员会."""

    name: ClassVar[str] = "joined_special_committee"

    committee: str


@registry.register
class MemberLeftSpecialCommittee(_MemberEvent):
    """退出专门委员会."""

    name: ClassVar[str] = "left_special_committee"

    committee: str


@registry.register
class MemberPersonalDataForgotten(_MemberEvent):
    """个人信息已删除: the member's data key was destroyed; earlier ciphertexts are
    unreadable for good. Everything else about the member stays."""

    name: ClassVar[str] = "personal_data_forgotten"

    pii_key_id: str | None = None


MEMBER_RECORD_EVENTS: tuple[type[DomainEvent], ...] = (
    MemberProfileUpdated,
    MemberSectorChanged,
    MemberPoliticalAffiliationChanged,
    MemberAppointed,
    MemberTypeChanged,
    MemberTermEnded,
    MemberJoinedSpecialCommittee,
    MemberLeftSpecialCommittee,
    MemberPersonalDataForgotten,
)
