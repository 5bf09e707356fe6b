"""All panels of one liaison group at once (the dashboard), and the year summary."""

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
from services.members.api.township_proposal_panel import (
    build_government_panel,
    build_proposals_panel,
)
from services.members.api.township_report_panel import build_reports_panel
from services.members.api.township_schemas_more import (
    AlertsPanel,
    PanelsOut,
    SummaryFacts,
    SummaryOut,
)
from services.members.api.township_summary import summary_facts, summary_text
from services.members.api.township_visits import build_visits_panel


async def build_panels(ctx: PanelContext) -> PanelsOut:
    visits = await build_visits_panel(ctx)
    reports = await build_reports_panel(ctx)
    attendance = await build_attendance_panel(ctx)
    return PanelsOut(
        members=await build_members_panel(ctx),
        attendance=attendance,
        visits=visits,
        proposals=await build_proposals_panel(ctx),
        township_government=await build_government_panel(ctx),
        reports=reports,
        consultations=await build_consultations_panel(ctx),
        livelihood_training=await build_livelihood_training_panel(ctx),
        alerts=await build_alerts_panel(ctx, visits, reports, attendance),
    )


async def build_alerts(ctx: PanelContext) -> AlertsPanel:
    visits = await build_visits_panel(ctx)
    reports = await build_reports_panel(ctx)
    attendance = await build_attendance_panel(ctx)
    return await build_alerts_panel(ctx, visits, reports, attendance)


def _summary(ctx: PanelContext, facts: SummaryFacts) -> SummaryOut:
    return SummaryOut(
        township_id=ctx.township_id,
        group_name=ctx.group.group_name,
        township_name=ctx.group.township_name,
        year=ctx.year,
        text=summary_text(ctx.group.group_name, ctx.year, facts),
        facts=facts,
    )


def summary_of(ctx: PanelContext, panels: PanelsOut) -> SummaryOut:
    """From panels built for the whole group (the dashboard's)."""
    p = panels
    facts = summary_facts(
        ctx.members,
        p.visits,
        p.proposals,
        p.reports,
        p.consultations,
        p.livelihood_training,
        p.attendance,
    )
    return _summary(ctx, facts)


async def build_summary(ctx: PanelContext) -> SummaryOut:
    """Aggregates only: counted over the whole group whoever asks (a member of the group
    sees the same summary as its staff); the row lists behind it are not returned."""
    whole = replace(ctx, viewer=Viewer(ctx.township_id))
    facts = summary_facts(
        whole.members,
        await build_visits_panel(whole),
        await build_proposals_panel(whole),
        await build_reports_panel(whole),
        await build_consultations_panel(whole),
        await build_livelihood_training_panel(whole),
        await build_attendance_panel(whole),
    )
    return _summary(ctx, facts)
