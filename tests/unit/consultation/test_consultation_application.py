"""Pure pieces of the consultation application layer: access rules, today, member checks."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from services.consultation.application.access import (
    may_read,
    require_may_act,
    require_may_read,
    require_reader,
)
from services.consultation.application.handlers import local_today
from services.consultation.application.lookups import (
    MemberRef,
    referenced_members,
    require_registered,
    require_unused,
    with_townships,
)
from services.consultation.domain.decide import require_exists
from services.consultation.domain.events import ConsultationScheduled
from services.consultation.domain.state import consultation_decider
from services.consultation.domain.values import (
    ConsultationStatus,
    ConsultationType,
    Participant,
    ParticipantRole,
    Suggestion,
)
from shared.auth import Principal
from shared.domain import DomainError

ADMIN = Principal("admin", frozenset({"county_admin"}))
DONG = Principal("clerk", frozenset({"township:dongcheng"}))
MEMBER = Principal("m", frozenset({"member:m1"}))
KNOWN = {"m1": MemberRef("m1", "张三", "dongcheng"), "m2": MemberRef("m2", "李四", None)}
SID = "0190a0b0-0000-7000-8000-0000000000a1"


def _error(fn: object, *args: object) -> DomainError:
    with pytest.raises(DomainError) as info:
        fn(*args)  # type: ignore[operator]
    return info.value


def test_require_exists() -> None:
    error = _error(require_exists, consultation_decider.initial)
    assert error.kind == "not_found" and "协商活动不存在" in error.message
    state = consultation_decider.fold(
        [
            ConsultationScheduled(
                consultation_id="c1",
                type=ConsultationType.GRASSROOTS,
                topic="议题",
                township_id="dongcheng",
                organizer="联络组",
                planned_date=date(2025, 5, 1),
            )
        ]
    )
    assert require_exists(state) == ConsultationStatus.PLANNED


def test_who_may_act() -> None:
    require_may_act(ADMIN, None)
    require_may_act(ADMIN, "xicheng")
    require_may_act(DONG, "dongcheng")
    assert "xicheng" in _error(require_may_act, DONG, "xicheng").message
    assert "县级协商活动" in _error(require_may_act, DONG, None).message
    error = _error(require_may_act, MEMBER, "dongcheng")
    assert error.kind == "forbidden" and "权限" in error.message


def test_who_may_read() -> None:
    require_reader(ADMIN)
    require_reader(DONG)
    assert "权限" in _error(require_reader, MEMBER).message
    assert may_read(ADMIN, [None]) and may_read(DONG, [None, "dongcheng"])
    assert not may_read(DONG, ["xicheng", None])
    assert "无权查看" in _error(require_may_read, DONG, ["xicheng"]).message


def test_local_today_is_shanghai_date() -> None:
    assert local_today(datetime(2025, 5, 6, 16, 30, tzinfo=UTC)) == date(2025, 5, 7)
    assert local_today(datetime(2025, 5, 6, 15, 59, tzinfo=UTC)) == date(2025, 5, 6)


def test_member_checks() -> None:
    people = [
        Participant(member_id="m1", role=ParticipantRole.SPEAKER),
        Participant(member_id="m2", role=ParticipantRole.PARTICIPANT),
        Participant(member_id="m3", role=ParticipantRole.WRITTEN, township_id="nanhu"),
    ]
    ideas = [Suggestion(suggestion_id=SID, text="建议", proposer_ids=("m1", "m4"))]
    assert referenced_members(people, ideas) == ["m1", "m2", "m3", "m4"]
    error = _error(require_registered, ["m1", "m3", "m4"], KNOWN)
    assert error.kind == "invalid" and "m3、m4" in error.message and "未登记" in error.message
    require_registered(["m1", "m2"], KNOWN)
    filled = with_townships(people, KNOWN)
    assert [p.township_id for p in filled] == ["dongcheng", None, "nanhu"]


def test_suggestion_ids_in_use() -> None:
    require_unused([])
    error = _error(require_unused, [SID])
    assert error.kind == "invalid" and SID in error.message
