"""Key-proposal supervision records (重点提案督办) and handling consultations (办理协商)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Row, exists, select

from services.proposals.domain.artifacts import handling_consultation as hc
from services.proposals.domain.artifacts import key_supervision as ks
from services.proposals.projections.artifacts_records import SupervisionRecords
from shared.auth import Principal
from shared.commands import Target
from shared.domain import NotFound
from shared.events import DomainEvent
from shared.http import Accepted
from shared.service import ServiceRuntime

from .artifacts_common import proposal_ref, proposal_target, require_office, run
from .artifacts_views import ArtifactViewer, about_townships
from .lookup import projection

SUPERVISION_OFFICE = "只有提案委员会或政协机关工作人员可以登记重点提案督办。"
CONSULTATION_OFFICE = "只有提案委员会或政协机关工作人员可以登记办理协商。"


# --- key-proposal supervision ------------------------------------------------------------


async def plan(rt: ServiceRuntime, p: Principal, cmd: ks.PlanKeySupervision) -> Accepted:
    require_office(p, SUPERVISION_OFFICE)
    return await run(
        rt,
        p,
        "plan_key_supervision",
        [
            Target(ks.key_supervision_decider, cmd.supervision_id, new=True),
            proposal_target(cmd.proposal_id),
        ],
        lambda s: ks.decide_plan_key_supervision(cmd, s[0], proposal_ref(s[1], cmd.proposal_id)),
        cmd.at,
    )


async def conduct(rt: ServiceRuntime, p: Principal, cmd: ks.ConductKeySupervision) -> Accepted:
    require_office(p, SUPERVISION_OFFICE)
    return await run(
        rt,
        p,
        "conduct_key_supervision",
        [Target(ks.key_supervision_decider, cmd.supervision_id)],
        lambda s: ks.decide_conduct_key_supervision(cmd, s[0]),
        cmd.at,
    )


async def file_report(rt: ServiceRuntime, p: Principal, cmd: ks.FileSupervisionReport) -> Accepted:
    require_office(p, SUPERVISION_OFFICE)
    return await run(
        rt,
        p,
        "file_supervision_report",
        [Target(ks.key_supervision_decider, cmd.supervision_id)],
        lambda s: ks.decide_file_supervision_report(cmd, s[0]),
        cmd.at,
    )


async def supervisions(
    rt: ServiceRuntime, p: Principal, proposal_id: str | None = None, sid: str | None = None
) -> list[tuple[Row[Any], Sequence[Row[Any]]]]:
    viewer = ArtifactViewer.of(p)
    viewer.require_any(townships=True, members=False, units=False)
    proj = projection(rt, SupervisionRecords)
    t, act = proj.supervisions, proj.activities
    where: list[ColumnElement[bool]] = []
    if not viewer.office:
        where.append(about_townships(rt, t.c.proposal_id, viewer.townships))
    if proposal_id:
        where.append(t.c.proposal_id == proposal_id)
    if sid:
        where.append(t.c.supervision_id == sid)
    async with rt.db.read() as conn:
        rows = (await conn.execute(select(t).where(*where).order_by(t.c.planned_on.desc()))).all()
        ids = [r.supervision_id for r in rows]
        stmt = select(act).where(act.c.supervision_id.in_(ids)).order_by(act.c.position)
        acts = (await conn.execute(stmt)).all()
    return [(r, [a for a in acts if a.supervision_id == r.supervision_id]) for r in rows]


# --- handling consultations --------------------------------------------------------------


async def record_consultation(
    rt: ServiceRuntime, p: Principal, cmd: hc.RecordHandlingConsultation
) -> Accepted:
    require_office(p, CONSULTATION_OFFICE)
    ids = list(dict.fromkeys(cmd.proposal_ids))

    def decide(states: list[Any]) -> list[DomainEvent]:
        refs = {pid: proposal_ref(s, pid) for pid, s in zip(ids, states[1:], strict=True)}
        ordered = [refs[pid] for pid in cmd.proposal_ids]
        return hc.decide_record_handling_consultation(cmd, states[0], ordered)

    targets = [
        Target(hc.handling_consultation_decider, cmd.consultation_id, new=True),
        *(proposal_target(pid) for pid in ids),
    ]
    return await run(rt, p, "record_handling_consultation", targets, decide, cmd.at)


async def consultations(
    rt: ServiceRuntime, p: Principal, proposal_id: str | None = None, cid: str | None = None
) -> list[tuple[Row[Any], Sequence[Row[Any]]]]:
    viewer = ArtifactViewer.of(p)
    viewer.require_any(townships=True, members=False, units=False)
    proj = projection(rt, SupervisionRecords)
    t, linked = proj.consultations, proj.consulted
    where: list[ColumnElement[bool]] = []
    if not viewer.office:
        ours = about_townships(rt, linked.c.proposal_id, viewer.townships)
        where.append(exists().where(linked.c.consultation_id == t.c.consultation_id, ours))
    if proposal_id:
        where.append(
            exists().where(
                linked.c.consultation_id == t.c.consultation_id,
                linked.c.proposal_id == proposal_id,
            )
        )
    if cid:
        where.append(t.c.consultation_id == cid)
    async with rt.db.read() as conn:
        rows = (await conn.execute(select(t).where(*where).order_by(t.c.held_at.desc()))).all()
        ids = [r.consultation_id for r in rows]
        stmt = select(linked).where(linked.c.consultation_id.in_(ids)).order_by(linked.c.position)
        links = (await conn.execute(stmt)).all()
    return [(r, [x for x in links if x.consultation_id == r.consultation_id]) for r in rows]


def first_or_404(found: list[Any], what: str) -> Any:
    if not found:
        raise NotFound(f"未找到该{what}，请核对编号", code="not_found")
    return found[0]
