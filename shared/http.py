"""HTTP edges shared by the services: RFC 9457 problem+json, metrics, health, min_seq."""

from __future__ import annotations

import time
from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from shared import metrics
from shared.domain import DomainError
from shared.eventstore import StoreUnavailable

log = structlog.get_logger(__name__)

PROBLEM = "application/problem+json"
STATUS_OF_KIND = {
    "conflict": 409,
    "invalid": 422,
    "not_found": 404,
    "forbidden": 403,
    "unauthorized": 401,
}
TITLES = {
    400: "请求有误",
    401: "需要登录",
    403: "无权操作",
    404: "未找到",
    405: "方法不允许",
    409: "当前状态不允许此操作",
    422: "输入有误",
    500: "服务器内部错误",
    503: "服务暂不可用",
}


class Accepted(BaseModel):
    """What a command answers: the aggregate, and where its events landed."""

    id: str
    stream: str
    seq: int
    event_ids: list[str] = []


class ReadModelBehind(Exception):
    def __init__(self, stream: str, seq: int) -> None:
        super().__init__(f"{stream}:{seq}")
        self.stream = stream
        self.seq = seq


def problem(
    status: int,
    detail: str,
    *,
    code: str | None = None,
    errors: list[Any] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {
        "type": f"https://cppcc.example/problems/{code or status}",
        "title": TITLES.get(status, "错误"),
        "status": status,
        "detail": detail,
    }
    if errors:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, media_type=PROBLEM, headers=headers)


def _field(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")]
    return ".".join(parts) or "请求体"


def _zh(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    name = _field(tuple(error.get("loc", ())))
    messages = {
        "missing": f"缺少必填字段“{name}”。",
        "string_too_short": f"字段“{name}”不能为空（至少 {ctx.get('min_length', 1)} 个字符）。",
        "string_too_long": f"字段“{name}”太长，最多 {ctx.get('max_length')} 个字符。",
        "literal_error": f"字段“{name}”的取值无效，可选值：{ctx.get('expected', '')}。",
        "enum": f"字段“{name}”的取值无效，可选值：{ctx.get('expected', '')}。",
        "int_parsing": f"字段“{name}”应为整数。",
        "int_type": f"字段“{name}”应为整数。",
        "greater_than_equal": f"字段“{name}”不能小于 {ctx.get('ge')}。",
        "less_than_equal": f"字段“{name}”不能大于 {ctx.get('le')}。",
        "date_parsing": f"字段“{name}”应为日期，格式 YYYY-MM-DD。",
        "date_from_datetime_parsing": f"字段“{name}”应为日期，格式 YYYY-MM-DD。",
        "datetime_parsing": f"字段“{name}”应为时间，格式 ISO 8601。",
        "bool_parsing": f"字段“{name}”应为 true 或 false。",
        "list_type": f"字段“{name}”应为列表。",
        "too_short": f"字段“{name}”至少需要 {ctx.get('min_length', 1)} 项。",
        "too_long": f"字段“{name}”最多 {ctx.get('max_length')} 项。",
        "string_pattern_mismatch": f"字段“{name}”格式不正确（应匹配 {ctx.get('pattern')}）。",
        "uuid_parsing": f"字段“{name}”应为 UUID。",
        "json_invalid": "请求体不是合法的 JSON。",
        "model_attributes_type": "请求体应为 JSON 对象。",
        "dict_type": f"字段“{name}”应为 JSON 对象。",
        "extra_forbidden": f"不认识的字段“{name}”，请删除。",
        "value_error": f"字段“{name}”不正确：{error.get('msg', '')}。",
    }
    return messages.get(kind, f"字段“{name}”不正确：{error.get('msg', '')}。")


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(DomainError)
    async def _domain(_: Request, exc: DomainError) -> JSONResponse:
        status = STATUS_OF_KIND.get(exc.kind, 409)
        headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
        return problem(status, exc.message, code=exc.code, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [
            {"field": _field(tuple(e.get("loc", ()))), "message": _zh(e)} for e in exc.errors()
        ]
        detail = "；".join(e["message"] for e in errors[:5]) or "输入有误。"
        return problem(422, detail, code="validation", errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else TITLES.get(exc.status_code, "")
        if exc.status_code == 404 and detail == "Not Found":
            detail = "请求的地址不存在。"
        if exc.status_code == 405:
            detail = "该地址不支持此请求方法。"
        return problem(exc.status_code, detail)

    @app.exception_handler(StoreUnavailable)
    async def _store(_: Request, exc: StoreUnavailable) -> JSONResponse:
        log.warning("event_store_unavailable", error=str(exc))
        return problem(
            503,
            "事件存储暂时无法访问，操作未完成，请稍后重试。",
            code="store_unavailable",
            headers={"Retry-After": "2"},
        )

    @app.exception_handler(ReadModelBehind)
    async def _behind(_: Request, exc: ReadModelBehind) -> JSONResponse:
        return problem(
            503,
            f"数据仍在更新中（{exc.stream} 尚未到达序号 {exc.seq}），请稍后重试。",
            code="read_model_behind",
            headers={"Retry-After": "1"},
        )

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled_error", error=repr(exc))
        return problem(500, "服务器内部错误，请联系系统管理员。", code="internal")


def install_metrics_middleware(app: FastAPI, service: str) -> None:
    app.add_middleware(MetricsMiddleware, service=service)


class MetricsMiddleware:
    """Requests and their duration by route template, method and status class.

    Plain ASGI (not `@app.middleware("http")`, whose per-request task and stream cost
    the event loop a few milliseconds that the projections then wait for)."""

    def __init__(self, app: ASGIApp, service: str) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_and_note(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            # The router records the matched route in the shared scope.
            template = getattr(scope.get("route"), "path", "unmatched")
            method = scope["method"]
            status_class = f"{status // 100}xx"
            metrics.child(metrics.HTTP_REQUESTS, self.service, template, method, status_class).inc()
            metrics.child(metrics.HTTP_SECONDS, self.service, template, method).observe(
                time.perf_counter() - started
            )


def parse_min_seq(values: list[str], own_stream: str) -> list[tuple[str, int]]:
    """`?min_seq=12` (the service's own stream) or `?min_seq=PROPOSALS:12` (repeatable)."""
    wanted: list[tuple[str, int]] = []
    for value in values:
        stream, _, number = value.rpartition(":")
        stream = stream.upper() or own_stream
        if not number.isdigit():
            raise DomainError(
                f"min_seq 参数“{value}”格式不正确，应为序号或 流名:序号，如 PROPOSALS:12。",
                kind="invalid",
                code="validation",
            )
        wanted.append((stream, int(number)))
    return wanted
