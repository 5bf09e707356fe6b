"""Counting the anonymous ballots of a handling-unit appraisal (民主评议测评), pure.

Per unit: the count of each choice, its share of all ballots, and two rates over the
valid (non-abstaining) ballots — 满意率 = (非常满意 + 满意) / 有效票 and
基本满意以上率 = (非常满意 + 满意 + 基本满意) / 有效票 (None when every ballot abstained).
Shares and rates are rounded to 4 decimal places.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from pydantic import BaseModel, ConfigDict

from .labels import APPRAISAL_CHOICE_LABELS

CHOICES: tuple[str, ...] = tuple(APPRAISAL_CHOICE_LABELS)
SATISFIED = ("very_satisfied", "satisfied")
APPROVING = ("very_satisfied", "satisfied", "basically_satisfied")


class AppraisedUnit(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    unit_id: str
    unit_name: str


class UnitResult(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    unit_id: str
    unit_name: str
    ballots: int
    counts: dict[str, int]
    shares: dict[str, float]
    satisfied_rate: float | None
    approval_rate: float | None


def tally(
    units: Sequence[AppraisedUnit], ballots: Iterable[Mapping[str, str]]
) -> tuple[UnitResult, ...]:
    """One result per unit, in the order the units were selected."""
    counts = {u.unit_id: dict.fromkeys(CHOICES, 0) for u in units}
    for ballot in ballots:
        for unit_id, picked in ballot.items():
            counts[unit_id][picked] += 1
    return tuple(_result(u, counts[u.unit_id]) for u in units)


def _result(unit: AppraisedUnit, counts: dict[str, int]) -> UnitResult:
    total = sum(counts.values())
    valid = total - counts["abstain"]
    return UnitResult(
        unit_id=unit.unit_id,
        unit_name=unit.unit_name,
        ballots=total,
        counts=counts,
        shares={c: _ratio(n, total) or 0.0 for c, n in counts.items()},
        satisfied_rate=_ratio(sum(counts[c] for c in SATISFIED), valid),
        approval_rate=_ratio(sum(counts[c] for c in APPROVING), valid),
    )


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None
