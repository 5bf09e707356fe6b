"""Events of a report after 采用 (DOMAIN §3.3 O6–O12): publication, forwarding, reporting
upward, and the additive facts adoption, leader instruction and feedback."""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from .events import (
    AdoptionLevel,
    AuthoredReportEvent,
    InstructionLevel,
    UpwardLevel,
    UseMode,
    registry,
)


@registry.register
class OpinionReportPublished(AuthoredReportEvent):
    """刊发 (O6) in a 《社情民意》 issue."""

    name: ClassVar[str] = "published"

    issue_id: str
    issue_label: str
    series: str
    mode: str
    published_at: datetime


@registry.register
class OpinionReportForwarded(AuthoredReportEvent):
    """原稿转送有关部门 (O7)."""

    name: ClassVar[str] = "forwarded"

    departments: tuple[str, ...]
    forwarded_at: datetime


@registry.register
class OpinionReportReportedUpward(AuthoredReportEvent):
    """向上级政协报送 (O8). `all_levels`: every level reported to so far."""

    name: ClassVar[str] = "reported_upward"

    level: UpwardLevel
    recipient: str | None
    all_levels: tuple[UpwardLevel, ...]
    reported_at: datetime


@registry.register
class OpinionReportAdopted(AuthoredReportEvent):
    """采用 (O9), additive. `first_at_level`: the report's first adoption at this level."""

    name: ClassVar[str] = "adopted"

    adoption_no: int
    level: AdoptionLevel
    adopting_body: str
    vehicle: str | None
    mode: UseMode
    adopted_on: date
    first_at_level: bool


@registry.register
class OpinionReportInstructed(AuthoredReportEvent):
    """领导批示 (O10), additive."""

    name: ClassVar[str] = "instructed"

    instruction_no: int
    leader: str
    level: InstructionLevel
    text: str
    instructed_on: date
    principal: bool


@registry.register
class OpinionReportFeedbackReceived(AuthoredReportEvent):
    """落实反馈 / 回函 (O11), additive."""

    name: ClassVar[str] = "feedback_received"

    feedback_no: int
    department: str
    text: str
    received_on: date


@registry.register
class OpinionReportClosed(AuthoredReportEvent):
    """办结 (O12)."""

    name: ClassVar[str] = "closed"

    note: str | None
    closed_at: datetime
