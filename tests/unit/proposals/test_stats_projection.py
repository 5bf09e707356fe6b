"""`proposal_stats_tasks` applied to events on an in-memory SQLite database: the deadline
moves with an extension until the first reply and no further; a re-handled reply keeps the
first reply time; only contacts made 当面 count as face to face; a reassigned task is
marked returned. Applying the same events twice gives the same rows."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import create_async_engine

from services.proposals.domain.events_handling import (
    ExtensionGranted,
    HandlingContactRecorded,
    HandlingTaskCreated,
    HandlingTaskReassigned,
)
from services.proposals.domain.events_reply import ProposalReplied
from services.proposals.projections.stats import ProposalStatsTasks
from shared.events import DomainEvent, EventMeta, RecordedEvent

PID = "p-1"
AT = datetime(2026, 3, 10, 2, 0, tzinfo=UTC)
DUE = datetime(2026, 6, 10, 15, 59, 59, tzinfo=UTC)
BASE: dict[str, Any] = {"proposal_id": PID, "township_id": "chengguan", "unit_id": "u1"}


def created(task_id: str) -> HandlingTaskCreated:
    return HandlingTaskCreated(
        **BASE,
        task_id=task_id,
        unit_name="县住建局",
        role="sole",
        serial_no="10-3-D001",
        title="关于……的建议",
        category="ecology",
        is_key=False,
        lead_author_id="m1",
        assigned_at=AT,
        due_on=date(2026, 6, 10),
        deadline_at=DUE,
        return_due_on=date(2026, 3, 17),
    )


def extended(months: int, days: int) -> ExtensionGranted:
    return ExtensionGranted(
        **BASE,
        task_id="t1",
        months=months,
        previous_due_on=date(2026, 6, 10),
        due_on=date(2026, 6, 10) + timedelta(days=days),
        deadline_at=DUE + timedelta(days=days),
        capped=False,
        granted_at=AT,
    )


def replied(round_: int, at: datetime) -> ProposalReplied:
    return ProposalReplied(
        **BASE,
        reply_id=f"t1-{round_}",
        task_id="t1",
        unit_name="县住建局",
        role="sole",
        round=round_,
        doc_no="建提〔2026〕1号",
        result_class="B",
        result_class_label="B",
        serial_no="10-3-D001",
        title="关于……的建议",
        lead_author_id="m1",
        co_author_ids=(),
        issued_at=at,
        evaluation_due_on=date(2026, 7, 1),
        evaluation_deadline_at=at,
    )


def contact(mode: str) -> HandlingContactRecorded:
    return HandlingContactRecorded(
        **BASE,
        task_id="t1",
        kind="pre",
        mode=mode,
        contacted_on=date(2026, 3, 12),
        note=None,
        recorded_at=AT,
    )


def recorded(events: list[DomainEvent]) -> list[RecordedEvent]:
    return [
        RecordedEvent(e, EventMeta(f"e{seq}", AT, "test"), PID, f"s.{seq}", "PROPOSALS", seq)
        for seq, e in enumerate(events, start=1)
    ]


async def rows_after(events: list[DomainEvent]) -> list[Any]:
    projection = ProposalStatsTasks(dialect="sqlite")
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(projection.metadata.create_all)
        await projection.apply(conn, recorded(events))
        table = projection.tasks
        found = list((await conn.execute(select(table).order_by(table.c.task_id))).all())
    await engine.dispose()
    return found


async def test_deadline_first_reply_contacts_and_returns() -> None:
    first = DUE + timedelta(days=5)
    events: list[DomainEvent] = [
        created("t1"),
        contact("phone"),
        contact("face_to_face"),
        extended(1, 30),
        replied(1, first),
        extended(1, 60),  # after the first reply: no longer moves the measured deadline
        replied(2, first + timedelta(days=40)),
        created("t2"),
        HandlingTaskReassigned(
            **BASE, task_id="t2", new_task_ids=("t3",), note=None, decided_at=AT
        ),
    ]
    t1, t2 = await rows_after(events)
    assert t1.deadline_at.replace(tzinfo=UTC) == DUE + timedelta(days=30)
    assert t1.due_on == date(2026, 7, 10)
    assert t1.first_replied_at.replace(tzinfo=UTC) == first
    assert (t1.contacts, t1.face_to_face, t1.returned) == (2, 1, False)
    assert t2.returned is True and t2.first_replied_at is None
    assert await rows_after(events) == [t1, t2]
