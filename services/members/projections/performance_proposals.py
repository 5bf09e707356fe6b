"""`performance` handlers for PROPOSALS: proposals, 优秀提案, 社情民意信息, visit outputs.

Joint proposals credit every author with their role (lead / co). A proposal converted to
a 社情民意信息 keeps its facts in the file but marked void (`converted_to_public_opinion`)
and its authors get the opinion-report fact instead: it counts once, as a report. The
report created from it (`opinion_report.created_from_proposal`) has the same fact ids, so
whichever of the two events comes first makes the fact and the other changes nothing.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql import Executable

from services.members.localtime import local_date
from services.members.projections.foreign_performance import (
    PerfProposalConverted,
    PerfProposalDesignatedKey,
    PerfProposalMarkedExcellent,
    PerfProposalRegistered,
    PerfProposalsMerged,
    PerfProposalSubmitted,
    PerfProposalWithdrawn,
    PerfReportAdopted,
    PerfReportFromProposal,
    PerfReportInstructed,
    PerfReportSubmitted,
)
from services.members.projections.performance_rows import day, fact_row
from services.members.scoring.facts import VOID_CONVERTED, VOID_WITHDRAWN
from shared.events import RecordedEvent
from shared.projection import Write, flush


def role_of(member_id: str, lead: str) -> str:
    return "lead" if member_id == lead else "co"


class ProposalFactHandlers:
    """Mixin of `Performance`: the statements are built in its `define()`."""

    facts: Table
    authors: Table
    escalations: Table
    put_fact: Executable
    void_facts: Executable
    put_author: Executable
    add_author: Executable

    # --- proposals ---------------------------------------------------------------------

    def _proposal_facts(
        self, rec: RecordedEvent, pid: str, kind: str, roles: dict[str, str], **extra: Any
    ) -> list[Write]:
        on = day(extra.pop("on", None), rec)
        snapshots: dict[str, str] = extra.pop("snapshots", {})
        suffix = extra.pop("suffix", "")
        return [
            (
                self.put_fact,
                fact_row(
                    rec,
                    f"proposal:{pid}:{kind}{suffix}:{member_id}",
                    member_id,
                    "proposal",
                    kind,
                    on,
                    role=role,
                    ref_id=pid,
                    township_id=snapshots.get(member_id),
                    **extra,
                ),
            )
            for member_id, role in roles.items()
        ]

    def _author_rows(self, pid: str, roles: dict[str, str]) -> list[Write]:
        return [
            (self.put_author, {"proposal_id": pid, "member_id": m, "role": r})
            for m, r in roles.items()
        ]

    def proposal_submitted(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, PerfProposalSubmitted)
        roles = {m: role_of(m, e.lead_author_id) for m in e.authors()}
        on = local_date(e.submitted_at) if e.submitted_at else None
        facts = self._proposal_facts(
            rec, e.proposal_id, "submitted", roles, on=on, snapshots=e.author_township_ids
        )
        return [*self._author_rows(e.proposal_id, roles), *facts]

    async def proposal_registered(self, conn: AsyncConnection, rec: RecordedEvent) -> None:
        e = rec.event
        assert isinstance(e, PerfProposalRegistered)
        roles = {m: role_of(m, e.lead_author_id) for m in e.authors()}
        on = local_date(e.registered_at) if e.registered_at else None
        facts = self._proposal_facts(rec, e.proposal_id, "registered", roles, on=on)
        await flush(conn, [*self._author_rows(e.proposal_id, roles), *facts])
        await self.link_output(conn, e.proposal_id)

    def proposal_withdrawn(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, PerfProposalWithdrawn)
        return [(self.void_facts, {"b_ref": e.proposal_id, "b_reason": VOID_WITHDRAWN})]

    def proposal_converted(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, PerfProposalConverted)
        void = (self.void_facts, {"b_ref": e.proposal_id, "b_reason": VOID_CONVERTED})
        on = local_date(e.routed_at) if e.routed_at else None
        authors = e.all_authors()
        return [void, *self._report_facts(rec, e.report_id, authors, on, e.author_township_ids)]

    async def proposals_merged(self, conn: AsyncConnection, rec: RecordedEvent) -> None:
        e = rec.event
        assert isinstance(e, PerfProposalsMerged)
        added = {m: "co" for m in dict.fromkeys(e.added_co_author_ids) if m != e.lead_author_id}
        writes = [
            (self.add_author, {"proposal_id": e.proposal_id, "member_id": m, "role": r})
            for m, r in added.items()
        ]
        f = self.facts
        stmt = select(f.c.fact_id).where(
            f.c.ref_id == e.proposal_id, f.c.category == "proposal", f.c.kind == "registered"
        )
        if (await conn.execute(stmt.limit(1))).first() is not None:
            on = local_date(e.merged_at) if e.merged_at else None
            writes += self._proposal_facts(rec, e.proposal_id, "registered", added, on=on)
        await flush(conn, writes)

    async def _roles(self, conn: AsyncConnection, pid: str, lead: str) -> dict[str, str]:
        a = self.authors
        stmt = select(a.c.member_id, a.c.role).where(a.c.proposal_id == pid)
        roles = {r.member_id: r.role for r in await conn.execute(stmt.order_by(a.c.member_id))}
        return roles or ({lead: "lead"} if lead else {})

    async def proposal_key(self, conn: AsyncConnection, rec: RecordedEvent) -> None:
        e = rec.event
        assert isinstance(e, PerfProposalDesignatedKey)
        roles = await self._roles(conn, e.proposal_id, e.lead_author_id)
        on = local_date(e.designated_at) if e.designated_at else None
        await flush(conn, self._proposal_facts(rec, e.proposal_id, "key", roles, on=on))

    def proposal_excellent(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, PerfProposalMarkedExcellent)
        authors = tuple(dict.fromkeys(e.author_ids))
        roles = {m: ("lead" if i == 0 else "co") for i, m in enumerate(authors)}
        on = local_date(e.marked_at) if e.marked_at else None
        return self._proposal_facts(
            rec,
            e.proposal_id,
            "excellent",
            roles,
            on=on,
            suffix=f":{e.level}",
            year=e.year,
            detail=e.level or None,
        )

    # --- 社情民意信息 --------------------------------------------------------------------

    def _report_facts(
        self,
        rec: RecordedEvent,
        report_id: str,
        authors: tuple[str, ...],
        on: Any,
        snapshots: dict[str, str],
        kind: str = "submitted",
        **extra: Any,
    ) -> list[Write]:
        suffix = extra.pop("suffix", "")
        return [
            (
                self.put_fact,
                fact_row(
                    rec,
                    f"opinion:{report_id}:{kind}{suffix}:{member_id}",
                    member_id,
                    "opinion_report",
                    kind,
                    day(on, rec),
                    ref_id=report_id,
                    township_id=snapshots.get(member_id),
                    **extra,
                ),
            )
            for member_id in dict.fromkeys(authors)
        ]

    def report_submitted(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, PerfReportSubmitted)
        on = local_date(e.submitted_at) if e.submitted_at else None
        return self._report_facts(rec, e.report_id, e.author_ids, on, e.author_township_ids)

    def report_from_proposal(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, PerfReportFromProposal)
        on = local_date(e.created_at) if e.created_at else None
        snapshots = e.author_township_ids
        return self._report_facts(rec, e.report_id, e.author_ids, on, snapshots)

    async def report_adopted(self, conn: AsyncConnection, rec: RecordedEvent) -> None:
        e = rec.event
        assert isinstance(e, PerfReportAdopted)
        if e.first_at_level is False:
            return
        facts = self._report_facts(
            rec,
            e.report_id,
            e.author_ids,
            e.adopted_on,
            e.author_township_ids,
            "adopted",
            suffix=f":{e.level}",
            detail=e.level or None,
        )
        await flush(conn, facts)
        await self.link_output(conn, e.report_id)

    def report_instructed(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, PerfReportInstructed)
        return self._report_facts(
            rec,
            e.report_id,
            e.author_ids,
            e.instructed_on,
            e.author_township_ids,
            "instructed",
            suffix=f":{e.instruction_no}",
            detail=e.level or None,
        )

    # --- outputs of visits (两访三做) ----------------------------------------------------

    async def link_output(self, conn: AsyncConnection, draft_id: str) -> None:
        """A visit's escalated issue whose draft (report / proposal id = draft_id) has been
        adopted / registered: one `visit.output_adopted` fact for the visit's member, taken
        from the FIRST adoption (by stream order) whichever of the two arrived last."""
        esc = (
            await conn.execute(
                select(self.escalations).where(self.escalations.c.draft_id == draft_id)
            )
        ).first()
        if esc is None:
            return
        f = self.facts
        adopted = (f.c.category == "opinion_report") & (f.c.kind == "adopted")
        registered = (f.c.category == "proposal") & (f.c.kind == "registered")
        stmt = select(f).where(f.c.ref_id == draft_id, adopted | registered)
        first = (await conn.execute(stmt.order_by(f.c.seq, f.c.fact_id).limit(1))).first()
        if first is None:
            return
        row = {
            **first._asdict(),
            "fact_id": f"visit:{esc.visit_id}:output:{draft_id}",
            "member_id": esc.member_id,
            "category": "visit",
            "kind": "output_adopted",
            "detail": esc.target,
            "role": None,
            "township_id": esc.township_id,
            "void_reason": None,
            "fixed_points": None,
            "note": None,
        }
        await conn.execute(self.put_fact, row)
