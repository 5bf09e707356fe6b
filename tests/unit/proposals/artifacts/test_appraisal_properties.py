"""Property: the ballot tally — counts add up, shares sum to one, rates are consistent,
and publishing after any valid sequence of entries replays to the same state twice."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from services.proposals.domain.artifacts import registry
from services.proposals.domain.artifacts.appraisal import (
    AppraisalBallot,
    HandlingUnitAppraisalResultPublished,
    HoldHandlingUnitAppraisal,
    PublishAppraisalResults,
    RecordAppraisalBallots,
    appraisal_decider,
    decide_hold_appraisal,
    decide_publish_results,
    decide_record_ballots,
)
from services.proposals.domain.artifacts.appraisal_tally import CHOICES, AppraisedUnit, tally
from shared.events import DomainEvent, encode_body

from .helpers import ACTOR, AT

UNITS = tuple(AppraisedUnit(unit_id=f"u{i}", unit_name=f"单位{i}") for i in range(4))
ballot = st.fixed_dictionaries({u.unit_id: st.sampled_from(CHOICES) for u in UNITS})


@settings(max_examples=200, deadline=None)
@given(sheets=st.lists(ballot, max_size=60))
def test_tally_invariants(sheets: list[dict[str, str]]) -> None:
    results = tally(UNITS, sheets)
    assert [r.unit_id for r in results] == [u.unit_id for u in UNITS]
    for r in results:
        assert r.ballots == len(sheets) == sum(r.counts.values())
        assert r.counts == {c: sum(1 for s in sheets if s[r.unit_id] == c) for c in CHOICES}
        if sheets:
            assert abs(sum(r.shares.values()) - 1.0) <= 0.0005 * len(CHOICES)
        valid = r.ballots - r.counts["abstain"]
        if valid == 0:
            assert r.satisfied_rate is None and r.approval_rate is None
        else:
            assert r.satisfied_rate is not None and r.approval_rate is not None
            assert 0.0 <= r.satisfied_rate <= r.approval_rate <= 1.0
    assert tally(UNITS, list(reversed(sheets))) == results  # order of entry does not matter


@settings(max_examples=60, deadline=None)
@given(batches=st.lists(st.lists(ballot, min_size=1, max_size=5), min_size=1, max_size=6))
def test_entering_in_batches_then_publishing_replays(batches: list[list[dict[str, str]]]) -> None:
    hold = HoldHandlingUnitAppraisal(
        actor=ACTOR,
        at=AT,
        appraisal_id="a1",
        year=2025,
        title="评议",
        held_on=date(2026, 3, 1),
        units=list(UNITS),
    )
    events: list[DomainEvent] = list(decide_hold_appraisal(hold, appraisal_decider.initial))
    number = 0
    for batch in batches:
        sheets = []
        for choices in batch:
            number += 1
            sheets.append(AppraisalBallot(ballot_no=str(number), choices=choices))
        cmd = RecordAppraisalBallots(actor=ACTOR, at=AT, appraisal_id="a1", ballots=sheets)
        events += decide_record_ballots(cmd, appraisal_decider.fold(events))
    publish = PublishAppraisalResults(actor=ACTOR, at=AT, appraisal_id="a1")
    [published] = decide_publish_results(publish, appraisal_decider.fold(events))
    assert isinstance(published, HandlingUnitAppraisalResultPublished)
    assert published.ballots == number
    assert published.results == tally(UNITS, [c for b in batches for c in b])
    events.append(published)
    decoded = [registry.decode(e.ce_type(), encode_body(e)) for e in events]
    assert None not in decoded
    assert appraisal_decider.fold(events) == appraisal_decider.fold([e for e in decoded if e])
    assert appraisal_decider.fold(events) == appraisal_decider.fold(events)
