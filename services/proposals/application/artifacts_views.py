"""Who sees which artifact records, and the read-model helpers the queries share.

- office (`proposal_office`, `county_admin`): everything;
- `township:<t>`: records about proposals attributed to t (any author in t's liaison
  group at submission — the proposal list's own rule, via `proposal_authors`);
- `handling_unit:<u>`: slips addressed to u, forms about u, u's published appraisal row;
- `member:<m>`: published guides, leads forwarded to m (or to all), m's feedback forms.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Column, ColumnElement, false, or_, select

from services.proposals.projections.proposal_list import ProposalList
from shared.auth import Forbidden, Principal
from shared.service import ServiceRuntime

from .access import OFFICE_ROLES
from .lookup import projection

NOT_ALLOWED = "您的账号无权查看此类记录。"


@dataclass(frozen=True)
class ArtifactViewer:
    office: bool
    townships: frozenset[str]
    member_ids: frozenset[str]
    unit_ids: frozenset[str]

    @classmethod
    def of(cls, principal: Principal) -> ArtifactViewer:
        return cls(
            office=principal.has(*OFFICE_ROLES),
            townships=frozenset(principal.townships),
            member_ids=frozenset(principal.scoped("member")),
            unit_ids=frozenset(principal.scoped("handling_unit")),
        )

    def require_any(self, *, townships: bool, members: bool, units: bool) -> None:
        """403 unless the viewer is office or holds one of the admitted scopes."""
        admitted = (
            self.office
            or (townships and bool(self.townships))
            or (members and bool(self.member_ids))
            or (units and bool(self.unit_ids))
        )
        if not admitted:
            raise Forbidden(NOT_ALLOWED)


def about_townships(
    rt: ServiceRuntime, proposal_column: Column[str], townships: frozenset[str]
) -> ColumnElement[bool]:
    """Rows whose proposal is attributed to one of `townships`."""
    if not townships:
        return false()
    authors = projection(rt, ProposalList).authors
    owned = select(authors.c.proposal_id).where(authors.c.township_id.in_(sorted(townships)))
    return proposal_column.in_(owned)


def any_of(parts: list[ColumnElement[bool]]) -> ColumnElement[bool]:
    return or_(*parts) if parts else false()


def mask_contact(contact: str) -> str:
    """138****5678 · z***@example.com · 张*** — enough to recognise, not to reach."""
    value = contact.strip()
    if not value:
        return ""
    if "@" in value:
        local, _, domain = value.partition("@")
        return f"{local[:1]}***@{domain}"
    digits = [c for c in value if c.isdigit()]
    if len(digits) >= 7:
        return f"{value[:3]}****{value[-4:]}"
    return f"{value[:1]}***"


def mask_name(name: str) -> str:
    value = name.strip()
    return f"{value[:1]}*" if value else ""
