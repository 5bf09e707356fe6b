"""Response bodies of the duty-activity API and their Chinese labels. Every area answers
the same shape (`ActivityOut`); `details` holds the area's own fields."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel

from services.members.domain import VISIT_KIND_LABELS
from services.members.domain.activities.vocabulary import (
    AWARD_LEVEL_LABELS,
    CONTACT_KIND_LABELS,
    ESCALATION_TARGET_LABELS,
    EXCELLENCE_CATEGORY_LABELS,
    LIVELIHOOD_KIND_LABELS,
    TRAINING_KIND_LABELS,
)

AREA_LABELS: dict[str, str] = {
    "visit": "两访三做走访",
    "constituent_link": "联系界别群众",
    "training": "学习培训",
    "livelihood": "民生实事",
    "enterprise_visit": "走访委员和委员企业",
    "liaison_contact": "联谊交流",
    "excellence": "争先创优",
}

KIND_LABELS: dict[str, dict[str, str]] = {
    "visit": {str(k): v for k, v in VISIT_KIND_LABELS.items()},
    "constituent_link": {"constituent": "固定联系的界别群众"},
    "training": TRAINING_KIND_LABELS,
    "livelihood": LIVELIHOOD_KIND_LABELS,
    "enterprise_visit": {"enterprise_visit": "走访委员企业"},
    "liaison_contact": CONTACT_KIND_LABELS,
    "excellence": EXCELLENCE_CATEGORY_LABELS,
}

STATUS_LABELS: dict[str, str] = {
    "logged": "待核实",
    "verified": "已核实",
    "active": "联系中",
    "ended": "已结束",
    "scheduled": "已排期",
    "recorded": "已登记",
    "nominated": "已推荐",
    "awarded": "已表彰",
    "open": "待办理",
    "resolved_on_site": "当场解决",
    **AWARD_LEVEL_LABELS,
}

REASON_LABELS: dict[str, str] = {"in_township": "在本乡镇开展", "by_member": "本组委员参与"}

ROLE_LABELS: dict[str, str] = {
    "visitor": "走访人",
    "visited": "被走访委员",
    "member": "委员",
    "attendee": "参训委员",
    "participant": "参加委员",
    "credited": "署名委员",
}


def label(labels: dict[str, str], code: str | None) -> str | None:
    return None if code is None else labels.get(code, code)


class TownshipOut(BaseModel):
    township_id: str
    reason: str
    reason_label: str | None


class MemberRoleOut(BaseModel):
    member_id: str
    role: str
    role_label: str | None
    township_id: str | None
    full_attendance: bool | None = None


class ItemOut(BaseModel):
    """A numbered part: a visit's issue (item_kind `issue`, numbered from 0; `target` and
    `ref_id` = the draft once escalated) or a nomination's award (`award`, status = level)."""

    item_kind: str
    item_no: int
    text: str | None
    status: str
    status_label: str | None
    target: str | None
    target_label: str | None
    ref_id: str | None


class ActivityOut(BaseModel):
    record_id: str
    area: str
    area_label: str | None
    kind: str
    kind_label: str | None
    title: str | None
    on_date: date | None
    end_date: date | None
    year: int
    township_id: str | None
    owner_id: str | None
    status: str
    status_label: str | None
    recorded_at: datetime
    status_at: datetime | None
    status_by: str | None
    status_note: str | None
    details: dict[str, Any]
    townships: list[TownshipOut]
    members: list[MemberRoleOut]
    items: list[ItemOut]


class LinkSummaryOut(BaseModel):
    """联系界别群众 progress of one member: fixed links against the quota, and this year's
    委员走访界别群众 visits against theirs."""

    member_id: str
    year: int
    links_active: int
    links_quota: int
    links_max: int
    links_quota_met: bool
    constituent_visits: int
    constituent_visits_quota: int
    links: list[ActivityOut]


def item_out(row: Any) -> ItemOut:
    return ItemOut(
        item_kind=row.item_kind,
        item_no=row.item_no,
        text=row.text,
        status=row.status,
        status_label=label(STATUS_LABELS, row.status),
        target=row.target,
        target_label=label(ESCALATION_TARGET_LABELS, row.target),
        ref_id=row.ref_id,
    )


def township_out(row: Any) -> TownshipOut:
    return TownshipOut(
        township_id=row.township_id,
        reason=row.reason,
        reason_label=label(REASON_LABELS, row.reason),
    )


def member_out(row: Any) -> MemberRoleOut:
    return MemberRoleOut(
        member_id=row.member_id,
        role=row.role,
        role_label=label(ROLE_LABELS, row.role),
        township_id=row.township_id,
        full_attendance=row.full_attendance,
    )
