"""`feedback_form` (提案办理征询意见表, 一表 of §2.10 — an inference, see ADR 0007).

Returned by a proposer for one reply of one handling unit: a rating per configured
dimension (default 办理工作 / 办理结果, §2.7) and comments. One form per reply and
author (the application derives the id); the office may enter a paper form on an
author's behalf.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar, Literal, cast

from shared.domain import Decider, Invalid, Rejected
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
)
from .config import ArtifactsConfig
from .labels import FORM_CHANNEL_LABELS, SATISFACTION_LABELS

FEEDBACK_FORM = "feedback_form"
FormChannel = Literal["online", "paper"]


@registry.register
class FeedbackFormReturned(DomainEvent):
    context: ClassVar[str] = CONTEXT
    aggregate: ClassVar[str] = FEEDBACK_FORM
    name: ClassVar[str] = "returned"

    form_id: str
    proposal_id: str
    serial_no: str | None
    proposal_title: str
    township_id: str | None
    reply_id: str
    unit_id: str
    unit_name: str
    author_id: str
    ratings: dict[str, str]
    comments: str
    channel: FormChannel
    returned_at: datetime


@dataclass(frozen=True)
class FeedbackFormState:
    returned_at: datetime | None = None


def evolve_feedback_form(state: FeedbackFormState, event: DomainEvent) -> FeedbackFormState:
    if isinstance(event, FeedbackFormReturned):
        return FeedbackFormState(returned_at=event.returned_at)
    return state


feedback_form_decider: Decider[FeedbackFormState] = Decider(
    CONTEXT, FEEDBACK_FORM, FeedbackFormState(), evolve_feedback_form
)


class ReturnFeedbackForm(ArtifactCommand):
    form_id: str
    proposal_id: str
    reply_id: str
    unit_id: str
    unit_name: str
    author_id: str
    ratings: dict[str, str]
    comments: str = ""
    channel: str = "online"


def decide_return_feedback_form(
    cmd: ReturnFeedbackForm,
    state: FeedbackFormState,
    proposal: ProposalRef,
    config: ArtifactsConfig,
) -> list[DomainEvent]:
    if state.returned_at is not None:
        raise Rejected("该提案人对这份答复的征询意见表已经提交，不能重复提交", code="form_returned")
    require_handled(proposal, "填写征询意见表")
    if cmd.author_id not in proposal.author_ids:
        raise Invalid(
            f"（{cmd.author_id}）不是该提案的提案人，只有提案人可以填写征询意见表",
            code="not_an_author",
        )
    return [
        FeedbackFormReturned(
            form_id=cmd.form_id,
            proposal_id=proposal.proposal_id,
            serial_no=proposal.serial_no,
            proposal_title=proposal.title,
            township_id=proposal.township_id,
            reply_id=text(cmd.reply_id, "答复编号", 64),
            unit_id=text(cmd.unit_id, "承办单位编号", 64),
            unit_name=text(cmd.unit_name, "承办单位名称", 100),
            author_id=cmd.author_id,
            ratings=_ratings(cmd.ratings, config.feedback_dimensions),
            comments=text(cmd.comments, "意见建议", 1000, required=False),
            channel=cast(FormChannel, choice(cmd.channel, FORM_CHANNEL_LABELS, "填写方式")),
            returned_at=utc(cmd.at),
        )
    ]


def _ratings(raw: Mapping[str, str], dimensions: Mapping[str, str]) -> dict[str, str]:
    unknown = [k for k in raw if k not in dimensions]
    if unknown:
        raise Invalid(
            f"不认识的评价项目：{'、'.join(unknown)}；评价项目为："
            + "、".join(f"{label}（{key}）" for key, label in dimensions.items()),
            code="unknown_dimension",
        )
    missing = [label for key, label in dimensions.items() if key not in raw]
    if missing:
        raise Invalid(f"请对“{'”“'.join(missing)}”作出评价", code="rating_required")
    return {
        key: choice(raw[key], SATISFACTION_LABELS, f"“{dimensions[key]}”的评价")
        for key in dimensions
    }
