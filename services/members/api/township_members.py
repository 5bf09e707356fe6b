"""Members panel (DOMAIN §6.3): the group's current members with sector, party, standing
membership, special committees, phone (masked for the group's staff), this year's counts
of proposals, reports, activities and visits, the last visit, and the year's score."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import (
    BindParameter,
    CompoundSelect,
    Date,
    Integer,
    Row,
    Select,
    Text,
    bindparam,
    cast,
    func,
    literal,
    null,
    select,
    union_all,
)

from services.members.api.personal_data import personal_data_many
from services.members.api.queries import directory_of
from services.members.api.township_access import PanelContext, prepared
from services.members.api.township_schemas import MembersPanel, RosterRow
from services.members.api.township_scores import MemberScore, member_scores
from services.members.application.registry_runtime import keystore_of
from services.members.domain import political_affiliation_label
from services.members.domain.vocab import MEMBER_TYPE_LABELS
from services.members.projections import TownshipDashboard
from services.members.projections.activities import DutyActivities
from services.members.projections.township_proposals import TownshipProposalFacts
from services.members.projections.township_reports import TownshipReportFacts

#: A member's part in a duty activity that counts as "taking part" (being visited does not).
ACTIVE_ROLES = ("visitor", "participant", "attendee", "member")
ACTIVITY_AREAS = ("visit", "livelihood", "training", "enterprise_visit", "liaison_contact")
#: The per-member counts of a roster row, in this order.
KINDS = ("proposals", "reports", "activities", "visits")


@dataclass(frozen=True)
class RosterFacts:
    """What the roster shows of each member of a page, read in one query."""

    counts: dict[str, dict[str, int]]  # {kind of KINDS: {member_id: n}} this year
    last_visit: dict[str, date]  # the member's last visit (as visitor) up to `as_of`
    committees: dict[str, list[str]]  # special committees, in the database's order
    logged: dict[str, int]  # visits logged by the member this year (the earlier field)


async def roster_facts(ctx: PanelContext, ids: list[str]) -> RosterFacts:
    """Computed once per context and page (the members panel and the dashboard's earlier
    `members` field show the same page)."""
    return await ctx.once("roster:" + ",".join(ids), lambda: _roster_facts(ctx, ids))


async def _roster_facts(ctx: PanelContext, ids: list[str]) -> RosterFacts:
    """One UNION ALL of (kind, member_id, n, day, text) rows: this year's counts (the
    member's own totals, wherever they were), the last visit, the special committees and
    the visits the member logged — each part as its own query would give it."""
    facts = RosterFacts({k: {} for k in KINDS}, {}, defaultdict(list), {})
    if not ids:
        return facts
    stmt = prepared(ctx.rt, "roster_facts", lambda: _roster_query(ctx))
    params = {"ids": ids, "year": ctx.year, "as_of": ctx.as_of}
    for kind, member_id, n, day, text in await ctx.conn.execute(stmt, params):
        if kind == "last":
            if day is not None:
                facts.last_visit[member_id] = _day(day)
        elif kind == "committee":
            facts.committees[member_id].append(text)
        elif kind == "logged":
            facts.logged[member_id] = int(n)
        else:
            facts.counts[kind][member_id] = int(n)
    return facts


def _day(value: Any) -> date:
    """A `max(on_date)` read through UNION ALL: SQLite answers the ISO text."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def _roster_query(ctx: PanelContext) -> CompoundSelect[*tuple[Any, ...]]:
    """`_roster_facts`' statement, with the bind parameters `ids` (expanding), `year` and
    `as_of`."""
    pf, rf, da = ctx.of(TownshipProposalFacts), ctx.of(TownshipReportFacts), ctx.of(DutyActivities)
    pa, p = pf.authors.c, pf.proposals.c
    ra, r = rf.authors.c, rf.reports.c
    m, rec = da.members.c, da.records.c
    c = directory_of(ctx.rt).committees.c
    v = ctx.of(TownshipDashboard).visits.c
    no_n, no_day, no_text = null(), cast(null(), Date), cast(null(), Text)
    ids: BindParameter[list[str]] = bindparam("ids", expanding=True)
    year = bindparam("year", type_=Integer)

    def counted(kind: str, member: Any, n: Any) -> Select[Any]:
        return select(
            literal(kind).label("kind"),
            member.label("member_id"),
            n.label("n"),
            no_day.label("day"),
            no_text.label("detail"),
        )

    proposals = (
        counted("proposals", pa.member_id, func.count(func.distinct(pa.proposal_id)))
        .join(pf.proposals, p.proposal_id == pa.proposal_id)
        .where(pa.member_id.in_(ids), p.year == year)
        .group_by(pa.member_id)
    )
    reports = (
        counted("reports", ra.member_id, func.count(func.distinct(ra.report_id)))
        .join(rf.reports, r.report_id == ra.report_id)
        .where(ra.member_id.in_(ids), r.year == year)
        .group_by(ra.member_id)
    )

    def taking_part(kind: str) -> Select[Any]:
        return (
            counted(kind, m.member_id, func.count(func.distinct(m.record_id)))
            .join(da.records, rec.record_id == m.record_id)
            .where(m.member_id.in_(ids), rec.year == year, m.role.in_(ACTIVE_ROLES))
            .group_by(m.member_id)
        )

    last = (
        select(literal("last"), m.member_id, no_n, func.max(rec.on_date), no_text)
        .join(da.records, rec.record_id == m.record_id)
        .where(m.member_id.in_(ids), m.role == "visitor", rec.area == "visit")
        .where(rec.on_date <= bindparam("as_of", type_=Date))
        .group_by(m.member_id)
    )
    committees = select(literal("committee"), c.member_id, no_n, no_day, c.committee).where(
        c.member_id.in_(ids)
    )
    logged = (
        counted("logged", v.member_id, func.count(func.distinct(v.visit_id)))
        .where(v.year == year, v.member_id.in_(ids))
        .group_by(v.member_id)
    )
    return union_all(
        proposals,
        reports,
        taking_part("activities").where(rec.area.in_(ACTIVITY_AREAS)),
        taking_part("visits").where(rec.area == "visit"),
        last,
        committees,
        logged,
    ).order_by("kind", "detail")


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
    facts = await roster_facts(ctx, ids)
    counts, last, committees = facts.counts, facts.last_visit, facts.committees
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
