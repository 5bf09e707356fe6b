"""The township dashboard: one liaison group's year, read from `directory` and
`township_dashboard` (DOMAIN §6.3: members, 两访三做, proposals, consultations, adoptions)."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from sqlalchemy import Row, Table, func, select
from sqlalchemy.ext.asyncio import AsyncConnection

from services.members.api.labels import (
    ADOPTION_LABELS,
    CONSULTATION_TYPE_LABELS,
    PROPOSAL_CATEGORY_LABELS,
    PROPOSAL_STATUS_LABELS,
    REASON_LABELS,
    label,
)
from services.members.api.queries import member_names, require_group, township_members
from services.members.api.schemas import (
    AdoptedSuggestionItem,
    AdoptedSuggestionsPanel,
    ConsultationItem,
    ConsultationsPanel,
    DashboardMember,
    DashboardOut,
    ProposalItem,
    ProposalsPanel,
    VisitItem,
    VisitsPanel,
)
from services.members.domain import ROLE_TAG_LABELS, VISIT_KIND_LABELS, VISIT_MODE_LABELS
from services.members.projections import Directory, TownshipDashboard


async def year_rows(
    conn: AsyncConnection, table: Table, township_id: str, year: int, *order: Any
) -> list[Row[Any]]:
    stmt = (
        select(table)
        .where(table.c.township_id == township_id, table.c.year == year)
        .order_by(*order)
    )
    return list((await conn.execute(stmt)).all())


def visit_item(row: Row[Any], names: dict[str, str]) -> VisitItem:
    tags = [t for t in row.role_tags.split(",") if t]
    return VisitItem(
        visit_id=row.visit_id,
        member_id=row.member_id,
        member_name=names.get(row.member_id),
        member_township_id=row.member_township_id,
        visit_township_id=row.visit_township_id,
        visit_kind=row.visit_kind,
        visit_kind_label=label(VISIT_KIND_LABELS, row.visit_kind),
        mode=row.mode,
        mode_label=label(VISIT_MODE_LABELS, row.mode),
        visit_date=row.visit_date,
        role_tags=tags,
        role_tag_labels=[label(ROLE_TAG_LABELS, t) for t in tags],
        topics=json.loads(row.topics),
        visitors_count=row.visitors_count,
        constituents_count=row.constituents_count,
        issues_count=row.issues_count,
        reason=row.reason,
        reason_label=label(REASON_LABELS, row.reason),
    )


def _visits(rows: list[Row[Any]], names: dict[str, str]) -> VisitsPanel:
    items = [visit_item(row, names) for row in rows]
    tags = Counter(tag for item in items for tag in item.role_tags)
    return VisitsPanel(
        total=len(items),
        by_kind=dict(Counter(item.visit_kind for item in items)),
        by_role_tag=dict(tags),
        items=items,
    )


def _proposal_item(row: Row[Any], names: dict[str, str]) -> ProposalItem:
    return ProposalItem(
        proposal_id=row.proposal_id,
        title=row.title,
        lead_author_id=row.lead_author_id,
        lead_author_name=names.get(row.lead_author_id or ""),
        category=row.category,
        category_label=label(PROPOSAL_CATEGORY_LABELS, row.category) if row.category else None,
        status=row.status,
        status_label=label(PROPOSAL_STATUS_LABELS, row.status),
        serial_no=row.serial_no,
        submitted_at=row.submitted_at,
        reason=row.reason,
        reason_label=label(REASON_LABELS, row.reason),
    )


def _proposals(rows: list[Row[Any]], names: dict[str, str]) -> ProposalsPanel:
    items = [_proposal_item(row, names) for row in rows]
    by_status = Counter(item.status for item in items)
    return ProposalsPanel(total=len(items), by_status=dict(by_status), items=items)


def consultation_panel(rows: list[Row[Any]]) -> ConsultationsPanel:
    items = [
        ConsultationItem(
            **{k: v for k, v in row._mapping.items() if k in ConsultationItem.model_fields},
            type_label=label(CONSULTATION_TYPE_LABELS, row.type),
            reason_label=label(REASON_LABELS, row.reason),
        )
        for row in rows
    ]
    return ConsultationsPanel(total=len(items), items=items)


def adopted_panel(rows: list[Row[Any]]) -> AdoptedSuggestionsPanel:
    items = [
        AdoptedSuggestionItem(
            **{k: v for k, v in row._mapping.items() if k in AdoptedSuggestionItem.model_fields},
            adoption_label=label(ADOPTION_LABELS, row.adoption),
        )
        for row in rows
    ]
    return AdoptedSuggestionsPanel(total=len(items), items=items)


async def _members(
    conn: AsyncConnection, d: Directory, t: TownshipDashboard, township_id: str, year: int
) -> list[DashboardMember]:
    members = await township_members(conn, d, township_id)
    v = t.visits
    stmt = (
        select(v.c.member_id, func.count(func.distinct(v.c.visit_id)).label("n"))
        .where(v.c.year == year, v.c.member_id.in_([m.member_id for m in members]))
        .group_by(v.c.member_id)
    )
    counts = {row.member_id: row.n for row in await conn.execute(stmt)}
    return [
        DashboardMember(**m.model_dump(), visit_count=counts.get(m.member_id, 0)) for m in members
    ]


async def build_dashboard(
    conn: AsyncConnection, d: Directory, t: TownshipDashboard, township_id: str, year: int
) -> DashboardOut:
    group = await require_group(conn, d, township_id)
    v, p, c, a = t.visits.c, t.proposals.c, t.consultations.c, t.adopted.c
    visits = await year_rows(conn, t.visits, township_id, year, v.visit_date.desc(), v.visit_id)
    proposals = await year_rows(conn, t.proposals, township_id, year, p.submitted_at, p.proposal_id)
    consultations = await year_rows(
        conn, t.consultations, township_id, year, c.held_on.desc(), c.consultation_id
    )
    adopted = await year_rows(conn, t.adopted, township_id, year, a.adopted_at, a.suggestion_id)
    names = await member_names(
        conn, d, [r.member_id for r in visits] + [r.lead_author_id for r in proposals]
    )
    return DashboardOut(
        township_id=township_id,
        group_name=group.group_name,
        township_name=group.township_name,
        year=year,
        members=await _members(conn, d, t, township_id, year),
        visits=_visits(visits, names),
        proposals=_proposals(proposals, names),
        consultations=consultation_panel(consultations),
        adopted_suggestions=adopted_panel(adopted),
    )
