"""A proposal converted to 社情民意 (`proposal.converted_to_public_opinion`, appended here
directly to the PROPOSALS stream with our tolerant model) becomes exactly one report, even
when the conversion event arrives twice with different event ids."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Any

import httpx
from nats.aio.client import Client as NATS

from services.proposals.domain.opinion import ProposalConvertedToPublicOpinion
from services.proposals.domain.opinion import registry as opinion_registry
from services.proposals.domain.opinion.conversion import ConvertedBody
from shared.events import EventMeta, EventRegistry, aggregate_subject
from shared.eventstore import EventStore, PendingEvent
from shared.ids import stable_id, uuid7
from shared.streams import last_sequence, stream_for

from .helpers import member, township
from .test_opinion_helpers import YEAR, editor

conversion_registry = EventRegistry()
conversion_registry.register(ProposalConvertedToPublicOpinion)


def converted(proposal_id: str) -> ProposalConvertedToPublicOpinion:
    return ProposalConvertedToPublicOpinion(
        proposal_id=proposal_id,
        report_id=stable_id(proposal_id, "opinion_report"),
        township_id="chengguan",
        title="关于规范校外培训机构收费的建议",
        body=ConvertedBody(
            situation="部分校外培训机构预收费过高。", suggestions="建议建立预收费监管账户。"
        ),
        category="society",
        lead_author_id="m1",
        co_author_ids=("m2",),
        author_ids=("m1", "m2"),
        author_names={"m1": "张三", "m2": "李四"},
        author_township_ids={"m1": "chengguan", "m2": "xinzhuang"},
        term_no=10,
        session_no=3,
        routed_at=datetime.now(UTC),
    )


async def latest(
    client: httpx.AsyncClient, nc: NATS, path: str, headers: dict[str, str]
) -> httpx.Response:
    """GET once every projection (and the policy) has reached the stream's end."""
    seq = await last_sequence(nc, "PROPOSALS")
    return await client.get(path, headers=headers, params={"min_seq": f"PROPOSALS:{seq}"})


async def until_found(
    client: httpx.AsyncClient, nc: NATS, path: str, headers: dict[str, str]
) -> dict[str, Any]:
    """Poll (each read waits for the read models to catch up) until the path answers 200."""
    deadline = time.monotonic() + 10
    while True:
        r = await latest(client, nc, path, headers)
        if r.status_code == 200 or time.monotonic() > deadline:
            assert r.status_code == 200, r.text
            found: dict[str, Any] = r.json()
            return found


async def test_a_conversion_event_creates_exactly_one_report(
    client: httpx.AsyncClient, nc: NATS
) -> None:
    store = EventStore(nc, stream_for("proposals"), conversion_registry)
    proposal_id = uuid7()
    event = converted(proposal_id)
    key = aggregate_subject("proposals", "proposal", proposal_id)
    for _ in range(2):  # a duplicate with a different event id
        meta = EventMeta(uuid7(), datetime.now(UTC), "staff-1")
        await store.append([PendingEvent(proposal_id, event, meta)], {key: None})

    rid = event.report_id
    found = await until_found(client, nc, f"/opinion-reports/{rid}", editor())
    assert found["origin_proposal_id"] == proposal_id
    assert found["serial_no"] == f"SQMY-{YEAR}-001"
    assert found["source_channel"]["code"] == "from_proposal"
    assert [a["member_id"] for a in found["authors"]] == ["m1", "m2"]
    assert found["status"]["code"] == "submitted"

    r = await latest(client, nc, "/opinion-reports", editor())
    assert r.json()["total"] == 1
    own = EventStore(nc, stream_for("proposals"), opinion_registry)
    register, _ = await own.load("proposals", "opinion_register", str(YEAR))
    assert len(register) == 1  # one serial number taken, not two
    r = await latest(client, nc, "/townships/xinzhuang/opinion-reports", township("xinzhuang"))
    assert [i["attribution"] for i in r.json()["page"]["items"]] == [["author"]]
    r = await latest(client, nc, "/opinion-reports/stats/members", member("m2"))
    assert r.json()[0]["submitted"] == 1
