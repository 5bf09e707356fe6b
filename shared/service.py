"""The composition kit every service uses: NATS + event store + database + projections +
HTTP app, wired in one FastAPI lifespan. A service supplies a `ServiceDefinition`."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Annotated, Any

import nats
import structlog
from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.responses import JSONResponse, PlainTextResponse
from nats.aio.client import Client as NATS
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from shared import logging as shared_logging
from shared.auth import CurrentPrincipal, Principal
from shared.commands import CommandContext, CommandRunner
from shared.db import Database
from shared.events import EventRegistry
from shared.eventstore import EventStore
from shared.http import (
    ReadModelBehind,
    install_error_handlers,
    install_metrics_middleware,
    parse_min_seq,
)
from shared.policy import Policy
from shared.projection import Projection
from shared.runner import ProjectionRunner, RunnerConfig
from shared.settings import ServiceSettings
from shared.streams import stream_for, stream_info

log = structlog.get_logger(__name__)


@dataclass
class ServiceRuntime:
    settings: ServiceSettings
    nc: NATS
    store: EventStore
    commands: CommandRunner
    db: Database
    runner: ProjectionRunner
    extras: dict[str, Any] = field(default_factory=dict)

    @property
    def stream(self) -> str:
        return self.store.stream

    def context(
        self, principal: Principal, now: datetime | None = None, correlation_id: str | None = None
    ) -> CommandContext:
        return CommandContext(
            actor=principal.actor, now=now or datetime.now(UTC), correlation_id=correlation_id
        )


Hook = Callable[[ServiceRuntime], Awaitable[None]]


@dataclass
class ServiceDefinition:
    """What a service is: its context, events, projections, routes and extra tasks."""

    context: str
    title: str
    registry: EventRegistry
    projections: Callable[[str], Sequence[Projection]]
    routers: Sequence[APIRouter]
    on_start: Sequence[Hook] = ()
    on_stop: Sequence[Hook] = ()
    runner_config: RunnerConfig | None = None


async def connect(settings: ServiceSettings, name: str) -> NATS:
    return await nats.connect(
        servers=settings.nats_servers(),
        name=name,
        user=settings.nats_user,
        password=settings.nats_password,
        max_reconnect_attempts=-1,
        reconnect_time_wait=0.5,
        connect_timeout=5,
    )


def create_app(definition: ServiceDefinition, settings: ServiceSettings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        shared_logging.configure(definition.context, settings.log_format, settings.log_level)
        nc = await connect(settings, f"cppcc-{definition.context}")
        spec = stream_for(definition.context, settings.stream_replicas)
        store = EventStore(nc, spec, definition.registry, service=definition.context)
        await store.ensure()
        db = Database(settings.db_url())
        projections = list(definition.projections(db.dialect))
        runner = ProjectionRunner(
            nc, db, projections, definition.runner_config, service=definition.context
        )
        await runner.setup()
        runtime = ServiceRuntime(settings, nc, store, CommandRunner(store), db, runner)
        for projection in projections:
            if isinstance(projection, Policy):
                projection.bind(runtime.commands)
        app.state.runtime = runtime
        await runner.start()
        for hook in definition.on_start:
            await hook(runtime)
        log.info("service_started", port=settings.port(), stream=spec.name)
        # What exists now (modules, schemas, routes, compiled SQL) lives as long as the
        # process: keep it out of the cyclic GC's full collections, whose pauses otherwise
        # stall the event loop (and every projection) for tens of milliseconds.
        gc.freeze()
        try:
            yield
        finally:
            for hook in definition.on_stop:
                await hook(runtime)
            await runner.stop()
            await nc.close()
            await db.dispose()

    app = FastAPI(
        title=definition.title,
        version="0.1.0",
        lifespan=lifespan,
        docs_url="/docs",
        openapi_url="/openapi.json",
    )
    app.state.auth_secret = settings.auth_secret
    app.state.settings = settings
    install_error_handlers(app)
    install_metrics_middleware(app, definition.context)
    app.include_router(health_router())
    for router in definition.routers:
        app.include_router(router)
    return app


def get_runtime(request: Request) -> ServiceRuntime:
    runtime: ServiceRuntime = request.app.state.runtime
    return runtime


Runtime = Annotated[ServiceRuntime, Depends(get_runtime)]


async def wait_for_read_model(
    request: Request,
    min_seq: Annotated[
        list[str] | None,
        Query(description="等待读模型到达的流序号：`12`（本服务的流）或 `PROPOSALS:12`；可重复"),
    ] = None,
) -> None:
    """Read-your-writes: wait briefly until projections have reached the given sequence."""
    if not min_seq:
        return
    runtime = get_runtime(request)
    for stream, seq in parse_min_seq(min_seq, runtime.stream):
        ok = await runtime.runner.wait_for(stream, seq, runtime.settings.read_wait_seconds)
        if not ok:
            raise ReadModelBehind(stream, seq)


ReadAfter = Depends(wait_for_read_model)


def health_router() -> APIRouter:
    router = APIRouter(tags=["运维"])

    @router.get("/healthz", summary="进程存活")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    @router.get("/readyz", summary="就绪：NATS 已连接、流存在、投影已追上")
    async def readyz(runtime: Runtime) -> JSONResponse:
        checks: dict[str, Any] = {
            "nats": runtime.nc.is_connected,
            "projections_running": runtime.runner.healthy(),
        }
        lags: dict[str, int] = {}
        try:
            await stream_info(runtime.nc, runtime.stream)
            checks["stream"] = True
            for (name, stream), pos in runtime.runner.positions().items():
                info = await stream_info(runtime.nc, stream)
                lags[f"{name}/{stream}"] = int(info["state"]["last_seq"]) - pos
        except Exception as exc:
            checks["stream"] = False
            checks["error"] = str(exc)
        checks["lag"] = lags
        ready = (
            checks["nats"]
            and checks["projections_running"]
            and checks["stream"]
            and all(v <= runtime.settings.readiness_max_lag for v in lags.values())
        )
        return JSONResponse({"ready": ready, **checks}, status_code=200 if ready else 503)

    @router.get("/metrics", summary="Prometheus 指标")
    async def metrics_endpoint() -> PlainTextResponse:
        return PlainTextResponse(generate_latest().decode(), media_type=CONTENT_TYPE_LATEST)

    return router


__all__ = [
    "CurrentPrincipal",
    "ReadAfter",
    "Runtime",
    "ServiceDefinition",
    "ServiceRuntime",
    "create_app",
]
