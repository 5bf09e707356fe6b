"""Topic guides (参考要目), public leads (提案线索) and the duplicate-title warning."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Row, exists, select, true

from services.proposals.domain.artifacts import proposal_lead as lead
from services.proposals.domain.artifacts import topic_guide as guide
from services.proposals.domain.artifacts.similarity import SimilarTitle, similar_titles
from services.proposals.projections.artifacts_guides import TopicGuidesAndLeads
from services.proposals.projections.proposal_list import ProposalList
from shared.auth import Forbidden, Principal
from shared.commands import Target
from shared.domain import NotFound
from shared.http import Accepted
from shared.service import ServiceRuntime

from .artifacts_common import is_office, require_office, run
from .artifacts_config import artifacts_config
from .artifacts_views import ArtifactViewer, any_of
from .lookup import projection

LEAD_RECORDERS = "只有提案委、政协机关或乡镇联络组工作人员可以登记提案线索。"
GUIDE_NOT_FOUND = "未找到该次会议已发布的提案征集参考要目"
LEAD_NOT_FOUND = "未找到该提案线索，请核对线索编号"


# --- topic guide ---------------------------------------------------------------------


async def add_guide_item(rt: ServiceRuntime, p: Principal, cmd: guide.AddGuideItem) -> Accepted:
    require_office(p)
    gid = guide.guide_id(cmd.term_no, cmd.session_no)
    done = await run(
        rt,
        p,
        "add_topic_guide_item",
        [Target(guide.topic_guide_decider, gid)],
        lambda states: guide.decide_add_guide_item(cmd, states[0]),
        cmd.at,
    )
    return done.model_copy(update={"id": cmd.item_id})


async def remove_guide_item(
    rt: ServiceRuntime, p: Principal, cmd: guide.RemoveGuideItem
) -> Accepted:
    require_office(p)
    gid = guide.guide_id(cmd.term_no, cmd.session_no)
    return await run(
        rt,
        p,
        "remove_topic_guide_item",
        [Target(guide.topic_guide_decider, gid)],
        lambda states: guide.decide_remove_guide_item(cmd, states[0]),
        cmd.at,
    )


async def publish_guide(rt: ServiceRuntime, p: Principal, cmd: guide.PublishTopicGuide) -> Accepted:
    require_office(p)
    gid = guide.guide_id(cmd.term_no, cmd.session_no)
    return await run(
        rt,
        p,
        "publish_topic_guide",
        [Target(guide.topic_guide_decider, gid)],
        lambda states: guide.decide_publish_topic_guide(cmd, states[0]),
        cmd.at,
    )


async def guides(rt: ServiceRuntime, p: Principal) -> Sequence[Row[Any]]:
    t = projection(rt, TopicGuidesAndLeads).guides
    stmt = select(t).order_by(t.c.term_no.desc(), t.c.session_no.desc())
    if not is_office(p):
        stmt = stmt.where(t.c.status == "published")
    async with rt.db.read() as conn:
        return (await conn.execute(stmt)).all()


async def guide_with_items(
    rt: ServiceRuntime, p: Principal, term_no: int, session_no: int
) -> tuple[Row[Any], Sequence[Row[Any]]]:
    proj = projection(rt, TopicGuidesAndLeads)
    g, i = proj.guides, proj.items
    gid = guide.guide_id(term_no, session_no)
    async with rt.db.read() as conn:
        row = (await conn.execute(select(g).where(g.c.guide_id == gid))).first()
        if row is None or (row.status != "published" and not is_office(p)):
            raise NotFound(GUIDE_NOT_FOUND, code="guide_not_found")
        stmt = select(i).where(i.c.guide_id == gid).order_by(i.c.position)
        return row, (await conn.execute(stmt)).all()


# --- leads ---------------------------------------------------------------------------


async def submit_lead(rt: ServiceRuntime, p: Principal, cmd: lead.SubmitProposalLead) -> Accepted:
    """Office, or a township clerk for its own township (the lead is then attributed)."""
    if not is_office(p):
        if not p.townships:
            raise Forbidden(LEAD_RECORDERS)
        township = cmd.township_id or next(iter(sorted(p.townships)))
        p.require_township(township)
        cmd = cmd.model_copy(update={"township_id": township})
    return await run(
        rt,
        p,
        "submit_proposal_lead",
        [Target(lead.proposal_lead_decider, cmd.lead_id, new=True)],
        lambda states: lead.decide_submit_proposal_lead(cmd, states[0]),
        cmd.at,
    )


async def forward_lead(rt: ServiceRuntime, p: Principal, cmd: lead.ForwardProposalLead) -> Accepted:
    require_office(p, "只有提案委员会或政协机关工作人员可以处理提案线索。")
    return await run(
        rt,
        p,
        "forward_proposal_lead",
        [Target(lead.proposal_lead_decider, cmd.lead_id)],
        lambda states: lead.decide_forward_proposal_lead(cmd, states[0]),
        cmd.at,
    )


async def decline_lead(rt: ServiceRuntime, p: Principal, cmd: lead.DeclineProposalLead) -> Accepted:
    require_office(p, "只有提案委员会或政协机关工作人员可以处理提案线索。")
    return await run(
        rt,
        p,
        "decline_proposal_lead",
        [Target(lead.proposal_lead_decider, cmd.lead_id)],
        lambda states: lead.decide_decline_proposal_lead(cmd, states[0]),
        cmd.at,
    )


async def leads(
    rt: ServiceRuntime, p: Principal, status: str | None, lead_id: str | None = None
) -> Sequence[Row[Any]]:
    viewer = ArtifactViewer.of(p)
    viewer.require_any(townships=True, members=True, units=False)
    proj = projection(rt, TopicGuidesAndLeads)
    t, r = proj.leads, proj.recipients
    stmt = select(t).order_by(t.c.received_at.desc(), t.c.lead_id.desc())
    if not viewer.office:
        parts: list[ColumnElement[bool]] = []
        if viewer.townships:
            parts.append(t.c.township_id.in_(sorted(viewer.townships)))
        if viewer.member_ids:
            mine = exists().where(
                r.c.lead_id == t.c.lead_id, r.c.member_id.in_(sorted(viewer.member_ids))
            )
            parts.append((t.c.status == "forwarded") & (t.c.to_all_members | mine))
        stmt = stmt.where(any_of(parts))
    stmt = stmt.where(t.c.status == status if status else true())
    stmt = stmt.where(t.c.lead_id == lead_id if lead_id else true())
    async with rt.db.read() as conn:
        return (await conn.execute(stmt)).all()


async def one_lead(rt: ServiceRuntime, p: Principal, lead_id: str) -> Row[Any]:
    found = await leads(rt, p, None, lead_id)
    if not found:
        raise NotFound(LEAD_NOT_FOUND, code="lead_not_found")
    return found[0]


# --- duplicate warning ----------------------------------------------------------------


async def similar(
    rt: ServiceRuntime, p: Principal, title: str, term_no: int, session_no: int
) -> tuple[list[SimilarTitle], dict[str, Row[Any, Any, Any, Any]]]:
    """Proposals of the same session (not withdrawn) whose titles look alike."""
    ArtifactViewer.of(p).require_any(townships=True, members=True, units=False)
    t = projection(rt, ProposalList).proposals
    stmt = select(t.c.proposal_id, t.c.title, t.c.serial_no, t.c.status).where(
        t.c.term_no == term_no, t.c.session_no == session_no, t.c.status != "withdrawn"
    )
    async with rt.db.read() as conn:
        rows = {r.proposal_id: r for r in (await conn.execute(stmt)).all()}
    config = artifacts_config(rt)
    hits = similar_titles(
        title,
        ((pid, r.title) for pid, r in rows.items()),
        config.similar_title_threshold,
        config.similar_title_limit,
    )
    return hits, rows
