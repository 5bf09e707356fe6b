"""一表一单: assignment slips (交办单), supervision slips (督办单), feedback forms
(征询意见表) — commands and the queries each party may run."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Row, Table, exists, select

from services.proposals.domain.artifacts import assignment_slip as slip
from services.proposals.domain.artifacts import feedback_form as form
from services.proposals.domain.artifacts import supervision_slip as sup
from services.proposals.projections.artifacts_slips import Slips
from shared.auth import Forbidden, Principal
from shared.commands import Target
from shared.domain import Invalid, NotFound
from shared.events import DomainEvent
from shared.http import Accepted
from shared.ids import stable_id
from shared.service import ServiceRuntime

from .artifacts_calendar import load_work_calendar
from .artifacts_common import is_office, proposal_ref, proposal_target, require_office, run
from .artifacts_config import artifacts_config
from .artifacts_views import ArtifactViewer, about_townships, any_of
from .lookup import projection


def assignment_slip_id(proposal_id: str) -> str:
    """One 交办单 per proposal: a policy reacting to 交办 finds the same id again."""
    return stable_id("assignment_slip", proposal_id)


def feedback_form_id(proposal_id: str, reply_id: str, author_id: str) -> str:
    return stable_id("feedback_form", proposal_id, reply_id, author_id)


# --- commands --------------------------------------------------------------------------


async def issue_assignment_slip(
    rt: ServiceRuntime, p: Principal, cmd: slip.IssueAssignmentSlip
) -> Accepted:
    require_office(p, "只有提案委员会或政协机关工作人员可以出具交办单。")
    cmd = cmd.model_copy(update={"slip_id": assignment_slip_id(cmd.proposal_id)})
    calendar = await load_work_calendar(rt.db)
    config = artifacts_config(rt)
    return await run(
        rt,
        p,
        "issue_assignment_slip",
        [Target(slip.assignment_slip_decider, cmd.slip_id), proposal_target(cmd.proposal_id)],
        lambda s: slip.decide_issue_assignment_slip(
            cmd, s[0], proposal_ref(s[1], cmd.proposal_id), calendar, config
        ),
        cmd.at,
    )


async def issue_supervision_slip(
    rt: ServiceRuntime, p: Principal, cmd: sup.IssueSupervisionSlip
) -> Accepted:
    require_office(p, "只有提案委员会或政协机关工作人员可以发出督办单。")
    calendar = await load_work_calendar(rt.db)
    config = artifacts_config(rt)
    return await run(
        rt,
        p,
        "issue_supervision_slip",
        [
            Target(sup.supervision_slip_decider, cmd.slip_id, new=True),
            proposal_target(cmd.proposal_id),
        ],
        lambda s: sup.decide_issue_supervision_slip(
            cmd, s[0], proposal_ref(s[1], cmd.proposal_id), calendar, config
        ),
        cmd.at,
    )


async def answer_supervision_slip(
    rt: ServiceRuntime, p: Principal, cmd: sup.AnswerSupervisionSlip
) -> Accepted:
    units = p.scoped("handling_unit")
    if not units:
        raise Forbidden("只有被督办的承办单位可以回复督办单。")

    def decide(states: list[Any]) -> list[DomainEvent]:
        state: sup.SupervisionSlipState = states[0]
        if state.unit_id is not None and state.unit_id not in units:
            raise Forbidden("该督办单不是发给本单位的，不能回复。")
        return sup.decide_answer_supervision_slip(cmd, state)

    target = Target(sup.supervision_slip_decider, cmd.slip_id)
    return await run(rt, p, "answer_supervision_slip", [target], decide, cmd.at)


async def return_feedback_form(
    rt: ServiceRuntime, p: Principal, cmd: form.ReturnFeedbackForm
) -> Accepted:
    """A proposer online for themself, or the office entering a paper form."""
    if is_office(p):
        if not cmd.author_id:
            raise Invalid("代录纸质征询意见表时请填写提案人（author_id）", code="author_required")
        cmd = cmd.model_copy(update={"channel": "paper"})
    else:
        mine = p.scoped("member")
        author = cmd.author_id or p.member_id or ""
        if author not in mine:
            raise Forbidden("只有提案人本人可以填写征询意见表。")
        cmd = cmd.model_copy(update={"author_id": author, "channel": "online"})
    cmd = cmd.model_copy(
        update={"form_id": feedback_form_id(cmd.proposal_id, cmd.reply_id, cmd.author_id)}
    )
    config = artifacts_config(rt)
    return await run(
        rt,
        p,
        "return_feedback_form",
        [Target(form.feedback_form_decider, cmd.form_id), proposal_target(cmd.proposal_id)],
        lambda s: form.decide_return_feedback_form(
            cmd, s[0], proposal_ref(s[1], cmd.proposal_id), config
        ),
        cmd.at,
    )


# --- queries ---------------------------------------------------------------------------


async def _rows(
    rt: ServiceRuntime, t: Table, where: Sequence[ColumnElement[bool]], order: Any
) -> Sequence[Row[Any]]:
    async with rt.db.read() as conn:
        return (await conn.execute(select(t).where(*where).order_by(order))).all()


async def assignment_slips(
    rt: ServiceRuntime, p: Principal, proposal_id: str | None = None, slip_id: str | None = None
) -> Sequence[Row[Any]]:
    viewer = ArtifactViewer.of(p)
    viewer.require_any(townships=True, members=False, units=True)
    proj = projection(rt, Slips)
    t, u = proj.assignment, proj.assignment_units
    where: list[ColumnElement[bool]] = []
    if not viewer.office:
        to_me = exists().where(u.c.slip_id == t.c.slip_id, u.c.unit_id.in_(sorted(viewer.unit_ids)))
        where.append(any_of([to_me, about_townships(rt, t.c.proposal_id, viewer.townships)]))
    if proposal_id:
        where.append(t.c.proposal_id == proposal_id)
    if slip_id:
        where.append(t.c.slip_id == slip_id)
    return await _rows(rt, t, where, t.c.issued_at.desc())


async def supervision_slips(
    rt: ServiceRuntime, p: Principal, proposal_id: str | None = None, slip_id: str | None = None
) -> Sequence[Row[Any]]:
    viewer = ArtifactViewer.of(p)
    viewer.require_any(townships=True, members=False, units=True)
    t = projection(rt, Slips).supervision
    where: list[ColumnElement[bool]] = []
    if not viewer.office:
        to_me = t.c.unit_id.in_(sorted(viewer.unit_ids))
        where.append(any_of([to_me, about_townships(rt, t.c.proposal_id, viewer.townships)]))
    if proposal_id:
        where.append(t.c.proposal_id == proposal_id)
    if slip_id:
        where.append(t.c.slip_id == slip_id)
    return await _rows(rt, t, where, t.c.issued_at.desc())


async def feedback_forms(
    rt: ServiceRuntime, p: Principal, proposal_id: str | None = None, form_id: str | None = None
) -> Sequence[Row[Any]]:
    viewer = ArtifactViewer.of(p)
    viewer.require_any(townships=True, members=True, units=True)
    t = projection(rt, Slips).forms
    where: list[ColumnElement[bool]] = []
    if not viewer.office:
        parts = [
            t.c.author_id.in_(sorted(viewer.member_ids)),
            t.c.unit_id.in_(sorted(viewer.unit_ids)),
            about_townships(rt, t.c.proposal_id, viewer.townships),
        ]
        where.append(any_of(parts))
    if proposal_id:
        where.append(t.c.proposal_id == proposal_id)
    if form_id:
        where.append(t.c.form_id == form_id)
    return await _rows(rt, t, where, t.c.returned_at.desc())


def the_one(rows: Sequence[Row[Any]], what: str) -> Row[Any]:
    """A single record, or 404 (also when it exists but the viewer may not see it)."""
    if not rows:
        raise NotFound(f"未找到该{what}，请核对编号", code="not_found")
    return rows[0]
