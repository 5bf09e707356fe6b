"""Spreadsheets for the office: the 提案汇编 and the statistics as XLSX (bold frozen header,
column widths fitted to Chinese text, rates formatted as percentages) and as CSV (UTF-8
with a byte-order mark, so Excel opens Chinese text correctly)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import quote

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from services.proposals.application.stats_compilation import COMPILATION_HEADINGS, CompilationRow
from services.proposals.application.stats_labels import (
    CATEGORY_COLUMNS,
    RATES,
    SECTION_LABELS,
    TOWNSHIP_COLUMNS,
    label_of,
)

from .stats_schemas import RateOut, StatisticsOut

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
BOM = "\ufeff"
PERCENT = "0.0%"
NO_VALUE = "—"
MAX_WIDTH = 60
Cell = str | int | float | None

COMPILATION_SHEET = "提案汇编"
OVERALL_HEADINGS = ("项目", "数值", "分子", "分母")
CATEGORY_HEADINGS = ("类别", *CATEGORY_COLUMNS.values())
LONG_HEADINGS = ("分组", "名称", "指标", "数值")


def disposition(filename: str, fallback: str) -> str:
    """`attachment` with an ASCII fallback and the UTF-8 name (RFC 6266 / RFC 5987)."""
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename)}"


def _width(value: Cell) -> int:
    text = "" if value is None else str(value)
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in text)


def _sheet(ws: Worksheet, headings: Sequence[str], rows: Iterable[Sequence[Cell]]) -> None:
    """Header row in bold and frozen; columns as wide as their longest text."""
    ws.append(list(headings))
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center")
    widths = [_width(h) for h in headings]
    for row in rows:
        ws.append(["" if v is None else v for v in row])
        widths = [max(w, _width(v)) for w, v in zip(widths, row, strict=False)]
    ws.freeze_panes = "A2"
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = min(width + 2, MAX_WIDTH)


def _rate_cell(value: float | None) -> Cell:
    return NO_VALUE if value is None else value


def _percent_format(ws: Worksheet, cells: Iterable[tuple[int, int]]) -> None:
    for row, column in cells:
        cell = ws.cell(row=row, column=column)
        if isinstance(cell.value, float | int):
            cell.number_format = PERCENT


def _bytes(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def compilation_xlsx(rows: Sequence[CompilationRow], title: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)
    ws.title = COMPILATION_SHEET
    _sheet(ws, COMPILATION_HEADINGS, (r.cells() for r in rows))
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    wb.properties.title = title
    return _bytes(wb)


def _csv(headings: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headings)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return (BOM + buffer.getvalue()).encode("utf-8")


def compilation_csv(rows: Sequence[CompilationRow]) -> bytes:
    return _csv(COMPILATION_HEADINGS, (r.cells() for r in rows))


def _overall_rows(stats: StatisticsOut) -> list[tuple[list[Cell], bool]]:
    """(cells, is_rate) of the overall sheet: counts, rates, result-class shares."""
    rows: list[tuple[list[Cell], bool]] = [
        ([c.label, c.value, None, None], False) for c in stats.counts
    ]
    rows += [
        ([r.label, _rate_cell(r.value), r.numerator, r.denominator], True) for r in stats.rates
    ]
    rows += [
        ([f"{s.label}（占答复）", _rate_cell(s.value), s.count, s.total], True)
        for s in stats.result_classes
    ]
    return rows


def _township_rows(stats: StatisticsOut) -> list[list[Cell]]:
    found = []
    for t in stats.townships:
        values: dict[str, Cell] = {c.code: c.value for c in t.counts}
        values.update({r.code: _rate_cell(r.value) for r in t.rates})
        found.append([t.township_id, *(values[code] for code in TOWNSHIP_COLUMNS)])
    return found


def statistics_xlsx(stats: StatisticsOut) -> bytes:
    wb = Workbook()
    overall = wb.active
    assert isinstance(overall, Worksheet)
    overall.title = SECTION_LABELS["overall"]
    rows = _overall_rows(stats)
    _sheet(overall, OVERALL_HEADINGS, (cells for cells, _ in rows))
    _percent_format(overall, ((i, 2) for i, (_, rate) in enumerate(rows, start=2) if rate))

    by_category = wb.create_sheet(SECTION_LABELS["category"])
    _sheet(
        by_category,
        CATEGORY_HEADINGS,
        ([c.label, c.received, c.registered, _rate_cell(c.share)] for c in stats.categories),
    )
    _percent_format(by_category, ((i, 4) for i in range(2, len(stats.categories) + 2)))

    by_township = wb.create_sheet(SECTION_LABELS["township"])
    headings = ("乡镇", *(label_of(code) for code in TOWNSHIP_COLUMNS))
    _sheet(by_township, headings, _township_rows(stats))
    rate_columns = [i for i, code in enumerate(TOWNSHIP_COLUMNS, start=2) if code in RATES]
    _percent_format(
        by_township,
        ((row, col) for row in range(2, len(stats.townships) + 2) for col in rate_columns),
    )
    wb.properties.title = f"{stats.scope.label}提案统计"
    return _bytes(wb)


def statistics_csv(stats: StatisticsOut) -> bytes:
    """One long table: section, name, measure, value (rates as percentages)."""
    overall, scope = SECTION_LABELS["overall"], stats.scope.label
    rows: list[list[Any]] = [[overall, scope, c.label, c.value] for c in stats.counts]
    rows += [[overall, scope, r.label, r.percent] for r in stats.rates]
    section = SECTION_LABELS["result_class"]
    for s in stats.result_classes:
        rows += [[section, s.label, "答复份数", s.count], [section, s.label, "占比", s.percent]]
    section = SECTION_LABELS["category"]
    for c in stats.categories:
        rows += [
            [section, c.label, CATEGORY_COLUMNS["received"], c.received],
            [section, c.label, CATEGORY_COLUMNS["registered"], c.registered],
            [section, c.label, CATEGORY_COLUMNS["share"], c.percent],
        ]
    section = SECTION_LABELS["township"]
    for t in stats.townships:
        counts = {c.code: c.value for c in t.counts}
        rates: dict[str, RateOut] = {r.code: r for r in t.rates}
        for code in TOWNSHIP_COLUMNS:
            value = rates[code].percent if code in rates else counts[code]
            rows.append([section, t.township_id, label_of(code), value])
    return _csv(LONG_HEADINGS, rows)
