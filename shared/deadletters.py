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

An operator may instead *dismiss* a row (the event is obsolete, nothing should apply it):
who, when and why go into the row (`dismissed_by`, `dismissed_at`, `dismissed_reason`). A
dismissed row is no longer listed by default, is skipped by a projection's replay and is
refused by a replay by id unless `force`. Those three columns are nullable and are not
part of the runner's table definition (`shared.projection.dead_letters`): the first
dismissal adds them to the database (`ensure_dismissal_columns`, idempotent; there is no
migration tool here), and reading works with or without them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Literal

import structlog
from nats.aio.client import Client as NATS
from sqlalchemy import (
    Column,
    DateTime,
    MetaData,
    String,
    Table,
    Text,
    inspect,
    select,
    text,
    update,
)
from sqlalchemy.exc import DBAPIError
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

#: How long a dismissal's `dismissed_by` may be (the column's length).
MAX_BY = 200

#: The dead-letter table as this module reads it: the runner's columns plus the dismissal
#: bookkeeping, nullable like `replayed_at` (see the module docstring). Statements that name
#: a dismissal column run only where `ensure_dismissal_columns` has added them.
letters_table: Table = dead_letters.to_metadata(MetaData())
for _column in (
    Column("dismissed_at", DateTime(timezone=True), nullable=True),
    Column("dismissed_by", String(MAX_BY), nullable=True),
    Column("dismissed_reason", Text, nullable=True),
):
    letters_table.append_column(_column)
DISMISSAL_COLUMNS: tuple[str, ...] = ("dismissed_at", "dismissed_by", "dismissed_reason")


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
    dismissed_at: datetime | None = None
    dismissed_by: str | None = None
    dismissed_reason: str | None = None

    @property
    def replayed(self) -> bool:
        return self.replayed_at is not None

    @property
    def dismissed(self) -> bool:
        return self.dismissed_at is not None

    @property
    def status(self) -> Literal["open", "replayed", "dismissed"]:
        """A row replayed after it was dismissed (`force`) counts as replayed."""
        if self.replayed:
            return "replayed"
        return "dismissed" if self.dismissed else "open"


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


class AlreadyDismissed(DeadLetterError):
    def __init__(self, letters: Sequence[DeadLetter]) -> None:
        self.letters = list(letters)
        super().__init__(
            f"dead letter {', '.join(str(d.id) for d in letters)} already dismissed"
            " (use force to replay it anyway)"
        )


class ReasonRequired(DeadLetterError):
    def __init__(self) -> None:
        super().__init__("a dismissal needs a reason")


class _Refused(Exception):
    """The row was replayed or dismissed by someone else between the check and the claim."""


# --- reading ---------------------------------------------------------------------------


async def has_dead_letter_table(db: Database) -> bool:
    async with db.read() as conn:
        return await _columns(conn) is not None


async def list_dead_letters(
    db: Database,
    projection: str | None = None,
    include_replayed: bool = False,
    include_dismissed: bool = False,
) -> list[DeadLetter]:
    """Dead letters in the order they were recorded; by default only the open ones (neither
    replayed nor dismissed). An empty list when the service never created its bookkeeping
    tables."""
    async with db.read() as conn:
        names = await _columns(conn)
        if names is None:
            return []
        table = _table(names)
        stmt = select(table).order_by(table.c.id)
        if projection is not None:
            stmt = stmt.where(table.c.projection == projection)
        if not include_replayed:
            stmt = stmt.where(table.c.replayed_at.is_(None))
        if not include_dismissed and table is letters_table:
            stmt = stmt.where(letters_table.c.dismissed_at.is_(None))
        return [_row(r) for r in await conn.execute(stmt)]


async def get_dead_letters(db: Database, ids: Iterable[int]) -> dict[int, DeadLetter]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    async with db.read() as conn:
        names = await _columns(conn)
        if names is None:
            return {}
        table = _table(names)
        rows = await conn.execute(select(table).where(table.c.id.in_(wanted)))
        return {int(r.id): _row(r) for r in rows}


async def _columns(conn: AsyncConnection) -> set[str] | None:
    """The dead-letter table's column names, or None when there is no such table."""

    def names(sync: Any) -> set[str] | None:
        inspector = inspect(sync)
        if not inspector.has_table(dead_letters.name):
            return None
        return {str(c["name"]) for c in inspector.get_columns(dead_letters.name)}

    found: set[str] | None = await conn.run_sync(names)
    return found


def _table(names: set[str]) -> Table:
    """`letters_table` where the dismissal columns exist, else the runner's table."""
    return letters_table if names.issuperset(DISMISSAL_COLUMNS) else dead_letters


def _row(r: Any) -> DeadLetter:
    extra = r._mapping
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
        dismissed_at=extra.get("dismissed_at"),
        dismissed_by=extra.get("dismissed_by"),
        dismissed_reason=extra.get("dismissed_reason"),
    )


async def fetch_message(nc: NATS, stream: str, seq: int) -> RawMessage | None:
    """The message stored at `seq` of `stream` (one direct get), or None if it is gone."""
    async for chunk in direct_get_batches(nc, stream, ">", seq, batch=1, up_to_seq=seq):
        for raw in chunk:
            if raw.seq == seq:
                return raw
    return None


# --- dismissing -----------------------------------------------------------------------


