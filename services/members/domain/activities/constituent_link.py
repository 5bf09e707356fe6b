"""Aggregate `constituent_link` (id = member_id): the representative sector constituents a
member keeps in touch with (联系界别群众, DOMAIN §5.2; 德清: each member fixes ≥3).

Only a masked contact (e.g. 138****5678) is ever recorded: the full number never enters
the event log.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import ClassVar

from pydantic import BaseModel, ConfigDict

from services.members.domain.activities.common import (
    CONTEXT,
    Command,
    MemberRef,
    optional_text,
    registry,
    require_member,
    text,
)
from services.members.domain.activities.config import ActivitiesConfig
from shared.domain import Decider, Invalid, NotFound, Rejected
from shared.events import DomainEvent

CONSTITUENT_LINK = "constituent_link"
MAX_CATEGORY = 32
MAX_NAME = 50
MAX_NOTE = 200
CONTACT = re.compile(r"^\+?[0-9][0-9 -]{4,22}$")


class Constituent(BaseModel):
    """A linked constituent: category (e.g. 种植大户), optional name, masked contact."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    category: str
    name: str | None = None
    contact_masked: str | None = None


@registry.register
class ConstituentLinkEstablished(DomainEvent):
    """委员固定联系一名界别群众. township_id = the member's liaison group at event time."""

    context: ClassVar[str] = CONTEXT
    aggregate: ClassVar[str] = CONSTITUENT_LINK
    name: ClassVar[str] = "established"
    version: ClassVar[int] = 1

    member_id: str
    link_id: str
    township_id: str | None
    constituent: Constituent
    note: str | None = None


@registry.register
class ConstituentLinkEnded(DomainEvent):
    """委员不再固定联系该界别群众."""

    context: ClassVar[str] = CONTEXT
    aggregate: ClassVar[str] = CONSTITUENT_LINK
    name: ClassVar[str] = "ended"
    version: ClassVar[int] = 1

    member_id: str
    link_id: str
    township_id: str | None
    reason: str | None = None


CONSTITUENT_LINK_EVENTS: tuple[type[DomainEvent], ...] = (
    ConstituentLinkEstablished,
    ConstituentLinkEnded,
)


@dataclass(frozen=True)
class Link:
    link_id: str
    category: str
    name: str | None
    active: bool = True


@dataclass(frozen=True)
class ConstituentLinksState:
    links: tuple[Link, ...] = ()

    def find(self, link_id: str) -> Link | None:
        return next((link for link in self.links if link.link_id == link_id), None)

    @property
    def active(self) -> tuple[Link, ...]:
        return tuple(link for link in self.links if link.active)


INITIAL_CONSTITUENT_LINKS = ConstituentLinksState()


def evolve_constituent_links(
    state: ConstituentLinksState, event: DomainEvent
) -> ConstituentLinksState:
    if isinstance(event, ConstituentLinkEstablished):
        if state.find(event.link_id) is not None:
            return state
        c = event.constituent
        return replace(state, links=(*state.links, Link(event.link_id, c.category, c.name)))
    if isinstance(event, ConstituentLinkEnded):
        links = tuple(
            replace(link, active=False) if link.link_id == event.link_id else link
            for link in state.links
        )
        return replace(state, links=links)
    return state


constituent_link_decider: Decider[ConstituentLinksState] = Decider(
    CONTEXT, CONSTITUENT_LINK, INITIAL_CONSTITUENT_LINKS, evolve_constituent_links
)


class EstablishConstituentLink(Command):
    member_id: str
    link_id: str
    category: str
    name: str | None = None
    contact: str | None = None
    note: str | None = None


class EndConstituentLink(Command):
    member_id: str
    link_id: str
    reason: str | None = None


def mask_contact(value: str | None) -> str | None:
    """138 1234 5678 → 138****5678; other numbers keep only their last 4 digits."""
    if value is None or not value.strip():
        return None
    raw = value.strip()
    if CONTACT.fullmatch(raw) is None:
        raise Invalid(
            f"联系方式“{raw}”格式不正确：请填写手机号或固定电话（只含数字、空格、连字符）",
            code="invalid_contact",
        )
    digits = re.sub(r"\D", "", raw)
    if len(digits) == 13 and digits.startswith("861"):
        digits = digits[2:]  # +86 country code
    if len(digits) == 11 and digits.startswith("1"):
        return f"{digits[:3]}****{digits[-4:]}"
    return "*" * max(len(digits) - 4, 0) + digits[-4:]


def decide_establish_constituent_link(
    cmd: EstablishConstituentLink,
    state: ConstituentLinksState,
    member: MemberRef,
    config: ActivitiesConfig,
) -> list[DomainEvent]:
    require_member(member, "固定联系界别群众")
    if state.find(cmd.link_id) is not None:
        raise Rejected(f"联系记录 {cmd.link_id} 已登记，不能重复登记", code="duplicate_link")
    category = text(cmd.category, "界别群众类别", MAX_CATEGORY)
    name = optional_text(cmd.name, "界别群众姓名或单位", MAX_NAME)
    if name is not None and any(
        link.name == name and link.category == category for link in state.active
    ):
        raise Rejected(
            f"委员 {member.name} 已在固定联系“{category}”{name}，无需重复登记",
            code="constituent_already_linked",
        )
    if len(state.active) >= config.constituent_links_max:
        raise Rejected(
            f"委员 {member.name} 已固定联系 {len(state.active)} 名界别群众，"
            f"已达上限 {config.constituent_links_max} 名；请先结束不再联系的界别群众",
            code="constituent_links_full",
        )
    constituent = Constituent(
        category=category, name=name, contact_masked=mask_contact(cmd.contact)
    )
    return [
        ConstituentLinkEstablished(
            member_id=member.member_id,
            link_id=cmd.link_id,
            township_id=member.township_id,
            constituent=constituent,
            note=optional_text(cmd.note, "备注", MAX_NOTE),
        )
    ]


def decide_end_constituent_link(
    cmd: EndConstituentLink, state: ConstituentLinksState, member: MemberRef
) -> list[DomainEvent]:
    link = state.find(cmd.link_id)
    if link is None:
        raise NotFound(f"委员没有编号为 {cmd.link_id} 的联系记录，请核对", code="link_not_found")
    if not link.active:
        raise Rejected("该界别群众的固定联系已经结束，无需再次结束", code="link_already_ended")
    return [
        ConstituentLinkEnded(
            member_id=cmd.member_id,
            link_id=cmd.link_id,
            township_id=member.township_id,
            reason=optional_text(cmd.reason, "结束原因", MAX_NOTE),
        )
    ]
