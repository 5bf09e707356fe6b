"""`proposal_lead` (提案线索): a lead from the public, triaged by the office (DOMAIN §2.1).

received → forwarded (to named members, or to all members when none are named)
         → declined (with a reason).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import ClassVar, Literal, cast

from pydantic import Field

from shared.domain import Decider, Invalid, NotFound, Rejected
from shared.events import DomainEvent

from .base import CONTEXT, ArtifactCommand, choice, no_duplicates, registry, text, utc
from .labels import LEAD_CHANNEL_LABELS, LEAD_STATUS_LABELS

PROPOSAL_LEAD = "proposal_lead"
LeadChannel = Literal["phone", "email", "letter", "online"]
LeadStatus = Literal["received", "forwarded", "declined"]
CONTENT_MAX = 2000
NOTE_MAX = 500


class ProposalLeadEvent(DomainEvent):
    context: ClassVar[str] = CONTEXT
    aggregate: ClassVar[str] = PROPOSAL_LEAD

    lead_id: str
    township_id: str | None


@registry.register
class ProposalLeadSubmitted(ProposalLeadEvent):
    name: ClassVar[str] = "submitted"

    channel: LeadChannel
    content: str
    contact_name: str
    contact: str
    received_at: datetime


@registry.register
class ProposalLeadForwarded(ProposalLeadEvent):
    """转委员参考: `member_ids` empty = all members."""

    name: ClassVar[str] = "forwarded"

    member_ids: tuple[str, ...]
    note: str
    forwarded_at: datetime


@registry.register
class ProposalLeadDeclined(ProposalLeadEvent):
    name: ClassVar[str] = "declined"

    reason: str
    declined_at: datetime


@dataclass(frozen=True)
class ProposalLeadState:
    lead_id: str = ""
    township_id: str | None = None
    status: LeadStatus | None = None


def evolve_proposal_lead(state: ProposalLeadState, event: DomainEvent) -> ProposalLeadState:
    match event:
        case ProposalLeadSubmitted():
            return ProposalLeadState(event.lead_id, event.township_id, "received")
        case ProposalLeadForwarded():
            return replace(state, status="forwarded")
        case ProposalLeadDeclined():
            return replace(state, status="declined")
        case _:
            return state


proposal_lead_decider: Decider[ProposalLeadState] = Decider(
    CONTEXT, PROPOSAL_LEAD, ProposalLeadState(), evolve_proposal_lead
)


class SubmitProposalLead(ArtifactCommand):
    lead_id: str
    channel: str
    content: str
    contact_name: str = ""
    contact: str = ""
    township_id: str | None = None


class ForwardProposalLead(ArtifactCommand):
    lead_id: str
    member_ids: list[str] = Field(default_factory=list)
    note: str = ""


class DeclineProposalLead(ArtifactCommand):
    lead_id: str
    reason: str


def decide_submit_proposal_lead(
    cmd: SubmitProposalLead, state: ProposalLeadState
) -> list[DomainEvent]:
    if state.status is not None:
        raise Rejected("该线索已登记，请勿重复提交", code="lead_exists")
    return [
        ProposalLeadSubmitted(
            lead_id=cmd.lead_id,
            township_id=cmd.township_id,
            channel=cast(LeadChannel, choice(cmd.channel, LEAD_CHANNEL_LABELS, "线索来源渠道")),
            content=text(cmd.content, "线索内容", CONTENT_MAX),
            contact_name=text(cmd.contact_name, "联系人", 50, required=False),
            contact=text(cmd.contact, "联系方式", 100, required=False),
            received_at=utc(cmd.at),
        )
    ]


def decide_forward_proposal_lead(
    cmd: ForwardProposalLead, state: ProposalLeadState
) -> list[DomainEvent]:
    _pending(state, "转委员参考")
    members = tuple(m.strip() for m in cmd.member_ids)
    if any(not m for m in members):
        raise Invalid("委员编号不能为空白，请删除空白项", code="blank_member")
    no_duplicates(members, "委员")
    return [
        ProposalLeadForwarded(
            lead_id=state.lead_id,
            township_id=state.township_id,
            member_ids=members,
            note=text(cmd.note, "转交说明", NOTE_MAX, required=False),
            forwarded_at=utc(cmd.at),
        )
    ]


def decide_decline_proposal_lead(
    cmd: DeclineProposalLead, state: ProposalLeadState
) -> list[DomainEvent]:
    _pending(state, "作不予采用处理")
    return [
        ProposalLeadDeclined(
            lead_id=state.lead_id,
            township_id=state.township_id,
            reason=text(cmd.reason, "不予采用的理由", NOTE_MAX),
            declined_at=utc(cmd.at),
        )
    ]


def _pending(state: ProposalLeadState, action: str) -> None:
    if state.status is None:
        raise NotFound("未找到该提案线索，请核对线索编号", code="lead_not_found")
    if state.status != "received":
        raise Rejected(
            f"该线索已处理（{LEAD_STATUS_LABELS[state.status]}），不能再{action}",
            code="lead_already_triaged",
        )
