"""Facts of a member's performance file (履职档案, DOMAIN §5.3) and the township a fact is
attributed to (DOMAIN §6.2: the member's liaison group at event time).

A fact is one thing a member did (or that happened to them) that may earn or cost points:
an attendance, a proposal's registration, a report's adoption at a level … `kind`,
`detail` and `role` select the rule that prices it (see `score.rule_keys`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final

from pydantic import BaseModel, ConfigDict

ATTENDANCE: Final = "attendance"
PROPOSAL: Final = "proposal"
OPINION_REPORT: Final = "opinion_report"
ACTIVITY: Final = "activity"
VISIT: Final = "visit"
LIVELIHOOD: Final = "livelihood"
AWARD: Final = "award"
PENALTY: Final = "penalty"
ADJUSTMENT: Final = "adjustment"

CATEGORIES: Final = (
    ATTENDANCE,
    PROPOSAL,
    OPINION_REPORT,
    ACTIVITY,
    VISIT,
    LIVELIHOOD,
    AWARD,
    PENALTY,
    ADJUSTMENT,
)

#: Why a fact no longer counts (it stays in the file, with 0 points and the reason).
VOID_CONVERTED: Final = "converted_to_public_opinion"
VOID_WITHDRAWN: Final = "withdrawn"


class Fact(BaseModel):
    """One contributing fact. `township_id` is the liaison group it is attributed to
    (resolved by the reader with `township_at`); `fixed_points` is set only for a manual
    score adjustment, whose points are decided by a person, not by a rule."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    fact_id: str
    member_id: str
    year: int
    category: str
    kind: str
    detail: str | None = None
    role: str | None = None
    ref_id: str | None = None
    occurred_on: date
    recorded_at: datetime | None = None
    township_id: str | None = None
    source_type: str = ""
    seq: int = 0
    void_reason: str | None = None
    fixed_points: float | None = None
    note: str | None = None


@dataclass(frozen=True, order=True)
class GroupSpell:
    """From `since` (the recorded time of registration or a group change) the member
    belonged to `township_id`'s liaison group."""

    since: datetime
    township_id: str


def township_at(
    history: Sequence[GroupSpell], at: datetime | None, snapshot: str | None = None
) -> str | None:
    """The member's group at `at` from the member's own history; when the history does not
    reach back that far (another service's event recorded before the registration arrived
    here), the snapshot the event carried, else the member's first group."""
    ordered = sorted(history)
    current: str | None = None
    if at is not None:
        for spell in ordered:
            if spell.since > at:
                break
            current = spell.township_id
    if current is not None:
        return current
    if snapshot:
        return snapshot
    return ordered[0].township_id if ordered else None


def groups_during(history: Sequence[GroupSpell], start: datetime, end: datetime) -> set[str]:
    """Every group the member belonged to at some time in [start, end). The first group
    also covers the time before the history begins (as `township_at` does)."""
    ordered = sorted(history)
    result: set[str] = set()
    for index, spell in enumerate(ordered):
        since = spell.since if index > 0 else None
        until = ordered[index + 1].since if index + 1 < len(ordered) else None
        if (since is None or since < end) and (until is None or until > start):
            result.add(spell.township_id)
    return result
