"""The 联系界别群众 summary of one member: fixed constituent links against the quota and this
year's 委员走访界别群众 visits against theirs (quotas from `ActivitiesConfig`)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from services.members.api.activities_out import LinkSummaryOut
from services.members.api.activities_params import projection
from services.members.api.activities_queries import Filters, count_records, list_records
from services.members.application.activities_config import activities_config
from services.members.localtime import local_year, utc_now
from shared.auth import Forbidden, Principal
from shared.domain import NotFound
from shared.service import ServiceRuntime

CONSTITUENT_VISIT = "member_visits_constituents"


async def current_township(rt: ServiceRuntime, conn: AsyncConnection, member_id: str) -> str:
    """The member's liaison group now, from the member directory read model."""
    directory = next(p for p in rt.runner.projections if p.name == "directory")
    members = directory.tables["members"]
    stmt = select(members.c.township_id).where(members.c.member_id == member_id)
    township = (await conn.execute(stmt)).scalar_one_or_none()
    if township is None:
        raise NotFound(f"委员（编号 {member_id}）不存在，请核对委员编号", code="member_not_found")
    return str(township)


def authorize_summary(principal: Principal, member_id: str, township_id: str) -> None:
    if principal.is_admin or f"member:{member_id}" in principal.roles:
        return
    if township_id in principal.townships:
        return
    raise Forbidden(
        "您无权查看该委员的联系界别群众情况：仅县政协机关、委员本人和所属联络组可以查看。"
    )


async def link_summary(
    rt: ServiceRuntime, principal: Principal, member_id: str, year: int | None
) -> LinkSummaryOut:
    wanted = year if year is not None else local_year(utc_now())
    config = activities_config(rt)
    p = projection(rt)
    async with rt.db.read() as conn:
        township = await current_township(rt, conn, member_id)
        authorize_summary(principal, member_id, township)
        active = Filters(owner_id=member_id, status="active", limit=1000)
        links = await list_records(conn, p, "constituent_link", principal, active, authorized=True)
        visits = Filters(year=wanted, member_id=member_id, kind=CONSTITUENT_VISIT)
        visit_count = await count_records(conn, p, "visit", visits)
    return LinkSummaryOut(
        member_id=member_id,
        year=wanted,
        links_active=len(links),
        links_quota=config.constituent_links_min,
        links_max=config.constituent_links_max,
        links_quota_met=len(links) >= config.constituent_links_min,
        constituent_visits=visit_count,
        constituent_visits_quota=config.constituent_visits_per_year,
        links=links,
    )
