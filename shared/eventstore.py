"""The event store: a JetStream stream, written with optimistic concurrency.

Append = publish (one message, or one atomic batch for several events), with
`Nats-Expected-Last-Subject-Sequence(-Subject)` per aggregate and `Nats-Msg-Id` = event id.
Load = one batched direct get over the aggregate's wildcard subject.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
import uuid
from collections.abc import AsyncIterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from nats.aio.client import Client as NATS
from nats.aio.msg import Msg
from nats.errors import NoRespondersError
from nats.errors import TimeoutError as NatsTimeout

from shared import metrics, natsfast
from shared.events import (
    DomainEvent,
    EventMeta,
    EventRegistry,
    RecordedEvent,
    UnknownEvent,
    aggregate_id_from_subject,
    aggregate_subject,
    ce_headers,
    encode_body,
    subject_for,
)
from shared.streams import StreamSpec, ensure_stream

natsfast.install()

WRONG_LAST_SEQUENCE = 10071
IN_FLIGHT_ON_SUBJECT = 10164
BATCH_DUPLICATE_MSG_ID = 10201
CONFLICT_CODES = frozenset({WRONG_LAST_SEQUENCE, IN_FLIGHT_ON_SUBJECT})


class ConcurrencyConflict(Exception):
    """Another writer appended to the aggregate since we read it."""


class StoreUnavailable(Exception):
    """The event store did not answer; the command may be retried by the caller."""


class AppendRejected(Exception):
    """The server refused the append for a reason other than concurrency."""


@dataclass(frozen=True)
class PendingEvent:
    aggregate_id: str
    event: DomainEvent
    meta: EventMeta
    # Worked out once here (a cached_property takes a lock on every first use).
    subject: str = field(init=False, repr=False, compare=False)
    aggregate_key: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        event, aggregate_id = self.event, self.aggregate_id
        key = aggregate_subject(event.context, event.aggregate, aggregate_id)
        object.__setattr__(self, "subject", subject_for(type(event), aggregate_id))
        object.__setattr__(self, "aggregate_key", key)


@dataclass(frozen=True)
class AppendResult:
    stream: str
    first_seq: int
    last_seq: int
    duplicate: bool = False

    def seq_of(self, index: int) -> int:
        return self.first_seq + index


class RawMessage(NamedTuple):
    """One stored message as read back: its subject, stream sequence, headers and body."""

    subject: str
    seq: int
    headers: Mapping[str, str]
    data: bytes


def decode(
    registry: EventRegistry, stream: str, raw: RawMessage, ce_type: str | None = None
) -> RecordedEvent | UnknownEvent:
    """The event in `raw` (meta and township are read from its headers when first used).
    `ce_type`: the message's `ce-type` header if the caller has already read it."""
    if ce_type is None:
        ce_type = raw.headers.get("ce-type", "")
    event = registry.decode(ce_type, raw.data) if ce_type else None
    if event is None:
        return UnknownEvent(subject=raw.subject, stream=stream, seq=raw.seq, ce_type=ce_type)
    return RecordedEvent(
        event,
        None,
        aggregate_id_from_subject(raw.subject),
        raw.subject,
        stream,
        raw.seq,
        ce_type=ce_type,
        headers=raw.headers,
    )


async def direct_get_batches(
    nc: NATS,
    stream: str,
    subject_filter: str,
    from_seq: int = 1,
    batch: int = 1000,
    up_to_seq: int | None = None,
    timeout: float = 5.0,
) -> AsyncIterator[list[RawMessage]]:
    """Read `subject_filter` from `from_seq` with batched direct gets, in stream order.

    Yields lists of up to `batch` messages; stops at the end of the stream (or `up_to_seq`).
    Each batch lands in one callback and resolves one future (no task per message).
    """
    seq = from_seq
    while up_to_seq is None or seq <= up_to_seq:
        # A batch get does not stop at `up_to_seq` by itself: never ask for more.
        wanted = batch if up_to_seq is None else min(batch, up_to_seq - seq + 1)
        chunk, pending = await _direct_get(
            nc, stream, subject_filter, seq, wanted, up_to_seq, timeout
        )
        while chunk and up_to_seq is not None and chunk[-1].seq > up_to_seq:
            chunk.pop()  # deleted sequences let it run past
        if chunk:
            yield chunk
            seq = chunk[-1].seq + 1
        if not chunk or pending <= 0:
            return


