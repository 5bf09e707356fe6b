"""State of a report and of the per-year serial register, folded from their events.

`status` follows the editorial flow (DOMAIN §3.3); adoptions, instructions and feedback
letters are additive facts kept as collections, not states.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta, timezone
from enum import StrEnum

from shared.events import DomainEvent

from .events import (
    AdoptionLevel,
    OpinionReportAccepted,
    OpinionReportArchived,
    OpinionReportCreatedFromProposal,
    OpinionReportEdited,
    OpinionReportEditingStarted,
    OpinionReportResubmitted,
    OpinionReportReturned,
    OpinionReportSubmitted,
    OpinionSerialAllocated,
    ReportBody,
    ReporterKind,
    UpwardLevel,
    UseMode,
)
from .use_events import (
    OpinionReportAdopted,
    OpinionReportClosed,
    OpinionReportFeedbackReceived,
    OpinionReportForwarded,
    OpinionReportInstructed,
    OpinionReportPublished,
    OpinionReportReportedUpward,
)

# Years and serial numbers follow the county's calendar (China Standard Time).
CHINA_TZ = timezone(timedelta(hours=8), "CST")


class ReportStatus(StrEnum):
    SUBMITTED = "submitted"
    IN_EDITING = "in_editing"
    RETURNED = "returned"
    ACCEPTED = "accepted"
    ARCHIVED = "archived"
    PUBLISHED = "published"
    FORWARDED = "forwarded"
    REPORTED_UPWARD = "reported_upward"
    CLOSED = "closed"


S = ReportStatus
# After 采用: the report has reached (or is about to reach) its readers.
USED_STATUSES = frozenset({S.PUBLISHED, S.FORWARDED, S.REPORTED_UPWARD})
ADOPTABLE_STATUSES = frozenset({S.ACCEPTED, *USED_STATUSES})
PUBLISHABLE_STATUSES = frozenset({S.ACCEPTED, S.FORWARDED})
FORWARDABLE_STATUSES = frozenset({S.ACCEPTED, S.PUBLISHED, S.REPORTED_UPWARD})
TERMINAL_STATUSES = frozenset({S.ARCHIVED, S.CLOSED})


@dataclass(frozen=True)
class Adoption:
    level: AdoptionLevel
    adopting_body: str
    vehicle: str | None
    mode: UseMode
    adopted_on: date


@dataclass(frozen=True)
class Instruction:
    leader: str
    level: str
    text: str
    instructed_on: date
    principal: bool


@dataclass(frozen=True)
class Feedback:
    department: str
    text: str
    received_on: date


@dataclass(frozen=True)
class ReportState:
    """One report. `status is None`: it does not exist yet."""

    report_id: str = ""
    status: ReportStatus | None = None
    serial_no: str = ""
    year: int = 0
    reporter_kind: ReporterKind | None = None
    author_ids: tuple[str, ...] = ()
    author_township_ids: Mapping[str, str] = field(default_factory=dict)
    township_id: str | None = None
    township_ids: tuple[str, ...] = ()
    direct_report_point_id: str | None = None
    origin_proposal_id: str | None = None
    title: str = ""
    body: ReportBody = field(default_factory=ReportBody)
    edited_title: str | None = None
    edited_body: ReportBody | None = None
    editor_id: str | None = None
    use_mode: UseMode | None = None
    return_reason: str | None = None
    issue_id: str | None = None
    forwarded_to: tuple[str, ...] = ()
    upward_levels: tuple[UpwardLevel, ...] = ()
    adoptions: tuple[Adoption, ...] = ()
    instructions: tuple[Instruction, ...] = ()
    feedbacks: tuple[Feedback, ...] = ()

    @property
    def exists(self) -> bool:
        return self.status is not None

    @property
    def display_title(self) -> str:
        return self.edited_title or self.title


def evolve(state: ReportState, event: DomainEvent) -> ReportState:
    """Fold one report event. Unknown events leave the state unchanged."""
    match event:
        case OpinionReportSubmitted():
            created = _created(state, event, event.reporter_kind, None)
            return replace(created, direct_report_point_id=event.direct_report_point_id)
        case OpinionReportCreatedFromProposal():
            return _created(state, event, "member", event.origin_proposal_id)
        case OpinionReportEditingStarted():
            return replace(state, status=S.IN_EDITING, editor_id=event.editor_id)
        case OpinionReportEdited():
            return replace(
                state,
                edited_title=event.edited_title or state.edited_title,
                edited_body=event.edited_body or state.edited_body,
            )
        case OpinionReportReturned():
            return replace(state, status=S.RETURNED, return_reason=event.reason)
        case OpinionReportResubmitted():
            return replace(state, status=S.SUBMITTED, title=event.title, body=event.body)
        case OpinionReportAccepted():
            return replace(state, status=S.ACCEPTED, use_mode=event.use_mode)
        case OpinionReportArchived():
            return replace(state, status=S.ARCHIVED)
        case OpinionReportPublished():
            return replace(state, status=S.PUBLISHED, issue_id=event.issue_id)
        case _:
            return _evolve_after_use(state, event)


def _evolve_after_use(state: ReportState, event: DomainEvent) -> ReportState:
    match event:
        case OpinionReportForwarded():
            status = S.FORWARDED if state.status == S.ACCEPTED else state.status
            return replace(state, status=status, forwarded_to=event.departments)
        case OpinionReportReportedUpward():
            return replace(state, status=S.REPORTED_UPWARD, upward_levels=event.all_levels)
        case OpinionReportAdopted():
            adoption = Adoption(
                event.level, event.adopting_body, event.vehicle, event.mode, event.adopted_on
            )
            return replace(state, adoptions=(*state.adoptions, adoption))
        case OpinionReportInstructed():
            instruction = Instruction(
                event.leader, event.level, event.text, event.instructed_on, event.principal
            )
            return replace(state, instructions=(*state.instructions, instruction))
        case OpinionReportFeedbackReceived():
            feedback = Feedback(event.department, event.text, event.received_on)
            return replace(state, feedbacks=(*state.feedbacks, feedback))
        case OpinionReportClosed():
            return replace(state, status=S.CLOSED)
        case _:
            return state


def _created(
    state: ReportState,
    event: OpinionReportSubmitted | OpinionReportCreatedFromProposal,
    reporter_kind: ReporterKind,
    origin_proposal_id: str | None,
) -> ReportState:
    return replace(
        state,
        report_id=event.report_id,
        status=S.SUBMITTED,
        serial_no=event.serial_no,
        year=event.year,
        reporter_kind=reporter_kind,
        author_ids=event.author_ids,
        author_township_ids=dict(event.author_township_ids),
        township_id=event.township_id,
        township_ids=event.township_ids,
        origin_proposal_id=origin_proposal_id,
        title=event.title,
        body=event.body,
    )


# --- serial register ------------------------------------------------------------------


@dataclass(frozen=True)
class OpinionRegisterState:
    """Serial register of one year; `last_seq` = last number handed out (0 = none)."""

    year: int = 0
    last_seq: int = 0

    @property
    def next_seq(self) -> int:
        return self.last_seq + 1


def evolve_register(state: OpinionRegisterState, event: DomainEvent) -> OpinionRegisterState:
    match event:
        case OpinionSerialAllocated():
            return replace(state, year=event.year, last_seq=event.seq)
        case _:
            return state


def register_id(year: int) -> str:
    """Aggregate id of a year's serial register, e.g. `2026`."""
    return str(year)


def report_year(at: datetime) -> int:
    """The year a report counts in: its submission date in China Standard Time."""
    return at.astimezone(CHINA_TZ).year


def format_report_serial(year: int, seq: int) -> str:
    """DOMAIN §8.3: `SQMY-{year}-{seq}`, seq zero-padded to three digits (`SQMY-2026-007`)."""
    return f"SQMY-{year}-{seq:03d}"
