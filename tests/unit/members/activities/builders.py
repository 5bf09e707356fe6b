"""Test data for the duty-activity domain: references, facts and default commands."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from services.members.domain.activities.common import GroupRef, MemberRef
from services.members.domain.activities.constituent_link import EstablishConstituentLink
from services.members.domain.activities.enterprise_visit import RecordEnterpriseVisit
from services.members.domain.activities.excellence import NominateExcellence
from services.members.domain.activities.liaison_contact import RecordLiaisonContact
from services.members.domain.activities.livelihood import RecordLivelihoodActivity
from services.members.domain.activities.training import (
    RecordTrainingAttendance,
    ScheduleTraining,
)
from services.members.domain.activities.visit import (
    EscalateVisitIssue,
    IssueFact,
    VerifyVisit,
    VisitFacts,
)

AT = datetime(2025, 6, 30, 2, 0, tzinfo=UTC)
TODAY = date(2025, 6, 30)
ACTOR = "township:chengguan"

A = "0190a6c2-7d1e-7c3a-9f1e-2b3c4d5e6f70"
B = "0190a6c2-7d1e-7c3a-9f1e-2b3c4d5e6f71"
C = "0190a6c2-7d1e-7c3a-9f1e-2b3c4d5e6f72"
VISIT_ID = "0190a6c3-0000-7000-8000-000000000001"
ITEM_ID = "0190a6c4-0000-7000-8000-000000000001"
DRAFT_ID = "0190a6c5-0000-5000-8000-000000000001"


def member(member_id: str = A, township_id: str = "chengguan", **kw: Any) -> MemberRef:
    data: dict[str, Any] = {
        "member_id": member_id,
        "registered": True,
        "active": True,
        "township_id": township_id,
        "name": {A: "张三", B: "李四", C: "王五"}.get(member_id, "赵六"),
        "visit_ids": frozenset({VISIT_ID}) if member_id == A else frozenset(),
    }
    data.update(kw)
    return MemberRef(**data)


def group(township_id: str = "chengguan", established: bool = True) -> GroupRef:
    return GroupRef(township_id, established, f"{township_id}政协联络组")


def facts(**kw: Any) -> VisitFacts:
    data: dict[str, Any] = {
        "visit_id": VISIT_ID,
        "member_id": A,
        "member_township_id": "chengguan",
        "visit_township_id": "hekou",
        "visit_kind": "member_visits_constituents",
        "visit_date": date(2025, 6, 1),
        "issues": (
            IssueFact("灌溉水渠年久失修，夏季用水困难。"),
            IssueFact("村口路灯不亮", resolved_on_site=True),
        ),
    }
    data.update(kw)
    return VisitFacts(**data)


def _cmd(cls: Any, defaults: dict[str, Any], kw: dict[str, Any]) -> Any:
    return cls(**{"actor": ACTOR, "at": AT, **defaults, **kw})


def verify(**kw: Any) -> VerifyVisit:
    return _cmd(VerifyVisit, {"visit_id": VISIT_ID}, kw)  # type: ignore[no-any-return]


def escalate(**kw: Any) -> EscalateVisitIssue:
    defaults = {"visit_id": VISIT_ID, "issue_index": 0, "target": "opinion_report"}
    return _cmd(EscalateVisitIssue, {**defaults, "draft_id": DRAFT_ID}, kw)  # type: ignore[no-any-return]


def establish_link(**kw: Any) -> EstablishConstituentLink:
    defaults = {"member_id": A, "link_id": ITEM_ID, "category": "种植大户", "name": "王大户"}
    return _cmd(EstablishConstituentLink, defaults, kw)  # type: ignore[no-any-return]


def schedule(**kw: Any) -> ScheduleTraining:
    defaults = {
        "training_id": ITEM_ID,
        "kind": "member_main_training",
        "title": "2025年度委员主体培训班",
        "start_date": date(2025, 6, 10),
        "end_date": date(2025, 6, 12),
        "location": "县委党校",
        "curriculum": ["新时代人民政协理论", "提案撰写"],
    }
    return _cmd(ScheduleTraining, defaults, kw)  # type: ignore[no-any-return]


def attend(**kw: Any) -> RecordTrainingAttendance:
    defaults = {"training_id": ITEM_ID, "member_id": A, "today": TODAY}
    return _cmd(RecordTrainingAttendance, defaults, kw)  # type: ignore[no-any-return]


def livelihood(**kw: Any) -> RecordLivelihoodActivity:
    defaults = {
        "activity_id": ITEM_ID,
        "kind": "free_clinic",
        "title": "医卫界委员送医下乡",
        "township_ids": ["hekou", "chengguan"],
        "activity_date": date(2025, 6, 20),
        "organiser_kind": "sector",
        "organiser_name": "医卫界",
        "participant_member_ids": [A, B],
        "beneficiaries_count": 127,
        "beneficiaries_description": "河口镇老年人",
        "donation_amount_yuan": "3000.50",
        "donation_in_kind": "药品一批",
        "today": TODAY,
    }
    return _cmd(RecordLivelihoodActivity, defaults, kw)  # type: ignore[no-any-return]


def enterprise_visit(**kw: Any) -> RecordEnterpriseVisit:
    defaults = {
        "enterprise_visit_id": ITEM_ID,
        "visited_member_ids": [A],
        "visitor_member_ids": [B],
        "enterprise_name": "城关镇农业合作社",
        "township_id": "chengguan",
        "visit_date": date(2025, 6, 5),
        "topics": ["减轻企业负担"],
        "notes": "了解企业用工情况",
        "today": TODAY,
    }
    return _cmd(RecordEnterpriseVisit, defaults, kw)  # type: ignore[no-any-return]


def liaison_contact(**kw: Any) -> RecordLiaisonContact:
    defaults = {
        "contact_id": ITEM_ID,
        "contact_kind": "hometown_notable",
        "contact_name": "陈先生",
        "organisation": "深圳某科技公司",
        "member_ids": [A],
        "township_id": "chengguan",
        "contact_date": date(2025, 6, 8),
        "mode": "phone",
        "topics": ["回乡投资"],
        "today": TODAY,
    }
    return _cmd(RecordLiaisonContact, defaults, kw)  # type: ignore[no-any-return]


def nominate(**kw: Any) -> NominateExcellence:
    defaults = {
        "year": 2025,
        "nomination_id": ITEM_ID,
        "category": "excellent_member",
        "nominee_id": A,
        "reason": "履职积极，走访群众 12 次",
        "today": TODAY,
    }
    return _cmd(NominateExcellence, defaults, kw)  # type: ignore[no-any-return]
