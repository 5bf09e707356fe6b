"""The township a fact is attributed to: the member's group at the fact's recorded time
(DOMAIN §6.2), with the event's snapshot or the first group when the history is younger."""

from __future__ import annotations

from datetime import UTC, datetime

from services.members.scoring import GroupSpell, township_at
from services.members.scoring.facts import groups_during


def at(month: int, day: int = 1) -> datetime:
    return datetime(2025, month, day, 2, tzinfo=UTC)


HISTORY = [GroupSpell(at(7), "xinzhuang"), GroupSpell(at(1, 10), "chengguan")]


def test_the_group_at_the_time_of_the_fact() -> None:
    assert township_at(HISTORY, at(3)) == "chengguan"
    assert township_at(HISTORY, at(7)) == "xinzhuang"
    assert township_at(HISTORY, at(12), snapshot="hekou") == "xinzhuang"


def test_before_the_history_begins_the_snapshot_then_the_first_group() -> None:
    assert township_at(HISTORY, at(1, 2), snapshot="hekou") == "hekou"
    assert township_at(HISTORY, at(1, 2)) == "chengguan"
    assert township_at([], at(3), snapshot="hekou") == "hekou"
    assert township_at([], at(3)) is None


def test_groups_during_a_period() -> None:
    assert groups_during(HISTORY, at(1), at(12)) == {"chengguan", "xinzhuang"}
    assert groups_during(HISTORY, at(8), at(12)) == {"xinzhuang"}
    assert groups_during(HISTORY, at(2), at(3)) == {"chengguan"}
    # The first group also covers the time before the history begins.
    assert groups_during(HISTORY, datetime(2024, 1, 1, tzinfo=UTC), at(1, 5)) == {"chengguan"}
    assert groups_during(HISTORY, at(8), at(9)) == {"xinzhuang"}
