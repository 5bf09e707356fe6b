"""审查 and 立案 (DOMAIN §2.4.1 P5–P8): review, stage opinions, 退回修改, registration."""

from __future__ import annotations

from typing import cast

from shared.domain import Invalid, Rejected
from shared.events import DomainEvent

from .commands import RecordReviewOpinion, RegisterProposal, ReturnForRevision, StartReview
from .common import (
    choice,
    require_existing,
    require_status,
    required_text,
    state_message,
    utc,
)
from .config import DEFAULT_CONFIG, LifecycleConfig
from .events import Category, ProposalRegistered, ProposalReviewStarted, SerialNumberAllocated
from .events_review import ProposalReviewOpinionRecorded
from .events_submission import ProposalReturnedForRevision
from .labels import CATEGORY_LABELS
from .model import REVIEWABLE_STATUSES, ProposalState, ProposalStatus
from .state import RegisterState, format_serial_no, register_id

OPINION_MAX_CHARS = 2000


def decide_start_review(cmd: StartReview, state: ProposalState) -> list[DomainEvent]:
    """开始审查 (submitted → under_review)."""
    require_existing(cmd, state)
    if state.status != ProposalStatus.SUBMITTED:
        raise Rejected(state_message(state, "开始审查"), code="invalid_state")
    return [
        ProposalReviewStarted(
            proposal_id=state.proposal_id,
            township_id=state.township_id,
            lead_author_id=state.lead_author_id,
            review_started_at=utc(cmd.at),
        )
    ]


def decide_record_review_opinion(
    cmd: RecordReviewOpinion, state: ProposalState, config: LifecycleConfig = DEFAULT_CONFIG
) -> list[DomainEvent]:
    """审查意见 (under_review → under_review), stage after stage in the configured order."""
    require_existing(cmd, state)
    hint = "；请先开始审查" if state.status == ProposalStatus.SUBMITTED else ""
    require_status(state, [ProposalStatus.UNDER_REVIEW], "记录审查意见", hint)
    stages = config.review_stages
    stage = choice(cmd.stage, stages, "审查环节")
    done = [o.stage for o in state.review_opinions]
    if stage in done:
        raise Rejected(f"“{stages[stage]}”意见已记录，不能重复记录", code="stage_recorded")
    expected = next(s for s in config.stage_codes if s not in done)
    if stage != expected:
        raise Rejected(
            f"审查须按顺序进行：请先记录“{stages[expected]}”意见，再记录“{stages[stage]}”意见",
            code="stage_out_of_order",
        )
    return [
        ProposalReviewOpinionRecorded(
            proposal_id=state.proposal_id,
            township_id=state.township_id,
            lead_author_id=state.lead_author_id,
            stage=stage,
            stage_label=stages[stage],
            opinion=required_text(cmd.opinion, "审查意见", OPINION_MAX_CHARS),
            recorded_at=utc(cmd.at),
        )
    ]


def require_stages_done(state: ProposalState, config: LifecycleConfig, action: str) -> None:
    """When the county requires it, every configured stage precedes 立案 / 不予立案."""
    if not config.require_review_stages:
        return
    done = {o.stage for o in state.review_opinions}
    missing = [label for code, label in config.review_stages.items() if code not in done]
    if missing:
        raise Rejected(
            f"请先完成审查环节：{'、'.join(missing)}，再{action}", code="review_incomplete"
        )


def decide_return_for_revision(cmd: ReturnForRevision, state: ProposalState) -> list[DomainEvent]:
    """退回修改 (submitted/under_review → draft) with the reason the author must fix."""
    require_existing(cmd, state)
    require_status(state, REVIEWABLE_STATUSES, "退回修改")
    return [
        ProposalReturnedForRevision(
            proposal_id=state.proposal_id,
            township_id=state.township_id,
            lead_author_id=state.lead_author_id,
            co_author_ids=state.co_author_ids,
            title=state.title,
            reason=required_text(cmd.reason, "退回修改的原因"),
            returned_at=utc(cmd.at),
        )
    ]


def decide_register_proposal(
    cmd: RegisterProposal,
    proposal_state: ProposalState,
    register_state: RegisterState,
    config: LifecycleConfig = DEFAULT_CONFIG,
) -> list[tuple[str, DomainEvent]]:
    """立案 (submitted/under_review → registered), taking the next serial number.

    `register_state` is the register `register_id(term, session, period)` of the
    proposal. Returns `(aggregate_id, event)` pairs for both aggregates; the application
    appends them atomically with a concurrency check on each.
    """
    state = proposal_state
    require_existing(cmd, state)
    if state.status not in REVIEWABLE_STATUSES:
        raise Rejected(state_message(state, "立案"), code="invalid_state")
    require_stages_done(state, config, "立案")
    category = (
        state.category
        if cmd.category is None
        else cast(Category, choice(cmd.category, CATEGORY_LABELS, "提案类别"))
    )
    if state.period is None or category is None:  # set by ProposalSubmitted
        raise Invalid("提案缺少时段或类别，请退回修改", code="incomplete")
    rid = register_id(state.term_no, state.session_no, state.period)
    if register_state.register_id not in ("", rid):
        raise ValueError(f"register {register_state.register_id} given for {rid}")

    seq = register_state.next_seq
    serial_no = format_serial_no(state.term_no, state.session_no, state.period, seq)
    allocated = SerialNumberAllocated(
        term_no=state.term_no,
        session_no=state.session_no,
        period=state.period,
        seq=seq,
        serial_no=serial_no,
        proposal_id=state.proposal_id,
    )
    registered = ProposalRegistered(
        proposal_id=state.proposal_id,
        township_id=state.township_id,
        serial_no=serial_no,
        term_no=state.term_no,
        session_no=state.session_no,
        period=state.period,
        category=category,
        title=state.title,
        lead_author_id=state.lead_author_id,
        co_author_ids=state.co_author_ids,
        registered_at=utc(cmd.at),
    )
    return [(rid, allocated), (state.proposal_id, registered)]


decide_register = decide_register_proposal
