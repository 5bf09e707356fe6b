"""Events of 社情民意信息 (public-opinion reports): the `opinion_report` aggregate and its
per-year serial-number register `opinion_register` (DOMAIN §3.2, §3.3, §3.7, §8.3).

Subjects: `cppcc.proposals.opinion_report.<report_id>.<name>` and
`cppcc.proposals.opinion_register.<year>.<name>`.

Events carry what consumers need: every report event names the report's township
(`township_id`, the CloudEvents `township` extension) and the later ones the authors and
the report's year, so notifications and member statistics need no joins.
"""

from __future__ import annotations

from datetime import datetime
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.events import DomainEvent, EventRegistry

CONTEXT = "proposals"
OPINION_REPORT = "opinion_report"
OPINION_REGISTER = "opinion_register"
BULLETIN_ISSUE = "bulletin_issue"
BULLETIN_REGISTER = "bulletin_register"
DIRECT_REPORT_POINT = "direct_report_point"

# --- code lists (Chinese labels in labels.py) ---------------------------------------------

ReporterKind = Literal[
    "member",
    "party_org",
    "people_org",
    "special_committee",
    "liaison_group",
    "sector",
    "info_officer",
    "direct_report_point",
    "opinion_liaison",
]
InfoNature = Literal[
    "overall_situation", "emerging_issue", "constructive_opinion", "targeted_suggestion"
]
ReportCategory = Literal["economy", "politics", "culture", "society", "ecology", "other"]
Urgency = Literal["normal", "urgent"]
SourceChannel = Literal[
    "plenary_or_meeting",
    "inspection_research",
    "from_proposal",
    "visit",
    "mailbox",
    "online_platform",
    "letter_call_visit",
]
UseMode = Literal["single_article", "compiled", "forwarded_original"]
AdoptionLevel = Literal["county", "county_party_gov", "city", "province", "national"]
UpwardLevel = Literal["city", "province", "national"]
InstructionLevel = Literal["county_leader", "city_leader", "provincial_leader", "national_leader"]

registry = EventRegistry()


class ReportBody(BaseModel):
    """有情况、有分析、有建议."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    situation: str = ""
    analysis: str = ""
    suggestions: str = ""

    def length(self) -> int:
        return len(self.situation) + len(self.analysis) + len(self.suggestions)


class OpinionReportEvent(DomainEvent):
    """Base of the events of one report (aggregate `opinion_report`)."""

    context: ClassVar[str] = CONTEXT
    aggregate: ClassVar[str] = OPINION_REPORT

    report_id: str
    township_id: str | None


class AuthoredReportEvent(OpinionReportEvent):
    """A report event authors are told about / counted by (statistics per member)."""

    author_ids: tuple[str, ...] = ()
    year: int


@registry.register
class OpinionReportSubmitted(OpinionReportEvent):
    """报送社情民意信息 (O1): numbered `SQMY-{year}-{seq}`, in the info office's queue."""

    name: ClassVar[str] = "submitted"

    serial_no: str
    year: int
    reporter_kind: ReporterKind
    author_ids: tuple[str, ...]
    author_names: dict[str, str] = Field(default_factory=dict)
    author_township_ids: dict[str, str] = Field(default_factory=dict)
    reporter_name: str | None
    contact_phone: str | None
    direct_report_point_id: str | None
    liaison_group_id: str | None
    title: str
    body: ReportBody
    info_nature: InfoNature
    category: ReportCategory
    urgency: Urgency
    source_channel: SourceChannel
    township_ids: tuple[str, ...]
    series_id: str | None
    submitted_at: datetime
    # source_channel `visit`: the member's visit and the issue's index in it (members:
    # visit.issue_escalated; the report is created submitted, as reports have no drafts)
    source_visit_id: str | None = None
    source_issue_index: int | None = None


@registry.register
class OpinionReportCreatedFromProposal(OpinionReportEvent):
    """提案转社情民意信息 (O1b): created from a not-registered proposal."""

    name: ClassVar[str] = "created_from_proposal"

    origin_proposal_id: str
    serial_no: str
    year: int
    author_ids: tuple[str, ...]
    author_names: dict[str, str] = Field(default_factory=dict)
    author_township_ids: dict[str, str] = Field(default_factory=dict)
    title: str
    body: ReportBody
    info_nature: InfoNature
    category: ReportCategory
    township_ids: tuple[str, ...]
    created_at: datetime


@registry.register
class OpinionReportEditingStarted(OpinionReportEvent):
    """开始编辑 (O2)."""

    name: ClassVar[str] = "editing_started"

    editor_id: str
    started_at: datetime


@registry.register
class OpinionReportEdited(OpinionReportEvent):
    """编辑加工: the info office's edited title/text and notes (while editing)."""

    name: ClassVar[str] = "edited"

    edited_title: str | None
    edited_body: ReportBody | None
    editor_notes: str | None
    edited_at: datetime


@registry.register
class OpinionReportReturned(AuthoredReportEvent):
    """退回修改 (O3)."""

    name: ClassVar[str] = "returned"

    reason: str
    returned_at: datetime


@registry.register
class OpinionReportResubmitted(AuthoredReportEvent):
    """修改后重新报送 (returned → submitted)."""

    name: ClassVar[str] = "resubmitted"

    title: str
    body: ReportBody
    resubmitted_at: datetime


@registry.register
class OpinionReportAccepted(AuthoredReportEvent):
    """拟采用 (O4) with its use mode."""

    name: ClassVar[str] = "accepted"

    use_mode: UseMode
    accepted_at: datetime


@registry.register
class OpinionReportArchived(AuthoredReportEvent):
    """存档不用 (O5); still counts as submitted."""

    name: ClassVar[str] = "archived"

    reason: str
    archived_at: datetime


@registry.register
class OpinionSerialAllocated(DomainEvent):
    """The next number of a year's register went to a report (gapless)."""

    context: ClassVar[str] = CONTEXT
    aggregate: ClassVar[str] = OPINION_REGISTER
    name: ClassVar[str] = "serial_allocated"

    year: int
    seq: int
    serial_no: str
    report_id: str
