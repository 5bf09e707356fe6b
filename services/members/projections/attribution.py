"""Attribution rules (DOMAIN §6.2): which liaison groups an item belongs to, and why.

Each function returns {township_id: reason} in a stable order; the first reason found for
a township wins (a lead author's group is `lead_author` even if a co-author is there too).
"""

from __future__ import annotations

from collections.abc import Iterable

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
    """The visitor's group at event time, and the township visited if different."""
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
