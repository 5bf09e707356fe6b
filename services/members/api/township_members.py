"""Members panel (DOMAIN §6.3): the group's current members with sector, party, standing
membership, special committees, phone (masked for the group's staff), this year's counts
of proposals, reports, activities and visits, the last visit, and the year's score."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from typing import Any

from sqlalchemy import Row, Select, func, literal, select, union_all

from services.members.api.personal_data import personal_data_many
from services.members.api.queries import directory_of
from services.members.api.township_access import PanelContext
from services.members.api.township_schemas import MembersPanel, RosterRow
from services.members.api.township_scores import MemberScore, member_scores
from services.members.application.registry_runtime import keystore_of
from services.members.domain import political_affiliation_label
from services.members.domain.vocab import MEMBER_TYPE_LABELS
from services.members.projections.activities import DutyActivities
from services.members.projections.township_proposals import TownshipProposalFacts
from services.members.projections.township_reports import TownshipReportFacts

#: A member's part in a duty activity that counts as "taking part" (being visited does not).
ACTIVE_ROLES = ("visitor", "participant", "attendee", "member")
ACTIVITY_AREAS = ("visit", "livelihood", "training", "enterprise_visit", "liaison_contact")
#: The per-member counts of a roster row, in this order.
KINDS = ("proposals", "reports", "activities", "visits")


async def member_counts(ctx: PanelContext, ids: list[str]) -> dict[str, dict[str, int]]:
    """{kind: {member_id: n}} for this year (the member's own totals, wherever they were),
    all four kinds in one query."""
    found: dict[str, dict[str, int]] = {k: {} for k in KINDS}
    if not ids:
        return found
    pf, rf, da = ctx.of(TownshipProposalFacts), ctx.of(TownshipReportFacts), ctx.of(DutyActivities)
    pa, p = pf.authors.c, pf.proposals.c
    ra, r = rf.authors.c, rf.reports.c
    m, rec = da.members.c, da.records.c
    proposals = (
        select(literal("proposals"), pa.member_id, func.count(func.distinct(pa.proposal_id)))
        .join(pf.proposals, p.proposal_id == pa.proposal_id)
        .where(pa.member_id.in_(ids), p.year == ctx.year)
        .group_by(pa.member_id)
    )
    reports = (
        select(literal("reports"), ra.member_id, func.count(func.distinct(ra.report_id)))
        .join(rf.reports, r.report_id == ra.report_id)
        .where(ra.member_id.in_(ids), r.year == ctx.year)
        .group_by(ra.member_id)
    )

    def taking_part(kind: str) -> Select[Any]:
        return (
            select(literal(kind), m.member_id, func.count(func.distinct(m.record_id)))
            .join(da.records, rec.record_id == m.record_id)
            .where(m.member_id.in_(ids), rec.year == ctx.year, m.role.in_(ACTIVE_ROLES))
            .group_by(m.member_id)
        )

    stmt = union_all(
        proposals,
        reports,
        taking_part("activities").where(rec.area.in_(ACTIVITY_AREAS)),
        taking_part("visits").where(rec.area == "visit"),
    )
    for kind, member_id, n in await ctx.conn.execute(stmt):
        found[kind][member_id] = int(n)
    return found


async def last_visits(ctx: PanelContext, ids: list[str]) -> dict[str, date]:
    da = ctx.of(DutyActivities)
    m, rec = da.members.c, da.records.c
    stmt = (
        select(m.member_id, func.max(rec.on_date))
        .join(da.records, rec.record_id == m.record_id)
        .where(m.member_id.in_(ids), m.role == "visitor", rec.area == "visit")
        .where(rec.on_date <= ctx.as_of)
        .group_by(m.member_id)
    )
    return {row[0]: row[1] for row in await ctx.conn.execute(stmt) if row[1] is not None}


async def _committees(ctx: PanelContext, ids: list[str]) -> dict[str, list[str]]:
    c = directory_of(ctx.rt).committees.c
    stmt = select(c.member_id, c.committee).where(c.member_id.in_(ids)).order_by(c.committee)
    found: dict[str, list[str]] = defaultdict(list)
    for row in await ctx.conn.execute(stmt):
        found[row.member_id].append(row.committee)
    return found


def _row(
    m: Row[Any], extra: dict[str, Any], score: MemberScore | None, phone: tuple[Any, Any]
) -> RosterRow:
    return RosterRow(
        member_id=m.member_id,
        name=m.name,
        sector=m.sector,
        political_affiliation=m.political_affiliation,
        political_affiliation_label=political_affiliation_label(m.political_affiliation),
        is_standing_member=m.is_standing_member,
        member_type=m.member_type,
        member_type_label=MEMBER_TYPE_LABELS.get(m.member_type, m.member_type),
        phone=phone[0],
        phone_visibility=phone[1],
        score=score.score if score else None,
        grade=score.grade if score else None,
        grade_label=score.grade_label if score else None,
        **extra,
    )


async def build_members_panel(ctx: PanelContext) -> MembersPanel:
    """Counts over all members; `rows` one page of the members the viewer sees."""
    scores = await member_scores(ctx.rt, ctx.conn, ctx.member_ids, ctx.year)
    visible = [m for m in ctx.members if ctx.viewer.sees([m.member_id])]
    shown = ctx.paging.cut(visible)
    ids = [m.member_id for m in shown]
    counts = await member_counts(ctx, ids)
    last = await last_visits(ctx, ids)
    committees = await _committees(ctx, ids)
    personal = await personal_data_many(keystore_of(ctx.rt), ctx.principal, shown)
    rows = []
    for m, pd in zip(shown, personal, strict=True):
        extra: dict[str, Any] = {k: v.get(m.member_id, 0) for k, v in counts.items()}
        extra |= {"special_committees": committees.get(m.member_id, [])}
        extra |= {"last_visit_date": last.get(m.member_id)}
        phone = (pd.phone, pd.visibility) if pd is not None else (None, None)
        rows.append(_row(m, extra, scores.get(m.member_id), phone))
    return MembersPanel(
        **ctx.head(),
        pages={"rows": ctx.paging.page(len(visible))},
        total=len(ctx.members),
        standing=sum(1 for m in ctx.members if m.is_standing_member),
        by_sector=dict(Counter(m.sector for m in ctx.members)),
        by_party=dict(
            Counter(political_affiliation_label(m.political_affiliation) for m in ctx.members)
        ),
        scores_available=bool(scores),
        rows=rows,
    )
