"""The combined dashboard (`GET /townships/{id}/dashboard`): every panel, the year summary
and the earlier dashboard fields, read once.

The earlier fields (`members`, `visits`, `proposals`, `consultations`,
`adopted_suggestions`) reuse what the panels read (the group and its members, the visit
statistics and page, the consultations panel, the members' logged visits read with the
members panel's roster) instead of querying for them again; only the earlier proposals list
(`township_dashboard` read model) is read here. The response model is built once, from the
already built parts.
"""

from __future__ import annotations

from typing import Any

from services.members.api.dashboard import (
    _proposals,
    build_dashboard,
    year_counts,
    year_rows,
)
from services.members.api.queries import dashboard_of, directory_of, member_out
from services.members.api.schemas import (
    AdoptedSuggestionsPanel,
    ConsultationsPanel,
    DashboardMember,
    DashboardOut,
    VisitsPanel,
)
from services.members.api.township_access import PanelContext
from services.members.api.township_members import roster_facts
from services.members.api.township_panels import build_panels, summary_out
from services.members.api.township_schemas_more import TownshipDashboardOut
from services.members.api.township_visits import visits_data


async def _members(ctx: PanelContext) -> list[DashboardMember]:
    """One page of the group's members with their visits logged this year (read with the
    members panel's page: the same members)."""
    page = ctx.paging.cut(ctx.members)
    logged = (await roster_facts(ctx, [m.member_id for m in page])).logged
    return [
        DashboardMember(**dict(member_out(m)), visit_count=logged.get(m.member_id, 0)) for m in page
    ]


async def _earlier(ctx: PanelContext, consultations: Any) -> dict[str, Any]:
    """The earlier dashboard's fields, from the panels' data where it is the same."""
    if ctx.viewer.member_id is not None:  # not the staff view: the earlier, separate reads
        legacy = await build_dashboard(
            ctx.conn, directory_of(ctx.rt), dashboard_of(ctx.rt), ctx.township_id, ctx.year,
            ctx.paging,
        )  # fmt: skip
        return {name: getattr(legacy, name) for name in DashboardOut.model_fields}
    t = dashboard_of(ctx.rt)
    p = t.proposals.c
    paging = ctx.paging
    visits = await visits_data(ctx)
    by_status = {
        r.status: int(r.n)
        for r in await year_counts(ctx.conn, t.proposals, ctx.township_id, ctx.year, p.status)
    }
    proposals = []
    if sum(by_status.values()) > paging.offset:
        order = (p.submitted_at, p.proposal_id)
        proposals = await year_rows(
            ctx.conn, t.proposals, ctx.township_id, ctx.year, *order, paging=paging
        )
    names = await ctx.names(r.lead_author_id for r in proposals)
    stats = visits.stats
    return {
        "township_id": ctx.township_id,
        "group_name": ctx.group.group_name,
        "township_name": ctx.group.township_name,
        "year": ctx.year,
        "members": await _members(ctx),
        "members_page": paging.page(len(ctx.members)),
        "visits": VisitsPanel(
            total=stats.total,
            by_kind=stats.by_kind(),
            by_role_tag=stats.by_role_tag(),
            items=visits.items,
            page=paging.page(stats.total),
        ),
        "proposals": _proposals(by_status, proposals, names, paging),
        "consultations": ConsultationsPanel(
            total=consultations.total,
            items=consultations.items,
            page=paging.page(consultations.total),
        ),
        "adopted_suggestions": AdoptedSuggestionsPanel(
            total=consultations.adopted,
            items=consultations.adopted_items,
            page=paging.page(consultations.adopted),
        ),
    }


async def build_township_dashboard(ctx: PanelContext) -> TownshipDashboardOut:
    panels, facts = await build_panels(ctx)
    earlier = await _earlier(ctx, panels.consultations)
    return TownshipDashboardOut(
        **earlier, as_of=ctx.as_of, panels=panels, summary=summary_out(ctx, facts)
    )
