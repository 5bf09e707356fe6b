"""Dead letters: list the events a projection gave up on, and replay them once fixed.

The runner records a poison event in `projection_dead_letters` after `max_deliver` attempts
and moves on. Replaying one fetches the original message from its stream by sequence (a
direct get), decodes it with the projection's registry and applies it with the
projection's handlers — in ONE transaction that also sets `replayed_at`. The checkpoint
is not touched: the projection moved past the event when it was dead-lettered, so the
replay applies it out of stream order (fine for handlers whose effect does not depend on
the order; otherwise rebuild the projection instead).

A replay that fails again rolls back, keeps the row unreplayed and records the new error
(`attempts` + 1). A row already replayed is refused unless `force`; claiming the row is
part of the same transaction, so two concurrent replays cannot both apply it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

import structlog
from nats.aio.client import Client as NATS
from sqlalchemy import inspect, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from shared import metrics
from shared.db import Database
from shared.events import RecordedEvent
from shared.eventstore import RawMessage, StoreUnavailable, decode, direct_get_batches
from shared.projection import Projection, dead_letters, utcnow

log = structlog.get_logger(__name__)

#: Bounded outcome label of `cppcc_projection_dead_letter_replays_total`.
Outcome = Literal["replayed", "failed", "refused", "missing"]
OUTCOMES: tuple[Outcome, ...] = ("replayed", "failed", "refused", "missing")


@dataclass(frozen=True)
class DeadLetter:
    id: int
    projection: str
    stream: str
    seq: int
    subject: str
    event_type: str
    error: str
    attempts: int
    recorded_at: datetime
    replayed_at: datetime | None

    @property
    def replayed(self) -> bool:
        return self.replayed_at is not None


@dataclass(frozen=True)
class ReplayResult:
    dead_letter: DeadLetter
    outcome: Outcome
    #: The new error (failed) or why nothing was applied (refused, missing).
    detail: str | None = None

    @property
    def ok(self) -> bool:
        return self.outcome == "replayed"


class DeadLetterError(Exception):
    """An operator's request that cannot be carried out; nothing was written."""


class UnknownDeadLetter(DeadLetterError):
    def __init__(self, ids: Sequence[int]) -> None:
        self.ids = list(ids)
        super().__init__(f"no dead letter with id {', '.join(map(str, ids))}")


class UnknownProjection(DeadLetterError):
    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f"no projection named {name}")


class AlreadyReplayed(DeadLetterError):
    def __init__(self, letters: Sequence[DeadLetter]) -> None:
        self.letters = list(letters)
        super().__init__(
            f"dead letter {', '.join(str(d.id) for d in letters)} already replayed"
            " (use force to replay again)"
        )


class _Refused(Exception):
    """The row was replayed by someone else between the check and the claim."""


# --- reading ---------------------------------------------------------------------------


async def has_dead_letter_table(db: Database) -> bool:
    async with db.read() as conn:
        found: bool = await conn.run_sync(lambda sync: inspect(sync).has_table(dead_letters.name))
        return found


async def list_dead_letters(
    db: Database, projection: str | None = None, include_replayed: bool = False
) -> list[DeadLetter]:
    """Dead letters in the order they were recorded; by default only the unreplayed ones.
    An empty list when the service never created its bookkeeping tables."""
    if not await has_dead_letter_table(db):
        return []
    stmt = select(dead_letters).order_by(dead_letters.c.id)
    if projection is not None:
        stmt = stmt.where(dead_letters.c.projection == projection)
    if not include_replayed:
        stmt = stmt.where(dead_letters.c.replayed_at.is_(None))
    async with db.read() as conn:
        return [_row(r) for r in await conn.execute(stmt)]


async def get_dead_letters(db: Database, ids: Iterable[int]) -> dict[int, DeadLetter]:
    wanted = sorted(set(ids))
    if not wanted or not await has_dead_letter_table(db):
        return {}
    async with db.read() as conn:
        rows = await conn.execute(select(dead_letters).where(dead_letters.c.id.in_(wanted)))
        return {int(r.id): _row(r) for r in rows}


def _row(r: Any) -> DeadLetter:
    return DeadLetter(
        id=int(r.id),
        projection=str(r.projection),
        stream=str(r.stream),
        seq=int(r.seq),
        subject=str(r.subject),
        event_type=str(r.event_type),
        error=str(r.error),
        attempts=int(r.attempts),
        recorded_at=r.recorded_at,
        replayed_at=r.replayed_at,
    )


async def fetch_message(nc: NATS, stream: str, seq: int) -> RawMessage | None:
    """The message stored at `seq` of `stream` (one direct get), or None if it is gone."""
    async for chunk in direct_get_batches(nc, stream, ">", seq, batch=1, up_to_seq=seq):
        for raw in chunk:
            if raw.seq == seq:
                return raw
    return None


# --- replaying -------------------------------------------------------------------------


