"""Policy: a proposal converted to 社情民意 (`proposal.converted_to_public_opinion`) becomes
an opinion report (O1b) with the id the proposal event names.

Exactly-once effect: the report id comes from the cause (`report_id`, by contract
`stable_id(proposal_id, "opinion_report")`), and the decider returns nothing when that
report exists — so a redelivered or duplicated conversion event changes nothing.
"""

from __future__ import annotations

import re

import structlog

from services.proposals.domain.opinion import (
    CreateReportFromProposal,
    ProposalConvertedToPublicOpinion,
    ReportBody,
    decide_create_from_proposal,
    opinion_register_decider,
    register_id,
    report_decider,
    report_year,
)
from services.proposals.projections.registries import read_registry
from shared.commands import Target
from shared.domain import DomainError
from shared.events import DomainEvent, EventRegistry, RecordedEvent
from shared.ids import stable_id
from shared.policy import Policy

log = structlog.get_logger(__name__)
SAFE_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def _policy_registry() -> tuple[EventRegistry, type[DomainEvent]]:
    """Own and foreign events, plus the conversion event: the producer's class when the
    lifecycle module has registered it, else our tolerant model of it."""
    found = EventRegistry()
    found.include(read_registry)
    cls = found.resolve(ProposalConvertedToPublicOpinion.ce_type())
    if cls is None:
        cls = found.register(ProposalConvertedToPublicOpinion)
    return found, cls


policy_registry, CONVERSION_EVENT = _policy_registry()


def conversion_command(cause: RecordedEvent) -> CreateReportFromProposal:
    """The command a conversion event asks for (time: the cause's, so replays agree)."""
    data = ProposalConvertedToPublicOpinion.model_validate(cause.event.model_dump())
    report_id = data.report_id if SAFE_ID.match(data.report_id) else ""
    routed = data.routed_at if data.routed_at and data.routed_at.tzinfo else None
    return CreateReportFromProposal(
        report_id=report_id or stable_id(data.proposal_id, "opinion_report"),
        actor="system",
        at=routed or cause.meta.time,
        origin_proposal_id=data.proposal_id,
        title=data.title,
        body=ReportBody(**data.body.model_dump()),
        category=data.category,
        author_ids=list(data.authors()),
        author_names=dict(data.author_names),
        author_township_ids=dict(data.author_township_ids),
        township_id=data.township_id,
    )


class OpinionFromProposal(Policy):
    name = "opinion_from_proposal"
    sources = ("PROPOSALS",)
    registry = policy_registry

    def define(self) -> None:
        self.react(CONVERSION_EVENT, self.converted)

    async def converted(self, cause: RecordedEvent) -> None:
        cmd = conversion_command(cause)
        targets = [
            Target(report_decider, cmd.report_id),
            Target(opinion_register_decider, register_id(report_year(cmd.at))),
        ]
        try:
            await self.commands.execute(
                "create_report_from_proposal",
                targets,
                lambda states: decide_create_from_proposal(cmd, states[0], states[1]),
                self.context_for(cause),
            )
        except DomainError as exc:
            if exc.code == "concurrency":
                raise  # the runner retries the cause
            # A rejection is deterministic: retrying cannot help, so record it and go on.
            log.warning(
                "opinion_conversion_rejected",
                proposal_id=cmd.origin_proposal_id,
                report_id=cmd.report_id,
                error=exc.message,
            )
