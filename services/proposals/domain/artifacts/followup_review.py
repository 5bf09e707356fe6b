"""`followup_review` (回头看, DOMAIN §2.11): start for a year and scope, assess items
(proposal, promised action, current status, evidence — re-assessing replaces the item),
conclude with a report (closes the review)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import ClassVar

from shared.domain import Decider, Invalid, NotFound, Rejected
from shared.events import DomainEvent

from .base import (
    CONTEXT,
    ArtifactCommand,
    ProposalRef,
    choice,
    registry,
    require_handled,
    text,
    utc,
    year_of,
)
from .labels import FOLLOWUP_STATUS_LABELS

FOLLOWUP_REVIEW = "followup_review"
TEXT_MAX = 2000
REPORT_MAX = 10_000


class FollowupEvent(DomainEvent):
    context: ClassVar[str] = CONTEXT
    aggregate: ClassVar[str] = FOLLOWUP_REVIEW

    review_id: str


@registry.register
class FollowupReviewStarted(FollowupEvent):
    name: ClassVar[str] = "started"

    year: int
    title: str
    scope: str
    started_at: datetime


@registry.register
class FollowupItemAssessed(FollowupEvent):
    name: ClassVar[str] = "item_assessed"

    proposal_id: str
    serial_no: str | None
    proposal_title: str
    township_id: str | None
    promised_action: str
    status: str
    evidence: str
    assessed_at: datetime


@registry.register
class FollowupReviewConcluded(FollowupEvent):
    name: ClassVar[str] = "concluded"

    year: int
    report: str
    status_counts: dict[str, int]
    concluded_at: datetime


@dataclass(frozen=True)
class FollowupReviewState:
    review_id: str = ""
    year: int = 0
    items: Mapping[str, str] = field(default_factory=dict)  # proposal_id → status
    concluded_at: datetime | None = None


def evolve_followup_review(state: FollowupReviewState, event: DomainEvent) -> FollowupReviewState:
    match event:
        case FollowupReviewStarted():
            return FollowupReviewState(review_id=event.review_id, year=event.year)
        case FollowupItemAssessed():
            return replace(state, items={**state.items, event.proposal_id: event.status})
        case FollowupReviewConcluded():
            return replace(state, concluded_at=event.concluded_at)
        case _:
            return state


followup_review_decider: Decider[FollowupReviewState] = Decider(
    CONTEXT, FOLLOWUP_REVIEW, FollowupReviewState(), evolve_followup_review
)


class StartFollowupReview(ArtifactCommand):
    review_id: str
    year: int
    title: str
    scope: str


class AssessFollowupItem(ArtifactCommand):
    review_id: str
    proposal_id: str
    promised_action: str
    status: str
    evidence: str = ""


class ConcludeFollowupReview(ArtifactCommand):
    review_id: str
    report: str


def decide_start_followup_review(
    cmd: StartFollowupReview, state: FollowupReviewState
) -> list[DomainEvent]:
    if state.review_id:
        raise Rejected("该“回头看”已启动，请勿重复提交", code="review_exists")
    return [
        FollowupReviewStarted(
            review_id=cmd.review_id,
            year=year_of(cmd.year),
            title=text(cmd.title, "“回头看”名称", 100),
            scope=text(cmd.scope, "“回头看”范围", TEXT_MAX),
            started_at=utc(cmd.at),
        )
    ]


def decide_assess_followup_item(
    cmd: AssessFollowupItem, state: FollowupReviewState, proposal: ProposalRef
) -> list[DomainEvent]:
    _open(state, "评估事项")
    require_handled(proposal, "列入“回头看”")
    status = choice(cmd.status, FOLLOWUP_STATUS_LABELS, "落实情况")
    evidence = text(cmd.evidence, "佐证材料", TEXT_MAX, required=False)
    if status == "done" and not evidence:
        raise Invalid("落实情况为“已落实”时，请填写佐证材料", code="evidence_required")
    return [
        FollowupItemAssessed(
            review_id=state.review_id,
            proposal_id=proposal.proposal_id,
            serial_no=proposal.serial_no,
            proposal_title=proposal.title,
            township_id=proposal.township_id,
            promised_action=text(cmd.promised_action, "承诺事项", TEXT_MAX),
            status=status,
            evidence=evidence,
            assessed_at=utc(cmd.at),
        )
    ]


def decide_conclude_followup_review(
    cmd: ConcludeFollowupReview, state: FollowupReviewState
) -> list[DomainEvent]:
    _open(state, "再次总结")
    if not state.items:
        raise Rejected("还没有评估任何事项，请先评估事项再作总结", code="no_items")
    counts = dict.fromkeys(FOLLOWUP_STATUS_LABELS, 0)
    for status in state.items.values():
        counts[status] += 1
    return [
        FollowupReviewConcluded(
            review_id=state.review_id,
            year=state.year,
            report=text(cmd.report, "“回头看”报告", REPORT_MAX),
            status_counts=counts,
            concluded_at=utc(cmd.at),
        )
    ]


def _open(state: FollowupReviewState, action: str) -> None:
    if not state.review_id:
        raise NotFound("未找到该“回头看”，请核对编号", code="review_not_found")
    if state.concluded_at is not None:
        raise Rejected(f"该“回头看”已总结结束，不能{action}", code="review_concluded")
