"""Test data builders for the members domain (given events, default commands)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from services.members.domain import (
    ChangeMemberLiaisonGroup,
    EstablishLiaisonGroup,
    LiaisonGroupEstablished,
    LiaisonGroupState,
    LogVisit,
    MemberRegistered,
    MemberState,
    RegisterMember,
    liaison_group_decider,
    member_decider,
)
from services.members.domain.sector import (
    SectorEstablished,
    SectorKind,
    SectorState,
    sector_decider,
)
from shared.events import DomainEvent
from shared.ids import stable_id

AT = datetime(2025, 3, 1, 8, 30, tzinfo=UTC)
TODAY = date(2025, 3, 1)
ACTOR = "staff:clerk-1"

MEMBER_ID = "0190a6c2-7d1e-7c3a-9f1e-2b3c4d5e6f70"
OTHER_MEMBER_ID = "0190a6c2-7d1e-7c3a-9f1e-2b3c4d5e6f71"
THIRD_MEMBER_ID = "0190a6c2-7d1e-7c3a-9f1e-2b3c4d5e6f72"
SECTOR_ID = stable_id("sector", "农业界")
VISIT_ID = "0190a6c3-0000-7000-8000-000000000001"
OTHER_VISIT_ID = "0190a6c3-0000-7000-8000-000000000002"


def group_established(
    township_id: str = "chengguan", township_name: str = "城关镇"
) -> LiaisonGroupEstablished:
    return LiaisonGroupEstablished(
        township_id=township_id,
        group_name=f"{township_name}政协联络组",
        township_name=township_name,
    )


def given_group(township_id: str = "chengguan", township_name: str = "城关镇") -> LiaisonGroupState:
    return liaison_group_decider.fold([group_established(township_id, township_name)])


def sector_established(
    name: str = "农业界", kind: SectorKind = "professional"
) -> SectorEstablished:
    return SectorEstablished(
        sector_id=stable_id("sector", name), sector_name=name, kind=kind, sort=1
    )


def given_sector(name: str = "农业界", *more: DomainEvent) -> SectorState:
    return sector_decider.fold([sector_established(name), *more])


def member_registered(**overrides: Any) -> MemberRegistered:
    data: dict[str, Any] = {
        "member_id": MEMBER_ID,
        "member_name": "张三",
        "sector": "农业界",
        "political_affiliation": "cpc",
        "township_id": "chengguan",
        "term_no": 10,
        "is_standing_member": False,
        "work_unit": "城关镇农技站站长",
    }
    data.update(overrides)
    return MemberRegistered(**data)


def given_member(*more: DomainEvent, **overrides: Any) -> MemberState:
    return member_decider.fold([member_registered(**overrides), *more])


def establish(**overrides: Any) -> EstablishLiaisonGroup:
    data: dict[str, Any] = {
        "township_id": "chengguan",
        "name": "城关镇政协联络组",
        "township_name": "城关镇",
        "actor": ACTOR,
        "at": AT,
    }
    data.update(overrides)
    return EstablishLiaisonGroup(**data)


def register(**overrides: Any) -> RegisterMember:
    data: dict[str, Any] = {
        "member_id": MEMBER_ID,
        "name": "张三",
        "sector": "农业界",
        "political_affiliation": "cpc",
        "township_id": "chengguan",
        "term_no": 10,
        "is_standing_member": False,
        "work_unit": "城关镇农技站站长",
        "actor": ACTOR,
        "at": AT,
    }
    data.update(overrides)
    return RegisterMember(**data)


def constituent_visit(**overrides: Any) -> LogVisit:
    """A valid 委员走访界别群众 command."""
    data: dict[str, Any] = {
        "member_id": MEMBER_ID,
        "visit_id": VISIT_ID,
        "visit_kind": "member_visits_constituents",
        "constituents": [{"category": "种植大户", "count": 3, "name": None}],
        "township_id": "chengguan",
        "place": "城关镇东村",
        "visit_date": date(2025, 2, 20),
        "mode": "door_to_door",
        "role_tags": ["investigator", "constituent_servant"],
        "topics": ["农村三变改革"],
        "issues_raised": [{"text": "灌溉渠年久失修", "resolved_on_site": False}],
        "today": TODAY,
        "actor": f"member:{MEMBER_ID}",
        "at": AT,
    }
    data.update(overrides)
    return LogVisit(**data)


def leader_visit(**overrides: Any) -> LogVisit:
    """A valid 主席会议成员走访基层委员 command."""
    data: dict[str, Any] = {
        "visit_kind": "leader_visits_member",
        "visited_member_ids": [OTHER_MEMBER_ID],
        "constituents": [],
        "mode": "symposium",
        "role_tags": ["policy_explainer"],
    }
    data.update(overrides)
    return constituent_visit(**data)


def change_group(**overrides: Any) -> ChangeMemberLiaisonGroup:
    data: dict[str, Any] = {
        "member_id": MEMBER_ID,
        "to_township_id": "xinzhen",
        "reason": "工作调动至新镇",
        "actor": ACTOR,
        "at": AT,
    }
    data.update(overrides)
    return ChangeMemberLiaisonGroup(**data)