async def _direct_get(
    nc: NATS,
    stream: str,
    subject_filter: str,
    seq: int,
    batch: int,
    up_to_seq: int | None,
    timeout: float,
) -> tuple[list[RawMessage], int]:
    chunk: list[RawMessage] = []
    done: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    async def collect(msg: Msg) -> None:
        headers = msg.headers or {}
        status = headers.get("Status")
        if done.done():
            return
        if not status:
            chunk.append(
                RawMessage(
                    subject=headers.get("Nats-Subject", ""),
                    seq=int(headers.get("Nats-Sequence", "0")),
                    headers=headers,
                    data=msg.data,
                )
            )
        elif status == "204":  # end of batch
            done.set_result(int(headers.get("Nats-Num-Pending", "0")))
        elif status == "404":  # nothing (more) matches
            done.set_result(0)
        else:
            done.set_exception(StoreUnavailable(f"direct get {stream}: status {status}"))

    inbox = nc.new_inbox()
    sub = await nc.subscribe(inbox, cb=collect)
    request: dict[str, Any] = {"seq": seq, "next_by_subj": subject_filter, "batch": batch}
    if up_to_seq is not None:
        request["up_to_seq"] = up_to_seq
    try:
        await nc.publish(f"$JS.API.DIRECT.GET.{stream}", json.dumps(request).encode(), inbox)
        pending = await asyncio.wait_for(done, timeout)
    except TimeoutError as exc:
        raise StoreUnavailable(f"direct get {stream} timed out") from exc
    finally:
        await sub.unsubscribe()
    return chunk, pending


