"""Read-time attribution (DOMAIN §6.2 (a)–(d)): reasons, event-time snapshots and the
membership-history fallback when a producer sent no snapshot."""

from __future__ import annotations

from datetime import UTC, datetime

from services.members.projections.attribution import (
    BY_MEMBER,
    GROUP_AUTHORED,
    HANDLED_BY_TOWNSHIP_GOVERNMENT,
    IN_TOWNSHIP,
    ItemFacts,
    Link,
    MembershipHistory,
    Stint,
    history_from,
    item_attribution,
)

JAN, MAR, JUN, SEP = (datetime(2025, m, 1, tzinfo=UTC) for m in (1, 3, 6, 9))
M, N = "m-1", "m-2"


def test_group_at_follows_changes_and_falls_back_to_the_first_group() -> None:
    history = MembershipHistory([Stint(M, "xinzhuang", JUN), Stint(M, "chengguan", MAR)])
    assert history.group_at(M, datetime(2025, 4, 1, tzinfo=UTC)) == "chengguan"
    assert history.group_at(M, JUN) == "xinzhuang"
    assert history.group_at(M, SEP) == "xinzhuang"
    # read before our registration: the group the member was registered in
    assert history.group_at(M, JAN) == "chengguan"
    assert history.group_at(M, None) == "xinzhuang"
    assert history.group_at(N, SEP) is None


def test_naive_times_from_sqlite_are_utc() -> None:
    history = MembershipHistory([Stint(M, "chengguan", MAR), Stint(M, "hekou", JUN)])
    assert history.group_at(M, datetime(2025, 7, 1)) == "hekou"


def test_history_from_registrations_and_changes() -> None:
    history = history_from(
        [(M, "hekou", MAR), (N, "chengguan", MAR)],
        [(M, "chengguan", "xinzhuang", JUN), (M, "xinzhuang", "hekou", SEP)],
    )
    assert history.group_at(M, datetime(2025, 4, 1, tzinfo=UTC)) == "chengguan"
    assert history.group_at(M, datetime(2025, 7, 1, tzinfo=UTC)) == "xinzhuang"
    assert history.group_at(M, datetime(2025, 10, 1, tzinfo=UTC)) == "hekou"
    assert history.group_at(N, SEP) == "chengguan"


def test_every_reason_in_canonical_order() -> None:
    facts = ItemFacts(
        at=JUN,
        links=(Link(M, "chengguan"), Link(N, None)),
        places=(("hekou", IN_TOWNSHIP), ("chengguan", IN_TOWNSHIP), ("chengguan", GROUP_AUTHORED)),
        handled_by=("hekou", "chengguan"),
    )
    history = MembershipHistory([Stint(N, "xinzhuang", MAR)])
    assert item_attribution(facts, history) == {
        "chengguan": (BY_MEMBER, GROUP_AUTHORED, IN_TOWNSHIP, HANDLED_BY_TOWNSHIP_GOVERNMENT),
        "xinzhuang": (BY_MEMBER,),
        "hekou": (IN_TOWNSHIP, HANDLED_BY_TOWNSHIP_GOVERNMENT),
    }


def test_snapshot_wins_over_todays_group() -> None:
    moved = MembershipHistory([Stint(M, "chengguan", JAN), Stint(M, "xinzhuang", MAR)])
    facts = ItemFacts(at=JUN, links=(Link(M, "chengguan"),))
    assert item_attribution(facts, moved) == {"chengguan": (BY_MEMBER,)}
    unknown = ItemFacts(at=JUN, links=(Link(M, None),))
    assert item_attribution(unknown, moved) == {"xinzhuang": (BY_MEMBER,)}
    assert item_attribution(unknown, MembershipHistory([])) == {}
