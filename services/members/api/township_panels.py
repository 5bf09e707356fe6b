"""All panels of one liaison group at once (the dashboard), and the year summary.

The panels' detail lists are one page each (`ctx.paging`); the summary and the alerts are
computed from every row (SQL counts for visits, the full proposal and report lists)."""

from __future__ import annotations

from dataclasses import replace

from services.members.api.township_access import PanelContext, Viewer
from services.members.api.township_activity_panel import (
    build_consultations_panel,
    build_livelihood_training_panel,
)
from services.members.api.township_alerts import build_alerts_panel
from services.members.api.township_attendance import build_attendance_panel
from services.members.api.township_members import build_members_panel
from services.members.api.township_paging import ALL
from services.members.api.township_proposal_panel import (
    build_government_panel,
    proposals_data,
)
from services.members.api.township_report_panel import reports_data
from services.members.api.township_schemas_more import (
    AlertsPanel,
    PanelsOut,
    SummaryFacts,
    SummaryOut,
)
from services.members.api.township_summary import summary_facts, summary_text
from services.members.api.township_visits import visits_data


async def build_panels(ctx: PanelContext) -> tuple[PanelsOut, SummaryFacts]:
    """Every panel as `ctx.viewer` sees it, and the group's year-summary facts (counted
    over all rows whatever the page; the dashboard is a staff view of the whole group)."""
    visits = await visits_data(ctx)
    reports = await reports_data(ctx)
    proposals = await proposals_data(ctx)
    attendance = await build_attendance_panel(ctx)
    consultations = await build_consultations_panel(ctx)
    livelihood = await build_livelihood_training_panel(ctx)
    panels = PanelsOut(
        members=await build_members_panel(ctx),
        attendance=attendance,
        visits=visits.panel,
        proposals=proposals.panel,
        township_government=await build_government_panel(ctx),
        reports=reports.panel,
        consultations=consultations,
        livelihood_training=livelihood,
        alerts=await build_alerts_panel(ctx, visits.panel, reports.panel, reports.rows, attendance),
    )
    facts = summary_facts(
        ctx.members,
        visits.panel,
        visits.own_by_kind,
        proposals.rows,
        reports.rows,
        consultations,
        livelihood,
        attendance,
    )
    return panels, facts


async def build_alerts(ctx: PanelContext) -> AlertsPanel:
    visits = await visits_data(ctx)
    reports = await reports_data(ctx)
    attendance = await build_attendance_panel(ctx)
    return await build_alerts_panel(ctx, visits.panel, reports.panel, reports.rows, attendance)


def summary_out(ctx: PanelContext, facts: SummaryFacts) -> SummaryOut:
    return SummaryOut(
        township_id=ctx.township_id,
        group_name=ctx.group.group_name,
        township_name=ctx.group.township_name,
        year=ctx.year,
        text=summary_text(ctx.group.group_name, ctx.year, facts),
        facts=facts,
    )


async def build_summary(ctx: PanelContext) -> SummaryOut:
    """Aggregates only: counted over the whole group whoever asks (a member of the group
    sees the same summary as its staff); the row lists behind it are not returned."""
    whole = replace(ctx, viewer=Viewer(ctx.township_id), paging=replace(ALL, limit=1))
    visits = await visits_data(whole)
    facts = summary_facts(
        whole.members,
        visits.panel,
        visits.own_by_kind,
        (await proposals_data(whole)).rows,
        (await reports_data(whole)).rows,
        await build_consultations_panel(whole),
        await build_livelihood_training_panel(whole),
        await build_attendance_panel(whole),
    )
    return summary_out(ctx, facts)
