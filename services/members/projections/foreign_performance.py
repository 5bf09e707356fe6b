"""Tolerant models of the other services' events the `performance` projection reads.

Same `context`, `aggregate`, `name` and `version` as the producers (proposals: the
proposal lifecycle, 优秀提案 on the award roll and 社情民意信息; consultation: activities
held with their participants' roles), declaring only the fields scoring needs, with
defaults where a producer might omit one. They live in their own registry
(`perf_foreign_registry`): `foreign.py`'s models of the same events declare fewer fields.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from shared.events import DomainEvent, EventRegistry

perf_foreign_registry = EventRegistry()

TOLERANT = ConfigDict(frozen=True, extra="ignore")


def _text(value: Any) -> Any:
    return "" if value is None else value


def _ids(value: Any) -> Any:
    return () if value is None else value


def _groups(value: Any) -> Any:
    """{member: township}; entries without a township are dropped."""
    return {k: v for k, v in (value or {}).items() if v}


# Producers may send null where these readers expect a value: read it as empty.
Text = Annotated[str, BeforeValidator(_text)]
Ids = Annotated[tuple[str, ...], BeforeValidator(_ids)]
Groups = Annotated[dict[str, str], BeforeValidator(_groups)]


# --- proposals: the proposal lifecycle (DOMAIN §2.14) -------------------------------------


class ProposalFact(DomainEvent):
    model_config = TOLERANT

    context: ClassVar[str] = "proposals"
    aggregate: ClassVar[str] = "proposal"
    version: ClassVar[int] = 1

    proposal_id: str
    township_id: str | None = None
    lead_author_id: Text = ""
    co_author_ids: Ids = ()
    author_township_ids: Groups = Field(default_factory=dict)

    def authors(self) -> tuple[str, ...]:
        ordered = (self.lead_author_id, *self.co_author_ids)
        return tuple(dict.fromkeys(a for a in ordered if a))


@perf_foreign_registry.register
class PerfProposalSubmitted(ProposalFact):
    name: ClassVar[str] = "submitted"

    author_kind: Text = "individual"
    submitted_at: datetime | None = None


@perf_foreign_registry.register
class PerfProposalRegistered(ProposalFact):
    name: ClassVar[str] = "registered"

    registered_at: datetime | None = None


@perf_foreign_registry.register
class PerfProposalWithdrawn(ProposalFact):
    name: ClassVar[str] = "withdrawn"


@perf_foreign_registry.register
class PerfProposalConverted(ProposalFact):
    """转为社情民意信息: counts as an opinion report, no longer as a proposal."""

    name: ClassVar[str] = "converted_to_public_opinion"

    report_id: Text = ""
    author_ids: Ids = ()
    routed_at: datetime | None = None

    def all_authors(self) -> tuple[str, ...]:
        ordered = (self.lead_author_id, *self.author_ids, *self.co_author_ids)
        return tuple(dict.fromkeys(a for a in ordered if a))


@perf_foreign_registry.register
class PerfProposalsMerged(ProposalFact):
    """并案 on the primary: the secondaries' authors become co-authors."""

    name: ClassVar[str] = "proposals_merged"

    added_co_author_ids: Ids = ()
    merged_at: datetime | None = None


@perf_foreign_registry.register
class PerfProposalDesignatedKey(ProposalFact):
    name: ClassVar[str] = "designated_key"

    designated_at: datetime | None = None


@perf_foreign_registry.register
class PerfProposalMarkedExcellent(DomainEvent):
    """优秀提案 on the year's award roll (aggregate `award_roll`, id = the year)."""

    model_config = TOLERANT

    context: ClassVar[str] = "proposals"
    aggregate: ClassVar[str] = "award_roll"
    name: ClassVar[str] = "proposal_marked_excellent"
    version: ClassVar[int] = 1

    year: int
    level: Text = "county"
    proposal_id: str
    township_id: str | None = None
    author_ids: Ids = ()
    marked_at: datetime | None = None


# --- proposals: 社情民意信息 (DOMAIN §3.7) --------------------------------------------------


class ReportFact(DomainEvent):
    model_config = TOLERANT

    context: ClassVar[str] = "proposals"
    aggregate: ClassVar[str] = "opinion_report"
    version: ClassVar[int] = 1

    report_id: str
    township_id: str | None = None
    author_ids: Ids = ()
    author_township_ids: Groups = Field(default_factory=dict)


@perf_foreign_registry.register
class PerfReportSubmitted(ReportFact):
    name: ClassVar[str] = "submitted"

    submitted_at: datetime | None = None


@perf_foreign_registry.register
class PerfReportFromProposal(ReportFact):
    name: ClassVar[str] = "created_from_proposal"

    origin_proposal_id: Text = ""
    created_at: datetime | None = None


@perf_foreign_registry.register
class PerfReportAdopted(ReportFact):
    name: ClassVar[str] = "adopted"

    level: Text = ""
    adopted_on: date | None = None
    first_at_level: bool | None = True


@perf_foreign_registry.register
class PerfReportInstructed(ReportFact):
    name: ClassVar[str] = "instructed"

    instruction_no: int = 1
    level: Text = ""
    instructed_on: date | None = None


# --- consultation (DOMAIN §4.7) ------------------------------------------------------------


class PerfParticipant(BaseModel):
    model_config = TOLERANT

    member_id: Text = ""
    role: Text = "participant"
    township_id: str | None = None
    attended: bool | None = True


@perf_foreign_registry.register
class PerfConsultationHeld(DomainEvent):
    model_config = TOLERANT

    context: ClassVar[str] = "consultation"
    aggregate: ClassVar[str] = "consultation"
    name: ClassVar[str] = "held"
    version: ClassVar[int] = 1

    consultation_id: str
    type: Text = ""
    township_id: str | None = None
    held_on: date | None = None
    participants: Annotated[tuple[PerfParticipant, ...], BeforeValidator(_ids)] = ()


@perf_foreign_registry.register
class PerfInspectionConducted(DomainEvent):
    """视察 conducted (`inspection_conducted`, DOMAIN §4.6) — read if the consultation
    service records inspections; members who did not attend (`attended: false`) are skipped."""

    model_config = TOLERANT

    context: ClassVar[str] = "consultation"
    aggregate: ClassVar[str] = "inspection"
    name: ClassVar[str] = "conducted"
    version: ClassVar[int] = 1

    inspection_id: Text = ""
    township_id: str | None = None
    conducted_on: date | None = None
    participants: Annotated[tuple[PerfParticipant, ...], BeforeValidator(_ids)] = ()
