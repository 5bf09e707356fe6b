"""Domain events, their CloudEvents envelope, and the type registry.

A domain event is a frozen pydantic model. Its class says where it lives
(context, aggregate, event name, schema version); the instance carries only data.
Metadata that is not business data (id, time, actor, correlation) travels in
`EventMeta` and in CloudEvents binary-mode headers on the NATS message.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, ClassVar, TypeVar
from urllib.parse import quote, unquote

from pydantic import BaseModel, ConfigDict

CE_SPECVERSION = "1.0"
TYPE_PREFIX = "cn.cppcc"


class DomainEvent(BaseModel):
    """Base of every event. Subclasses set the four class variables."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    context: ClassVar[str]
    aggregate: ClassVar[str]
    name: ClassVar[str]
    version: ClassVar[int] = 1

    @classmethod
    def ce_type(cls) -> str:
        return _ce_type_of(cls)

    def township(self) -> str | None:
        """Liaison group / township the event concerns (the `township` CE extension)."""
        if "township_id" not in type(self).model_fields:
            return None  # (getattr on a pydantic model without the field is slow)
        value = self.township_id  # type: ignore[attr-defined]
        return str(value) if value else None


def subject_for(event_cls: type[DomainEvent], aggregate_id: str) -> str:
    return f"cppcc.{event_cls.context}.{event_cls.aggregate}.{aggregate_id}.{event_cls.name}"


def aggregate_subject(context: str, aggregate: str, aggregate_id: str) -> str:
    """Wildcard subject covering every event of one aggregate instance."""
    return f"cppcc.{context}.{aggregate}.{aggregate_id}.*"


@dataclass(frozen=True)
class EventMeta:
    """Who, when and why: supplied by the application layer, never by domain code."""

    event_id: str
    time: datetime
    actor: str
    correlation_id: str | None = None
    causation_id: str | None = None


_UNSET: Any = object()


