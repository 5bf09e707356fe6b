"""Aggregate `liaison_contact` (id = contact_id): outreach to 在外乡贤, 非公有制经济人士 and
新的社会阶层人士 by members (联谊交流, seed item 12). No phone numbers are recorded."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import ClassVar, cast

from pydantic import Field

from services.members.domain.activities.common import (
    CONTEXT,
    Command,
    GroupRef,
    MemberRef,
    check_past,
    choice,
    member_ids,
    member_snapshot,
    optional_text,
    registry,
    require_group,
    text,
    texts,
)
from services.members.domain.activities.vocabulary import (
    CONTACT_KIND_LABELS,
    CONTACT_MODE_LABELS,
    ContactKind,
    ContactMode,
)
from shared.domain import Decider, Invalid, Rejected
from shared.events import DomainEvent

LIAISON_CONTACT = "liaison_contact"
MAX_NAME = 50
MAX_ORGANISATION = 100
MAX_NOTES = 1000
MAX_TOPIC = 50
MAX_TOPICS = 20
MAX_MEMBERS = 50


@registry.register
class LiaisonContactRecorded(DomainEvent):
    """联谊联系已登记. township_id = the township the contact concerns (home township of a
    在外乡贤, or where the enterprise / person is)."""

    context: ClassVar[str] = CONTEXT
    aggregate: ClassVar[str] = LIAISON_CONTACT
    name: ClassVar[str] = "recorded"
    version: ClassVar[int] = 1

    contact_id: str
    contact_kind: ContactKind
    contact_name: str
    organisation: str | None = None
    member_ids: tuple[str, ...]
    member_township_ids: dict[str, str | None] = Field(default_factory=dict)
    township_id: str
    contact_date: date
    mode: ContactMode
    topics: tuple[str, ...] = ()
    notes: str | None = None


LIAISON_CONTACT_EVENTS: tuple[type[DomainEvent], ...] = (LiaisonContactRecorded,)


@dataclass(frozen=True)
class LiaisonContactState:
    recorded: bool = False


INITIAL_LIAISON_CONTACT = LiaisonContactState()


def evolve_liaison_contact(state: LiaisonContactState, event: DomainEvent) -> LiaisonContactState:
    if isinstance(event, LiaisonContactRecorded):
        return LiaisonContactState(recorded=True)
    return state


liaison_contact_decider: Decider[LiaisonContactState] = Decider(
    CONTEXT, LIAISON_CONTACT, INITIAL_LIAISON_CONTACT, evolve_liaison_contact
)


class RecordLiaisonContact(Command):
    contact_id: str
    contact_kind: str
    contact_name: str
    organisation: str | None = None
    member_ids: list[str]
    township_id: str
    contact_date: date
    mode: str
    topics: list[str] = Field(default_factory=list)
    notes: str | None = None
    today: date


def decide_record_liaison_contact(
    cmd: RecordLiaisonContact,
    state: LiaisonContactState,
    group: GroupRef,
    members: Sequence[MemberRef],
) -> list[DomainEvent]:
    if state.recorded:
        raise Rejected(f"联谊记录 {cmd.contact_id} 已登记，不能重复登记", code="duplicate")
    kind = cast(ContactKind, choice(cmd.contact_kind, CONTACT_KIND_LABELS, "联系对象类别"))
    mode = cast(ContactMode, choice(cmd.mode, CONTACT_MODE_LABELS, "联系方式"))
    ids = member_ids(cmd.member_ids, "参加联系的委员编号", MAX_MEMBERS)
    if not ids:
        raise Invalid("请至少填写一名参加联系的委员", code="members_required")
    check_past(cmd.contact_date, cmd.today, "联系日期")
    township_id = require_group(group, "联系对象所在乡镇").township_id
    return [
        LiaisonContactRecorded(
            contact_id=cmd.contact_id,
            contact_kind=kind,
            contact_name=text(cmd.contact_name, "联系对象姓名", MAX_NAME),
            organisation=optional_text(cmd.organisation, "单位或企业", MAX_ORGANISATION),
            member_ids=ids,
            member_township_ids=member_snapshot(ids, members, "登记为联谊联系人"),
            township_id=township_id,
            contact_date=cmd.contact_date,
            mode=mode,
            topics=texts(cmd.topics, "交流主题", MAX_TOPIC, MAX_TOPICS),
            notes=optional_text(cmd.notes, "联系情况", MAX_NOTES),
        )
    ]
