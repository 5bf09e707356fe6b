"""Shared plumbing: a fresh server per benchmark, result rows, the table, machine facts."""

from __future__ import annotations

import asyncio
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

import nats
from nats.aio.client import Client as NATS

from shared.natsserver import EmbeddedNats, server_binary
from shared.streams import ensure_stream, stream_for

# --- configuration -------------------------------------------------------------------------


@dataclass(frozen=True)
class Config:
    """Sizes for one run. `quick` is a smoke run (≤ 60 s); the default is the full run."""

    quick: bool = False
    seq_events: int = 3000  # rows 1/3: events per variant (raw, ours), half creates, half appends
    seq_block: int = 50  # interleaving block size
    lane_events: int = 6400  # rows 2/4: events per variant
    lanes: int = 64
    lane_block: int = 10  # events per lane per interleaved block
    catchup_events: int = 50_000  # rows 5/6
    members_events: int = 50_000  # rows 5m/6m: as many events as rows 5/6, so the rates compare
    fresh_rate: float = 100.0  # row 7: commands per second
    fresh_seconds: float = 20.0
    members: bool = True  # use the members service where it exists

    @classmethod
    def make(cls, quick: bool, members: bool) -> Config:
        if not quick:
            return cls(members=members)
        return cls(
            quick=True,
            seq_events=600,
            lane_events=1280,
            catchup_events=5000,
            members_events=5000,
            fresh_seconds=4.0,
            members=members,
        )


# --- a fresh server ------------------------------------------------------------------------


@dataclass
class Env:
    tmp: Path
    server: EmbeddedNats
    nc: NATS

    def db_url(self, name: str) -> str:
        return f"sqlite+aiosqlite:///{self.tmp / name}"


@asynccontextmanager
async def fresh_server(contexts: Sequence[str] = ("sample",)) -> AsyncIterator[Env]:
    """A new nats-server (JetStream, sync_interval: always, file storage) in a temp dir, with
    the streams of `contexts` created exactly as the services create them."""
    tmp = Path(tempfile.mkdtemp(prefix="cppcc-bench-"))
    server = EmbeddedNats(tmp / "nats")
    server.start()
    nc: NATS | None = None
    try:
        nc = await nats.connect(server.url, max_reconnect_attempts=-1, reconnect_time_wait=0.2)
        for context in contexts:
            await ensure_stream(nc, stream_for(context))
        yield Env(tmp, server, nc)
    finally:
        if nc is not None:
            await nc.close()
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)


# --- results -------------------------------------------------------------------------------


@dataclass
class Row:
    key: str
    name: str
    result: str
    unit: str
    baseline: str = "—"
    ratio: str = "—"
    target: str = "—"
    verdict: str = ""  # "met" / "MISSED" / ""
    notes: list[str] = field(default_factory=list)


def rate(events: int, seconds: float) -> float:
    return events / seconds if seconds > 0 else float("nan")


def fmt_rate(value: float) -> str:
    return f"{value:,.0f}"


def fmt_ratio(value: float) -> str:
    return f"{value * 100:.0f} %"


def throughput_row(
    key: str,
    name: str,
    value: float,
    *,
    baseline: float | None = None,
    baseline_ref: str = "",
    min_ratio: float | None = None,
    min_value: float | None = None,
    notes: Sequence[str] = (),
) -> Row:
    row = Row(key, name, fmt_rate(value), "events/s", notes=list(notes))
    if baseline is not None:
        row.baseline = fmt_rate(baseline) + (f" ({baseline_ref})" if baseline_ref else "")
        row.ratio = fmt_ratio(value / baseline)
    if min_ratio is not None and baseline is not None:
        ok = value / baseline >= min_ratio
        ref = baseline_ref or "baseline"
        row.target = f"≥ {min_ratio * 100:.0f} % of {ref}"
        row.verdict = "met" if ok else "MISSED"
    elif min_value is not None:
        row.target = f"≥ {min_value:,.0f} events/s"
        row.verdict = "met" if value >= min_value else "MISSED"
    return row


def failed_row(key: str, name: str, error: BaseException) -> Row:
    return Row(key, name, "failed", "—", notes=[f"{type(error).__name__}: {error}"])


