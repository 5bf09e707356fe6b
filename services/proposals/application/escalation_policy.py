"""Policy: an issue a member raised on a visit and escalated (members:
`visit.issue_escalated`) becomes a 提案 draft of that member or a 社情民意 report
(docs/events/members-visit-issue-escalated.md; DOMAIN §5.2).

Exactly-once effect: the draft / report gets the `draft_id` the event names (by contract
`stable_id(visit_id, str(issue_index), target)`), and the deciders return nothing when it
exists — so a redelivered, replayed or duplicated escalation (another event id, the same
draft id) changes nothing. Time is the cause's, so a retry decides the same.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import structlog
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from services.proposals.config_deadlines import load_escalation_config
from services.proposals.config_lifecycle import load_lifecycle_config
from services.proposals.domain import proposal_decider
from services.proposals.domain.escalation import (
    DraftFromVisit,
    ReportFromVisit,
    decide_draft_from_visit,
    decide_report_from_visit,
)
from services.proposals.domain.opinion import (
    opinion_register_decider,
    register_id,
    report_decider,
    report_year,
)
from services.proposals.projections.foreign_members_activities import VisitIssueEscalated
from services.proposals.projections.member_reference import MemberRef, MemberReference
from services.proposals.projections.proposal_list import ProposalList
from services.proposals.projections.registries import read_registry
from shared.commands import Decision, Target
from shared.domain import DomainError
from shared.events import RecordedEvent
from shared.ids import stable_id
from shared.policy import Policy

log = structlog.get_logger(__name__)
SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def draft_id_of(event: VisitIssueEscalated) -> str:
    """The event's `draft_id`, or (unusable as a subject token) the contract's derivation."""
    if SAFE_ID.match(event.draft_id):
        return event.draft_id
    return stable_id(event.visit_id, str(event.issue_index), event.target)


class VisitEscalations(Policy):
    name = "visit_escalations"
    sources = ("MEMBERS",)
    registry = read_registry

    def define(self) -> None:
        self.lifecycle = load_lifecycle_config()
        self.config = load_escalation_config()
        self.member_ref = MemberReference(dialect=self.dialect)
        self.proposal_list = ProposalList(dialect=self.dialect).proposals
        self.on_async(VisitIssueEscalated, self.escalated)

    async def escalated(self, conn: AsyncConnection, cause: RecordedEvent) -> None:
        event = cause.event
        assert isinstance(event, VisitIssueEscalated)
        refs = await self.member_ref.lookup(conn, [event.member_id])
        ref = refs.get(event.member_id)
        if event.target == "proposal":
            await self._draft(conn, cause, event, ref)
        elif event.target == "opinion_report":
            await self._report(cause, event, ref)
        else:
            log.warning("visit_escalation_unknown_target", target=event.target)

    async def _draft(
        self,
        conn: AsyncConnection,
        cause: RecordedEvent,
        event: VisitIssueEscalated,
        ref: MemberRef | None,
    ) -> None:
        term_no, session_no = await self._session(conn, event.member_id)
        cmd = DraftFromVisit(
            proposal_id=draft_id_of(event),
            actor=self.actor,
            at=cause.meta.time,
            lead_author_id=event.member_id,
            author_name=ref.name if ref and ref.name else None,
            township_id=event.township_id
            or (ref.township_id if ref else None)
            or event.visit_township_id,
            title=event.title,
            text=event.text,
            term_no=term_no,
            session_no=session_no,
            visit_id=event.visit_id,
            issue_index=event.issue_index,
        )
        targets = [Target(proposal_decider, cmd.proposal_id)]
        await self._run(
            "draft_proposal_from_visit",
            targets,
            lambda states: decide_draft_from_visit(cmd, states[0], self.lifecycle, self.config),
            cause,
        )

    async def _report(
        self, cause: RecordedEvent, event: VisitIssueEscalated, ref: MemberRef | None
    ) -> None:
        cmd = ReportFromVisit(
            report_id=draft_id_of(event),
            actor=self.actor,
            at=cause.meta.time,
            member_id=event.member_id,
            member_name=ref.name if ref and ref.name else None,
            township_id=event.township_id or (ref.township_id if ref else None),
            visit_township_id=event.visit_township_id,
            title=event.title,
            text=event.text,
            visit_id=event.visit_id,
            issue_index=event.issue_index,
        )
        targets = [
            Target(report_decider, cmd.report_id),
            Target(opinion_register_decider, register_id(report_year(cmd.at))),
        ]
        await self._run(
            "report_from_visit",
            targets,
            lambda states: decide_report_from_visit(cmd, states[0], states[1], self.config),
            cause,
        )

    async def _run(
        self,
        name: str,
        targets: Sequence[Target],
        decide: Callable[[list[Any]], Decision],
        cause: RecordedEvent,
    ) -> None:
        try:
            await self.commands.execute(name, targets, decide, self.context_for(cause))
        except DomainError as exc:
            if exc.code == "concurrency":
                raise  # the runner retries the cause
            # A rejection is deterministic: retrying cannot help, so record it and go on.
            log.warning(
                "visit_escalation_rejected",
                command=name,
                aggregate_id=targets[0].aggregate_id,
                cause=cause.meta.event_id,
                error=exc.message,
            )

    async def _session(self, conn: AsyncConnection, member_id: str) -> tuple[int, int]:
        """届次/会次 of the draft: configured, else the latest proposal's on file, else
        the member's term and session 1 (docs/decisions/0012)."""
        if self.config.term_no and self.config.session_no:
            return self.config.term_no, self.config.session_no
        p = self.proposal_list
        latest = (
            await conn.execute(
                select(p.c.term_no, p.c.session_no)
                .where(p.c.term_no > 0, p.c.session_no > 0)
                .order_by(p.c.term_no.desc(), p.c.session_no.desc())
                .limit(1)
            )
        ).first()
        if latest is not None:
            return int(latest.term_no), int(latest.session_no)
        m = self.member_ref.members
        term = (
            await conn.execute(select(m.c.term_no).where(m.c.member_id == member_id))
        ).scalar_one_or_none()
        return (int(term) if term else 1), 1
