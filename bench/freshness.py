"""Row 7: read-model freshness at a steady command rate.

The real members service in process (`services.members.app.create(settings)` under its own
lifespan: NATS, event store, SQLite, live projection runner), driven over its HTTP API through
httpx's ASGI transport: `POST /members/{id}/visits` (LogVisit) at a fixed rate, open loop (a
command is sent on schedule whether or not the previous ones have finished).

Latency is measured without polling: the service's `EventStore.append` is wrapped (on this
instance only) so that the moment the append is acknowledged is recorded and a waiter on
`runtime.runner.wait_for(stream, seq)` starts right then; "visible" is when that waiter wakes,
i.e. when every projection of the stream has committed the sequence. Row 7b is a second,
shorter phase at the same rate in which one command in ten is read back by the client: from
the POST's 201 to the answer of `GET /townships/{id}/dashboard?min_seq=<seq>`
(read-your-writes, including the dashboard query, in the same process and event loop).

Without the members service it falls back to the sample `Balances` projection behind the
service kit (`shared.service.create_app`), commands through `runtime.commands`, and says so.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable, Coroutine, Sequence
from datetime import UTC, datetime
from typing import Any

import httpx

from bench import members
from bench.harness import Config, Env, Row, fresh_server, percentile, settle
from bench.sample import Balances, account, deposit, open_account, registry
from shared.auth import mint
from shared.commands import CommandContext, Target
from shared.ids import uuid7
from shared.service import ServiceDefinition, ServiceRuntime, create_app
from shared.settings import ServiceSettings
from shared.streams import last_sequence

SECRET = "bench-" + "s" * 40
P99_TARGET_MS = 50.0


class Probe:
    """Times append-ack → projection committed, for every append of one runtime."""

    def __init__(self, rt: ServiceRuntime) -> None:
        self.rt = rt
        self.active = False
        self.visible: list[float] = []
        self.missed = 0
        self._tasks: set[asyncio.Task[None]] = set()
        original = rt.store.append

        async def append(events: Any, expected: Any) -> Any:
            result = await original(events, expected)
            if self.active:
                acked = time.perf_counter()
                task = asyncio.create_task(self._watch(result.last_seq, acked))
                self._tasks.add(task)
                task.add_done_callback(self._tasks.discard)
            return result

        rt.store.append = append  # type: ignore[method-assign]

    async def _watch(self, seq: int, acked: float) -> None:
        if await self.rt.runner.wait_for(self.rt.stream, seq, 10.0):
            self.visible.append(time.perf_counter() - acked)
        else:
            self.missed += 1

    async def drain(self) -> None:
        while self._tasks:
            await asyncio.gather(*list(self._tasks))


async def steady(
    rate: float, seconds: float, command: Callable[[int], Coroutine[Any, Any, None]]
) -> tuple[float, float]:
    """Issue `command(i)` at a fixed rate (open loop). Returns (achieved rate, max lateness)."""
    n = max(1, int(rate * seconds))
    interval = 1.0 / rate
    tasks: list[asyncio.Task[None]] = []
    late = 0.0
    start = time.perf_counter() + 0.01
    for i in range(n):
        due = start + i * interval
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        late = max(late, time.perf_counter() - due)
        tasks.append(asyncio.create_task(command(i)))
    await asyncio.gather(*tasks)
    return n / (time.perf_counter() - start), late


def _ms(values: Sequence[float], p: float) -> float:
    return percentile(sorted(values), p) * 1000


def freshness_rows(
    probe: Probe,
    what: str,
    achieved: float,
    late: float,
    command_latency: list[float],
    errors: int,
    cfg: Config,
) -> list[Row]:
    vis = probe.visible
    p50, p99 = _ms(vis, 50), _ms(vis, 99)
    ok = p99 <= P99_TARGET_MS and probe.missed == 0
    notes = [
        f"{what}; {len(vis)} commands at {achieved:.0f}/s for {cfg.fresh_seconds:.0f} s "
        f"(scheduler max lateness {late * 1000:.1f} ms); visible p90 {_ms(vis, 90):.1f} ms, "
        f"max {max(vis, default=math.nan) * 1000:.1f} ms; not visible within 10 s: {probe.missed}",
        f"command latency (request → accepted) p50/p99 {_ms(command_latency, 50):.1f}/"
        f"{_ms(command_latency, 99):.1f} ms; failed commands: {errors}",
    ]
    rows = [
        Row(
            "7",
            f"freshness: append acked → visible in read model at {cfg.fresh_rate:.0f} cmd/s",
            f"p50 {p50:.1f} / p99 {p99:.1f}",
            "ms",
            target=f"p99 ≤ {P99_TARGET_MS:.0f} ms",
            verdict="met" if ok else "MISSED",
            notes=notes,
        )
    ]
    return rows


def settings_for(env: Env, service: str) -> ServiceSettings:
    return ServiceSettings(
        service_name=service,
        nats_url=env.server.url,
        nats_user=None,
        nats_password=None,
        data_dir=env.tmp,
        database_url=env.db_url(f"{service}.db"),
        auth_secret=SECRET,
        log_level="WARNING",
        read_wait_seconds=5.0,
    )


async def with_members(cfg: Config, env: Env) -> list[Row]:
    from services.members.app import create

    app = create(settings_for(env, "members"))
    headers = {"Authorization": f"Bearer {mint(SECRET, 'bench-admin', ['county_admin'])}"}
    async with app.router.lifespan_context(app):
        rt: ServiceRuntime = app.state.runtime
        probe = Probe(rt)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:

            async def post(url: str, body: dict[str, Any]) -> dict[str, Any]:
                r = await client.post(url, json=body, headers=headers)
                if r.status_code not in (201, 202):
                    raise RuntimeError(f"POST {url}: {r.status_code} {r.text[:300]}")
                answer: dict[str, Any] = r.json()
                return answer

            townships = members.TOWNSHIPS[:5]
            seeded = ""
            try:
                people = await members.setup_via_http(app, post, townships, 50)
            except Exception as exc:  # the API changed under us: seed with events instead
                seeded = f"; groups/members seeded as events (HTTP set-up failed: {exc})"
                people = await members.seed_members(rt.store, members.TOWNSHIPS[5:10], 50)
            last = await last_sequence(rt.nc, rt.stream)
            await rt.runner.wait_for(rt.stream, last, 30)
            today = datetime.now(UTC).date()
            for i in range(20):  # warm-up: first-use costs, member states into the cache
                member_id, _ = people[i % len(people)]
                await post(f"/members/{member_id}/visits", members.log_visit_body(i, today))
            await settle(0.5)

            latency: list[float] = []
            ryw: list[float] = []
            errors = 0
            reads = False

            async def command(i: int) -> None:
                nonlocal errors
                member_id, township = people[i % len(people)]
                t0 = time.perf_counter()
                r = await client.post(
                    f"/members/{member_id}/visits",
                    json=members.log_visit_body(i, today),
                    headers=headers,
                )
                t1 = time.perf_counter()
                latency.append(t1 - t0)
                if r.status_code != 201:
                    errors += 1
                    return
                if reads and i % 10 == 0:
                    g = await client.get(
                        f"/townships/{township}/dashboard",
                        params={"min_seq": str(r.json()["seq"])},
                        headers=headers,
                    )
                    if g.status_code == 200:
                        ryw.append(time.perf_counter() - t1)
                    else:
                        errors += 1

            # Phase 1: commands only — row 7.
            probe.active = True
            achieved, late = await steady(cfg.fresh_rate, cfg.fresh_seconds, command)
            await probe.drain()
            probe.active = False
            names = " + ".join(f"`{p.name}`" for p in rt.runner.projections)
            what = f"members service (real app, HTTP LogVisit, projections {names}){seeded}"
            rows = freshness_rows(probe, what, achieved, late, latency, errors, cfg)
            # Phase 2: the same rate, and one command in ten read back through the dashboard.
            reads, errors = True, 0
            latency.clear()
            probe.visible.clear()
            probe.active = True
            seconds = cfg.fresh_seconds / 2
            achieved, late = await steady(cfg.fresh_rate, seconds, command)
            await probe.drain()
            probe.active = False
    vis = sorted(probe.visible)
    rows.append(
        Row(
            "7b",
            "… with reads: POST 201 → GET dashboard?min_seq answered (1 cmd in 10)",
            f"p50 {_ms(ryw, 50):.1f} / p99 {_ms(ryw, 99):.1f}",
            "ms",
            notes=[
                f"{len(ryw)} reads during {seconds:.0f} s more at {achieved:.0f} cmd/s; the "
                "dashboard query grows with the township's visits. Meanwhile append → visible "
                f"p50/p99 {_ms(vis, 50):.1f}/{_ms(vis, 99):.1f} ms, command latency p99 "
                f"{_ms(latency, 99):.1f} ms, scheduler max lateness {late * 1000:.1f} ms, "
                f"failed: {errors}"
            ],
        )
    )
    return rows


async def with_sample(cfg: Config, env: Env, why: str) -> list[Row]:
    definition = ServiceDefinition(
        context="sample",
        title="bench",
        registry=registry,
        projections=lambda dialect: [Balances(dialect=dialect)],
        routers=[],
    )
    app = create_app(definition, settings_for(env, "sample"))
    async with app.router.lifespan_context(app):
        rt: ServiceRuntime = app.state.runtime
        probe = Probe(rt)
        ids = [uuid7() for _ in range(50)]
        for agg in ids:
            await rt.commands.execute(
                "open_account",
                [Target(account, agg, new=True)],
                open_account("o"),
                CommandContext("bench", datetime.now(UTC)),
            )
        await settle(0.5)
        latency: list[float] = []
        errors = 0

        async def command(i: int) -> None:
            nonlocal errors
            t0 = time.perf_counter()
            try:
                await rt.commands.execute(
                    "deposit",
                    [Target(account, ids[i % len(ids)])],
                    deposit(1),
                    CommandContext("bench", datetime.now(UTC)),
                )
            except Exception:
                errors += 1
            latency.append(time.perf_counter() - t0)

        probe.active = True
        achieved, late = await steady(cfg.fresh_rate, cfg.fresh_seconds, command)
        await probe.drain()
    what = f"FALLBACK sample `Balances` via the service kit, not the members service ({why})"
    return freshness_rows(probe, what, achieved, late, latency, errors, cfg)


async def run(cfg: Config) -> list[Row]:
    ok, why = members.available() if cfg.members else (False, "--no-members")
    contexts = ("members", "proposals", "consultation", "notifications", "sample")
    rows: list[Row] = []
    if ok:
        try:
            async with fresh_server(contexts) as env:
                rows = await with_members(cfg, env)
        except Exception as exc:
            ok, why = False, f"members run failed: {type(exc).__name__}: {exc}"
    if not ok:
        async with fresh_server(contexts) as env:
            rows = await with_sample(cfg, env, why)
    return rows
