"""Commands on a member's record (DOMAIN §5.1). Every command names the member.

Closed vocabularies are plain strings so `decide` can answer a wrong value in Chinese.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import Field

from services.members.domain.commands import Command


class MemberCommand(Command):
    member_id: str


class UpdateMemberProfile(MemberCommand):
    """更新委员信息. `profile` holds only the fields to change (None clears a field);
    `pii` maps a personal-data field to its ciphertext, or to None to clear it."""

    profile: dict[str, Any] = Field(default_factory=dict)
    pii: dict[str, str | None] = Field(default_factory=dict)
    pii_key_id: str | None = None
    today: date


class ChangeMemberSector(MemberCommand):
    """变更委员界别."""

    sector_id: str | None = None
    sector: str | None = None
    reason: str | None = None


class ChangePoliticalAffiliation(MemberCommand):
    """变更委员政治面貌."""

    political_affiliation: str
    reason: str | None = None


class AppointMember(MemberCommand):
    """任职: a new term (ending the open one), or a new member type in the open term."""

    term_no: int
    member_type: str
    joined_at: date


class ExitMember(MemberCommand):
    """委员离任 (辞职、劝辞、撤销资格、去世、调离): ends the open term membership."""

    exit_reason: str
    left_at: date
    note: str | None = None
    today: date


class JoinSpecialCommittee(MemberCommand):
    """加入专门委员会."""

    committee: str


class LeaveSpecialCommittee(MemberCommand):
    """退出专门委员会."""

    committee: str


class ForgetPersonalData(MemberCommand):
    """删除委员个人信息 (crypto-shredding: the edge has destroyed the data key)."""

    pii_key_id: str | None = None
