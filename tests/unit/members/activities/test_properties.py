"""Property tests: random command sequences per aggregate; folding the accepted events twice
(and after a JSON round trip through the registry) gives the same state; invariants hold."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from hypothesis import given, settings
from hypothesis import strategies as st

from services.members.domain.activities import ACTIVITY_EVENTS, registry
from services.members.domain.activities.common import MemberRef
from services.members.domain.activities.config import ActivitiesConfig
from services.members.domain.activities.constituent_link import (
    ConstituentLinkEstablished,
    EndConstituentLink,
    constituent_link_decider,
    decide_end_constituent_link,
    decide_establish_constituent_link,
)
from services.members.domain.activities.enterprise_visit import (
    decide_record_enterprise_visit,
    enterprise_visit_decider,
)
from services.members.domain.activities.excellence import (
    AwardExcellence,
    ExcellenceAwarded,
    ExcellenceNominated,
    NomineeRefs,
    decide_award_excellence,
    decide_nominate_excellence,
    excellence_decider,
)
from services.members.domain.activities.liaison_contact import (
    decide_record_liaison_contact,
    liaison_contact_decider,
)
from services.members.domain.activities.livelihood import (
    LivelihoodActivityVerified,
    VerifyLivelihoodActivity,
    decide_record_livelihood_activity,
    decide_verify_livelihood_activity,
    livelihood_decider,
)
from services.members.domain.activities.training import (
    RecordTrainingAttendance,
    TrainingAttended,
    decide_record_training_attendance,
    decide_schedule_training,
    training_decider,
)
from services.members.domain.activities.visit import (
    VisitIssueEscalated,
    decide_escalate_visit_issue,
    decide_verify_visit,
    visit_decider,
)
from shared.domain import Decider, DomainError
from shared.events import DomainEvent, encode_body
from tests.unit.members.activities import builders as b

S = TypeVar("S")
Step = Callable[[Any], list[DomainEvent]]
IDS = [f"0190a6c4-0000-7000-8000-00000000000{i}" for i in range(1, 6)]
MEMBERS = [b.member(b.A), b.member(b.B, "xinzhuang"), b.member(b.C, "hekou")]
GROUPS = [b.group("chengguan"), b.group("hekou")]


def run(decider: Decider[S], steps: list[Step]) -> tuple[S, list[DomainEvent]]:
    """Apply steps in order; a rejected step changes nothing. Check replay determinism."""
    state, events = decider.initial, []
    for step in steps:
        try:
            new = step(state)
        except DomainError as exc:
            assert exc.message and exc.kind in {"conflict", "invalid", "not_found"}
            continue
        events.extend(new)
        state = decider.fold(new, state)
    assert decider.fold(events) == state == decider.fold(events)
    decoded = [registry.decode(e.ce_type(), encode_body(e)) for e in events]
    assert decoded == events and decider.fold([d for d in decoded if d]) == state
    return state, events


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["verify", "escalate"]), st.integers(0, 2),
                          st.sampled_from(["opinion_report", "proposal"])), max_size=12),
       st.booleans())  # fmt: skip
def test_visit(ops: list[tuple[str, int, str]], resolved_ok: bool) -> None:
    config = ActivitiesConfig(escalate_resolved_issues=resolved_ok)

    def step(op: str, index: int, target: str) -> Step:
        if op == "verify":
            return lambda s: decide_verify_visit(b.verify(), s, b.facts(), b.member())
        cmd = b.escalate(issue_index=index, target=target)
        return lambda s: decide_escalate_visit_issue(cmd, s, b.facts(), b.member(), config)

    state, events = run(visit_decider, [step(*op) for op in ops])
    escalated = [e.issue_index for e in events if isinstance(e, VisitIssueEscalated)]
    assert len(escalated) == len(set(escalated)) == len(state.escalations)
    assert sum(1 for e in events if not isinstance(e, VisitIssueEscalated)) <= 1
    assert resolved_ok or 1 not in escalated


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.integers(0, 4), st.sampled_from(["甲", "乙", "丙"])),
                max_size=15), st.integers(1, 4))  # fmt: skip
def test_constituent_links(ops: list[tuple[bool, int, str]], cap: int) -> None:
    config = ActivitiesConfig(constituent_links_min=min(3, cap), constituent_links_max=cap)

    def step(establish: bool, i: int, name: str) -> Step:
        if establish:
            cmd = b.establish_link(link_id=IDS[i], name=name)
            return lambda s: decide_establish_constituent_link(cmd, s, b.member(), config)
        end = EndConstituentLink(actor=b.ACTOR, at=b.AT, member_id=b.A, link_id=IDS[i])
        return lambda s: decide_end_constituent_link(end, s, b.member())

    state, events = run(constituent_link_decider, [step(*op) for op in ops])
    assert len(state.active) <= cap
    established = [e.link_id for e in events if isinstance(e, ConstituentLinkEstablished)]
    assert len(established) == len(set(established)) == len(state.links)


@settings(max_examples=60, deadline=None)
@given(st.booleans(), st.lists(st.tuples(st.integers(0, 2), st.booleans()), max_size=8))
def test_training(schedule_first: bool, ops: list[tuple[int, bool]]) -> None:
    steps: list[Step] = [lambda s: decide_schedule_training(b.schedule(), s, None)]
    if not schedule_first:
        steps = []
    for i, full in ops:
        cmd = b.attend(member_id=MEMBERS[i].member_id, full_attendance=full)
        steps.append(_attend(cmd, MEMBERS[i]))
    state, events = run(training_decider, steps)
    attended = [e.member_id for e in events if isinstance(e, TrainingAttended)]
    assert len(attended) == len(set(attended)) == len(state.attendees)
    assert schedule_first or not events


def _attend(cmd: RecordTrainingAttendance, member: MemberRef) -> Step:
    return lambda s: decide_record_training_attendance(cmd, s, member)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["record", "verify"]), max_size=6), st.integers(0, 300))
def test_livelihood(ops: list[str], count: int) -> None:
    record = b.livelihood(beneficiaries_count=count, township_ids=["chengguan", "hekou"])
    verify = VerifyLivelihoodActivity(actor=b.ACTOR, at=b.AT, activity_id=b.ITEM_ID)
    steps: list[Step] = [
        (lambda s: decide_record_livelihood_activity(record, s, GROUPS, MEMBERS))
        if op == "record"
        else (lambda s: decide_verify_livelihood_activity(verify, s))
        for op in ops
    ]
    state, events = run(livelihood_decider, steps)
    assert len(events) <= 2 and state.verified <= state.recorded
    verified = [e for e in events if isinstance(e, LivelihoodActivityVerified)]
    assert not verified or events[0].ce_type().endswith("recorded.v1")


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 4), st.dates(date(2025, 1, 1), date(2025, 7, 31)))
def test_enterprise_visits_and_contacts(repeats: int, day: date) -> None:
    visit = b.enterprise_visit(visit_date=day)
    contact = b.liaison_contact(contact_date=day)
    _, visits = run(
        enterprise_visit_decider,
        [lambda s: decide_record_enterprise_visit(visit, s, GROUPS[0], MEMBERS)] * repeats,
    )
    _, contacts = run(
        liaison_contact_decider,
        [lambda s: decide_record_liaison_contact(contact, s, GROUPS[0], MEMBERS)] * repeats,
    )
    expected = 1 if day <= b.TODAY else 0
    assert len(visits) == len(contacts) == expected


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.integers(0, 3),
                          st.sampled_from(["county", "city", "province", "national"])),
                max_size=12))  # fmt: skip
def test_excellence(ops: list[tuple[bool, int, str]]) -> None:
    def step(nominate: bool, i: int, level: str) -> Step:
        if nominate:
            ref = MEMBERS[i % len(MEMBERS)]
            cmd = b.nominate(nomination_id=IDS[i], nominee_id=ref.member_id)
            return lambda s: decide_nominate_excellence(cmd, s, NomineeRefs(member=ref))
        award = AwardExcellence(
            actor=b.ACTOR, at=b.AT, year=2025, nomination_id=IDS[i], level=level
        )
        return lambda s: decide_award_excellence(award, s)

    state, events = run(excellence_decider, [step(*op) for op in ops])
    nominees = [e.nominee_id for e in events if isinstance(e, ExcellenceNominated)]
    assert len(nominees) == len(set(nominees)) == len(state.nominations)
    awards = [(e.nomination_id, e.level) for e in events if isinstance(e, ExcellenceAwarded)]
    assert len(awards) == len(set(awards)) == sum(len(n.levels) for n in state.nominations)


def test_registry_holds_every_activity_event_once() -> None:
    assert set(registry.classes.values()) == set(ACTIVITY_EVENTS)
    assert len(ACTIVITY_EVENTS) == 12
    assert all(cls.context == "members" and cls.version == 1 for cls in ACTIVITY_EVENTS)
