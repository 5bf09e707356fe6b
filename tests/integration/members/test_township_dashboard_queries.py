"""What one read of the township dashboard costs the database (on SQLite and PostgreSQL):
a bounded number of SQL statements, whatever the page; and the rows merged into fewer
queries (the roster's special committees, the meetings to come, the trainings, the
earlier `members` field) read as they did when each had its own query."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi import FastAPI
from nats.aio.client import Client as NATS
from sqlalchemy import event

from services.members.projections import TownshipDashboard, projections
from services.members.projections.activities import DutyActivities
from tests.integration.members.helpers import YEAR, Api, auth, runtime
from tests.integration.members.test_township_world import build_world
from tests.integration.members.test_township_world_events import AS_OF

#: Statements one dashboard read of the seeded county's group may send (30 when written:
#: the panels' data, the performance file, the earlier fields). The bound catches a query
#: per row or a panel reading the same table twice again.
MAX_STATEMENTS = 32


@contextmanager
def counting(app: FastAPI) -> Iterator[list[str]]:
    """Every SQL statement the service's engine sends while inside."""
    seen: list[str] = []
    engine = runtime(app).db.engine.sync_engine

    def count(*args: Any) -> None:
        seen.append(args[2])

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


async def _dashboard(api: Api, seq: list[str], **params: Any) -> dict[str, Any]:
    query = [("year", YEAR), ("as_of", AS_OF.isoformat()), *params.items()]
    query += [("min_seq", s) for s in seq]
    url = "/townships/chengguan/dashboard"
    r = await api.client.get(url, params=query, headers=auth("county_admin"))
    assert r.status_code == 200, r.text
    return dict(r.json())


async def test_dashboard_read_sends_a_bounded_number_of_statements(
    service_on_db: tuple[FastAPI, Api], nc: NATS
) -> None:
    app, api = service_on_db
    w = await build_world(api, nc)
    for s in ("经济委", "教科卫体委", "社会法制委"):
        url = f"/members/{w.a}/special-committees"
        r = await api.client.post(url, json={"committee": s}, headers=auth("county_admin"))
        assert r.status_code == 202, r.text
        w.seq[0] = str(r.json()["seq"])
    board = await _dashboard(api, w.seq)  # read-your-writes: everything projected
    for params in ({}, {"limit": 1}, {"limit": 1, "offset": 1}, {"offset": 500}):
        with counting(app) as statements:
            await _dashboard(api, [], **params)
        assert 0 < len(statements) <= MAX_STATEMENTS, (params, len(statements))

    # the roster's committees, in the database's order (as the member's record has them)
    record = await api.client.get(f"/members/{w.a}", headers=auth("county_admin"))
    [a] = [row for row in board["panels"]["members"]["rows"] if row["member_id"] == w.a]
    assert a["special_committees"] == record.json()["special_committees"]
    assert sorted(a["special_committees"]) == ["教科卫体委", "社会法制委", "经济委"]
    # the earlier `members` field: visits logged this year, from the roster's read
    assert {m["member_id"]: m["visit_count"] for m in board["members"]} == {w.a: 1, w.b: 1}
    # the year's meetings and the one to come, read in one query
    attendance = board["panels"]["attendance"]
    assert [m["title"] for m in attendance["meetings"]] == ["一季度联络组活动", "年终述职会"]
    assert [(m["title"], m["invited"]) for m in attendance["upcoming"]] == [("年终述职会", 2)]
    # livelihood and trainings, read in one query each for the records and the people
    lt = board["panels"]["livelihood_training"]
    assert [(x["title"], x["participants"]) for x in lt["livelihood"]] == [("捐资助学", 1)]
    assert [(x["title"], x["attendees"]) for x in lt["trainings"]] == [("委员主体培训班", 1)]


def test_indexes_for_the_dashboard_reads_are_declared() -> None:
    """One area's records of a year, and a page of members' visits of a year: indexed (a new
    index reaches an existing database only when its tables are rebuilt)."""
    found = {
        str(index.name): [c.name for c in index.columns]
        for p in projections("sqlite")
        if isinstance(p, (DutyActivities, TownshipDashboard))
        for table in p.metadata.sorted_tables
        for index in table.indexes
    }
    assert found["ix_activity_records_area_year"] == ["area", "year"]
    assert found["ix_township_visits_member_year"] == ["member_id", "year", "visit_id"]
