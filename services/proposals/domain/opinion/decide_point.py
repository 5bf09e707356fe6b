"""Deciders of direct report points (社情民意直报点)."""

from __future__ import annotations

from typing import cast

from shared.domain import Decider, Invalid, NotFound, Rejected
from shared.events import DomainEvent

from . import rules
from .commands import ChangePointContact, EstablishPoint, PointCommand, SuspendPoint
from .events import CONTEXT, DIRECT_REPORT_POINT
from .labels import POINT_KIND_LABELS
from .point_events import (
    DirectReportPointContactChanged,
    DirectReportPointEstablished,
    DirectReportPointSuspended,
    PointKind,
)
from .point_state import PointState, evolve_point

point_decider: Decider[PointState] = Decider(
    CONTEXT, DIRECT_REPORT_POINT, PointState(), evolve_point
)
CONTACT_MAX_CHARS = 50


def decide_establish_point(cmd: EstablishPoint, state: PointState) -> list[DomainEvent]:
    """设立直报点 (∅ → active)."""
    if state.exists:
        raise Rejected(
            f"直报点“{state.point_name}”已设立，不能重复设立", code="already_established"
        )
    linked = rules.distinct(cmd.linked_member_ids, "联系委员")
    unknown = [m for m in linked if m not in cmd.known_member_ids]
    if unknown:
        raise Invalid(
            f"联系委员不是已登记的委员：{'、'.join(unknown)}，请核对委员编号",
            code="unknown_member",
        )
    return [
        DirectReportPointEstablished(
            point_id=cmd.point_id,
            township_id=rules.township_slug(cmd.township_id, "所在乡镇"),
            point_name=rules.required_text(cmd.point_name, "直报点名称", rules.NAME_MAX_CHARS),
            kind=cast(PointKind, rules.choice(cmd.kind, POINT_KIND_LABELS, "直报点类型")),
            address=rules.optional_text(cmd.address, "地址", 200),
            contact_person=rules.required_text(cmd.contact_person, "联系人", CONTACT_MAX_CHARS),
            contact_phone=rules.phone(cmd.contact_phone),
            linked_member_ids=linked,
            established_at=rules.utc(cmd.at),
        )
    ]


def decide_change_point_contact(cmd: ChangePointContact, state: PointState) -> list[DomainEvent]:
    """更换联系人 (active points)."""
    _require_active(cmd, state, "更换联系人")
    person = rules.required_text(cmd.contact_person, "联系人", CONTACT_MAX_CHARS)
    phone = rules.phone(cmd.contact_phone)
    if (person, phone) == (state.contact_person, state.contact_phone):
        raise Rejected("联系人和电话与现有登记相同，无需更换", code="contact_unchanged")
    return [
        DirectReportPointContactChanged(
            point_id=state.point_id,
            township_id=state.township_id,
            contact_person=person,
            contact_phone=phone,
            changed_at=rules.utc(cmd.at),
        )
    ]


def decide_suspend_point(cmd: SuspendPoint, state: PointState) -> list[DomainEvent]:
    """暂停直报点 (active → suspended)."""
    _require_active(cmd, state, "暂停")
    return [
        DirectReportPointSuspended(
            point_id=state.point_id,
            township_id=state.township_id,
            reason=rules.required_text(cmd.reason, "暂停理由"),
            suspended_at=rules.utc(cmd.at),
        )
    ]


def _require_active(cmd: PointCommand, state: PointState, action: str) -> None:
    if not state.exists:
        raise NotFound("未找到该社情民意直报点，请核对直报点编号", code="point_not_found")
    if state.point_id != cmd.point_id:
        raise ValueError(f"state of {state.point_id} given for {cmd.point_id}")
    if not state.active:
        raise Rejected(f"直报点“{state.point_name}”已暂停，不能{action}", code="point_suspended")