class RecordedEvent:
    """An event as read back from the stream. Treat it as immutable (it is not frozen
    only because a frozen class costs several µs per event to build).

    Read from a stream, `meta` and `township` come from the message's headers and are
    worked out only when a handler asks for them: most handlers read neither, and
    parsing them is a measurable share of a rebuild.
    """

    __slots__ = (
        "_headers",
        "_meta",
        "_township",
        "aggregate_id",
        "ce_type",
        "event",
        "seq",
        "stream",
        "subject",
    )
    event: DomainEvent
    aggregate_id: str
    subject: str
    stream: str
    seq: int
    ce_type: str

    def __init__(
        self,
        event: DomainEvent,
        meta: EventMeta | None = None,
        aggregate_id: str = "",
        subject: str = "",
        stream: str = "",
        seq: int = 0,
        township: str | None = _UNSET,
        ce_type: str = "",
        *,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        if meta is None and headers is None:
            raise TypeError("RecordedEvent needs meta or the message headers")
        self.event = event
        self._meta = meta
        self.aggregate_id = aggregate_id
        self.subject = subject
        self.stream = stream
        self.seq = seq
        if township is _UNSET and headers is None:
            township = None
        self._township = township
        self.ce_type = ce_type
        self._headers = headers

    @property
    def meta(self) -> EventMeta:
        meta = self._meta
        if meta is None:
            assert self._headers is not None
            meta = self._meta = meta_from_headers(self._headers)
        return meta

    @property
    def time(self) -> datetime:
        """When the event was recorded (`meta.time`); read from the stream, only the
        `ce-time` header is parsed for it, not the rest of `meta`."""
        meta = self._meta
        if meta is None:
            assert self._headers is not None
            raw_time = self._headers.get("ce-time")
            if raw_time:
                return parse_ce_time(raw_time)
            meta = self.meta
        return meta.time

    @property
    def township(self) -> str | None:
        township = self._township
        if township is _UNSET:
            assert self._headers is not None
            township = self._township = self._headers.get("ce-township")
        return township

    def _key(self) -> tuple[Any, ...]:
        return (
            self.event,
            self.meta,
            self.aggregate_id,
            self.subject,
            self.stream,
            self.seq,
            self.township,
            self.ce_type,
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RecordedEvent) and self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __repr__(self) -> str:
        return (
            f"RecordedEvent(event={self.event!r}, meta={self.meta!r}, "
            f"aggregate_id={self.aggregate_id!r}, subject={self.subject!r}, "
            f"stream={self.stream!r}, seq={self.seq!r}, township={self.township!r}, "
            f"ce_type={self.ce_type!r})"
        )


@dataclass(frozen=True)
class UnknownEvent:
    """A message whose type this service does not know (tolerant readers skip it)."""

    subject: str
    stream: str
    seq: int
    ce_type: str


# --- CloudEvents binary mode over NATS -------------------------------------------------

_SAFE = "".join(chr(c) for c in range(0x21, 0x7F) if chr(c) not in '%"')


@functools.cache
def _ce_type_of(cls: type[DomainEvent]) -> str:
    return f"{TYPE_PREFIX}.{cls.context}.{cls.aggregate}.{cls.name}.v{cls.version}"


@functools.lru_cache(maxsize=4096)  # actors and townships repeat: quoting is not free
def _pct(value: str) -> str:
    return quote(value, safe=_SAFE + " ")


def ce_headers(event: DomainEvent, meta: EventMeta, aggregate_id: str) -> dict[str, str]:
    """CloudEvents 1.0 binary-mode attributes as NATS headers (plus Nats-Msg-Id)."""
    headers = {
        "Nats-Msg-Id": meta.event_id,
        "ce-specversion": CE_SPECVERSION,
        "ce-id": meta.event_id,
        "ce-source": f"/cppcc/{event.context}",
        "ce-type": event.ce_type(),
        "ce-subject": f"{event.aggregate}/{aggregate_id}",
        "ce-time": meta.time.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "ce-datacontenttype": "application/json",
        "ce-actor": _pct(meta.actor),
    }
    township = event.township()
    if township:
        headers["ce-township"] = _pct(township)
    if meta.correlation_id:
        headers["ce-correlationid"] = _pct(meta.correlation_id)
    if meta.causation_id:
        headers["ce-causationid"] = _pct(meta.causation_id)
    return headers


def parse_ce_time(raw_time: str) -> datetime:
    return datetime.fromisoformat(raw_time.replace("Z", "+00:00"))


def meta_from_headers(headers: Mapping[str, str]) -> EventMeta:
    raw_time = headers.get("ce-time", "")
    time = parse_ce_time(raw_time) if raw_time else datetime.now(UTC)
    corr = headers.get("ce-correlationid")
    caus = headers.get("ce-causationid")
    return EventMeta(
        event_id=headers.get("ce-id") or headers.get("Nats-Msg-Id", ""),
        time=time,
        actor=unquote(headers.get("ce-actor", "")),
        correlation_id=unquote(corr) if corr else None,
        causation_id=unquote(caus) if caus else None,
    )


def encode_body(event: DomainEvent) -> bytes:
    return event.model_dump_json().encode()


# --- registry and upcasting ------------------------------------------------------------

E = TypeVar("E", bound=type[DomainEvent])
Upcaster = Callable[[dict[str, Any]], dict[str, Any]]


@dataclass
class EventRegistry:
    """Maps `ce-type` (without version) to the current class and its upcasters.

    An old version `vN` is upcast step by step (N→N+1→…) to the class's version
    before validation; old events in the stream are never rewritten.
    """

    classes: dict[str, type[DomainEvent]] = field(default_factory=dict)
    upcasters: dict[tuple[str, int], Upcaster] = field(default_factory=dict)
    # ce-type (with version) → (class or None, version): read paths look this up per event.
    _lookup: dict[str, tuple[type[DomainEvent] | None, int]] = field(
        default_factory=dict, repr=False
    )

    def register(self, cls: E) -> E:
        key = _unversioned(cls.ce_type())
        existing = self.classes.get(key)
        if existing is not None and existing is not cls:
            raise ValueError(f"event type {key} registered twice")
        self.classes[key] = cls
        self._lookup.clear()
        return cls

    def upcaster(self, cls: type[DomainEvent], from_version: int) -> Callable[[Upcaster], Upcaster]:
        """Decorator: register a function turning v`from_version` data into v`from_version+1`."""

        def wrap(fn: Upcaster) -> Upcaster:
            self.upcasters[(_unversioned(cls.ce_type()), from_version)] = fn
            return fn

        return wrap

    def include(self, other: EventRegistry) -> None:
        for cls in other.classes.values():
            self.register(cls)
        self.upcasters.update(other.upcasters)
        self._lookup.clear()

    def _entry(self, ce_type: str) -> tuple[type[DomainEvent] | None, int]:
        entry = self._lookup.get(ce_type)
        if entry is None:
            entry = (self.classes.get(_unversioned(ce_type)), _version_of(ce_type))
            self._lookup[ce_type] = entry
        return entry

    def resolve(self, ce_type: str) -> type[DomainEvent] | None:
        return self._entry(ce_type)[0]

    def decode(self, ce_type: str, body: bytes) -> DomainEvent | None:
        cls, version = self._entry(ce_type)
        if cls is None:
            return None
        if version == cls.version:
            event: DomainEvent = cls.__pydantic_validator__.validate_json(body)
            return event
        data: dict[str, Any] = json.loads(body)
        key = _unversioned(ce_type)
        while version < cls.version:
            step = self.upcasters.get((key, version))
            if step is None:
                raise ValueError(f"no upcaster for {key} v{version}")
            data = step(data)
            version += 1
        return cls.model_validate(data)


def _unversioned(ce_type: str) -> str:
    head, _, tail = ce_type.rpartition(".")
    return head if tail.startswith("v") and tail[1:].isdigit() else ce_type


def _version_of(ce_type: str) -> int:
    tail = ce_type.rpartition(".")[2]
    return int(tail[1:]) if tail.startswith("v") and tail[1:].isdigit() else 1


def aggregate_id_from_subject(subject: str) -> str:
    parts = subject.split(".")
    return parts[3] if len(parts) >= 5 else ""
