"""`cppcc deadletters list|replay` against a real nats-server and the notifications
service's own projection (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest
from nats.aio.client import Client as NATS
from sqlalchemy import select

from services.notifications.domain.events import NotificationSent, registry
from services.notifications.projections.inbox import InboxProjection
from services.proposals.application.opinion_policy import OpinionFromProposal
from services.proposals.domain.opinion import registry as opinion_registry
from services.proposals.domain.opinion import report_decider
from services.proposals.projections.registries import write_registry as proposals_registry
from shared.cli import SERVICES, main
from shared.commands import CommandRunner
from shared.db import Database
from shared.events import EventMeta, RecordedEvent, aggregate_subject
from shared.eventstore import EventStore, PendingEvent
from shared.ids import uuid7
from shared.natsserver import EmbeddedNats
from shared.projection import Write, dead_letters
from shared.runner import ProjectionRunner, RunnerConfig
from shared.streams import stream_for
from tests.integration.proposals.test_opinion_conversion import conversion_registry, converted
from tests.integration.test_projection_runner import NOW, eventually, meta

POISON = "坏通知"


@dataclass
class Broken:
    on: bool = True


@pytest.fixture
def broken(monkeypatch: pytest.MonkeyPatch) -> Broken:
    """The inbox handler fails on one title until the 'fix' switches it off."""
    state = Broken()
    original = InboxProjection._sent

    def sent(self: InboxProjection, recorded: RecordedEvent) -> Iterable[Write]:
        assert isinstance(recorded.event, NotificationSent)
        if state.on and recorded.event.title == POISON:
            raise ValueError("inbox handler bug")
        return original(self, recorded)

    monkeypatch.setattr(InboxProjection, "_sent", sent)
    return state


@pytest.fixture
async def db(
    db_url: str, nats_server: EmbeddedNats, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Database]:
    """The notifications database, and the CLI's environment pointing at it."""
    monkeypatch.setenv("NATS_URL", nats_server.url)
    monkeypatch.setenv("DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("NOTIFICATIONS_DATABASE_URL", db_url)
    for name in ("DATABASE_URL", "NATS_USER", "NATS_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    for service in SERVICES:
        if service != "notifications":
            monkeypatch.delenv(f"{service.upper()}_DATABASE_URL", raising=False)
    database = Database(db_url)
    yield database
    await database.dispose()


async def dead_lettered(nc: NATS, db: Database, titles: list[str]) -> None:
    """One notification per title; the runner runs until all are past, then stops."""
    store = EventStore(nc, stream_for("notifications"), registry)
    await store.ensure()
    for title in titles:
        nid = uuid7()
        event = NotificationSent(
            notification_id=nid,
            recipient="member:m1",
            template="t",
            title=title,
            body="正文",
            cause_event_id=uuid7(),
            cause_type="cppcc.proposals.proposal.filed.v1",
            township_id=None,
        )
        await store.append([PendingEvent(nid, event, meta())], {})
    runner = ProjectionRunner(
        nc,
        db,
        [InboxProjection(dialect=db.dialect)],
        RunnerConfig(batch=10, max_deliver=2, backoff=(0.01,)),
        service="notifications",
    )
    await runner.start()

    async def past() -> bool:
        return runner.position("NOTIFICATIONS") >= len(titles)

    try:
        await eventually(past)
    finally:
        await runner.stop()


async def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Run `cppcc …` in-process (its own event loop, in a thread)."""
    capsys.readouterr()
    code = await asyncio.to_thread(main, list(argv))
    out, err = capsys.readouterr()
    return code, out, err


async def inbox_titles(db: Database) -> list[str]:
    table = InboxProjection(dialect=db.dialect).t
    async with db.read() as conn:
        return sorted(r[0] for r in await conn.execute(select(table.c.title)))


async def letters(db: Database) -> list[tuple[object, ...]]:
    async with db.read() as conn:
        query = select(dead_letters).order_by(dead_letters.c.id)
        return [tuple(r) for r in await conn.execute(query)]


async def test_list_then_replay_after_the_fix(
    nc: NATS, db: Database, broken: Broken, capsys: pytest.CaptureFixture[str]
) -> None:
    await dead_lettered(nc, db, ["通知一", POISON, "通知二"])
    assert await inbox_titles(db) == ["通知一", "通知二"]

    code, out, _ = await cli(capsys, "deadletters", "list")
    assert code == 0
    header, row = out.splitlines()[:2]
    for column in ("编号", "投影", "事件流", "序号", "事件类型", "错误", "尝试次数", "记录时间"):
        assert column in header
    [(dl_id, *_)] = await letters(db)
    assert row.split()[:5] == [str(dl_id), "notifications", "inbox", "NOTIFICATIONS", "2"]
    assert "cppcc.notifications.notification.sent" in row and "inbox handler bug" in row
    assert "共 1 条，其中未重放 1 条" in out

    broken.on = False  # the handler is fixed and deployed
    code, out, _ = await cli(
        capsys, "deadletters", "replay", "--service", "notifications", str(dl_id)
    )
    assert code == 0, out
    assert "已重放" in out and "共 1 条：已重放 1 条，未成功 0 条" in out
    assert await inbox_titles(db) == sorted(["通知一", POISON, "通知二"])

    code, out, err = await cli(
        capsys, "deadletters", "replay", "--service", "notifications", str(dl_id)
    )
    assert code == 2 and "重放过" in err and "--force" in err

    code, out, _ = await cli(capsys, "deadletters", "list", "--service", "notifications")
    assert code == 0 and "没有未重放的死信" in out
    code, out, _ = await cli(capsys, "deadletters", "list", "--projection", "inbox", "--all")
    assert code == 0 and "重放时间" in out and "共 1 条，其中未重放 0 条" in out

    code, out, _ = await cli(
        capsys, "deadletters", "replay", "--service", "notifications", "--force", str(dl_id)
    )
    assert code == 0 and "已重放" in out  # the inbox insert is idempotent: still one row
    assert await inbox_titles(db) == sorted(["通知一", POISON, "通知二"])


async def test_replay_that_fails_again_exits_1_and_keeps_the_row(
    nc: NATS, db: Database, broken: Broken, capsys: pytest.CaptureFixture[str]
) -> None:
    await dead_lettered(nc, db, [POISON])
    [before] = await letters(db)

    # No --service: the id is looked up in every service's database.
    code, out, _ = await cli(capsys, "deadletters", "replay", str(before[0]))

    assert code == 1
    assert "重放失败" in out and "inbox handler bug" in out and "死信保留为未重放" in out
    [after] = await letters(db)
    was = dict(zip(dead_letters.c.keys(), before, strict=True))
    row = dict(zip(dead_letters.c.keys(), after, strict=True))
    assert row["replayed_at"] is None and row["attempts"] == int(str(was["attempts"])) + 1
    assert await inbox_titles(db) == []


async def test_replay_of_a_projection_takes_all_unreplayed(
    nc: NATS, db: Database, broken: Broken, capsys: pytest.CaptureFixture[str]
) -> None:
    await dead_lettered(nc, db, [POISON, "好", POISON])
    broken.on = False

    code, out, _ = await cli(capsys, "deadletters", "replay", "--projection", "inbox")

    assert code == 0 and "共 2 条：已重放 2 条，未成功 0 条" in out
    assert await inbox_titles(db) == sorted([POISON, "好", POISON])
    code, out, _ = await cli(capsys, "deadletters", "replay", "--projection", "inbox")
    assert code == 0 and "没有未重放的死信" in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["replay", "--service", "notifications", "999"], "没有编号为 999 的死信"),
        (["replay", "999"], "找不到编号为 999 的死信"),
        (["replay", "abc"], "死信编号必须是正整数"),
        (["replay", "--service", "notifications", "--projection", "nope"], "没有名为 nope 的投影"),
        (["replay", "--projection", "nope"], "没有名为 nope 的投影"),
        (["replay", "--service", "nosuch", "1"], "未知的服务"),
        (["replay"], "二者选其一"),
        (["replay", "--projection", "inbox", "1"], "二者选其一"),
        (["list", "--projection", "nope"], "没有名为 nope 的投影"),
        (["list", "--service", "nosuch"], "未知的服务"),
        (["dismiss", "--service", "notifications", "999", "--reason", "作废"], "没有编号为 999"),
        (["dismiss", "999", "--reason", "作废"], "找不到编号为 999 的死信"),
        (["dismiss", "1"], "请用 --reason 说明为什么忽略"),
        (["dismiss", "1", "--reason", "  "], "请用 --reason 说明为什么忽略"),
        (["dismiss", "--reason", "作废"], "请给出要忽略的死信编号"),
        (["dismiss", "abc", "--reason", "作废"], "死信编号必须是正整数"),
        (["dismiss", "--service", "nosuch", "1", "--reason", "作废"], "未知的服务"),
    ],
)
async def test_operator_mistakes_exit_2_and_write_nothing(
    nc: NATS,
    db: Database,
    broken: Broken,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    message: str,
) -> None:
    await dead_lettered(nc, db, [POISON])
    broken.on = False
    snapshot = await letters(db)

    code, _, err = await cli(capsys, "deadletters", *argv)

    assert code == 2 and message in err
    assert await letters(db) == snapshot and await inbox_titles(db) == []


async def test_rebuild_verify_opens_the_services_own_database_first(
    nc: NATS,
    db: Database,
    broken: Broken,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    broken.on = False
    await dead_lettered(nc, db, ["通知一", "通知二"])
    # A DATABASE_URL meant for another service must not win over NOTIFICATIONS_DATABASE_URL.
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'elsewhere.db'}")
    code, out, _ = await cli(capsys, "rebuild", "notifications", "--verify")
    assert code == 0, out
    assert "inbox" in out
    assert not (tmp_path / "elsewhere.db").exists()


async def test_dismiss_hides_the_letter_and_replay_needs_force(
    nc: NATS, db: Database, broken: Broken, capsys: pytest.CaptureFixture[str]
) -> None:
    await dead_lettered(nc, db, [POISON, "通知一"])
    [(dl_id, *_)] = await letters(db)

    # No --service: the id is looked up in every service's database.
    code, out, err = await cli(
        capsys, "deadletters", "dismiss", str(dl_id), "--reason", "该通知已撤回", "--by", "王秘书"
    )
    assert code == 0, err
    assert f"#{dl_id} notifications/inbox NOTIFICATIONS#1" in out
    assert "已忽略（王秘书，原因：该通知已撤回）" in out and "共忽略 1 条" in out

    code, out, _ = await cli(capsys, "deadletters", "list")
    assert code == 0 and "没有未重放的死信" in out
    code, out, _ = await cli(capsys, "deadletters", "list", "--service", "notifications", "--all")
    assert code == 0
    header, row = out.splitlines()[:2]
    for column in ("状态", "重放时间", "忽略时间", "忽略人", "忽略原因"):
        assert column in header
    assert row.split()[0] == str(dl_id)
    assert "已忽略" in row and "王秘书" in row and "该通知已撤回" in row
    assert "共 1 条，其中未重放 0 条，已忽略 1 条" in out

    code, _, err = await cli(capsys, "deadletters", "dismiss", str(dl_id), "--reason", "再来")
    assert code == 2 and f"编号 {dl_id} 的死信已于" in err
    assert "王秘书 忽略过（原因：该通知已撤回），无需再次忽略" in err

    broken.on = False
    snapshot = await letters(db)
    code, _, err = await cli(
        capsys, "deadletters", "replay", "--service", "notifications", str(dl_id)
    )
    assert code == 2 and "王秘书 忽略（原因：该通知已撤回）" in err and "--force" in err
    code, out, _ = await cli(capsys, "deadletters", "replay", "--projection", "inbox")
    assert code == 0 and "没有未重放的死信" in out
    assert await letters(db) == snapshot and await inbox_titles(db) == ["通知一"]

    code, out, _ = await cli(
        capsys, "deadletters", "replay", "--service", "notifications", "--force", str(dl_id)
    )
    assert code == 0 and "已重放" in out
    assert await inbox_titles(db) == sorted([POISON, "通知一"])
    code, out, _ = await cli(capsys, "deadletters", "list", "--all")
    assert "已重放" in out and "王秘书" in out  # the dismissal stays on record
    assert "共 1 条，其中未重放 0 条。" in out


async def test_dismiss_of_a_replayed_letter_is_refused(
    nc: NATS, db: Database, broken: Broken, capsys: pytest.CaptureFixture[str]
) -> None:
    await dead_lettered(nc, db, [POISON])
    [(dl_id, *_)] = await letters(db)
    broken.on = False
    code, _, _ = await cli(capsys, "deadletters", "replay", str(dl_id))
    assert code == 0
    snapshot = await letters(db)

    code, _, err = await cli(
        capsys, "deadletters", "dismiss", "--service", "notifications", str(dl_id), "--reason", "x"
    )

    assert code == 2 and f"编号 {dl_id} 的死信已于" in err and "重放过，不能再忽略" in err
    assert await letters(db) == snapshot


async def test_dismiss_records_the_login_name_without_by(
    nc: NATS,
    db: Database,
    broken: Broken,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    await dead_lettered(nc, db, [POISON])
    [(dl_id, *_)] = await letters(db)
    monkeypatch.setenv("LOGNAME", "clerk7")  # getpass.getuser() reads it first
    code, out, err = await cli(
        capsys, "deadletters", "dismiss", "--service", "notifications", str(dl_id), "--reason", "旧"
    )
    assert code == 0, err
    assert "已忽略（clerk7，原因：旧）" in out


# --- a policy's dead letter, replayed through the CLI --------------------------------------


async def test_replay_of_a_policys_dead_letter_issues_its_command(
    nc: NATS,
    db: Database,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """The proposals service's OpinionFromProposal policy fails on a conversion event until
    fixed; `deadletters replay` then issues the command the reaction would have."""
    monkeypatch.setenv("PROPOSALS_DATABASE_URL", db.url)
    state = Broken()
    original = OpinionFromProposal.converted

    async def converted_or_fail(self: OpinionFromProposal, cause: RecordedEvent) -> None:
        if state.on:
            raise RuntimeError("opinion policy bug")
        await original(self, cause)

    monkeypatch.setattr(OpinionFromProposal, "converted", converted_or_fail)
    causes = EventStore(nc, stream_for("proposals"), conversion_registry)
    await causes.ensure()
    proposal_id = uuid7()
    event = converted(proposal_id)
    appended = await causes.append(
        [PendingEvent(proposal_id, event, EventMeta(uuid7(), NOW, "staff-1"))],
        {aggregate_subject("proposals", "proposal", proposal_id): None},
    )
    store = EventStore(nc, stream_for("proposals"), proposals_registry, service="proposals")
    policy = OpinionFromProposal(dialect=db.dialect)
    policy.bind(CommandRunner(store))
    runner = ProjectionRunner(
        nc,
        db,
        [policy],
        RunnerConfig(batch=10, max_deliver=2, backoff=(0.01,)),
        service="proposals",
    )
    await runner.start()

    async def past() -> bool:
        return runner.position("PROPOSALS") >= appended.last_seq

    try:
        await eventually(past)
    finally:
        await runner.stop()
    reports = EventStore(nc, stream_for("proposals"), opinion_registry)

    async def report_events() -> list[RecordedEvent]:
        found, _ = await reports.load("proposals", report_decider.aggregate, event.report_id)
        return found

    assert await report_events() == []
    [(dl_id, *_)] = await letters(db)
    code, out, _ = await cli(capsys, "deadletters", "list", "--service", "proposals")
    assert code == 0 and "opinion_from_proposal" in out and "opinion policy bug" in out

    state.on = False  # the fix is deployed
    code, out, err = await cli(
        capsys, "deadletters", "replay", "--service", "proposals", str(dl_id)
    )

    assert code == 0, out + err
    assert "已重放" in out and "共 1 条：已重放 1 条，未成功 0 条" in out
    [created] = await report_events()
    [cause], _ = await causes.load("proposals", "proposal", proposal_id)
    assert created.meta.causation_id == cause.meta.event_id
    assert created.meta.actor == "system"
    code, out, _ = await cli(capsys, "deadletters", "list", "--service", "proposals")
    assert code == 0 and "没有未重放的死信" in out

    # Forced once more: the reaction's command is a no-op (exactly-once effect).
    code, out, _ = await cli(
        capsys, "deadletters", "replay", "--service", "proposals", "--force", str(dl_id)
    )
    assert code == 0 and "已重放" in out
    assert len(await report_events()) == 1