class DeadLetterReplayer:
    """Replays a service's dead letters with that service's projections (as built by its
    definition; policies must already be bound to a command runner)."""

    def __init__(self, nc: NATS | None, db: Database, projections: Sequence[Projection]) -> None:
        #: Needed by `replay` only: `check` and listing work without NATS.
        self.nc = nc
        self.db = db
        # Rows name the projection by its checkpoint name (the name, for live projections).
        self.projections = {p.checkpoint_name: p for p in projections}

    def projection(self, name: str) -> Projection:
        found = self.projections.get(name)
        if found is None:
            raise UnknownProjection(name)
        return found

    async def check(self, ids: Sequence[int], force: bool = False) -> list[DeadLetter]:
        """The rows to replay, in the order given; raises DeadLetterError (nothing written)
        for an unknown id, a projection this service does not have, or — without force — a
        row already replayed."""
        found = await get_dead_letters(self.db, ids)
        missing = [i for i in dict.fromkeys(ids) if i not in found]
        if missing:
            raise UnknownDeadLetter(missing)
        letters = [found[i] for i in dict.fromkeys(ids)]
        for letter in letters:
            self.projection(letter.projection)
        replayed = [d for d in letters if d.replayed]
        if replayed and not force:
            for letter in replayed:
                self._count(letter, "refused")
            raise AlreadyReplayed(replayed)
        return letters

    async def replay_ids(self, ids: Sequence[int], force: bool = False) -> list[ReplayResult]:
        """Replay the given rows one by one (each its own transaction)."""
        letters = await self.check(ids, force)
        return [await self.replay(letter, force) for letter in letters]

    async def replay_projection(self, name: str) -> list[ReplayResult]:
        """Replay every unreplayed row of one projection, in the order they were recorded."""
        self.projection(name)
        letters = await list_dead_letters(self.db, name)
        return [await self.replay(letter) for letter in letters]

    async def replay(self, letter: DeadLetter, force: bool = False) -> ReplayResult:
        projection = self.projection(letter.projection)
        if self.nc is None:
            raise RuntimeError("DeadLetterReplayer needs a NATS connection to replay")
        try:
            raw = await fetch_message(self.nc, letter.stream, letter.seq)
        except StoreUnavailable as exc:
            return self._done(letter, "missing", f"stream {letter.stream} unavailable: {exc}")
        if raw is None:
            return self._done(
                letter, "missing", f"message {letter.stream}#{letter.seq} is no longer stored"
            )
        if raw.subject != letter.subject:
            return self._done(
                letter,
                "missing",
                f"message {letter.stream}#{letter.seq} has subject {raw.subject},"
                f" not {letter.subject} (stream recreated?)",
            )
        try:
            async with self.db.write() as conn:
                await _claim(conn, letter.id, force)
                await projection.apply(conn, [_decode(projection, letter.stream, raw)])
        except _Refused:
            return self._done(letter, "refused", "already replayed")
        except Exception as exc:
            error = repr(exc)[:2000]
            async with self.db.write() as conn:
                await conn.execute(
                    update(dead_letters)
                    .where(dead_letters.c.id == letter.id)
                    .values(error=error, attempts=dead_letters.c.attempts + 1)
                )
            return self._done(letter, "failed", error)
        return self._done(letter, "replayed")

    def _done(
        self, letter: DeadLetter, outcome: Outcome, detail: str | None = None
    ) -> ReplayResult:
        event = "dead_letter_replayed" if outcome == "replayed" else "dead_letter_replay_failed"
        fields: dict[str, Any] = {"error": detail} if detail else {}
        (log.info if outcome == "replayed" else log.error)(
            event,
            dead_letter=letter.id,
            projection=letter.projection,
            stream=letter.stream,
            seq=letter.seq,
            subject=letter.subject,
            outcome=outcome,
            **fields,
        )
        self._count(letter, outcome)
        return ReplayResult(letter, outcome, detail)

    def _count(self, letter: DeadLetter, outcome: Outcome) -> None:
        projection = self.projections[letter.projection]
        metrics.DEAD_LETTER_REPLAYS.labels(projection.name, outcome).inc()


async def _claim(conn: AsyncConnection, dead_letter_id: int, force: bool) -> None:
    """Set `replayed_at` first: a concurrent replay of the same row waits for this
    transaction, then finds the row replayed (unless forced)."""
    stmt = update(dead_letters).where(dead_letters.c.id == dead_letter_id)
    if not force:
        stmt = stmt.where(dead_letters.c.replayed_at.is_(None))
    result = await conn.execute(stmt.values(replayed_at=utcnow()))
    if result.rowcount != 1:
        raise _Refused(dead_letter_id)


def _decode(projection: Projection, stream: str, raw: RawMessage) -> RecordedEvent:
    decoded = decode(projection.registry, stream, raw)
    if not isinstance(decoded, RecordedEvent):
        raise LookupError(
            f"event type {decoded.ce_type!r} is unknown to projection {projection.name}"
        )
    if not projection.handles(decoded.event):
        # Marking it replayed would claim an effect that never happened.
        raise LookupError(
            f"projection {projection.name} no longer handles {decoded.ce_type!r}: nothing to apply"
        )
    return decoded


__all__ = [
    "OUTCOMES",
    "AlreadyReplayed",
    "DeadLetter",
    "DeadLetterError",
    "DeadLetterReplayer",
    "Outcome",
    "ReplayResult",
    "UnknownDeadLetter",
    "UnknownProjection",
    "fetch_message",
    "get_dead_letters",
    "list_dead_letters",
]
