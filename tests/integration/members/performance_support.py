"""Support for the performance-file tests: the app with the foreign streams in place, foreign
events (the `performance` projection's tolerant models) and read-your-writes reads."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI
from nats.aio.client import Client as NATS

from services.members.projections import foreign_performance as fp
from services.members.projections.performance import Performance, performance_registry
from shared.events import DomainEvent, EventMeta
from shared.eventstore import EventStore, PendingEvent
from shared.ids import uuid7
from shared.natsserver import EmbeddedNats
from shared.service import ServiceRuntime
from shared.streams import stream_for
from tests.integration.members.conftest import running, settings_for
from tests.integration.members.helpers import ADMIN, YEAR, Api, auth

JOINED = f"{YEAR}-01-01"
FOREIGN = ("proposals", "consultation")


class Perf:
    """The members app plus the other services' streams, tracking the last sequence of
    every stream written so reads can wait for them (`?min_seq=`)."""

    def __init__(self, app: FastAPI, api: Api, nc: NATS) -> None:
        self.app, self.api, self.nc = app, api, nc
        self.marks: dict[str, int] = {}

    @property
    def rt(self) -> ServiceRuntime:
        runtime: ServiceRuntime = self.app.state.runtime
        return runtime

    @property
    def projection(self) -> Performance:
        return next(p for p in self.rt.runner.projections if isinstance(p, Performance))

    def mark(self, stream: str, seq: int) -> None:
        self.marks[stream] = max(self.marks.get(stream, 0), seq)

    def min_seq(self) -> list[tuple[str, str | int | float | bool | None]]:
        return [("min_seq", f"{stream}:{seq}") for stream, seq in sorted(self.marks.items())]

    async def member(self, township_id: str, **overrides: Any) -> str:
        body = await self.api.register(township_id, joined_at=JOINED, **overrides)
        self.mark("MEMBERS", body["seq"])
        return str(body["id"])

    async def post(
        self, url: str, body: dict[str, Any] | None = None, roles: Sequence[str] = ADMIN
    ) -> httpx.Response:
        params = self.min_seq()  # commands that read a read model wait for it
        r = await self.api.client.post(url, json=body or {}, params=params, headers=auth(*roles))
        if r.status_code in (201, 202) and "seq" in r.json():
            self.mark(str(r.json().get("stream", "MEMBERS")), int(r.json()["seq"]))
        return r

    async def evaluate(self, year: int = YEAR, roles: Sequence[str] = ADMIN) -> httpx.Response:
        """Run the year's constraint rules once the read model has every write so far."""
        url = f"/appraisals/{year}/evaluate"
        r = await self.api.client.post(url, params=self.min_seq(), headers=auth(*roles))
        if r.status_code == 202:
            self.mark("MEMBERS", int(r.json()["seq"]))
        return r

    async def ok(
        self,
        url: str,
        body: dict[str, Any] | None = None,
        roles: Sequence[str] = ADMIN,
        status: int = 202,
    ) -> dict[str, Any]:
        r = await self.post(url, body, roles)
        assert r.status_code == status, r.text
        return dict(r.json())

    async def get(
        self, url: str, roles: Sequence[str] = ADMIN, year: int | None = YEAR
    ) -> httpx.Response:
        params = self.min_seq() + ([("year", str(year))] if year is not None else [])
        return await self.api.client.get(url, params=params, headers=auth(*roles))

    async def read(self, url: str, roles: Sequence[str] = ADMIN) -> Any:
        r = await self.get(url, roles)
        assert r.status_code == 200, r.text
        return r.json()

    async def file(self, member_id: str, roles: Sequence[str] = ADMIN) -> dict[str, Any]:
        return dict(await self.read(f"/members/{member_id}/performance", roles))

    async def foreign(
        self, context: str, *events: tuple[str, DomainEvent], at: datetime | None = None
    ) -> int:
        """Append other services' events to their streams (recorded now unless `at`)."""
        store = EventStore(self.nc, stream_for(context), performance_registry)
        last = 0
        for aggregate_id, event in events:
            meta = EventMeta(uuid7(), at or datetime.now(UTC), "user:other-service")
            last = (await store.append([PendingEvent(aggregate_id, event, meta)], {})).last_seq
        self.mark(store.stream, last)
        return last

    async def visit(self, member_id: str, **overrides: Any) -> str:
        body = await self.api.visit(member_id, **overrides)
        self.mark("MEMBERS", body["seq"])
        return str(body["id"])

    async def meeting(self, kind: str, on: str, attendance: dict[str, str]) -> str:
        body = {"kind": kind, "title": "县政协全体会议", "meeting_date": on}
        body["invitee_ids"] = list(attendance)  # type: ignore[assignment]
        meeting_id = str((await self.ok("/meetings", body, status=201))["id"])
        records = [{"member_id": m, "status": s} for m, s in attendance.items()]
        await self.ok(f"/meetings/{meeting_id}/attendance", {"records": records})
        return meeting_id


