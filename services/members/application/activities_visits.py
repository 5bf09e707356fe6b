"""Commands on logged visits: verification by the liaison group and escalation of an issue
into a 社情民意 report or proposal draft. The visit aggregate is written; the member
aggregate (where `visit_logged` is recorded) is a read-only target."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from services.members.application.activities_common import (
    accepted,
    is_self,
    member_ref,
    require_uuid,
)
from services.members.application.activities_config import activities_config
from services.members.application.activities_lookup import find_visit
from services.members.domain import member_decider
from services.members.domain.activities.visit import (
    EscalateVisitIssue,
    VerifyVisit,
    VisitFacts,
    decide_escalate_visit_issue,
    decide_verify_visit,
    visit_decider,
)
from services.members.localtime import utc_now
from shared.auth import Forbidden, Principal
from shared.commands import Target
from shared.events import DomainEvent
from shared.http import Accepted
from shared.ids import stable_id
from shared.service import ServiceRuntime

Data = Mapping[str, Any]


class EscalationAccepted(Accepted):
    """The escalation's answer: the draft the proposals service will create. A repeat of
    the same escalation answers the same draft with `already_escalated` and no events."""

    draft_id: str
    target: str
    already_escalated: bool


def draft_id_for(visit_id: str, issue_index: int, target: str) -> str:
    """The id the proposals service gives the draft (deterministic: one draft per issue)."""
    return stable_id(visit_id, str(issue_index), target)


def authorize_verify(principal: Principal, facts: VisitFacts) -> None:
    if principal.is_admin or facts.group in principal.townships:
        return
    if principal.townships:
        raise Forbidden(
            f"您只能核实本联络组委员的走访，该走访属于联络组“{facts.group}”，"
            "请由该联络组或县政协机关核实。"
        )
    raise Forbidden("走访由委员所属联络组或县政协机关核实，您的账号无权核实。")


def authorize_escalate(principal: Principal, facts: VisitFacts) -> None:
    if principal.is_admin or facts.group in principal.townships:
        return
    if is_self(principal, facts.member_id):
        return
    raise Forbidden(
        "只有登记该走访的委员本人、其所属联络组或县政协机关可以把走访中反映的问题转为"
        "社情民意信息或提案草稿。"
    )


def _targets(facts: VisitFacts) -> list[Target]:
    return [Target(visit_decider, facts.visit_id), Target(member_decider, facts.member_id)]


async def verify_visit(
    rt: ServiceRuntime, principal: Principal, visit_id: str, data: Data
) -> Accepted:
    facts = await find_visit(rt, require_uuid(visit_id, "走访记录"))
    authorize_verify(principal, facts)
    now = utc_now()
    cmd = VerifyVisit(actor=principal.actor, at=now, visit_id=visit_id, note=data.get("note"))

    def decide(states: list[Any]) -> list[DomainEvent]:
        return decide_verify_visit(cmd, states[0], facts, member_ref(states[1], facts.member_id))

    result = await rt.commands.execute(
        "verify_visit", _targets(facts), decide, rt.context(principal, now)
    )
    return accepted(visit_id, result)


async def escalate_issue(
    rt: ServiceRuntime, principal: Principal, visit_id: str, issue_index: int, data: Data
) -> EscalationAccepted:
    facts = await find_visit(rt, require_uuid(visit_id, "走访记录"))
    authorize_escalate(principal, facts)
    now = utc_now()
    target = str(data["target"])
    cmd = EscalateVisitIssue(
        actor=principal.actor,
        at=now,
        visit_id=visit_id,
        issue_index=issue_index,
        target=target,
        draft_id=draft_id_for(visit_id, issue_index, target),
        title=data.get("title"),
    )
    config = activities_config(rt)

    def decide(states: list[Any]) -> list[DomainEvent]:
        member = member_ref(states[1], facts.member_id)
        return decide_escalate_visit_issue(cmd, states[0], facts, member, config)

    result = await rt.commands.execute(
        "escalate_visit_issue", _targets(facts), decide, rt.context(principal, now)
    )
    return EscalationAccepted(
        **accepted(visit_id, result).model_dump(),
        draft_id=cmd.draft_id,
        target=target,
        already_escalated=not result.events,
    )
