"""Routes: topic guides (提案征集参考要目), public leads (提案线索), similar titles."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlalchemy import Row

from services.proposals.application import artifacts_guides as app
from services.proposals.application.artifacts_common import is_office
from services.proposals.application.artifacts_config import artifacts_config
from services.proposals.application.artifacts_views import mask_contact, mask_name
from services.proposals.domain.artifacts import proposal_lead as lead
from services.proposals.domain.artifacts import topic_guide as guide
from services.proposals.domain.artifacts.labels import LEAD_CHANNEL_LABELS, LEAD_STATUS_LABELS
from services.proposals.domain.labels import CATEGORY_LABELS, status_label
from shared.auth import CurrentPrincipal
from shared.http import Accepted
from shared.ids import uuid7
from shared.service import ReadAfter, Runtime

from .artifacts_schemas import (
    Coded,
    DeclineLeadIn,
    ForwardLeadIn,
    GuideItemIn,
    GuideItemOut,
    GuideOut,
    LeadIn,
    LeadOut,
    PathId,
    SessionNo,
    SimilarOut,
    SimilarPage,
    TermNo,
    coded,
    utc,
)

router = APIRouter()
GUIDE_STATUS = {"draft": "未发布", "published": "已发布"}
GUIDES, LEADS = "提案征集参考要目", "提案线索"


def now() -> datetime:
    return datetime.now(UTC)


# --- topic guides -------------------------------------------------------------------------


@router.post(
    "/topic-guides/{term_no}/{session_no}/items",
    status_code=201,
    tags=[GUIDES],
    summary="增加参考题目（提案委/政协机关）",
)
async def add_item(
    term_no: TermNo,
    session_no: SessionNo,
    body: GuideItemIn,
    principal: CurrentPrincipal,
    rt: Runtime,
) -> Accepted:
    cmd = guide.AddGuideItem(
        actor=principal.actor,
        at=now(),
        term_no=term_no,
        session_no=session_no,
        item_id=uuid7(),
        **body.model_dump(),
    )
    return await app.add_guide_item(rt, principal, cmd)


@router.delete(
    "/topic-guides/{term_no}/{session_no}/items/{item_id}",
    status_code=202,
    tags=[GUIDES],
    summary="删除参考题目（发布前）",
)
async def remove_item(
    term_no: TermNo,
    session_no: SessionNo,
    item_id: PathId,
    principal: CurrentPrincipal,
    rt: Runtime,
) -> Accepted:
    cmd = guide.RemoveGuideItem(
        actor=principal.actor, at=now(), term_no=term_no, session_no=session_no, item_id=item_id
    )
    return await app.remove_guide_item(rt, principal, cmd)


@router.post(
    "/topic-guides/{term_no}/{session_no}/publish",
    status_code=202,
    tags=[GUIDES],
    summary="发布参考要目（发布后委员可见，不能再修改）",
)
async def publish(
    term_no: TermNo, session_no: SessionNo, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = guide.PublishTopicGuide(
        actor=principal.actor, at=now(), term_no=term_no, session_no=session_no
    )
    return await app.publish_guide(rt, principal, cmd)


@router.get(
    "/topic-guides",
    tags=[GUIDES],
    summary="参考要目列表（委员等只看已发布的）",
    dependencies=[ReadAfter],
)
async def list_guides(principal: CurrentPrincipal, rt: Runtime) -> list[GuideOut]:
    return [_guide(row, []) for row in await app.guides(rt, principal)]


@router.get(
    "/topic-guides/{term_no}/{session_no}",
    tags=[GUIDES],
    summary="某次会议的参考要目及题目（撰写提案时参考）",
    dependencies=[ReadAfter],
)
async def get_guide(
    term_no: TermNo, session_no: SessionNo, principal: CurrentPrincipal, rt: Runtime
) -> GuideOut:
    row, items = await app.guide_with_items(rt, principal, term_no, session_no)
    return _guide(row, items)


def _guide(row: Row[Any], items: Any) -> GuideOut:
    return GuideOut(
        term_no=row.term_no,
        session_no=row.session_no,
        status=coded(row.status, GUIDE_STATUS),
        published_at=utc(row.published_at),
        items=[
            GuideItemOut(
                item_id=i.item_id,
                title=i.title,
                description=i.description,
                category=coded(i.category, CATEGORY_LABELS),
            )
            for i in items
        ],
    )


# --- leads ----------------------------------------------------------------------------------


@router.post(
    "/proposal-leads",
    status_code=201,
    tags=[LEADS],
    summary="登记群众提供的提案线索（提案委/政协机关/乡镇联络组）",
)
async def submit_lead(body: LeadIn, principal: CurrentPrincipal, rt: Runtime) -> Accepted:
    cmd = lead.SubmitProposalLead(
        actor=principal.actor, at=now(), lead_id=uuid7(), **body.model_dump()
    )
    return await app.submit_lead(rt, principal, cmd)


@router.post(
    "/proposal-leads/{lead_id}/forward",
    status_code=202,
    tags=[LEADS],
    summary="将线索转委员参考（指定委员或全体委员）",
)
async def forward_lead(
    lead_id: PathId, principal: CurrentPrincipal, rt: Runtime, body: ForwardLeadIn | None = None
) -> Accepted:
    data = body or ForwardLeadIn()
    cmd = lead.ForwardProposalLead(
        actor=principal.actor, at=now(), lead_id=lead_id, **data.model_dump()
    )
    return await app.forward_lead(rt, principal, cmd)


@router.post(
    "/proposal-leads/{lead_id}/decline",
    status_code=202,
    tags=[LEADS],
    summary="线索不予采用（注明理由）",
)
async def decline_lead(
    lead_id: PathId, body: DeclineLeadIn, principal: CurrentPrincipal, rt: Runtime
) -> Accepted:
    cmd = lead.DeclineProposalLead(
        actor=principal.actor, at=now(), lead_id=lead_id, reason=body.reason
    )
    return await app.decline_lead(rt, principal, cmd)


@router.get(
    "/proposal-leads",
    tags=[LEADS],
    summary="提案线索列表（委员看转给本人或全体委员的；联系方式打码）",
    dependencies=[ReadAfter],
)
async def list_leads(
    principal: CurrentPrincipal,
    rt: Runtime,
    status: Annotated[str | None, Query(max_length=16, description="按状态筛选")] = None,
) -> list[LeadOut]:
    return [_lead(r, reveal=False) for r in await app.leads(rt, principal, status)]


@router.get(
    "/proposal-leads/{lead_id}",
    tags=[LEADS],
    summary="提案线索详情（完整联系方式仅提案委、政协机关可见）",
    dependencies=[ReadAfter],
)
async def get_lead(lead_id: PathId, principal: CurrentPrincipal, rt: Runtime) -> LeadOut:
    row = await app.one_lead(rt, principal, lead_id)
    return _lead(row, reveal=is_office(principal))


def _lead(row: Row[Any], reveal: bool) -> LeadOut:
    return LeadOut(
        lead_id=row.lead_id,
        township_id=row.township_id,
        channel=coded(row.channel, LEAD_CHANNEL_LABELS),
        content=row.content,
        contact_name=row.contact_name if reveal else mask_name(row.contact_name),
        contact=row.contact if reveal else mask_contact(row.contact),
        status=coded(row.status, LEAD_STATUS_LABELS),
        to_all_members=bool(row.to_all_members),
        note=row.note,
        decline_reason=row.decline_reason,
        received_at=utc(row.received_at),
        triaged_at=utc(row.triaged_at),
    )


# --- similar titles ------------------------------------------------------------------------


@router.get(
    "/proposals/similar",
    tags=["提案征集"],
    summary="重复提案提醒：本次会议中标题相近的提案",
    dependencies=[ReadAfter],
)
async def similar_proposals(
    principal: CurrentPrincipal,
    rt: Runtime,
    title: Annotated[str, Query(min_length=1, max_length=100, description="拟提交的案由")],
    term_no: Annotated[int, Query(ge=1, le=99, description="届次")],
    session_no: Annotated[int, Query(ge=1, le=20, description="会次")],
) -> SimilarPage:
    hits, rows = await app.similar(rt, principal, title, term_no, session_no)
    items = [
        SimilarOut(
            proposal_id=h.key,
            serial_no=rows[h.key].serial_no,
            title=h.title,
            status=Coded(code=rows[h.key].status, label=status_label(rows[h.key].status)),
            score=h.score,
        )
        for h in hits
    ]
    threshold = artifacts_config(rt).similar_title_threshold
    return SimilarPage(threshold=threshold, items=items)
