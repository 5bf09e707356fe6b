"""Tolerant models of other services' events this service reads (never imported from them).

Same `context`/`aggregate`/`name`/`version` as the producer (`services/members`), only the
fields we need, unknown fields ignored.
"""

from __future__ import annotations

from typing import ClassVar

from pydantic import ConfigDict

from shared.events import DomainEvent, EventRegistry

foreign_registry = EventRegistry()


class ForeignMemberEvent(DomainEvent):
    model_config = ConfigDict(frozen=True, extra="ignore")

    context: ClassVar[str] = "members"
    aggregate: ClassVar[str] = "member"

    member_id: str


@foreign_registry.register
class MemberRegistered(ForeignMemberEvent):
    """委员登记 (members.member.registered.v1)."""

    name: ClassVar[str] = "registered"
    version: ClassVar[int] = 1

    member_name: str = ""
    township_id: str | None = None


@foreign_registry.register
class MemberLiaisonGroupChanged(ForeignMemberEvent):
    """委员所属联络组变更 (members.member.liaison_group_changed.v1)."""

    name: ClassVar[str] = "liaison_group_changed"
    version: ClassVar[int] = 1

    to_township_id: str | None = None
    township_id: str | None = None

    @property
    def new_township_id(self) -> str | None:
        return self.to_township_id or self.township_id


__all__ = ["MemberLiaisonGroupChanged", "MemberRegistered", "foreign_registry"]
