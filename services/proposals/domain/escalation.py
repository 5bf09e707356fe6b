"""Issues raised on members' visits, escalated by the members service
(`members.visit.issue_escalated`, docs/events/members-visit-issue-escalated.md): a 提案
draft for the member, or a 社情民意 report.

Idempotent by id: the draft / report gets the `draft_id` the event names (derived from the
visit, the issue and the target), and a repeat — the draft or report exists, whatever its
state by now — decides nothing. 社情民意 reports have no draft state (DOMAIN §3.3 O1 creates
them submitted), so an escalated issue becomes a report submitted by the member with
source channel `visit`, numbered and in the info office's queue (docs/decisions/0012).
"""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.events import DomainEvent

from .commands import DraftProposal, ProposalCommand
from .common import TITLE_MAX_CHARS, utc
from .config import DEFAULT_CONFIG, LifecycleConfig
from .drafting import decide_draft_proposal
from .events import Category, Period, ProposalBody
from .model import ProposalState
from .opinion.commands import ReportCommand
from .opinion.events import (
    InfoNature,
    OpinionReportSubmitted,
    OpinionSerialAllocated,
    ReportBody,
    ReportCategory,
)
from .opinion.rules import body as report_body
from .opinion.state import (
    OpinionRegisterState,
    ReportState,
    format_report_serial,
    register_id,
    report_year,
)

SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{1,31}$")


class EscalationConfig(BaseModel):
    """What an escalated issue becomes (the `[escalation]` table of `PROPOSALS_CONFIG`)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    proposal_category: Category = "society"
    proposal_period: Period = "interim"  # visits happen between plenary sessions
    # 届次/会次 of the draft; None = those of the latest proposal on file (edge lookup)
    term_no: int | None = Field(default=None, ge=1)
    session_no: int | None = Field(default=None, ge=1)
    report_category: ReportCategory = "society"
    report_info_nature: InfoNature = "emerging_issue"


DEFAULT_ESCALATION = EscalationConfig()


class DraftFromVisit(ProposalCommand):
    """走访问题转提案草稿: `proposal_id` = the event's `draft_id`."""

    lead_author_id: str
    author_name: str | None = None
    township_id: str | None  # the author's liaison group (else the visited township)
    title: str
    text: str
    term_no: int
    session_no: int
    visit_id: str
    issue_index: int


class ReportFromVisit(ReportCommand):
    """走访问题转社情民意信息: `report_id` = the event's `draft_id`."""

    member_id: str
    member_name: str | None = None
    township_id: str | None
    visit_township_id: str | None = None
    title: str
    text: str
    visit_id: str
    issue_index: int


def decide_draft_from_visit(
    cmd: DraftFromVisit,
    state: ProposalState,
    lifecycle: LifecycleConfig = DEFAULT_CONFIG,
    config: EscalationConfig = DEFAULT_ESCALATION,
) -> list[DomainEvent]:
    """A proposal draft of the member (∅ → draft); nothing when it exists already."""
    if state.exists:
        return []
    draft = DraftProposal(
        proposal_id=cmd.proposal_id,
        actor=cmd.actor,
        at=cmd.at,
        author_kind="individual",
        lead_author_id=cmd.lead_author_id,
        title=_title(cmd.title, cmd.text, "的提案"),
        body=ProposalBody(situation=cmd.text.strip()),
        category=config.proposal_category,
        term_no=cmd.term_no,
        session_no=cmd.session_no,
        period=config.proposal_period,
        township_id=cmd.township_id,
        author_name=cmd.author_name,
    )
    source = {
        "source_channel": "visit",
        "source_visit_id": cmd.visit_id,
        "source_issue_index": cmd.issue_index,
    }
    return [e.model_copy(update=source) for e in decide_draft_proposal(draft, state, lifecycle)]


def decide_report_from_visit(
    cmd: ReportFromVisit,
    report: ReportState,
    register: OpinionRegisterState,
    config: EscalationConfig = DEFAULT_ESCALATION,
) -> list[tuple[str, DomainEvent]]:
    """A 社情民意 report by the member (∅ → submitted) with the year's next number;
    nothing when the report exists already."""
    if report.exists:
        return []
    year = report_year(cmd.at)
    if register.year not in (0, year):
        raise ValueError(f"register of {register.year} given for a report of {year}")
    seq = register.next_seq
    serial_no = format_report_serial(year, seq)
    member = cmd.member_id.strip()
    township = cmd.township_id if cmd.township_id and SLUG.match(cmd.township_id) else None
    visited = cmd.visit_township_id or ""
    submitted = OpinionReportSubmitted(
        report_id=cmd.report_id,
        township_id=township,
        serial_no=serial_no,
        year=year,
        reporter_kind="member",
        author_ids=(member,),
        author_names={member: cmd.member_name} if cmd.member_name else {},
        author_township_ids={member: township} if township else {},
        reporter_name=None,
        contact_phone=None,
        direct_report_point_id=None,
        liaison_group_id=None,
        title=_title(cmd.title, cmd.text, "的情况反映"),
        body=report_body(ReportBody(situation=cmd.text), strict=False),
        info_nature=config.report_info_nature,
        category=config.report_category,
        urgency="normal",
        source_channel="visit",
        township_ids=(visited,) if SLUG.match(visited) else (),
        series_id=None,
        submitted_at=utc(cmd.at),
        source_visit_id=cmd.visit_id,
        source_issue_index=cmd.issue_index,
    )
    allocated = OpinionSerialAllocated(
        year=year, seq=seq, serial_no=serial_no, report_id=cmd.report_id
    )
    return [(register_id(year), allocated), (cmd.report_id, submitted)]


def _title(raw: str, text: str, suffix: Literal["的提案", "的情况反映"]) -> str:
    """The given title, else `关于<text 前 30 字><suffix>`, within the length limit."""
    title = raw.strip() or f"关于{text.strip()[:30]}{suffix}"
    return title[:TITLE_MAX_CHARS]


__all__ = [
    "DEFAULT_ESCALATION",
    "DraftFromVisit",
    "EscalationConfig",
    "ReportFromVisit",
    "decide_draft_from_visit",
    "decide_report_from_visit",
]
