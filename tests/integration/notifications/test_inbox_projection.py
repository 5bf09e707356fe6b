"""The inbox projection: rebuild equals live; SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from nats.aio.client import Client as NATS

from services.notifications.projections.inbox import InboxProjection
from shared.natsserver import EmbeddedNats
from shared.runner import compare_tables
from tests.integration.notifications import foreign
from tests.integration.notifications.support import (
    Service,
    append,
    auth,
    inbox,
    running,
    seed,
    settings_for,
    wait_inbox,
)

T0 = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)


async def _assert_rebuild_equals_live(service: Service) -> None:
    runner = service.rt.runner
    live = next(p for p in runner.projections if isinstance(p, InboxProjection))
    clone = live.clone("rb_")
    counts = await runner.rebuild(clone)
    assert counts["NOTIFICATIONS"] > 0
    report = await compare_tables(service.rt.db, live, clone)
    assert all(a == b and d == 0 for a, b, d in report.values()), report
    await service.rt.db.drop(list(clone.metadata.sorted_tables))


async def test_rebuild_equals_live(service: Service) -> None:
    member = auth("member:m1", subject="m1")
    for minute in range(6):
        nid, seq = await seed(service, "member:m1", f"通知{minute}", T0 + timedelta(minutes=minute))
        if minute % 2 == 0:
            r = await service.client.post(f"/notifications/{nid}/read", headers=member)
            assert r.status_code == 202
            seq = r.json()["seq"]
    body = await inbox(service.client, member, min_seq=seq)
    assert body["total"] == 6 and body["unread"] == 3
    await _assert_rebuild_equals_live(service)


async def test_whole_flow_on_each_database(
    db_url: str, nats_server: EmbeddedNats, nc: NATS, tmp_path: Path
) -> None:
    settings = settings_for(nats_server.url, tmp_path, database_url=db_url)
    member = auth("member:m7", subject="m7")
    async with running(settings) as service:
        event = foreign.ProposalSubmitted(
            proposal_id="p7", township_id="qingshui", lead_author_id="m7", title="数据库测试"
        )
        await append(nc, foreign.proposals, "p7", event)
        item = (await wait_inbox(service.client, member))["items"][0]
        assert item["body"] == "您的提案《数据库测试》已提交，等待提案委员会审查。"
        assert item["sent_at"].endswith("Z")
        r = await service.client.post(
            f"/notifications/{item['notification_id']}/read", headers=member
        )
        assert r.status_code == 202
        body = await inbox(service.client, member, min_seq=r.json()["seq"])
        assert body["items"][0]["read"] is True and body["unread"] == 0
        await _assert_rebuild_equals_live(service)
    # Restart on the same database: the checkpoint holds, nothing is sent again.
    async with running(settings) as service:
        body = await wait_inbox(service.client, member)
        assert body["total"] == 1 and body["items"][0]["read"] is True
