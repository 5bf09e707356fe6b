"""The event contract: CloudEvents headers, registry, upcasting."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from shared.domain import DomainError
from shared.events import (
    DomainEvent,
    EventMeta,
    EventRegistry,
    RecordedEvent,
    ce_headers,
    meta_from_headers,
)
from shared.http import parse_min_seq

reg = EventRegistry()


@reg.register
class Renamed(DomainEvent):
    context = "t"
    aggregate = "thing"
    name = "renamed"
    version = 3
    full_name: str
    township_id: str | None = None


@reg.upcaster(Renamed, 1)
def _v1_to_v2(data: dict[str, object]) -> dict[str, object]:
    return {"title": data["name"]}


@reg.upcaster(Renamed, 2)
def _v2_to_v3(data: dict[str, object]) -> dict[str, object]:
    return {"full_name": data["title"]}


def test_ce_type_carries_context_aggregate_event_and_version() -> None:
    assert Renamed.ce_type() == "cn.cppcc.t.thing.renamed.v3"


def test_old_versions_are_upcast_step_by_step() -> None:
    event = reg.decode("cn.cppcc.t.thing.renamed.v1", b'{"name": "\xe5\xbc\xa0"}')
    assert event == Renamed(full_name="张")
    assert reg.decode("cn.cppcc.t.thing.renamed.v3", b'{"full_name":"x"}') == Renamed(full_name="x")


def test_unknown_types_decode_to_none() -> None:
    assert reg.decode("cn.cppcc.t.thing.unknown.v1", b"{}") is None


def test_registering_two_classes_for_one_type_is_refused() -> None:
    class Other(DomainEvent):
        context = "t"
        aggregate = "thing"
        name = "renamed"
        full_name: str

    with pytest.raises(ValueError):
        reg.register(Other)


def test_headers_round_trip_with_percent_encoding() -> None:
    meta = EventMeta(
        "e-1",
        datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC),
        "staff:张 三",
        correlation_id="c%1",
        causation_id="x",
    )
    headers = ce_headers(Renamed(full_name="a", township_id="chengguan"), meta, "agg-1")
    assert headers["ce-actor"] == "staff:%E5%BC%A0 %E4%B8%89"
    assert headers["ce-township"] == "chengguan"
    assert headers["ce-type"] == "cn.cppcc.t.thing.renamed.v3"
    back = meta_from_headers(headers)
    assert back == meta


def test_recorded_time_is_meta_time_with_or_without_the_header() -> None:
    meta = EventMeta("e-1", datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=UTC), "system")
    event = Renamed(full_name="a")
    headers = ce_headers(event, meta, "agg-1")
    from_headers = RecordedEvent(event, headers=headers)
    assert from_headers.time == meta.time  # read before meta is built
    assert from_headers.meta == meta and from_headers.time == meta.time
    assert RecordedEvent(event, meta).time == meta.time
    # No ce-time header (a foreign producer): time is whatever meta settles on, both agree.
    without = RecordedEvent(event, headers={k: v for k, v in headers.items() if k != "ce-time"})
    assert without.time == without.meta.time


def test_events_are_frozen() -> None:
    event = Renamed(full_name="a")
    with pytest.raises(Exception):  # noqa: B017 - pydantic's frozen error
        event.full_name = "b"  # type: ignore[misc]


def test_min_seq_parsing() -> None:
    assert parse_min_seq(["12", "proposals:7"], "MEMBERS") == [("MEMBERS", 12), ("PROPOSALS", 7)]
    with pytest.raises(DomainError) as err:
        parse_min_seq(["x:y"], "MEMBERS")
    assert "min_seq" in err.value.message
