"""The township dashboard: one liaison group's year, read from `directory` and
`township_dashboard` (DOMAIN §6.3: members, 两访三做, proposals, consultations, adoptions).

Counters are SQL aggregates over all of the year's rows (COUNT … GROUP BY on the
`(township_id, year)` indexes); the item lists are one page each (`township_paging`)."""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Column, Row, Table, and_, func, select
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql.elements import ColumnElement

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
from services.members.api.township_paging import ALL, ListPage, Paging
from services.members.domain import ROLE_TAG_LABELS, VISIT_KIND_LABELS, VISIT_MODE_LABELS
from services.members.projections import Directory, TownshipDashboard


def of_year(table: Table, township_id: str, year: int) -> ColumnElement[bool]:
    return and_(table.c.township_id == township_id, table.c.year == year)


async def year_rows(
    conn: AsyncConnection,
    table: Table,
    township_id: str,
    year: int,
    *order: Any,
    paging: Paging = ALL,
) -> list[Row[Any]]:
    """One page of the group's rows of the year, in `order`."""
    stmt = select(table).where(of_year(table, township_id, year)).order_by(*order)
    return list((await conn.execute(paging.apply(stmt))).all())


async def year_count(conn: AsyncConnection, table: Table, township_id: str, year: int) -> int:
    stmt = select(func.count()).select_from(table).where(of_year(table, township_id, year))
    return int((await conn.execute(stmt)).scalar_one())


async def year_counts(
    conn: AsyncConnection, table: Table, township_id: str, year: int, *columns: Column[Any]
) -> list[Row[*tuple[Any, ...]]]:
    """(columns…, n) for each distinct value of `columns` among the group's rows of the year."""
    stmt = (
        select(*columns, func.count().label("n"))
        .where(of_year(table, township_id, year))
        .group_by(*columns)
        .order_by(*columns)
    )
    return list((await conn.execute(stmt)).all())


@dataclass(frozen=True)
class VisitStats:
    """The year's visits of a group counted in SQL: n for each (reason, kind, role tags)."""

    groups: list[tuple[str, str, str, int]]

    @property
    def total(self) -> int:
        return sum(n for *_, n in self.groups)

    def by_kind(self, reason: str | None = None) -> dict[str, int]:
        found: Counter[str] = Counter()
        for why, kind, _, n in self.groups:
            if reason is None or why == reason:
                found[kind] += n
        return dict(found)

    def by_reason(self) -> dict[str, int]:
        found: Counter[str] = Counter()
        for why, _, _, n in self.groups:
            found[why] += n
        return dict(found)

    def by_role_tag(self) -> dict[str, int]:
        found: Counter[str] = Counter()
        for _, _, tags, n in self.groups:
            for tag in tags.split(","):
                if tag:
                    found[tag] += n
        return dict(found)


async def visit_stats(
    conn: AsyncConnection, t: TownshipDashboard, township_id: str, year: int
) -> VisitStats:
    v = t.visits.c
    rows = await year_counts(conn, t.visits, township_id, year, v.reason, v.visit_kind, v.role_tags)
    return VisitStats([(r.reason, r.visit_kind, r.role_tags, int(r.n)) for r in rows])


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


def _visits(
    stats: VisitStats, rows: list[Row[Any]], names: dict[str, str], paging: Paging
) -> VisitsPanel:
    return VisitsPanel(
        total=stats.total,
        by_kind=stats.by_kind(),
        by_role_tag=stats.by_role_tag(),
        items=[visit_item(row, names) for row in rows],
        page=paging.page(stats.total),
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


def _proposals(
    by_status: dict[str, int], rows: list[Row[Any]], names: dict[str, str], paging: Paging
) -> ProposalsPanel:
    total = sum(by_status.values())
    return ProposalsPanel(
        total=total,
        by_status=by_status,
        items=[_proposal_item(row, names) for row in rows],
        page=paging.page(total),
    )


def consultation_items(rows: list[Row[Any]]) -> list[ConsultationItem]:
    return [
        ConsultationItem(
            **{k: v for k, v in row._mapping.items() if k in ConsultationItem.model_fields},
            type_label=label(CONSULTATION_TYPE_LABELS, row.type),
            reason_label=label(REASON_LABELS, row.reason),
        )
        for row in rows
    ]


def adopted_items(rows: list[Row[Any]]) -> list[AdoptedSuggestionItem]:
    return [
        AdoptedSuggestionItem(
            **{k: v for k, v in row._mapping.items() if k in AdoptedSuggestionItem.model_fields},
            adoption_label=label(ADOPTION_LABELS, row.adoption),
        )
        for row in rows
    ]


async def _members(
    conn: AsyncConnection,
    d: Directory,
    t: TownshipDashboard,
    township_id: str,
    year: int,
    paging: Paging,
) -> tuple[list[DashboardMember], ListPage]:
    everyone = await township_members(conn, d, township_id)
    members = paging.cut(everyone)
    v = t.visits
    stmt = (
        select(v.c.member_id, func.count(func.distinct(v.c.visit_id)).label("n"))
        .where(v.c.year == year, v.c.member_id.in_([m.member_id for m in members]))
        .group_by(v.c.member_id)
    )
    counts = {row.member_id: row.n for row in await conn.execute(stmt)}
    out = [
        DashboardMember(**m.model_dump(), visit_count=counts.get(m.member_id, 0)) for m in members
    ]
    return out, paging.page(len(everyone))


async def build_dashboard(
    conn: AsyncConnection,
    d: Directory,
    t: TownshipDashboard,
    township_id: str,
    year: int,
    paging: Paging = ALL,
) -> DashboardOut:
    """Counters in SQL over all of the year's rows; item lists one page each."""
    group = await require_group(conn, d, township_id)
    v, p, c, a = t.visits.c, t.proposals.c, t.consultations.c, t.adopted.c

    async def page(table: Table, *order: Any) -> list[Row[Any]]:
        return await year_rows(conn, table, township_id, year, *order, paging=paging)

    visits = await page(t.visits, v.visit_date.desc(), v.visit_id)
    proposals = await page(t.proposals, p.submitted_at, p.proposal_id)
    consultations = await page(t.consultations, c.held_on.desc(), c.consultation_id)
    adopted = await page(t.adopted, a.adopted_at, a.suggestion_id)
    names = await member_names(
        conn, d, [r.member_id for r in visits] + [r.lead_author_id for r in proposals]
    )
    by_status = await year_counts(conn, t.proposals, township_id, year, p.status)
    held = await year_count(conn, t.consultations, township_id, year)
    adopted_total = await year_count(conn, t.adopted, township_id, year)
    members, members_page = await _members(conn, d, t, township_id, year, paging)
    return DashboardOut(
        township_id=township_id,
        group_name=group.group_name,
        township_name=group.township_name,
        year=year,
        members=members,
        members_page=members_page,
        visits=_visits(await visit_stats(conn, t, township_id, year), visits, names, paging),
        proposals=_proposals({r.status: int(r.n) for r in by_status}, proposals, names, paging),
        consultations=ConsultationsPanel(
            total=held, items=consultation_items(consultations), page=paging.page(held)
        ),
        adopted_suggestions=AdoptedSuggestionsPanel(
            total=adopted_total, items=adopted_items(adopted), page=paging.page(adopted_total)
        ),
    )
