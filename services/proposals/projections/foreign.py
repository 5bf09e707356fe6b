"""Tolerant models of the members service's events this service reads.

Same context / aggregate / name / version as the producer (`services/members`), declaring
only the fields the proposals service needs; anything else in the message is ignored.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import ConfigDict

from shared.events import DomainEvent, EventRegistry

MEMBERS_CONTEXT = "members"
MEMBER = "member"

foreign_registry = EventRegistry()


class _MemberEvent(DomainEvent):
    model_config = ConfigDict(frozen=True, extra="ignore")

    context: ClassVar[str] = MEMBERS_CONTEXT
    aggregate: ClassVar[str] = MEMBER
    version: ClassVar[int] = 1

    member_id: str


@foreign_registry.register
class MemberRegistered(_MemberEvent):
    """委员登记 (members: `member.registered`)."""

    name: ClassVar[str] = "registered"

    member_name: str = ""
    township_id: str
    sector: str = ""
    term_no: int = 0
    work_unit: str | None = None  # for the 交办 warning (提案“回娘家”)


@foreign_registry.register
class MemberLiaisonGroupChanged(_MemberEvent):
    """委员所属联络组变更 (members: `member.liaison_group_changed`)."""

    name: ClassVar[str] = "liaison_group_changed"

    to_township_id: str


@foreign_registry.register
class MemberProfileUpdated(_MemberEvent):
    """委员信息更新 (members: `member.profile_updated`); only `changed` fields changed."""

    name: ClassVar[str] = "profile_updated"

    changed: tuple[str, ...] = ()
    work_unit: str | None = None
