"""Downloads for the office: the session's 提案汇编 and its statistics, as XLSX or CSV."""

from __future__ import annotations

from fastapi import APIRouter, Response

from services.proposals.application import stats_reads
from services.proposals.application.stats_labels import session_label
from services.proposals.config_lifecycle import lifecycle_config
from shared.auth import CurrentPrincipal
from shared.service import ReadAfter, Runtime

from . import exports_render as render
from .stats_routes import PeriodFilter, SessionNo, TermNo, scope_of
from .stats_schemas import StatisticsOut, statistics_out

router = APIRouter(tags=["导出"])


def _file(content: bytes, media_type: str, filename: str, fallback: str) -> Response:
    headers = {"Content-Disposition": render.disposition(filename, fallback)}
    return Response(content, media_type=media_type, headers=headers)


def _names(what: str, code: str, term_no: int, session_no: int, ext: str) -> tuple[str, str]:
    """(Chinese file name, ASCII fallback), e.g. 十届三次会议提案汇编.xlsx."""
    chinese = f"{session_label(term_no, session_no)}{what}.{ext}"
    return chinese, f"proposals-{code}-{term_no}-{session_no}.{ext}"


def _download(kind: str) -> dict[int | str, dict[str, object]]:
    return {200: {"content": {kind: {}}, "description": "文件下载"}}


@router.get(
    "/exports/compilation.xlsx",
    summary="导出提案汇编（Excel）：本次会议立案提案按提案号排列（提案委、政协机关）",
    dependencies=[ReadAfter],
    response_class=Response,
    responses=_download(render.XLSX_TYPE),
)
async def compilation_xlsx(
    principal: CurrentPrincipal, rt: Runtime, term_no: TermNo, session_no: SessionNo
) -> Response:
    stats_reads.require_export(principal)
    rows = await stats_reads.compilation_rows(rt, scope_of(term_no, session_no, None))
    name, fallback = _names("提案汇编", "compilation", term_no, session_no, "xlsx")
    content = render.compilation_xlsx(rows, name.removesuffix(".xlsx"))
    return _file(content, render.XLSX_TYPE, name, fallback)


@router.get(
    "/exports/compilation.csv",
    summary="导出提案汇编（CSV，UTF-8 带 BOM，可直接用 Excel 打开）（提案委、政协机关）",
    dependencies=[ReadAfter],
    response_class=Response,
    responses=_download("text/csv"),
)
async def compilation_csv(
    principal: CurrentPrincipal, rt: Runtime, term_no: TermNo, session_no: SessionNo
) -> Response:
    stats_reads.require_export(principal)
    rows = await stats_reads.compilation_rows(rt, scope_of(term_no, session_no, None))
    name, fallback = _names("提案汇编", "compilation", term_no, session_no, "csv")
    return _file(render.compilation_csv(rows), render.CSV_TYPE, name, fallback)


async def _statistics(
    rt: Runtime, term_no: int, session_no: int, period: str | None
) -> StatisticsOut:
    stats = await stats_reads.statistics(rt, scope_of(term_no, session_no, period))
    return statistics_out(stats, lifecycle_config(rt).result_classes)


@router.get(
    "/exports/statistics.xlsx",
    summary="导出提案统计（Excel：总体情况、按类别、按乡镇三张表）（提案委、政协机关）",
    dependencies=[ReadAfter],
    response_class=Response,
    responses=_download(render.XLSX_TYPE),
)
async def statistics_xlsx(
    principal: CurrentPrincipal,
    rt: Runtime,
    term_no: TermNo,
    session_no: SessionNo,
    period: PeriodFilter = None,
) -> Response:
    stats_reads.require_export(principal)
    stats = await _statistics(rt, term_no, session_no, period)
    name, fallback = _names("提案统计", "statistics", term_no, session_no, "xlsx")
    return _file(render.statistics_xlsx(stats), render.XLSX_TYPE, name, fallback)


@router.get(
    "/exports/statistics.csv",
    summary="导出提案统计（CSV，UTF-8 带 BOM）（提案委、政协机关）",
    dependencies=[ReadAfter],
    response_class=Response,
    responses=_download("text/csv"),
)
async def statistics_csv(
    principal: CurrentPrincipal,
    rt: Runtime,
    term_no: TermNo,
    session_no: SessionNo,
    period: PeriodFilter = None,
) -> Response:
    stats_reads.require_export(principal)
    stats = await _statistics(rt, term_no, session_no, period)
    name, fallback = _names("提案统计", "statistics", term_no, session_no, "csv")
    return _file(render.statistics_csv(stats), render.CSV_TYPE, name, fallback)
