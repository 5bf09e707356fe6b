"""Attribution rules (DOMAIN §6.2): which liaison groups an item belongs to, and why.

The first functions serve the `township_dashboard` projection: each returns
{township_id: reason} in a stable order; the first reason found for a township wins (a
lead author's group is `lead_author` even if a co-author is there too). The rest serve
the liaison-group panels (canonical reasons, decided at read time; see below).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from services.members.domain import VisitLogged
from services.members.projections.foreign import ConsultationHeld, ProposalSubmitted

BY_MEMBER = "by_member"
IN_TOWNSHIP = "in_township"
LEAD_AUTHOR = "lead_author"
CO_AUTHOR = "co_author"


def _collect(pairs: Iterable[tuple[str | None, str]]) -> dict[str, str]:
    result: dict[str, str] = {}
    for township, reason in pairs:
        if township and township not in result:
            result[township] = reason
    return result


def visit_attribution(event: VisitLogged) -> dict[str, str]:
    """The visitor's group at event time, and the township visited if different.
    (`TownshipDashboard.visit_logged` applies this rule inline, for rebuild speed.)"""
    return _collect([(event.member_township_id, BY_MEMBER), (event.township_id, IN_TOWNSHIP)])


def proposal_attribution(event: ProposalSubmitted) -> dict[str, str]:
    """Every author's group (snapshot at submission); the lead's falls back to township_id."""
    groups = event.author_township_ids
    lead = groups.get(event.lead_author_id or "") or event.township_id
    co_authors = [(groups.get(a), CO_AUTHOR) for a in event.co_author_ids]
    others = [(t, CO_AUTHOR) for a, t in groups.items() if a != event.lead_author_id]
    return _collect([(lead, LEAD_AUTHOR), *co_authors, *others])


def consultation_attribution(event: ConsultationHeld) -> dict[str, str]:
    """Where it was held, and the groups of members who took part."""
    participants = [(p.township_id, BY_MEMBER) for p in event.participants]
    return _collect([(event.township_id, IN_TOWNSHIP), *participants])


# --- the liaison-group panels (DOMAIN §6.2 (a)–(d)) ------------------------------------
#
# The panels attribute items at read time from facts stored per item: each author's group
# snapshot at event time (None when the producer did not send one), the townships the item
# concerns, the authoring liaison group, and the townships whose government handles it.
# A missing snapshot falls back to the member's group at the item's time according to the
# member's own registration and group-change history, so the result does not depend on
# the order in which the streams were read (a proposal may be read before the member).

GROUP_AUTHORED = "group_authored"
HANDLED_BY_TOWNSHIP_GOVERNMENT = "handled_by_township_government"
#: Canonical order of the reasons (the first is the row's main `attribution_reason`).
REASONS = (BY_MEMBER, GROUP_AUTHORED, IN_TOWNSHIP, HANDLED_BY_TOWNSHIP_GOVERNMENT)
#: Reasons that make an item the group's own work (year summary, league table).
OWN_WORK = frozenset({BY_MEMBER, GROUP_AUTHORED})


@dataclass(frozen=True)
class Stint:
    """A member belongs to `township_id` from `since` until the member's next stint."""

    member_id: str
    township_id: str
    since: datetime


class MembershipHistory:
    """Each member's liaison groups over time (from registration and group changes)."""

    def __init__(self, stints: Iterable[Stint]) -> None:
        self._stints: dict[str, list[Stint]] = {}
        for stint in sorted(stints, key=lambda s: (s.member_id, _utc(s.since))):
            self._stints.setdefault(stint.member_id, []).append(stint)

    def group_at(self, member_id: str, moment: datetime | None) -> str | None:
        """The member's group at `moment`; before the first stint, the first group (an
        event of another service may carry an earlier time than our registration)."""
        stints = self._stints.get(member_id)
        if not stints:
            return None
        if moment is None:
            return stints[-1].township_id
        current = stints[0]
        for stint in stints[1:]:
            if _utc(stint.since) <= _utc(moment):
                current = stint
        return current.township_id


@dataclass(frozen=True)
class Link:
    """A member's part in an item and their group snapshot at event time (if sent)."""

    member_id: str
    township_id: str | None = None


@dataclass(frozen=True)
class ItemFacts:
    at: datetime | None = None
    links: tuple[Link, ...] = ()
    places: tuple[tuple[str, str], ...] = ()  # (township, in_township | group_authored)
    handled_by: tuple[str, ...] = ()  # townships whose government handles the item


def item_attribution(facts: ItemFacts, history: MembershipHistory) -> dict[str, tuple[str, ...]]:
    """{township: reasons in canonical order} for one item."""
    found: dict[str, set[str]] = {}
    for link in facts.links:
        township = link.township_id or history.group_at(link.member_id, facts.at)
        if township:
            found.setdefault(township, set()).add(BY_MEMBER)
    for township, reason in facts.places:
        if township:
            found.setdefault(township, set()).add(reason)
    for township in facts.handled_by:
        if township:
            found.setdefault(township, set()).add(HANDLED_BY_TOWNSHIP_GOVERNMENT)
    return {t: tuple(r for r in REASONS if r in reasons) for t, reasons in found.items()}


def history_from(
    registrations: Iterable[tuple[str, str, datetime]],
    changes: Iterable[tuple[str, str | None, str, datetime]],
) -> MembershipHistory:
    """From (member, current group, registered at) and (member, from, to, changed at): the
    first stint is the group the member was registered in (the first change's `from`)."""
    changes = sorted(changes, key=lambda c: (c[0], _utc(c[3])))
    first_from: dict[str, str | None] = {}
    for member_id, old, _new, _at in changes:
        first_from.setdefault(member_id, old)
    stints = [
        Stint(member_id, first_from.get(member_id) or current, registered_at)
        for member_id, current, registered_at in registrations
    ]
    stints += [Stint(member_id, new, at) for member_id, _old, new, at in changes]
    return MembershipHistory(stints)


def _utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes: they are UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
