"""Property tests for a member's record and for meetings: random command sequences
(valid or rejected) replay to the same state, survive the registry round trip, and keep
the invariants."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from services.members.domain import (
    ChangePoliticalAffiliation,
    ForgetPersonalData,
    JoinSpecialCommittee,
    LeaveSpecialCommittee,
    MemberState,
    decide_appoint_member,
    decide_change_political_affiliation,
    decide_exit_member,
    decide_forget_personal_data,
    decide_join_special_committee,
    decide_leave_special_committee,
    decide_update_member_profile,
    member_decider,
    registry,
)
from services.members.domain.meeting import (
    MeetingState,
    decide_close_meeting,
    decide_decide_leave,
    decide_invite_members,
    decide_record_attendance,
    decide_request_leave,
    decide_schedule_meeting,
    meeting_decider,
)
from services.members.domain.vocab import STANDING_TYPES
from shared.domain import DomainError
from shared.events import DomainEvent, encode_body
from tests.unit.members.builders import (
    ACTOR,
    AT,
    MEMBER_ID,
    OTHER_MEMBER_ID,
    THIRD_MEMBER_ID,
    given_group,
    member_registered,
)
from tests.unit.members.record_builders import (
    BLOB,
    KEY_ID,
    appoint,
    attendance,
    close,
    decide,
    exit_,
    invite,
    leave,
    profile,
    schedule,
)

PEOPLE = [MEMBER_ID, OTHER_MEMBER_ID, THIRD_MEMBER_ID]
STATUSES = ["present", "late", "left_early", "leave_approved", "absent_unexcused", "bogus"]
Step = Callable[[st.DataObject, Any], list[DomainEvent]]


def _member_step(data: st.DataObject, state: MemberState) -> list[DomainEvent]:
    action = data.draw(st.integers(0, 6))
    if action == 0:
        pii = data.draw(st.sampled_from([{}, {"phone": BLOB}, {"phone": None}]))
        fields = data.draw(st.sampled_from([{}, {"ethnicity": "汉族"}, {"position": "站长"}]))
        return decide_update_member_profile(
            profile(profile=fields, pii=pii, pii_key_id=KEY_ID), state
        )
    if action == 1:
        term = data.draw(st.integers(9, 13))
        kind = data.draw(st.sampled_from(["member", "standing_member", "vice_chair"]))
        return decide_appoint_member(appoint(term_no=term, member_type=kind), state)
    if action == 2:
        reason = data.draw(st.sampled_from(["resigned", "deceased", "revoked", "transferred"]))
        days = data.draw(st.integers(0, 30))
        return decide_exit_member(
            exit_(exit_reason=reason, left_at=date(2025, 2, 1) + timedelta(days)), state
        )
    if action == 3:
        committee = data.draw(st.sampled_from(["经济委", "文史委"]))
        join = JoinSpecialCommittee(member_id=MEMBER_ID, committee=committee, actor=ACTOR, at=AT)
        return decide_join_special_committee(join, state)
    if action == 4:
        committee = data.draw(st.sampled_from(["经济委", "文史委"]))
        out = LeaveSpecialCommittee(member_id=MEMBER_ID, committee=committee, actor=ACTOR, at=AT)
        return decide_leave_special_committee(out, state)
    if action == 5:
        value = data.draw(st.sampled_from(["cpc", "non_party", "democratic_party:民进"]))
        cmd = ChangePoliticalAffiliation(
            member_id=MEMBER_ID, political_affiliation=value, actor=ACTOR, at=AT
        )
        return decide_change_political_affiliation(cmd, state)
    forget = ForgetPersonalData(
        member_id=MEMBER_ID, pii_key_id=state.pii_key_id, actor=ACTOR, at=AT
    )
    return decide_forget_personal_data(forget, state)


def _meeting_step(data: st.DataObject, state: MeetingState) -> list[DomainEvent]:
    action = data.draw(st.integers(0, 4))
    who = data.draw(st.sampled_from(PEOPLE))
    if action == 0:
        return decide_invite_members(invite(who), state)
    if action == 1:
        return decide_request_leave(leave(who), state)
    if action == 2:
        return decide_decide_leave(decide(who, approve=data.draw(st.booleans())), state)
    if action == 3:
        return decide_record_attendance(
            attendance((who, data.draw(st.sampled_from(STATUSES)))), state
        )
    return decide_close_meeting(close(), state)


def _round_trip(events: list[DomainEvent]) -> list[DomainEvent]:
    decoded = [registry.decode(e.ce_type(), encode_body(e)) for e in events]
    return [d for d in decoded if d is not None]


def _run(
    data: st.DataObject, start: list[DomainEvent], decider: Any, step: Step
) -> tuple[Any, list[DomainEvent]]:
    events = list(start)
    state = decider.fold(events)
    for _ in range(data.draw(st.integers(1, 30), label="steps")):
        try:
            new = step(data, state)
        except DomainError:
            continue
        events.extend(new)
        state = decider.fold(new, state)
    assert decider.fold(events) == decider.fold(events) == state
    assert decider.fold(_round_trip(events)) == state
    return state, events


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_member_record_replays_deterministically(data: st.DataObject) -> None:
    state, _ = _run(data, [member_registered()], member_decider, _member_step)
    assert state.is_standing_member == (state.member_type in STANDING_TYPES)
    numbers = [t.term_no for t in state.terms]
    assert numbers == sorted(set(numbers))
    assert all(t.ended for t in state.terms[:-1])
    assert state.active == (state.exit_reason is None)
    assert state.active == (state.open_term is not None)
    if state.pii_forgotten:
        assert state.pii_fields == frozenset()


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_meetings_replay_deterministically(data: st.DataObject) -> None:
    scheduled = decide_schedule_meeting(schedule(), meeting_decider.initial, given_group())
    state, _ = _run(data, scheduled, meeting_decider, _meeting_step)
    assert set(state.attendance) <= set(state.invitees)
    for member_id, status in state.attendance.items():
        if status == "leave_approved":
            assert state.leave.get(member_id) == "approved"
    if state.closed:
        assert set(state.attendance) == set(state.invitees)