@asynccontextmanager
async def perf_app(
    server: EmbeddedNats, nc: NATS, tmp_path: Path, db: str | None = None, groups: bool = True
) -> AsyncIterator[Perf]:
    """The app with the PROPOSALS and CONSULTATION streams created first (so its consumers
    attach at once) and three liaison groups (unless `groups` is False)."""
    for context in FOREIGN:
        await EventStore(nc, stream_for(context), performance_registry).ensure()
    async with running(settings_for(server, tmp_path, db)) as (app, api):
        for township in ("chengguan", "xinzhuang", "hekou") if groups else ():
            await api.establish(township)
        yield Perf(app, api, nc)


def when(month: int, day: int = 1) -> datetime:
    return datetime(YEAR, month, day, 2, tzinfo=UTC)


# --- foreign events ------------------------------------------------------------------------


def submitted(pid: str, lead: str, co: Sequence[str] = (), month: int = 3) -> tuple[str, Any]:
    return pid, fp.PerfProposalSubmitted(
        proposal_id=pid, lead_author_id=lead, co_author_ids=tuple(co), submitted_at=when(month)
    )


def registered(pid: str, lead: str, co: Sequence[str] = (), month: int = 4) -> tuple[str, Any]:
    return pid, fp.PerfProposalRegistered(
        proposal_id=pid, lead_author_id=lead, co_author_ids=tuple(co), registered_at=when(month)
    )


def designated_key(pid: str, lead: str) -> tuple[str, Any]:
    return pid, fp.PerfProposalDesignatedKey(
        proposal_id=pid, lead_author_id=lead, designated_at=when(5)
    )


def converted(pid: str, lead: str, report_id: str) -> tuple[str, Any]:
    return pid, fp.PerfProposalConverted(
        proposal_id=pid, lead_author_id=lead, report_id=report_id, routed_at=when(4)
    )


def from_proposal(report_id: str, pid: str, authors: Sequence[str]) -> tuple[str, Any]:
    return report_id, fp.PerfReportFromProposal(
        report_id=report_id, origin_proposal_id=pid, author_ids=tuple(authors), created_at=when(4)
    )


def report(report_id: str, authors: Sequence[str]) -> tuple[str, Any]:
    return report_id, fp.PerfReportSubmitted(
        report_id=report_id, author_ids=tuple(authors), submitted_at=when(4)
    )


def adopted(report_id: str, authors: Sequence[str], level: str) -> tuple[str, Any]:
    return report_id, fp.PerfReportAdopted(
        report_id=report_id, author_ids=tuple(authors), level=level, adopted_on=date(YEAR, 5, 1)
    )


def held(
    cid: str, participants: Sequence[tuple[str, str]], on: date, kind: str = "thematic"
) -> tuple[str, Any]:
    people = tuple(fp.PerfParticipant(member_id=m, role=role) for m, role in participants)
    return cid, fp.PerfConsultationHeld(
        consultation_id=cid, type=kind, held_on=on, participants=people
    )


def by_kind(body: dict[str, Any]) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """The score card's breakdown grouped by (category, kind)."""
    result: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for item in body["score"]["breakdown"]:
        result.setdefault((item["category"], item["kind"]), []).append(item)
    return result


def subtotals(body: dict[str, Any]) -> dict[str, float]:
    return {c["group"]: c["subtotal"] for c in body["score"]["categories"]}