async def ensure_dismissal_columns(db: Database) -> bool:
    """Add the dismissal columns to the dead-letter table where they are missing: nullable,
    so existing rows and the runner's inserts are unaffected. Idempotent, and safe when
    another process adds them at the same time. False when there is no dead-letter table
    (nothing is created then)."""
    async with db.read() as conn:
        names = await _columns(conn)
    if names is None:
        return False
    for name in DISMISSAL_COLUMNS:
        if name in names:
            continue
        try:
            async with db.write() as conn:
                await conn.execute(text(_add_column(conn.dialect, name)))
        except DBAPIError:
            async with db.read() as conn:
                if name not in (await _columns(conn) or set()):
                    raise
            # Someone else added it between our look and our ALTER.
    return True


def _add_column(dialect: Any, name: str) -> str:
    quote = dialect.identifier_preparer.quote
    column_type = letters_table.c[name].type.compile(dialect=dialect)
    if_missing = " IF NOT EXISTS" if dialect.name == "postgresql" else ""
    table = quote(letters_table.name)
    return f"ALTER TABLE {table} ADD COLUMN{if_missing} {quote(name)} {column_type}"


async def dismiss_dead_letters(
    db: Database, ids: Sequence[int], by: str, reason: str
) -> list[DeadLetter]:
    """Mark the rows dismissed — who (`by`), when and why — all in one transaction, in the
    order given. Raises (nothing written) ReasonRequired for a blank reason, and
    UnknownDeadLetter, AlreadyDismissed or AlreadyReplayed for rows that are not open.
    Nothing is applied and the checkpoint does not move."""
    reason = reason.strip()
    if not reason:
        raise ReasonRequired()
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return []
    # Refused requests write nothing, not even the columns.
    _dismissable(await get_dead_letters(db, wanted), wanted)
    await ensure_dismissal_columns(db)
    by = " ".join(by.split())[:MAX_BY] or "unknown"
    for _ in range(3):
        try:
            async with db.write() as conn:
                rows = await conn.execute(
                    select(letters_table).where(letters_table.c.id.in_(wanted))
                )
                chosen = _dismissable({int(r.id): _row(r) for r in rows}, wanted)
                now = utcnow()
                result = await conn.execute(
                    update(letters_table)
                    .where(
                        letters_table.c.id.in_(wanted),
                        letters_table.c.replayed_at.is_(None),
                        letters_table.c.dismissed_at.is_(None),
                    )
                    .values(dismissed_at=now, dismissed_by=by, dismissed_reason=reason)
                )
                if result.rowcount != len(wanted):
                    raise _Refused(wanted)  # changed since we read it: roll back, look again
        except _Refused:
            continue
        for letter in chosen:
            log.info(
                "dead_letter_dismissed",
                dead_letter=letter.id,
                projection=letter.projection,
                stream=letter.stream,
                seq=letter.seq,
                subject=letter.subject,
                dismissed_by=by,
            )
        return [
            replace(d, dismissed_at=now, dismissed_by=by, dismissed_reason=reason) for d in chosen
        ]
    raise DeadLetterError(f"dead letters {wanted} keep changing; try again")


def _dismissable(found: dict[int, DeadLetter], wanted: Sequence[int]) -> list[DeadLetter]:
    """The wanted rows, in order, when every one of them is open; else raises."""
    missing = [i for i in wanted if i not in found]
    if missing:
        raise UnknownDeadLetter(missing)
    chosen = [found[i] for i in wanted]
    dismissed = [d for d in chosen if d.dismissed]
    if dismissed:
        raise AlreadyDismissed(dismissed)
    replayed = [d for d in chosen if d.replayed]
    if replayed:
        raise AlreadyReplayed(replayed)
    return chosen


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
        row already replayed (AlreadyReplayed) or dismissed (AlreadyDismissed)."""
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
        dismissed = [d for d in letters if d.dismissed]
        if dismissed and not force:
            for letter in dismissed:
                self._count(letter, "refused")
            raise AlreadyDismissed(dismissed)
        return letters

    async def replay_ids(self, ids: Sequence[int], force: bool = False) -> list[ReplayResult]:
        """Replay the given rows one by one (each its own transaction)."""
        letters = await self.check(ids, force)
        return [await self.replay(letter, force) for letter in letters]

    async def replay_projection(self, name: str) -> list[ReplayResult]:
        """Replay every open row of one projection (neither replayed nor dismissed), in the
        order they were recorded."""
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
            return self._done(letter, "refused", "already replayed or dismissed")
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
    """Set `replayed_at` first: a concurrent replay (or dismissal) of the same row waits for
    this transaction, then finds the row replayed (unless forced). Unless forced, a row
    dismissed meanwhile is not claimed either."""
    names = await _columns(conn)
    table = _table(names or set())
    stmt = update(table).where(table.c.id == dead_letter_id)
    if not force:
        stmt = stmt.where(table.c.replayed_at.is_(None))
        if table is letters_table:
            stmt = stmt.where(letters_table.c.dismissed_at.is_(None))
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
    "DISMISSAL_COLUMNS",
    "OUTCOMES",
    "AlreadyDismissed",
    "AlreadyReplayed",
    "DeadLetter",
    "DeadLetterError",
    "DeadLetterReplayer",
    "Outcome",
    "ReasonRequired",
    "ReplayResult",
    "UnknownDeadLetter",
    "UnknownProjection",
    "dismiss_dead_letters",
    "ensure_dismissal_columns",
    "fetch_message",
    "get_dead_letters",
    "letters_table",
    "list_dead_letters",
]
