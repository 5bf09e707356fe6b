"""Events of proposer evaluation, re-handling, conclusion and 双向评议 (DOMAIN §2.7)."""

from __future__ import annotations

from datetime import date, datetime
from typing import ClassVar

from pydantic import Field

from .events import ProposalEvent, registry


@registry.register
class ReplyEvaluated(ProposalEvent):
    """提案者评价 one reply: 办理工作 (process) and 办理结果 (result)."""

    name: ClassVar[str] = "reply_evaluated"

    reply_id: str
    task_id: str
    unit_id: str
    round: int
    evaluator_id: str
    by_lead_author: bool
    process_satisfaction: str
    result_satisfaction: str
    comment: str | None
    channel: str  # online | paper
    evaluated_at: datetime


@registry.register
class EvaluationLapsed(ProposalEvent):
    """The evaluation window of a reply passed without the lead author's evaluation."""

    name: ClassVar[str] = "evaluation_lapsed"

    reply_id: str
    task_id: str
    unit_id: str
    due_on: date
    lapsed_at: datetime


@registry.register
class RehandlingOrdered(ProposalEvent):
    """重新办理: the unit studies again and replies in a new round."""

    name: ClassVar[str] = "rehandling_ordered"

    reply_id: str  # the reply found wanting
    task_id: str
    unit_id: str
    round: int  # the new round
    reason: str  # dissatisfied | basically_satisfied | committee
    note: str | None
    serial_no: str | None
    title: str
    lead_author_id: str
    due_on: date
    deadline_at: datetime
    ordered_at: datetime


@registry.register
class ProposalConcluded(ProposalEvent):
    """办结 (terminal): every reply evaluated or its window lapsed, or by the committee."""

    name: ClassVar[str] = "concluded"

    basis: str  # evaluations | committee
    note: str | None
    serial_no: str | None
    title: str
    lead_author_id: str
    co_author_ids: tuple[str, ...]
    result_classes: dict[str, str] = Field(default_factory=dict)  # reply_id → class
    lapsed_reply_ids: tuple[str, ...] = ()
    concluded_at: datetime


@registry.register
class ProposalQualityRated(ProposalEvent):
    """双向评议: a handling unit rates the proposal's quality."""

    name: ClassVar[str] = "quality_rated"

    task_id: str
    unit_id: str
    quality: str
    comment: str | None
    rated_at: datetime


__all__ = [
    "EvaluationLapsed",
    "ProposalConcluded",
    "ProposalQualityRated",
    "RehandlingOrdered",
    "ReplyEvaluated",
]
