"""不予立案 and routing, 撤案, 并案, 重点提案 (DOMAIN §2.4.1 P9–P12, §2.4.3, §2.4.4)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import cast

from shared.domain import Invalid, Rejected
from shared.events import DomainEvent

from .commands import DeclineRegistration, DesignateKeyProposal, MergeProposals, WithdrawProposal
from .common import (
    choice,
    duplicates,
    forbidden,
    member_principal,
    optional_text,
    require_existing,
    require_status,
    state_message,
    utc,
)
from .config import DEFAULT_CONFIG, LifecycleConfig
from .events import Disposition, NotRegisteredReason, ProposalNotRegistered, ProposalWithdrawn
from .events_review import (
    ProposalConvertedToPublicOpinion,
    ProposalDesignatedKey,
    ProposalForwardedAsSuggestion,
    ProposalKeptAsMemberLetter,
    ProposalMerged,
    ProposalsMerged,
)
from .labels import DISPOSITION_LABELS, REASON_LABELS
from .model import (
    FILED_STATUSES,
    MERGEABLE_STATUSES,
    REVIEWABLE_STATUSES,
    WITHDRAWABLE_STATUSES,
    ProposalState,
)
from .review import require_stages_done


def decide_decline_registration(
    cmd: DeclineRegistration, state: ProposalState, config: LifecycleConfig = DEFAULT_CONFIG
) -> list[DomainEvent]:
    """不予立案 (submitted/under_review → not_registered): the decision itself."""
    require_existing(cmd, state)
    if state.status not in REVIEWABLE_STATUSES:
        raise Rejected(state_message(state, "作不予立案处理"), code="invalid_state")
    require_stages_done(state, config, "作不予立案处理")
    reason = cast(NotRegisteredReason, choice(cmd.reason, REASON_LABELS, "不予立案理由"))
    disposition = cast(Disposition, choice(cmd.disposition, DISPOSITION_LABELS, "处理方式"))
    if disposition == "to_interim_proposal" and state.period == "interim":
        raise Invalid(
            "该提案已是平时提案，处理方式不能选“转为平时提案”，请选择其他处理方式",
            code="already_interim",
        )
    assert state.period is not None
    return [
        ProposalNotRegistered(
            proposal_id=state.proposal_id,
            township_id=state.township_id,
            reason=reason,
            disposition=disposition,
            note=optional_text(cmd.note, "说明"),
            term_no=state.term_no,
            session_no=state.session_no,
            period=state.period,
            title=state.title,
            lead_author_id=state.lead_author_id,
            co_author_ids=state.co_author_ids,
            decided_at=utc(cmd.at),
        )
    ]


def decide_decline_proposal(
    cmd: DeclineRegistration, state: ProposalState, config: LifecycleConfig = DEFAULT_CONFIG
) -> list[DomainEvent]:
    """P9 in full: the decision, then where the content goes (§2.4.3).

    For `to_public_opinion` the command carries the report's id, derived at the edge as
    `shared.ids.stable_id(proposal_id, "opinion_report")`."""
    decided = decide_decline_registration(cmd, state, config)
    return [*decided, *routing_events(state, decided[0], cmd.opinion_report_id)]


def routing_events(
    state: ProposalState, decision: DomainEvent, report_id: str | None
) -> list[DomainEvent]:
    assert isinstance(decision, ProposalNotRegistered) and state.category is not None
    common = {
        "proposal_id": state.proposal_id,
        "township_id": state.township_id,
        "title": state.title,
        "body": state.body,
        "category": state.category,
        "lead_author_id": state.lead_author_id,
        "co_author_ids": state.co_author_ids,
        "author_ids": state.author_ids,
        "author_names": {a: n for a in state.author_ids if (n := state.author_names.get(a))},
        "author_township_ids": dict(state.author_township_ids),
        "term_no": state.term_no,
        "session_no": state.session_no,
        "routed_at": decision.decided_at,
    }
    match decision.disposition:
        case "to_public_opinion":
            if not report_id:
                raise ValueError("opinion_report_id is required to convert to public opinion")
            return [ProposalConvertedToPublicOpinion(**common, report_id=report_id)]
        case "to_suggestion":
            units = state.suggested_units
            return [ProposalForwardedAsSuggestion(**common, suggested_units=units)]
        case "to_member_letter":
            return [ProposalKeptAsMemberLetter(**common)]
        case _:
            return []


def decide_withdraw_proposal(cmd: WithdrawProposal, state: ProposalState) -> list[DomainEvent]:
    """撤案 by the lead author, before 交办 (submitted…registered → withdrawn)."""
    require_existing(cmd, state)
    if cmd.actor != member_principal(state.lead_author_id):
        raise forbidden(
            "只有第一提案人本人可以撤回提案；如需撤案，请由第一提案人操作",
            code="not_lead_author",
        )
    if state.status not in WITHDRAWABLE_STATUSES:
        message = state_message(state, "撤案")
        if not state.is_terminal:
            message += "；提案交办后如需撤案，请联系提案委员会"
        raise Rejected(message, code="invalid_state")
    return [
        ProposalWithdrawn(
            proposal_id=state.proposal_id,
            township_id=state.township_id,
            reason=optional_text(cmd.reason, "撤案理由"),
            serial_no=state.serial_no,
            title=state.title,
            lead_author_id=state.lead_author_id,
            co_author_ids=state.co_author_ids,
            withdrawn_at=utc(cmd.at),
        )
    ]


def decide_merge_proposals(
    cmd: MergeProposals, primary: ProposalState, secondaries: Sequence[ProposalState]
) -> list[tuple[str, DomainEvent]]:
    """并案: one atomic append on the primary and every secondary."""
    require_existing(cmd, primary)
    require_status(primary, MERGEABLE_STATUSES, "作为并案的主提案")
    ids = [s.strip() for s in cmd.secondary_ids]
    check_secondary_ids(primary.proposal_id, ids)
    if len(secondaries) != len(ids) or any(
        s.exists and s.proposal_id != i for s, i in zip(secondaries, ids, strict=True)
    ):
        raise ValueError("secondary states do not match the command")
    for other, other_id in zip(secondaries, ids, strict=True):
        _check_secondary(primary, other, other_id)
    added = _added_authors(primary, secondaries)
    at = utc(cmd.at)
    pairs: list[tuple[str, DomainEvent]] = [
        (
            primary.proposal_id,
            ProposalsMerged(
                proposal_id=primary.proposal_id,
                township_id=primary.township_id,
                secondary_ids=tuple(ids),
                secondary_serial_nos=tuple(s.serial_no for s in secondaries if s.serial_no),
                lead_author_id=primary.lead_author_id,
                title=primary.title,
                added_co_author_ids=added,
                co_author_ids=(*primary.co_author_ids, *added),
                author_township_ids=_lookup(secondaries, added, "author_township_ids"),
                author_names=_lookup(secondaries, added, "author_names"),
                merged_at=at,
            ),
        )
    ]
    pairs += [(s.proposal_id, _merged(s, primary, at)) for s in secondaries]
    return pairs


def check_secondary_ids(primary_id: str, ids: list[str]) -> None:
    """The secondaries named: at least one, none blank, repeated or the primary itself."""
    if not ids or any(not i for i in ids):
        raise Invalid("请选择要并入本提案的其他提案", code="secondaries_required")
    if primary_id in ids:
        raise Invalid("主提案不能并入自身，请从并案列表中删除", code="primary_in_secondaries")
    if duplicates(ids):
        raise Invalid("并案列表中有重复的提案，请删除重复项", code="duplicate_secondaries")


def _check_secondary(primary: ProposalState, other: ProposalState, other_id: str) -> None:
    name = other.serial_no or other.title or other_id
    if not other.exists:
        raise Invalid(f"未找到要并入的提案“{other_id}”", code="secondary_not_found")
    if other.status not in MERGEABLE_STATUSES:
        raise Rejected(f"提案“{name}”{state_message(other, '并案')}", code="invalid_state")
    if (other.term_no, other.session_no) != (primary.term_no, primary.session_no):
        raise Invalid(f"提案“{name}”不属于同一届次会次，不能并案", code="other_session")


def _added_authors(primary: ProposalState, secondaries: Sequence[ProposalState]) -> tuple[str, ...]:
    seen = set(primary.author_ids)
    added: list[str] = []
    for other in secondaries:
        for author in other.author_ids:
            if author not in seen:
                seen.add(author)
                added.append(author)
    return tuple(added)


def _lookup(
    secondaries: Sequence[ProposalState], authors: tuple[str, ...], attr: str
) -> dict[str, str]:
    found: dict[str, str] = {}
    for other in secondaries:
        values = getattr(other, attr)
        found |= {a: values[a] for a in authors if a in values and a not in found}
    return found


def _merged(other: ProposalState, primary: ProposalState, at: datetime) -> ProposalMerged:
    return ProposalMerged(
        proposal_id=other.proposal_id,
        township_id=other.township_id,
        primary_id=primary.proposal_id,
        primary_serial_no=primary.serial_no,
        primary_title=primary.title,
        serial_no=other.serial_no,
        title=other.title,
        lead_author_id=other.lead_author_id,
        co_author_ids=other.co_author_ids,
        merged_at=at,
    )


def decide_designate_key(cmd: DesignateKeyProposal, state: ProposalState) -> list[DomainEvent]:
    """确定重点提案 with the leaders who supervise it (registered and not yet concluded)."""
    require_existing(cmd, state)
    require_status(state, FILED_STATUSES, "确定为重点提案", "；只有已立案、尚未办结的提案可以确定")
    if state.is_key:
        raise Rejected("该提案已是重点提案，无需重复确定", code="already_key")
    leaders = [leader.strip() for leader in cmd.supervising_leader_ids]
    if not leaders or any(not leader for leader in leaders):
        raise Invalid("请填写领衔督办的领导（不能为空白）", code="leaders_required")
    if duplicates(leaders):
        raise Invalid("督办领导重复，请删除重复项", code="duplicate_leaders")
    return [
        ProposalDesignatedKey(
            proposal_id=state.proposal_id,
            township_id=state.township_id,
            serial_no=state.serial_no,
            title=state.title,
            lead_author_id=state.lead_author_id,
            supervising_leader_ids=tuple(leaders),
            note=optional_text(cmd.note, "说明"),
            designated_at=utc(cmd.at),
        )
    ]
