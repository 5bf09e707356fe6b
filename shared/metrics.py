"""Prometheus metrics shared by every service.

Base units, `_total` counters, bounded labels only: `service`, `command`, `outcome`,
`event_type`, `projection`, `stream`. Never an aggregate id or a user as a label.
"""

from __future__ import annotations

from typing import Any

from prometheus_client import Counter, Gauge, Histogram

COMMANDS = Counter(
    "cppcc_commands_total",
    "Commands handled, by name and outcome (ok, rejected, invalid, not_found, forbidden,"
    " conflict, error).",
    ["service", "command", "outcome"],
)
APPEND_SECONDS = Histogram(
    "cppcc_event_append_seconds",
    "Time to append one command's events to JetStream (publish until ack).",
    ["service"],
    buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5),
)
CONCURRENCY_CONFLICTS = Counter(
    "cppcc_concurrency_conflicts_total",
    "Appends rejected by the optimistic concurrency check (err_code 10071/10164).",
    ["service"],
)
EVENTS_APPENDED = Counter(
    "cppcc_events_appended_total",
    "Events appended to the service's stream, by event type.",
    ["service", "event_type"],
)
PROJECTION_EVENTS = Counter(
    "cppcc_projection_events_processed_total",
    "Events applied (or skipped as already applied) by a projection.",
    ["projection", "stream"],
)
PROJECTION_LAG = Gauge(
    "cppcc_projection_lag_events",
    "Messages in the source stream not yet applied by the projection.",
    ["projection", "stream"],
)
PROJECTION_POSITION = Gauge(
    "cppcc_projection_checkpoint_sequence",
    "Last stream sequence committed by the projection.",
    ["projection", "stream"],
)
DEAD_LETTERS = Counter(
    "cppcc_projection_dead_letters_total",
    "Events a projection gave up on after max_deliver attempts.",
    ["projection", "stream"],
)
DEAD_LETTER_REPLAYS = Counter(
    "cppcc_projection_dead_letter_replays_total",
    "Operator replays of dead letters, by outcome (replayed, failed, refused, missing).",
    ["projection", "outcome"],
)
SEQUENCE_GAPS = Counter(
    "cppcc_projection_sequence_gaps_total",
    "Sequence gaps seen by a projection (messages missing from its source stream).",
    ["projection", "stream"],
)
HTTP_REQUESTS = Counter(
    "cppcc_http_requests_total",
    "HTTP requests by route template, method and status class.",
    ["service", "route", "method", "status"],
)
HTTP_SECONDS = Histogram(
    "cppcc_http_request_seconds",
    "HTTP request latency by route template.",
    ["service", "route", "method"],
)


def child(metric: Any, *labels: str) -> Any:
    """`metric.labels(*labels)`, remembered: the hot paths (every command, append and
    batch) look the same few children up again and again."""
    key = (id(metric), labels)
    found = _CHILDREN.get(key)
    if found is None:
        found = _CHILDREN[key] = metric.labels(*labels)
    return found


_CHILDREN: dict[tuple[int, tuple[str, ...]], Any] = {}