def percentile(sorted_values: Sequence[float], p: float) -> float:
    """Nearest-rank percentile of an ascending sequence (p in 0..100)."""
    if not sorted_values:
        return float("nan")
    rank = max(1, min(len(sorted_values), int(-(-p * len(sorted_values) // 100))))
    return sorted_values[rank - 1]


def render_table(rows: Sequence[Row]) -> str:
    head = "| # | benchmark | result | unit | baseline (raw NATS) | ratio | target |"
    sep = "|---|---|---:|---|---:|---:|---|"
    lines = [head, sep]
    for r in rows:
        target = r.target + (f" — **{r.verdict}**" if r.verdict else "")
        lines.append(
            f"| {r.key} | {r.name} | {r.result} | {r.unit} | {r.baseline} | {r.ratio} | {target} |"
        )
    return "\n".join(lines)


def render_notes(rows: Sequence[Row]) -> str:
    lines = []
    for r in rows:
        for note in r.notes:
            lines.append(f"- row {r.key}: {note}")
    return "\n".join(lines)


# --- machine -------------------------------------------------------------------------------


def nats_server_version() -> str:
    try:
        binary = server_binary()
        out = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=10)
        return f"{out.stdout.strip() or out.stderr.strip()} ({binary})"
    except Exception as exc:  # pragma: no cover - informational only
        return f"unknown ({exc})"


def loadavg() -> str:
    try:
        one, five, fifteen = os.getloadavg()
    except OSError:
        return "n/a"
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f}"


def machine_lines() -> list[str]:
    import aiosqlite
    import sqlalchemy

    return [
        f"- cores: {os.cpu_count()} ({platform.machine()}, {platform.system()} "
        f"{platform.release()})",
        f"- python: {sys.version.split()[0]} ({platform.python_implementation()})",
        f"- nats-server: {nats_server_version()}",
        f"- nats-py {_dist('nats-py')}, pydantic {_dist('pydantic')}, "
        f"SQLAlchemy {sqlalchemy.__version__}, aiosqlite {aiosqlite.__version__}, "
        f"SQLite {_sqlite_version()}",
        f"- JetStream: file storage, sync_interval: always (fsync before ack); "
        f"temp dir on {tempfile.gettempdir()}",
        f"- CPU yardstick: {python_speed():.3f} s to validate, shape and insert 50,000 small "
        "events in one Python thread (`bench.harness.python_speed`; rebuild and catch-up "
        "rates scale with it between machines and days)",
    ]


def python_speed(n: int = 50_000) -> float:
    """Seconds for a fixed piece of the rebuild's own kind of work (best of 3): validate
    `n` small JSON events with pydantic, build a row dict per event and insert the rows
    into an in-memory SQLite table. Rebuild and catch-up are CPU-bound in one Python
    thread, so their rates move with this figure between machines and days."""
    import sqlite3

    from pydantic import BaseModel

    class Sample(BaseModel):
        account_id: str
        amount: int
        note: str | None = None

    body = b'{"account_id":"01a22731-e1af-79f3-ba58-8aaeea97fa89","amount":3,"note":"x"}'
    best = float("inf")
    for _ in range(3):
        conn = sqlite3.connect(":memory:")
        conn.execute("CREATE TABLE t (id TEXT, amount INTEGER, note TEXT, seq INTEGER)")
        started = time.perf_counter()
        rows = []
        for seq in range(n):
            event = Sample.model_validate_json(body)
            row = {"id": event.account_id, "amount": event.amount, "note": event.note}
            rows.append((row["id"], row["amount"], row["note"], seq))
        conn.executemany("INSERT INTO t VALUES (?, ?, ?, ?)", rows)
        conn.commit()
        best = min(best, time.perf_counter() - started)
        conn.close()
    return best


def _dist(name: str) -> str:
    from importlib.metadata import version

    try:
        return version(name)
    except Exception:
        return "?"


def _sqlite_version() -> str:
    import sqlite3

    return sqlite3.sqlite_version


class Stopwatch:
    def __init__(self) -> None:
        self.started = time.perf_counter()

    @property
    def seconds(self) -> float:
        return time.perf_counter() - self.started


async def settle(seconds: float = 0.2) -> None:
    """Let the previous benchmark's background work (fsync, GC) die down."""
    import gc

    gc.collect()
    await asyncio.sleep(seconds)
