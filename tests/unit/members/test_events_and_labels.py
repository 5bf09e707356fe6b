from __future__ import annotations

from datetime import date
from typing import get_args

import pytest
from pydantic import ValidationError

from services.members.domain import (
    DEMOCRATIC_PARTIES,
    EVENT_LABELS,
    LIAISON_GROUP_EVENTS,
    MEMBER_EVENTS,
    MEMBER_RECORD_EVENTS,
    POLITICAL_AFFILIATION_LABELS,
    ROLE_TAG_LABELS,
    ROLE_TAGS,
    SIMPLE_POLITICAL_AFFILIATIONS,
    VISIT_KIND_LABELS,
    VISIT_KINDS,
    VISIT_MODE_LABELS,
    VISIT_MODES,
    LiaisonGroupEstablished,
    MemberLiaisonGroupChanged,
    MemberRegistered,
    SimplePoliticalAffiliation,
    VisitLogged,
    decide_log_visit,
    is_valid_political_affiliation,
    liaison_group_decider,
    member_decider,
    political_affiliation_label,
    registry,
)
from services.members.domain.meeting import MEETING_EVENTS
from services.members.domain.sector import SECTOR_EVENTS
from shared.events import DomainEvent, encode_body, subject_for
from tests.unit.members.builders import (
    MEMBER_ID,
    constituent_visit,
    given_member,
    group_established,
    member_registered,
    register,
)


def test_ce_types_and_subjects() -> None:
    assert LiaisonGroupEstablished.ce_type() == "cn.cppcc.members.liaison_group.established.v1"
    assert MemberRegistered.ce_type() == "cn.cppcc.members.member.registered.v1"
    assert VisitLogged.ce_type() == "cn.cppcc.members.member.visit_logged.v1"
    assert MemberLiaisonGroupChanged.ce_type() == "cn.cppcc.members.member.liaison_group_changed.v1"
    assert subject_for(VisitLogged, MEMBER_ID) == f"cppcc.members.member.{MEMBER_ID}.visit_logged"
    assert (
        subject_for(LiaisonGroupEstablished, "chengguan")
        == "cppcc.members.liaison_group.chengguan.established"
    )


ALL_EVENTS = (
    *LIAISON_GROUP_EVENTS,
    *MEMBER_EVENTS,
    *MEMBER_RECORD_EVENTS,
    *SECTOR_EVENTS,
    *MEETING_EVENTS,
)


def test_registry_holds_every_event_class() -> None:
    assert set(registry.classes.values()) == set(ALL_EVENTS)


def test_deciders_match_event_classes() -> None:
    assert (liaison_group_decider.context, liaison_group_decider.aggregate) == (
        "members",
        "liaison_group",
    )
    assert (member_decider.context, member_decider.aggregate) == ("members", "member")
    assert {cls.aggregate for cls in LIAISON_GROUP_EVENTS} == {"liaison_group"}
    assert {cls.aggregate for cls in MEMBER_EVENTS} == {"member"}


@pytest.mark.parametrize(
    "event",
    [
        group_established(),
        member_registered(),
        decide_log_visit(constituent_visit(), given_member())[0],
        MemberLiaisonGroupChanged(
            member_id=MEMBER_ID,
            from_township_id="chengguan",
            to_township_id="xinzhen",
            township_id="xinzhen",
        ),
    ],
)
def test_events_round_trip_through_the_registry(event: DomainEvent) -> None:
    decoded = registry.decode(event.ce_type(), encode_body(event))
    assert decoded == event


def test_visit_logged_json_uses_iso_date() -> None:
    [event] = decide_log_visit(constituent_visit(), given_member())
    assert b'"visit_date":"2025-02-20"' in encode_body(event)


def test_events_are_frozen() -> None:
    event = member_registered()
    with pytest.raises(ValidationError):
        event.sector = "教育界"  # type: ignore[misc]


def test_visit_event_rejects_unknown_kind_on_decode() -> None:
    [event] = decide_log_visit(constituent_visit(), given_member())
    body = encode_body(event).replace(b"member_visits_constituents", b"bogus")
    with pytest.raises(ValidationError):
        registry.decode(event.ce_type(), body)


def test_command_requires_aware_datetime() -> None:
    from datetime import datetime

    with pytest.raises(ValidationError):
        register(at=datetime(2025, 3, 1, 8, 30))


def test_label_dicts_cover_the_vocabularies() -> None:
    assert tuple(VISIT_KIND_LABELS) == VISIT_KINDS
    assert tuple(VISIT_MODE_LABELS) == VISIT_MODES
    assert tuple(ROLE_TAG_LABELS) == ROLE_TAGS
    assert tuple(POLITICAL_AFFILIATION_LABELS) == SIMPLE_POLITICAL_AFFILIATIONS
    assert SIMPLE_POLITICAL_AFFILIATIONS == get_args(SimplePoliticalAffiliation)
    assert VISIT_KIND_LABELS["leader_visits_member"] == "主席会议成员走访基层委员"
    assert ROLE_TAG_LABELS == {
        "investigator": "基层情况调查员",
        "policy_explainer": "党的政策宣讲员",
        "constituent_servant": "界别群众服务员",
    }
    assert set(EVENT_LABELS) == {f"{cls.aggregate}.{cls.name}" for cls in ALL_EVENTS}


def test_political_affiliation_labels() -> None:
    assert political_affiliation_label("cpc") == "中共党员"
    assert political_affiliation_label("none") == "群众"
    assert political_affiliation_label("democratic_party:民进") == "民进"
    assert political_affiliation_label("other") == "other"
    assert len(DEMOCRATIC_PARTIES) == 8
    assert all(is_valid_political_affiliation(f"democratic_party:{p}") for p in DEMOCRATIC_PARTIES)


def test_visit_logged_defaults() -> None:
    event = VisitLogged(
        member_id=MEMBER_ID,
        visit_id="v",
        visit_kind="leader_visits_member",
        visitor_ids=(MEMBER_ID,),
        township_id="chengguan",
        member_township_id=None,
        visit_date=date(2025, 1, 1),
        mode="phone",
        role_tags=("investigator",),
    )
    assert event.constituents == () and event.topics == () and event.issues_raised == ()