class EventStore:
    """One service's stream: append with concurrency checks, load aggregates, read all."""

    def __init__(
        self,
        nc: NATS,
        spec: StreamSpec,
        registry: EventRegistry,
        *,
        service: str | None = None,
        publish_timeout: float = 5.0,
        unknown_outcome_retries: int = 3,
    ) -> None:
        self.nc = nc
        self.spec = spec
        self.registry = registry
        self.service = service or spec.name.lower()
        self.publish_timeout = publish_timeout
        self.unknown_outcome_retries = unknown_outcome_retries

    @property
    def stream(self) -> str:
        return self.spec.name

    async def ensure(self) -> None:
        await ensure_stream(self.nc, self.spec)

    # --- reading -------------------------------------------------------------------

    async def load(
        self, context: str, aggregate: str, aggregate_id: str, after_seq: int = 0
    ) -> tuple[list[RecordedEvent], int]:
        """Every event of one aggregate (after `after_seq`) and the aggregate's last sequence."""
        events: list[RecordedEvent] = []
        last = after_seq
        subject = aggregate_subject(context, aggregate, aggregate_id)
        async for chunk in direct_get_batches(self.nc, self.stream, subject, after_seq + 1):
            for raw in chunk:
                decoded = decode(self.registry, self.stream, raw)
                if isinstance(decoded, RecordedEvent):
                    events.append(decoded)
                last = raw.seq
        return events, last

    async def read_all(
        self, from_seq: int = 1, batch: int = 1000, up_to_seq: int | None = None
    ) -> AsyncIterator[list[RawMessage]]:
        async for chunk in direct_get_batches(
            self.nc, self.stream, self.spec.subjects[0], from_seq, batch, up_to_seq
        ):
            yield chunk

    # --- writing -------------------------------------------------------------------

    async def append(
        self, events: Sequence[PendingEvent], expected: Mapping[str, int | None]
    ) -> AppendResult:
        """Append events atomically. `expected` maps each aggregate's wildcard subject to the
        last sequence the caller saw (0 = must not exist yet, None = no check).

        Raises ConcurrencyConflict if an aggregate moved on; StoreUnavailable if the server
        cannot be reached and the outcome cannot be resolved.
        """
        if not events:
            raise ValueError("nothing to append")
        messages = self._messages(events, expected)
        started = time.perf_counter()
        uncertain = False
        for attempt in range(self.unknown_outcome_retries + 1):
            try:
                ack = await self._publish(messages)
            except (TimeoutError, NatsTimeout, NoRespondersError) as exc:
                # Unknown outcome: the server may have stored it. Never store twice: the
                # retry carries the same Nats-Msg-Id, and we check before calling it lost.
                uncertain = True
                found = await self._find_stored(events, expected)
                if found is not None:
                    return self._done(events, found, started)
                if attempt == self.unknown_outcome_retries:
                    raise StoreUnavailable("event store did not acknowledge the append") from exc
                await asyncio.sleep(min(0.05 * 2**attempt, 1.0))
                continue
            error = ack.get("error")
            if error is None:
                result = self._result(ack, len(events))
                return self._done(events, result, started)
            code = error.get("err_code")
            if code in CONFLICT_CODES or code == BATCH_DUPLICATE_MSG_ID:
                # On one replica the sequence check runs before dedup: a retry of a write
                # that was stored answers "wrong last sequence". Look before concluding.
                if uncertain or code == BATCH_DUPLICATE_MSG_ID:
                    found = await self._find_stored(events, expected)
                    if found is not None:
                        return self._done(events, found, started)
                if code == BATCH_DUPLICATE_MSG_ID:
                    raise AppendRejected(error.get("description", "duplicate message id"))
                metrics.CONCURRENCY_CONFLICTS.labels(self.service).inc()
                raise ConcurrencyConflict(error.get("description", "wrong last sequence"))
            raise AppendRejected(f"{error.get('err_code')}: {error.get('description')}")
        raise StoreUnavailable("event store did not acknowledge the append")

    def _done(
        self, events: Sequence[PendingEvent], result: AppendResult, started: float
    ) -> AppendResult:
        metrics.child(metrics.APPEND_SECONDS, self.service).observe(time.perf_counter() - started)
        if not result.duplicate:
            for pending in events:
                metrics.child(metrics.EVENTS_APPENDED, self.service, pending.event.ce_type()).inc()
        return result

    def _messages(
        self, events: Sequence[PendingEvent], expected: Mapping[str, int | None]
    ) -> list[tuple[str, bytes, dict[str, str]]]:
        seen: set[str] = set()
        messages: list[tuple[str, bytes, dict[str, str]]] = []
        for pending in events:
            headers = ce_headers(pending.event, pending.meta, pending.aggregate_id)
            key = pending.aggregate_key
            if key not in seen:
                seen.add(key)
                last = expected.get(key)
                if last is not None:
                    headers["Nats-Expected-Last-Subject-Sequence"] = str(last)
                    headers["Nats-Expected-Last-Subject-Sequence-Subject"] = key
            messages.append((pending.subject, encode_body(pending.event), headers))
        return messages

    async def _publish(self, messages: list[tuple[str, bytes, dict[str, str]]]) -> dict[str, Any]:
        if len(messages) == 1:
            subject, body, headers = messages[0]
            reply = await self.nc.request(
                subject, body, timeout=self.publish_timeout, headers=headers
            )
            return _parse_ack(reply)
        batch_id = uuid.uuid4().hex
        for index, (subject, body, headers) in enumerate(messages[:-1], start=1):
            headers = {**headers, "Nats-Batch-Id": batch_id, "Nats-Batch-Sequence": str(index)}
            await self.nc.publish(subject, body, headers=headers)
        subject, body, headers = messages[-1]
        headers = {
            **headers,
            "Nats-Batch-Id": batch_id,
            "Nats-Batch-Sequence": str(len(messages)),
            "Nats-Batch-Commit": "1",
        }
        reply = await self.nc.request(subject, body, timeout=self.publish_timeout, headers=headers)
        return _parse_ack(reply)

    def _result(self, ack: dict[str, Any], count: int) -> AppendResult:
        last = int(ack["seq"])
        return AppendResult(
            stream=str(ack.get("stream", self.stream)),
            first_seq=last - count + 1,
            last_seq=last,
            duplicate=bool(ack.get("duplicate", False)),
        )

    async def _find_stored(
        self, events: Sequence[PendingEvent], expected: Mapping[str, int | None]
    ) -> AppendResult | None:
        """Was this append already stored? Look for the first event's id on its aggregate."""
        first = events[0]
        after = expected.get(first.aggregate_key) or 0
        try:
            async for chunk in direct_get_batches(
                self.nc, self.stream, first.aggregate_key, after + 1, timeout=2.0
            ):
                for raw in chunk:
                    if raw.headers.get("Nats-Msg-Id") == first.meta.event_id:
                        # A batch is stored contiguously: its first message starts it.
                        return AppendResult(
                            self.stream, raw.seq, raw.seq + len(events) - 1, duplicate=True
                        )
        except (StoreUnavailable, NatsTimeout, NoRespondersError):
            return None
        return None


#: The usual answer to an append, as nats-server writes it; anything else goes to json.
_PLAIN_ACK = re.compile(rb'\{"stream":"([A-Za-z0-9_-]+)","seq":([0-9]+)(,"duplicate":true)?\}')


def _parse_ack(reply: Msg) -> dict[str, Any]:
    data = reply.data
    if not data:
        status = (reply.headers or {}).get("Status", "")
        if status == "503":
            raise NoRespondersError
        return {"error": {"err_code": -1, "description": f"empty reply (status {status})"}}
    plain = _PLAIN_ACK.fullmatch(data)
    if plain is not None:
        ack: dict[str, Any] = {"stream": plain[1].decode(), "seq": int(plain[2])}
        if plain[3]:
            ack["duplicate"] = True
        return ack
    parsed: dict[str, Any] = json.loads(data)
    return parsed
