"""Aggregate `visit` (id = visit_id): what happens to a logged 两访 visit afterwards —
verification by the liaison group and escalation of its issues into drafts (DOMAIN §5.2).

The visit itself is recorded on the member aggregate (`member.visit_logged`); this
aggregate only reads it (`VisitFacts` from the read model, confirmed against the member's
state as `MemberRef.visit_ids`). `visit.issue_escalated` is consumed by the proposals
service, which creates the draft with id `draft_id` (contract:
docs/events/members-visit-issue-escalated.md).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import ClassVar, cast

from services.members.domain.activities.common import (
    CONTEXT,
    Command,
    MemberRef,
    choice,
    optional_text,
    registry,
)
from services.members.domain.activities.config import ActivitiesConfig
from services.members.domain.activities.vocabulary import (
    ESCALATION_TARGET_LABELS,
    EscalationTarget,
)
from shared.domain import Decider, NotFound, Rejected
from shared.events import DomainEvent

VISIT = "visit"
MAX_NOTE = 200
MAX_TITLE = 100
TITLE_SUMMARY = 30


@registry.register
class VisitVerified(DomainEvent):
    """走访经联络组核实. township_id = the visit's liaison group (the recording member's
    group when the visit was logged)."""

    context: ClassVar[str] = CONTEXT
    aggregate: ClassVar[str] = VISIT
    name: ClassVar[str] = "verified"
    version: ClassVar[int] = 1

    visit_id: str
    member_id: str
    township_id: str | None
    visit_township_id: str
    visit_kind: str
    visit_date: date
    visitor_ids: tuple[str, ...] = ()
    note: str | None = None


@registry.register
class VisitIssueEscalated(DomainEvent):
    """走访中反映的问题转为社情民意信息草稿或提案草稿 (draft_id is derived, see module doc)."""

    context: ClassVar[str] = CONTEXT
    aggregate: ClassVar[str] = VISIT
    name: ClassVar[str] = "issue_escalated"
    version: ClassVar[int] = 1

    visit_id: str
    issue_index: int
    target: EscalationTarget
    draft_id: str
    member_id: str
    township_id: str | None
    text: str
    title: str
    visit_township_id: str
    visit_date: date


VISIT_EVENTS: tuple[type[DomainEvent], ...] = (VisitVerified, VisitIssueEscalated)


# --- facts read from the member's visit ------------------------------------------------


@dataclass(frozen=True)
class IssueFact:
    text: str
    resolved_on_site: bool = False


@dataclass(frozen=True)
class VisitFacts:
    """The logged visit (immutable once logged), as the application layer found it."""

    visit_id: str
    member_id: str
    member_township_id: str | None
    visit_township_id: str
    visit_kind: str
    visit_date: date
    issues: tuple[IssueFact, ...] = ()
    visitor_ids: tuple[str, ...] = ()

    @property
    def group(self) -> str | None:
        """The liaison group that verifies the visit."""
        return self.member_township_id or self.visit_township_id


# --- state -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Escalation:
    issue_index: int
    target: str
    draft_id: str


@dataclass(frozen=True)
class VisitState:
    verified: bool = False
    escalations: tuple[Escalation, ...] = ()

    def escalation_of(self, issue_index: int) -> Escalation | None:
        return next((e for e in self.escalations if e.issue_index == issue_index), None)


INITIAL_VISIT = VisitState()


def evolve_visit(state: VisitState, event: DomainEvent) -> VisitState:
    if isinstance(event, VisitVerified):
        return replace(state, verified=True)
    if isinstance(event, VisitIssueEscalated):
        if state.escalation_of(event.issue_index) is not None:
            return state
        entry = Escalation(event.issue_index, event.target, event.draft_id)
        return replace(state, escalations=(*state.escalations, entry))
    return state


visit_decider: Decider[VisitState] = Decider(CONTEXT, VISIT, INITIAL_VISIT, evolve_visit)


# --- commands ----------------------------------------------------------------------------


class VerifyVisit(Command):
    """联络组核实一次走访."""

    visit_id: str
    note: str | None = None


class EscalateVisitIssue(Command):
    """把走访中反映的一条问题转为社情民意信息或提案草稿. `draft_id` is derived at the edge:
    `shared.ids.stable_id(visit_id, str(issue_index), target)`."""

    visit_id: str
    issue_index: int
    target: str
    draft_id: str
    title: str | None = None


# --- decisions ---------------------------------------------------------------------------


def _require_logged(facts: VisitFacts, member: MemberRef) -> None:
    if facts.visit_id not in member.visit_ids:
        raise NotFound(
            f"走访记录 {facts.visit_id} 不存在，请核对走访记录编号", code="visit_not_found"
        )


def decide_verify_visit(
    cmd: VerifyVisit, state: VisitState, facts: VisitFacts, member: MemberRef
) -> list[DomainEvent]:
    _require_logged(facts, member)
    if state.verified:
        raise Rejected("该走访已经联络组核实，不能重复核实", code="visit_already_verified")
    return [
        VisitVerified(
            visit_id=facts.visit_id,
            member_id=facts.member_id,
            township_id=facts.group,
            visit_township_id=facts.visit_township_id,
            visit_kind=facts.visit_kind,
            visit_date=facts.visit_date,
            visitor_ids=facts.visitor_ids or (facts.member_id,),
            note=optional_text(cmd.note, "核实意见", MAX_NOTE),
        )
    ]


def default_title(issue_text: str, target: str) -> str:
    summary = issue_text.strip().rstrip("。！？；，,.!?;")
    if len(summary) > TITLE_SUMMARY:
        summary = summary[:TITLE_SUMMARY] + "…"
    suffix = "的提案" if target == "proposal" else "的情况反映"
    return f"关于{summary}{suffix}"


def _issue(facts: VisitFacts, index: int) -> IssueFact:
    if not 0 <= index < len(facts.issues):
        raise NotFound(
            f"该走访没有第 {index + 1} 条问题（问题序号从 0 开始，共 {len(facts.issues)} 条），"
            "请核对问题序号",
            code="issue_not_found",
        )
    return facts.issues[index]


def _check_escalation_allowed(
    state: VisitState, issue: IssueFact, target: str, config: ActivitiesConfig
) -> None:
    label = ESCALATION_TARGET_LABELS[target]
    if config.require_verification_before_escalation and not state.verified:
        raise Rejected(
            f"该走访尚未经联络组核实，不能转为{label}草稿；请联络组先核实走访",
            code="visit_not_verified",
        )
    if issue.resolved_on_site and not config.escalate_resolved_issues:
        raise Rejected(
            f"该问题已在走访时当场解决，无需转为{label}草稿",
            code="issue_resolved_on_site",
        )


def decide_escalate_visit_issue(
    cmd: EscalateVisitIssue,
    state: VisitState,
    facts: VisitFacts,
    member: MemberRef,
    config: ActivitiesConfig,
) -> list[DomainEvent]:
    """One escalation per issue: repeating the same target is a no-op (returns []), a
    different target is rejected."""
    _require_logged(facts, member)
    target = cast(EscalationTarget, choice(cmd.target, ESCALATION_TARGET_LABELS, "转办类型"))
    issue = _issue(facts, cmd.issue_index)
    done = state.escalation_of(cmd.issue_index)
    if done is not None:
        if done.target == target:
            return []
        raise Rejected(
            f"该问题已转为{ESCALATION_TARGET_LABELS[done.target]}草稿（草稿编号 {done.draft_id}），"
            f"不能再转为{ESCALATION_TARGET_LABELS[target]}；请在已有草稿中继续办理",
            code="issue_already_escalated",
        )
    _check_escalation_allowed(state, issue, target, config)
    title = optional_text(cmd.title, "草稿标题", MAX_TITLE) or default_title(issue.text, target)
    return [
        VisitIssueEscalated(
            visit_id=facts.visit_id,
            issue_index=cmd.issue_index,
            target=target,
            draft_id=cmd.draft_id,
            member_id=facts.member_id,
            township_id=facts.group,
            text=issue.text,
            title=title,
            visit_township_id=facts.visit_township_id,
            visit_date=facts.visit_date,
        )
    ]
