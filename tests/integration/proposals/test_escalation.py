"""Escalated visit issues (members: `visit.issue_escalated`, appended here to the MEMBERS
stream with our tolerant model) become exactly one 提案 draft or one 社情民意 report, even
when the event arrives twice with different event ids."""

from __future__ import annotations

from datetime import UTC, date, datetime

import httpx
from fastapi import FastAPI
from nats.aio.client import Client as NATS

from services.proposals.domain.events_submission import ProposalDrafted
from services.proposals.domain.opinion.events import OpinionReportSubmitted
from services.proposals.projections.foreign_members_activities import (
    VisitIssueEscalated,
    activities_registry,
)
from shared.events import EventMeta, aggregate_subject
from shared.eventstore import EventStore, PendingEvent
from shared.ids import stable_id, uuid7
from shared.service import ServiceRuntime
from shared.streams import stream_for

from .deadline_support import caught_up, runtime
from .helpers import Members, member, read

TEXT = "村口道路破损严重，雨天积水，群众出行不便，希望尽快修复。"


def escalation(visit_id: str, index: int, target: str, title: str = "") -> VisitIssueEscalated:
    return VisitIssueEscalated(
        visit_id=visit_id,
        issue_index=index,
        target=target,
        draft_id=stable_id(visit_id, str(index), target),
        member_id="m1",
        township_id="chengguan",
        text=TEXT,
        title=title,
        visit_township_id="xinzhuang",
        visit_date=date(2026, 3, 2),
    )


async def escalate_twice(nc: NATS, rt: ServiceRuntime, event: VisitIssueEscalated) -> None:
    """Two deliveries (different event ids), then wait for the policy and the read models."""
    store = EventStore(nc, stream_for("members"), activities_registry)
    key = aggregate_subject("members", "visit", event.visit_id)
    last = 0
    for _ in range(2):
        meta = EventMeta(uuid7(), datetime.now(UTC), "member:m1")
        last = (
            await store.append([PendingEvent(event.visit_id, event, meta)], {key: None})
        ).last_seq
    assert await rt.runner.wait_for("MEMBERS", last, 10.0)
    await caught_up(rt)


async def on_the_roll(members: Members, rt: ServiceRuntime) -> None:
    seq = await members.register("m1", "张三", "chengguan")
    assert await rt.runner.wait_for("MEMBERS", seq, 10.0)


async def test_an_escalated_issue_becomes_one_proposal_draft(
    app: FastAPI, client: httpx.AsyncClient, members: Members, nc: NATS
) -> None:
    rt = runtime(app)
    await on_the_roll(members, rt)
    event = escalation(uuid7(), 0, "proposal")
    await escalate_twice(nc, rt, event)

    recorded, seq = await rt.store.load("proposals", "proposal", event.draft_id)
    [drafted] = [r.event for r in recorded]
    assert isinstance(drafted, ProposalDrafted)
    assert (drafted.lead_author_id, drafted.township_id, drafted.author_names) == (
        "m1",
        "chengguan",
        {"m1": "张三"},
    )
    assert (drafted.term_no, drafted.session_no, drafted.period) == (10, 1, "interim")
    assert (drafted.source_channel, drafted.source_visit_id) == ("visit", event.visit_id)
    assert recorded[0].meta.causation_id is not None  # caused by the members event

    r = await read(client, f"/proposals/{event.draft_id}", member("m1"), seq)
    assert r.status_code == 200, r.text
    detail = r.json()
    assert detail["status"]["code"] == "draft"
    assert detail["title"] == f"关于{TEXT[:30]}的提案"


async def test_an_escalated_issue_becomes_one_opinion_report(
    app: FastAPI, client: httpx.AsyncClient, members: Members, nc: NATS
) -> None:
    rt = runtime(app)
    await on_the_roll(members, rt)
    event = escalation(uuid7(), 1, "opinion_report", title="关于村口道路破损的情况反映")
    await escalate_twice(nc, rt, event)

    recorded, seq = await rt.store.load("proposals", "opinion_report", event.draft_id)
    [submitted] = [r.event for r in recorded]
    assert isinstance(submitted, OpinionReportSubmitted)
    assert (submitted.reporter_kind, submitted.source_channel) == ("member", "visit")
    assert submitted.serial_no.endswith("-001") and submitted.township_ids == ("xinzhuang",)
    assert (submitted.source_visit_id, submitted.source_issue_index) == (event.visit_id, 1)

    r = await read(client, f"/opinion-reports/{event.draft_id}", member("m1"), seq)
    assert r.status_code == 200, r.text
    assert r.json()["title"] == "关于村口道路破损的情况反映"
