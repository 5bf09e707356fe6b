"""Reactions: foreign events become notifications, exactly once, whatever the timing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

import pytest
from nats.aio.client import Client as NATS
from nats.js.api import AckPolicy

from services.notifications.application.reactions import ReactionConfig
from shared.commands import CommandContext, CommandResult, Target
from shared.events import EventMeta, ce_headers, encode_body
from shared.ids import stable_id, uuid7
from shared.settings import ServiceSettings
from shared.streams import ensure_stream, last_sequence, stream_for, stream_info
from tests.integration.notifications import foreign
from tests.integration.notifications.support import (
    ADMIN,
    DURABLE,
    Service,
    append,
    auth,
    inbox,
    running,
    settled,
    wait_inbox,
)

M1 = auth("member:m1", subject="m1")
M2 = auth("member:m2", subject="m2")


def _submitted(
    pid: str = "p1", title: str = "关于加强农村饮水安全的建议"
) -> foreign.ProposalSubmitted:
    return foreign.ProposalSubmitted(
        proposal_id=pid, township_id="qingshui", lead_author_id="m1", title=title
    )


async def test_proposal_events_notify_the_authors(service: Service, nc: NATS) -> None:
    _, cause_id = await append(nc, foreign.proposals, "p1", _submitted())
    body = await wait_inbox(service.client, M1)
    item = body["items"][0]
    assert item["title"] == "提案已提交"
    assert item["body"] == "您的提案《关于加强农村饮水安全的建议》已提交，等待提案委员会审查。"
    assert item["recipient"] == "member:m1" and item["township_id"] == "qingshui"
    assert item["notification_id"] == stable_id(cause_id, "member:m1")
    assert item["cause_type"] == "cn.cppcc.proposals.proposal.submitted.v1"
    assert item["read"] is False and item["read_at"] is None

    registered = foreign.ProposalRegistered(
        proposal_id="p1",
        township_id="qingshui",
        lead_author_id="m1",
        co_author_ids=("m2",),
        title="关于加强农村饮水安全的建议",
        serial_no="10-3-D045",
    )
    await append(nc, foreign.proposals, "p1", registered)
    lead = await wait_inbox(service.client, M1, count=2)
    assert lead["items"][0]["title"] == "提案已立案"  # newest first
    co = await wait_inbox(service.client, M2)
    assert co["total"] == 1
    assert (
        co["items"][0]["body"] == "您的提案《关于加强农村饮水安全的建议》已立案，编号 10-3-D045。"
    )


async def test_consultation_and_visit_events(service: Service, nc: NATS) -> None:
    adopted = foreign.SuggestionAdopted(
        consultation_id="c1",
        text="建议在镇区增设公共停车位",
        township_id="qingshui",
        topic="镇区交通治理",
        adoption="partially_adopted",
        proposer_ids=("m1",),
    )
    await append(nc, foreign.consultation, "c1", adopted)
    item = (await wait_inbox(service.client, M1))["items"][0]
    assert item["title"] == "协商建议部分采纳"
    assert "镇区交通治理" in item["body"] and "部分采纳" in item["body"]

    visit = foreign.VisitLogged(
        member_id="m1",
        visit_kind="member_visits_constituents",
        township_id="qingshui",
        member_township_id="qingshui",
        visit_date="2025-03-01",
    )
    await append(nc, foreign.members, "m1", visit)
    clerk = auth("township:qingshui", subject="clerk")
    item = (await wait_inbox(service.client, clerk))["items"][0]
    assert item["recipient"] == "township:qingshui"
    assert item["body"] == "委员（编号 m1）记录了一次走访：委员走访界别群众，走访日期 2025-03-01。"
    other_clerk = auth("township:dongshan", subject="clerk2")
    assert (await inbox(service.client, other_clerk))["total"] == 0


async def _publish_copy(nc: NATS, event: foreign.ProposalSubmitted, event_id: str) -> None:
    """The same cause again under a new Nats-Msg-Id (a producer retry past the dedup window)."""
    headers = ce_headers(event, EventMeta(event_id, datetime.now(UTC), "member:m1"), "p9")
    headers["Nats-Msg-Id"] = uuid7()
    subject = "cppcc.proposals.proposal.p9.submitted"
    await nc.request(subject, encode_body(event), headers=headers, timeout=5)


async def test_redelivered_cause_sends_exactly_once(settings: ServiceSettings, nc: NATS) -> None:
    event = _submitted("p9", "重复投递")
    async with running(settings) as service:
        _, cause_id = await append(nc, foreign.proposals, "p9", event)
        await _publish_copy(nc, event, cause_id)
        await _publish_copy(nc, event, cause_id)
        assert await last_sequence(nc, "PROPOSALS") == 3
        await settled(nc, service, ("PROPOSALS",))
        assert (await inbox(service.client, M1))["total"] == 1
        sent = await last_sequence(nc, "NOTIFICATIONS")
        assert sent == 1
    # The durable consumer is lost: on restart everything is delivered again from seq 1.
    await nc.jetstream().delete_consumer("PROPOSALS", DURABLE)
    async with running(settings) as service:
        await settled(nc, service, ("PROPOSALS",))
        assert (await inbox(service.client, M1))["total"] == 1
        assert await last_sequence(nc, "NOTIFICATIONS") == sent


async def test_starts_before_foreign_streams_exist(service: Service, nc: NATS) -> None:
    assert (await service.client.get("/healthz")).status_code == 200
    assert service.reactor.status() == {"MEMBERS": False, "PROPOSALS": False, "CONSULTATION": False}
    assert (await inbox(service.client, M1))["total"] == 0
    await append(nc, foreign.proposals, "p2", _submitted("p2", "迟到的流"))
    body = await wait_inbox(service.client, M1)
    assert body["items"][0]["body"] == "您的提案《迟到的流》已提交，等待提案委员会审查。"
    assert service.reactor.status()["PROPOSALS"] is True
    consumer = await nc.jetstream().consumer_info("PROPOSALS", DURABLE)
    assert consumer.config.ack_policy == AckPolicy.EXPLICIT
    assert consumer.config.max_deliver == 5
    assert consumer.config.filter_subject == "cppcc.proposals.>"
    stream = await stream_info(nc, "PROPOSALS")  # FastStream declared nothing
    assert stream["config"]["subjects"] == ["cppcc.proposals.>"]
    assert stream["config"]["deny_delete"] is True


async def test_unusable_message_does_not_block_the_stream(service: Service, nc: NATS) -> None:
    await append(nc, foreign.proposals, "p3", _submitted("p3", "第一件"))
    await wait_inbox(service.client, M1)
    await nc.request(
        "cppcc.proposals.proposal.p4.submitted",
        b"not json",
        headers={"ce-type": "cn.cppcc.proposals.proposal.submitted.v1", "ce-id": "bad-1"},
        timeout=5,
    )
    await append(nc, foreign.proposals, "p5", _submitted("p5", "第二件"))
    body = await wait_inbox(service.client, M1, count=2)
    assert [i["body"][:10] for i in body["items"]] == [
        "您的提案《第二件》已",
        "您的提案《第一件》已",
    ]
    await settled(nc, service, ("PROPOSALS",))


async def test_failed_command_is_retried(
    settings: ServiceSettings, nc: NATS, monkeypatch: pytest.MonkeyPatch
) -> None:
    await ensure_stream(nc, stream_for("proposals"))
    async with running(settings, ReactionConfig(retry_delays=(0.1,))) as service:
        original = service.rt.commands.execute
        calls: list[str] = []

        async def flaky(
            name: str, targets: Sequence[Target], decide: Any, ctx: CommandContext
        ) -> CommandResult:
            calls.append(name)
            if len(calls) == 1:
                raise RuntimeError("event store briefly unavailable")
            return await original(name, targets, decide, ctx)

        monkeypatch.setattr(service.rt.commands, "execute", flaky)
        await append(nc, foreign.proposals, "p6", _submitted("p6", "重试"))
        body = await wait_inbox(service.client, ADMIN, recipient="member:m1")
        assert body["total"] == 1 and calls == ["send_notification"] * 2
        await settled(nc, service, ("PROPOSALS",))


async def test_consumer_deleted_while_running_is_recreated(service: Service, nc: NATS) -> None:
    await append(nc, foreign.proposals, "p7", _submitted("p7", "删除前"))
    await wait_inbox(service.client, M1)
    await nc.jetstream().delete_consumer("PROPOSALS", DURABLE)
    await append(nc, foreign.proposals, "p8", _submitted("p8", "删除后"))
    body = await wait_inbox(service.client, M1, count=2)
    assert body["items"][0]["body"] == "您的提案《删除后》已提交，等待提案委员会审查。"
    await settled(nc, service, ("PROPOSALS",))
    assert await last_sequence(nc, "NOTIFICATIONS") == 2  # the replayed p7 sent nothing


async def test_stop_ends_even_a_task_that_swallowed_its_cancellation(service: Service) -> None:
    # FastStream can swallow a cancellation that lands inside `subscriber.start()`; the
    # supervising task then went on watching and `stop()` (the service's shutdown) hung.
    import asyncio

    reactor = service.reactor
    swallowed: list[bool] = []

    async def stubborn() -> None:
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            swallowed.append(True)  # and carries on, as if nothing happened
        await asyncio.sleep(3600)

    reactor._tasks.append(asyncio.create_task(stubborn()))
    await asyncio.sleep(0)
    service.rt.extras.pop("reactor")  # stopped here, not again by the shutdown hook
    import time

    started = time.monotonic()
    await asyncio.wait_for(reactor.stop(), timeout=20)
    assert time.monotonic() - started < 5  # not held up by the stubborn task
    assert swallowed == [True]
    assert not reactor._tasks
