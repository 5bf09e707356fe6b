"""Read model `performance` (履职档案, DOMAIN §5.3): one row per contributing fact of a
member's performance file, over MEMBERS, PROPOSALS and CONSULTATION.

- `perf_facts`: (fact_id) member, year, category, kind, detail, role, the item it is
  about (`ref_id`), business date, recorded time, the township snapshot the event carried,
  source event type and sequence; `void_reason` when it no longer counts.
- `perf_group_history`: the member's liaison group from each registration / group change
  (recorded time). The township a fact belongs to is resolved when it is read (scoring
  `township_at`): a fact that arrived before the member's registration (another stream)
  lands in the right group as soon as the registration is in — no fix-ups needed.
- `perf_members`, `perf_terms`: the roll and term memberships (constraint rules).
- `perf_authors`, `perf_escalations`: lookups for key proposals and visit outputs.
- `perf_constraints`: constraint rules triggered (appraisal events).

Points are NOT stored: the score is computed when read, from the facts and the year's
rule set, so a changed rule set gives a different (explained) result, before and after a
rebuild alike. Deterministic (event data and recorded time only): rebuild equals live.
"""

from __future__ import annotations

from sqlalchemy import and_, bindparam, update

from services.members.domain import (
    MemberAppointed,
    MemberLiaisonGroupChanged,
    MemberProfileUpdated,
    MemberRegistered,
    MemberTermEnded,
)
from services.members.domain import registry as members_registry
from services.members.domain.activities import registry as activities_registry
from services.members.domain.activities.excellence import ExcellenceAwarded
from services.members.domain.activities.livelihood import LivelihoodActivityVerified
from services.members.domain.activities.training import TrainingAttended
from services.members.domain.activities.visit import VisitIssueEscalated, VisitVerified
from services.members.domain.appraisal import (
    MemberConstraintTriggered,
    MemberPersuadedToResign,
    MemberQualificationRevoked,
    MemberScoreAdjusted,
    MemberWarned,
)
from services.members.domain.appraisal import registry as appraisal_registry
from services.members.domain.meeting import AttendanceRecorded
from services.members.projections import foreign_performance as fp
from services.members.projections import performance_rows as rows
from services.members.projections.performance_consultation import ConsultationFactHandlers
from services.members.projections.performance_members import MemberFactHandlers
from services.members.projections.performance_proposals import ProposalFactHandlers
from shared.db import upsert
from shared.events import EventRegistry
from shared.projection import Projection

performance_registry = EventRegistry()
performance_registry.include(members_registry)
performance_registry.include(activities_registry)
performance_registry.include(appraisal_registry)
performance_registry.include(fp.perf_foreign_registry)


class Performance(ProposalFactHandlers, ConsultationFactHandlers, MemberFactHandlers, Projection):
    name = "performance"
    sources = ("MEMBERS", "PROPOSALS", "CONSULTATION")
    registry = performance_registry

    def define(self) -> None:
        self.facts = self.table("perf_facts", *rows.fact_columns(), *rows.fact_indexes(self.prefix))
        self.history = self.table("perf_group_history", *rows.history_columns())
        self.members = self.table("perf_members", *rows.member_columns())
        self.terms = self.table("perf_terms", *rows.term_columns())
        self.authors = self.table("perf_authors", *rows.author_columns())
        self.escalations = self.table("perf_escalations", *rows.escalation_columns())
        self.constraints = self.table("perf_constraints", *rows.constraint_columns())
        self._statements()
        self._member_handlers()
        self._foreign_handlers()

    def _statements(self) -> None:
        d, f, m, t = self.dialect, self.facts, self.members, self.terms
        self.put_fact = upsert(d, f, ["fact_id"], update=[])
        self.replace_fact = upsert(d, f, ["fact_id"])
        self.void_facts = (
            update(f)
            .where(
                and_(
                    f.c.ref_id == bindparam("b_ref"),
                    f.c.category == "proposal",
                    f.c.void_reason.is_(None),
                )
            )
            .values(void_reason=bindparam("b_reason"))
        )
        self.put_spell = upsert(d, self.history, ["member_id", "seq"], update=[])
        self.put_member = upsert(d, m, ["member_id"])
        member = m.c.member_id == bindparam("b_id")
        self.set_member = update(m).where(member).values(township_id=bindparam("b_township"))
        self.set_name = update(m).where(member).values(name=bindparam("b_name"))
        self.set_active = update(m).where(member).values(active=bindparam("b_active"))
        self.put_term = upsert(d, t, ["member_id", "term_no"])
        self.end_term = (
            update(t)
            .where(t.c.member_id == bindparam("b_id"), t.c.term_no == bindparam("b_term"))
            .values(left_on=bindparam("b_left"), exit_reason=bindparam("b_reason"))
        )
        self.put_author = upsert(d, self.authors, ["proposal_id", "member_id"])
        self.add_author = upsert(d, self.authors, ["proposal_id", "member_id"], update=[])
        self.put_escalation = upsert(d, self.escalations, ["draft_id"], update=[])
        self.put_constraint = upsert(d, self.constraints, ["member_id", "year", "rule"], update=[])

    def _member_handlers(self) -> None:
        self.on(MemberRegistered, self.member_registered)
        self.on(MemberLiaisonGroupChanged, self.group_changed)
        self.on(MemberProfileUpdated, self.profile_updated)
        self.on(MemberAppointed, self.appointed)
        self.on(MemberTermEnded, self.term_ended)
        self.on(AttendanceRecorded, self.attendance)
        self.on(VisitVerified, self.visit_verified)
        self.on_async(VisitIssueEscalated, self.escalated)
        self.on(TrainingAttended, self.training)
        self.on(LivelihoodActivityVerified, self.livelihood)
        self.on(ExcellenceAwarded, self.excellence)
        self.on(MemberConstraintTriggered, self.constraint)
        for decision in (MemberWarned, MemberPersuadedToResign, MemberQualificationRevoked):
            self.on(decision, self.decision)
        self.on(MemberScoreAdjusted, self.adjusted)

    def _foreign_handlers(self) -> None:
        self.on(fp.PerfProposalSubmitted, self.proposal_submitted)
        self.on_async(fp.PerfProposalRegistered, self.proposal_registered)
        self.on(fp.PerfProposalWithdrawn, self.proposal_withdrawn)
        self.on(fp.PerfProposalConverted, self.proposal_converted)
        self.on_async(fp.PerfProposalsMerged, self.proposals_merged)
        self.on_async(fp.PerfProposalDesignatedKey, self.proposal_key)
        self.on(fp.PerfProposalMarkedExcellent, self.proposal_excellent)
        self.on(fp.PerfReportSubmitted, self.report_submitted)
        self.on(fp.PerfReportFromProposal, self.report_from_proposal)
        self.on_async(fp.PerfReportAdopted, self.report_adopted)
        self.on(fp.PerfReportInstructed, self.report_instructed)
        self.on(fp.PerfConsultationHeld, self.consultation)
        self.on(fp.PerfInspectionConducted, self.inspection)


__all__ = ["Performance", "performance_registry"]
