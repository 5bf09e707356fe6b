"""Command handlers of 社情民意 reports: check who may act, then load → decide → append.

Submitting looks the member-authors up in `member_reference` (their liaison groups and
names) and takes the next serial number from the year's register in the same append.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from services.proposals.domain.opinion import (
    PointState,
    ReportCommand,
    ReportState,
    ResubmitReport,
    SubmitReport,
    decide_resubmit_report,
    decide_submit_report,
    opinion_register_decider,
    point_decider,
    register_id,
    report_decider,
    report_year,
)
from services.proposals.projections.member_reference import (
    MemberReference,
    names_of,
    townships_of,
)
from shared.auth import Forbidden, Principal
from shared.commands import Target
from shared.events import DomainEvent
from shared.http import Accepted
from shared.service import ServiceRuntime

from .lookup import projection
from .opinion_access import TOWNSHIP_KINDS, is_editor, require_editor
from .opinion_common import accepted, run, run_on_register

Decide = Callable[[Any, ReportState], list[DomainEvent]]


async def submit(rt: ServiceRuntime, principal: Principal, cmd: SubmitReport) -> Accepted:
    """报送: members for themselves, township staff for their group or a point there,
    the info office for anyone."""
    cmd = await _with_authors(rt, _authorised(principal, cmd))
    targets = [
        Target(report_decider, cmd.report_id, new=True),
        Target(opinion_register_decider, register_id(report_year(cmd.at))),
    ]
    if cmd.direct_report_point_id:
        targets.append(Target(point_decider, cmd.direct_report_point_id))

    def decide(states: list[Any]) -> list[tuple[str, DomainEvent]]:
        point = states[2] if len(states) > 2 else None
        if point is not None:
            _check_point_township(principal, point)
        return decide_submit_report(cmd, states[0], states[1], point)

    result = await run_on_register(rt, principal, "submit_opinion_report", targets, decide, cmd.at)
    return accepted(cmd.report_id, result)


def _authorised(principal: Principal, cmd: SubmitReport) -> SubmitReport:
    if is_editor(principal):
        return cmd
    own = principal.scoped("member")
    if cmd.reporter_kind == "member" and own:
        authors = cmd.author_ids or [next(iter(sorted(own)))]
        if not own & set(authors):
            raise Forbidden("委员只能报送本人为作者的社情民意信息。")
        return cmd.model_copy(update={"author_ids": authors})
    if cmd.reporter_kind in TOWNSHIP_KINDS and principal.townships:
        return _for_township(principal, cmd)
    if own or principal.townships:
        raise Forbidden(
            "委员只能以委员名义（member）报送；乡镇联络组只能以联络组（liaison_group）"
            "或本乡镇直报点（direct_report_point）名义报送。"
        )
    raise Forbidden("您的账号没有报送社情民意信息的权限。")


def _for_township(principal: Principal, cmd: SubmitReport) -> SubmitReport:
    if cmd.reporter_kind != "liaison_group":
        return cmd  # the point's township is checked against the point itself
    group = cmd.liaison_group_id
    if not group and len(principal.townships) == 1:
        group = next(iter(principal.townships))
    if group:
        principal.require_township(group)
    return cmd.model_copy(update={"liaison_group_id": group})


def _check_point_township(principal: Principal, point: PointState) -> None:
    if point.exists and not is_editor(principal):
        principal.require_township(point.township_id)


async def _with_authors(rt: ServiceRuntime, cmd: SubmitReport) -> SubmitReport:
    ids = [a.strip() for a in cmd.author_ids if a.strip()]
    if not ids:
        return cmd
    async with rt.db.read() as conn:
        refs = await projection(rt, MemberReference).lookup(conn, ids)
    return cmd.model_copy(
        update={"author_township_ids": townships_of(refs), "author_names": names_of(refs)}
    )


async def editorial(
    rt: ServiceRuntime,
    principal: Principal,
    name: str,
    cmd: ReportCommand,
    decide: Decide,
    action: str,
) -> Accepted:
    """One step of the info office on one report (O2–O5, O7–O12)."""
    require_editor(principal, action)
    result = await run(
        rt,
        principal,
        name,
        [Target(report_decider, cmd.report_id)],
        lambda states: decide(cmd, states[0]),
        cmd.at,
    )
    return accepted(cmd.report_id, result)


async def resubmit(rt: ServiceRuntime, principal: Principal, cmd: ResubmitReport) -> Accepted:
    """修改后重新报送: an author, the township that submitted it, or the info office."""

    def decide(states: list[Any]) -> list[DomainEvent]:
        state: ReportState = states[0]
        if state.exists and not _may_resubmit(principal, state):
            raise Forbidden("只有作者本人、报送该信息的乡镇联络组或县政协信息中心可以重新报送。")
        return decide_resubmit_report(cmd, state)

    targets = [Target(report_decider, cmd.report_id)]
    result = await run(rt, principal, "resubmit_opinion_report", targets, decide, cmd.at)
    return accepted(cmd.report_id, result)


def _may_resubmit(principal: Principal, state: ReportState) -> bool:
    if is_editor(principal) or set(state.author_ids) & principal.scoped("member"):
        return True
    return state.reporter_kind in TOWNSHIP_KINDS and state.township_id in principal.townships
