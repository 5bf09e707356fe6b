"""Property: random command sequences → the accepted events fold to the same state every time.

Commands are drawn with an eye on the current state (mostly ones that can succeed, with
a share of invalid or out-of-order ones), so sequences reach held / adopted often.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from services.consultation.domain.commands import (
    AdoptSuggestion,
    CancelConsultation,
    ConsultationCommand,
    HoldConsultation,
    PostponeConsultation,
    ScheduleConsultation,
)
from services.consultation.domain.decide import decide
from services.consultation.domain.events import ConsultationHeld, SuggestionAdopted, registry
from services.consultation.domain.state import ConsultationState, consultation_decider
from services.consultation.domain.values import (
    HELD_OR_LATER,
    Adoption,
    ConsultationStatus,
    ConsultationType,
    ParticipantRole,
)
from shared.domain import DomainError
from shared.events import DomainEvent, encode_body

CID = "0190a0b0-0000-7000-8000-000000000001"
AT = datetime(2025, 5, 6, 8, 0, tzinfo=UTC)
ACTOR = "staff:office-1"
BASE = date(2025, 5, 1)
SUGGESTION_IDS = [f"0190a0b0-0000-7000-8000-{n:012x}" for n in range(1, 6)]
MEMBER_IDS = [f"0190a0b0-0000-7000-9000-{n:012x}" for n in range(1, 5)]
TOWNSHIPS = [None, "qingshan", "hexi-zhen"]

days = st.integers(min_value=0, max_value=60).map(lambda n: BASE + timedelta(days=n))
good_text = st.sampled_from(["农村污水治理", "建设污水处理站", "设立运维资金", "议" * 100])
any_text = st.one_of(good_text, good_text, good_text, st.sampled_from(["", "  ", "议" * 101]))
departments = st.sampled_from(["县农业农村局", "县生态环境局", "县政府办公室"])


def schedules(valid: bool) -> st.SearchStrategy[ScheduleConsultation]:
    return st.builds(
        ScheduleConsultation,
        consultation_id=st.just(CID),
        type=st.sampled_from(ConsultationType),
        topic=good_text if valid else any_text,
        township_id=st.sampled_from(TOWNSHIPS),
        organizer=st.just("社会法制委员会") if valid else st.sampled_from(["农业委员会", ""]),
        planned_date=days,
        actor=st.just(ACTOR),
        at=st.just(AT),
    )


participant = st.fixed_dictionaries(
    {
        "member_id": st.sampled_from(MEMBER_IDS),
        "role": st.sampled_from(ParticipantRole),
        "township_id": st.sampled_from(TOWNSHIPS),
    }
)
suggestion = st.fixed_dictionaries(
    {
        "suggestion_id": st.sampled_from(SUGGESTION_IDS),
        "text": good_text,
        "proposer_ids": st.lists(st.sampled_from(MEMBER_IDS), max_size=3),
        "target_department": st.none() | departments,
    }
)


def _member_id(item: dict[str, Any]) -> Any:
    return item["member_id"]


def _suggestion_id(item: dict[str, Any]) -> Any:
    return item["suggestion_id"]


UNIQUE_IDEAS = st.lists(suggestion, min_size=2, max_size=5, unique_by=_suggestion_id)


@st.composite
def holds(draw: st.DrawFn, valid: bool) -> HoldConsultation:
    held_on = draw(days)
    if valid:
        people = draw(st.lists(participant, min_size=1, max_size=3, unique_by=_member_id))
        ideas = draw(st.lists(suggestion, max_size=4, unique_by=_suggestion_id) | UNIQUE_IDEAS)
        lag = draw(st.integers(min_value=0, max_value=20))
    else:  # may be empty, repeat a member or a suggestion id, or lie in the future
        people = draw(st.lists(participant, max_size=3))
        ideas = draw(st.lists(suggestion, max_size=4))
        lag = draw(st.integers(min_value=-3, max_value=3))
    return HoldConsultation(
        consultation_id=CID,
        held_on=held_on,
        participants=people,
        suggestions=ideas,
        minutes_summary=draw(st.none() | good_text),
        today=held_on + timedelta(days=lag),
        actor=ACTOR,
        at=AT,
    )


def adopts(ids: list[str]) -> st.SearchStrategy[AdoptSuggestion]:
    return st.builds(
        AdoptSuggestion,
        consultation_id=st.just(CID),
        suggestion_id=st.sampled_from(ids),
        adopted_by=st.one_of(departments, departments, departments, st.just(" ")),
        adoption=st.sampled_from(Adoption),
        note=st.none() | good_text,
        actor=st.just(ACTOR),
        at=st.just(AT),
    )


postpones = st.builds(
    PostponeConsultation,
    consultation_id=st.just(CID),
    new_planned_date=days,
    reason=any_text,
    actor=st.just(ACTOR),
    at=st.just(AT),
)
cancels = st.builds(
    CancelConsultation,
    consultation_id=st.just(CID),
    reason=any_text,
    actor=st.just(ACTOR),
    at=st.just(AT),
)


# Strategies are built once: constructing them per draw dominates the run time.
ANYTHING: st.SearchStrategy[ConsultationCommand] = st.one_of(
    schedules(valid=False), holds(valid=False), adopts(SUGGESTION_IDS), postpones, cancels
)
WHEN_NEW: st.SearchStrategy[ConsultationCommand] = st.one_of(
    schedules(valid=True), schedules(valid=True), ANYTHING
)
WHEN_PLANNED: st.SearchStrategy[ConsultationCommand] = st.one_of(
    holds(valid=True), holds(valid=True), postpones, postpones, ANYTHING
)


@st.composite
def when_held(draw: st.DrawFn, held_ids: list[str]) -> ConsultationCommand:
    if not held_ids or draw(st.integers(min_value=0, max_value=3)) == 0:
        return draw(ANYTHING)
    return AdoptSuggestion(
        consultation_id=CID,
        suggestion_id=draw(st.sampled_from(held_ids)),
        adopted_by=draw(st.one_of(departments, departments, departments, st.just(" "))),
        adoption=draw(st.sampled_from(Adoption)),
        note=draw(st.none() | good_text),
        actor=ACTOR,
        at=AT,
    )


def next_command(draw: st.DrawFn, state: ConsultationState) -> ConsultationCommand:
    if not state.exists:
        return draw(WHEN_NEW)
    if state.status in HELD_OR_LATER:
        return draw(when_held([s.suggestion_id for s in state.suggestions]))
    return draw(WHEN_PLANNED)


@st.composite
def scenarios(draw: st.DrawFn) -> list[ConsultationCommand]:
    state = consultation_decider.initial
    sequence: list[ConsultationCommand] = []
    for _ in range(draw(st.integers(min_value=1, max_value=12))):
        command = next_command(draw, state)
        sequence.append(command)
        try:
            state = consultation_decider.fold(decide(command, state), state)
        except DomainError:
            pass
    return sequence


def run(sequence: list[ConsultationCommand]) -> tuple[list[DomainEvent], ConsultationState]:
    """Apply each command to the current state; keep accepted events, skip rejections."""
    state = consultation_decider.initial
    history: list[DomainEvent] = []
    for command in sequence:
        try:
            events = decide(command, state)
        except DomainError as error:
            assert error.kind in {"conflict", "invalid", "not_found"}
            assert error.message  # Chinese text for the clerk
            continue
        history.extend(events)
        state = consultation_decider.fold(events, state)
    return history, state


@settings(max_examples=120, deadline=None)
@given(scenarios())
def test_replay_is_deterministic(sequence: list[ConsultationCommand]) -> None:
    history, live = run(sequence)
    first = consultation_decider.fold(history)
    second = consultation_decider.fold(history)
    assert first == second == live
    # What a stream holds (JSON bodies, decoded by the registry) replays to the same state.
    decoded = [registry.decode(e.ce_type(), encode_body(e)) for e in history]
    assert None not in decoded
    assert consultation_decider.fold([e for e in decoded if e is not None]) == live


@settings(max_examples=120, deadline=None)
@given(scenarios())
def test_invariants(sequence: list[ConsultationCommand]) -> None:
    history, state = run(sequence)
    held = [e for e in history if isinstance(e, ConsultationHeld)]
    adopted = [e for e in history if isinstance(e, SuggestionAdopted)]
    # Held at most once; adopted suggestions ⊆ held suggestions; each adopted at most once.
    assert len(held) <= 1
    held_ids = {s.suggestion_id for e in held for s in e.suggestions}
    adopted_ids = [e.suggestion_id for e in adopted]
    assert set(adopted_ids) <= held_ids
    assert len(adopted_ids) == len(set(adopted_ids))
    assert set(state.adoptions) <= {s.suggestion_id for s in state.suggestions}
    for event in adopted:  # carried state matches what was held
        (source,) = [
            s for e in held for s in e.suggestions if s.suggestion_id == event.suggestion_id
        ]
        assert (event.text, event.proposer_ids) == (source.text, source.proposer_ids)
    if state.adoptions:
        assert state.status in HELD_OR_LATER
    if state.status is ConsultationStatus.CANCELLED:
        assert not held
    if state.exists:
        assert 0 < len(state.topic) <= 100
        assert history[0].name == "scheduled"
        assert sum(e.name == "scheduled" for e in history) == 1
    for held_event in held:
        ids = [p.member_id for p in held_event.participants]
        assert ids and len(ids) == len(set(ids))
        unique = {s.suggestion_id for s in held_event.suggestions}
        assert len(unique) == len(held_event.suggestions)
