"""Aggregate `enterprise_visit` (id = enterprise_visit_id): 走访委员和委员企业 — the
committee's leaders and members visit members and their enterprises (seed item 12)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from pydantic import Field

from services.members.domain.activities.common import (
    CONTEXT,
    Command,
    GroupRef,
    MemberRef,
    check_past,
    check_uuid,
    dedupe,
    member_snapshot,
    optional_text,
    registry,
    require_group,
    texts,
)
from shared.domain import Decider, Invalid, Rejected
from shared.events import DomainEvent

ENTERPRISE_VISIT = "enterprise_visit"
MAX_NAME = 100
MAX_NOTES = 1000
MAX_TOPIC = 50
MAX_TOPICS = 20
MAX_MEMBERS = 50


@registry.register
class EnterpriseVisitRecorded(DomainEvent):
    """走访委员（企业）已登记. township_id = where the enterprise is; member_township_ids =
    each visited/visiting member's liaison group at event time."""

    context: ClassVar[str] = CONTEXT
    aggregate: ClassVar[str] = ENTERPRISE_VISIT
    name: ClassVar[str] = "recorded"
    version: ClassVar[int] = 1

    enterprise_visit_id: str
    visited_member_ids: tuple[str, ...]
    visitor_member_ids: tuple[str, ...] = ()
    member_township_ids: dict[str, str | None] = Field(default_factory=dict)
    enterprise_name: str | None = None
    township_id: str
    visit_date: date
    topics: tuple[str, ...] = ()
    notes: str | None = None


ENTERPRISE_VISIT_EVENTS: tuple[type[DomainEvent], ...] = (EnterpriseVisitRecorded,)


@dataclass(frozen=True)
class EnterpriseVisitState:
    recorded: bool = False


INITIAL_ENTERPRISE_VISIT = EnterpriseVisitState()


def evolve_enterprise_visit(
    state: EnterpriseVisitState, event: DomainEvent
) -> EnterpriseVisitState:
    if isinstance(event, EnterpriseVisitRecorded):
        return EnterpriseVisitState(recorded=True)
    return state


enterprise_visit_decider: Decider[EnterpriseVisitState] = Decider(
    CONTEXT, ENTERPRISE_VISIT, INITIAL_ENTERPRISE_VISIT, evolve_enterprise_visit
)


class RecordEnterpriseVisit(Command):
    enterprise_visit_id: str
    visited_member_ids: list[str]
    visitor_member_ids: list[str] = Field(default_factory=list)
    enterprise_name: str | None = None
    township_id: str
    visit_date: date
    topics: list[str] = Field(default_factory=list)
    notes: str | None = None
    today: date


def decide_record_enterprise_visit(
    cmd: RecordEnterpriseVisit,
    state: EnterpriseVisitState,
    group: GroupRef,
    members: Sequence[MemberRef],
) -> list[DomainEvent]:
    if state.recorded:
        raise Rejected(f"走访记录 {cmd.enterprise_visit_id} 已登记，不能重复登记", code="duplicate")
    visited = dedupe(check_uuid(m, "被走访委员编号") for m in cmd.visited_member_ids)
    visitors = dedupe(check_uuid(m, "走访委员编号") for m in cmd.visitor_member_ids)
    if not visited:
        raise Invalid("请至少填写一名被走访的委员（或委员企业负责人）", code="visited_required")
    if len(visited) + len(visitors) > MAX_MEMBERS:
        raise Invalid(f"一次走访最多登记 {MAX_MEMBERS} 名委员，请分次登记", code="too_many")
    if set(visited) & set(visitors):
        raise Invalid("被走访的委员不能同时是走访人，请检查名单", code="visitor_is_visited")
    check_past(cmd.visit_date, cmd.today, "走访日期")
    township_id = require_group(group, "企业所在乡镇").township_id
    snapshot = member_snapshot([*visited, *visitors], members, "登记为走访委员企业的参加人")
    return [
        EnterpriseVisitRecorded(
            enterprise_visit_id=cmd.enterprise_visit_id,
            visited_member_ids=visited,
            visitor_member_ids=visitors,
            member_township_ids=snapshot,
            enterprise_name=optional_text(cmd.enterprise_name, "企业名称", MAX_NAME),
            township_id=township_id,
            visit_date=cmd.visit_date,
            topics=texts(cmd.topics, "走访主题", MAX_TOPIC, MAX_TOPICS),
            notes=optional_text(cmd.notes, "走访情况", MAX_NOTES),
        )
    ]
