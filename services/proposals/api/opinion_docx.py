"""《社情民意》 issue as a Word document (DOCX, python-docx).

Layout after common 政协 bulletin practice: a centred 宋体 masthead 《社情民意》, the issue
line `{year}年第{n}期`, the editing office and date, then each item with its 宋体 heading
and 仿宋 paragraphs (情况、分析、建议), and the recipients at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from io import BytesIO
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from services.proposals.application.opinion_lists import IssueDetail
from services.proposals.domain.opinion.labels import REPORTER_KIND_LABELS, SERIES_LABELS

BODY_FONT = "仿宋"
TITLE_FONT = "宋体"
OFFICE = "县政协办公室编"
MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass(frozen=True)
class DocxItem:
    title: str
    paragraphs: list[str]
    source: str


@dataclass(frozen=True)
class DocxIssue:
    masthead: str  # 《社情民意》
    label: str  # 2026年第3期
    classification: str
    title: str | None
    date: datetime | None
    recipients: list[str] = field(default_factory=list)
    items: list[DocxItem] = field(default_factory=list)


def issue_document(found: IssueDetail) -> DocxIssue:
    """Assemble what the document shows from the read models (edited text first)."""
    row = found.row
    items: list[DocxItem] = []
    for item in found.items:
        report = found.reports.get(item.report_id)
        body = (report.edited_body if report is not None else None) or _body_of(report)
        items.append(
            DocxItem(
                title=item.edited_title or item.report_title,
                paragraphs=[body.get(k, "") for k in ("situation", "analysis", "suggestions")],
                source=_source(report),
            )
        )
    return DocxIssue(
        masthead=f"《{SERIES_LABELS.get(row.series, row.series)}》",
        label=row.label,
        classification=row.classification,
        title=row.title,
        date=row.published_at or row.approved_at or row.created_at,
        recipients=list(row.recipients or []),
        items=items,
    )


def render(issue: DocxIssue) -> bytes:
    doc: Any = Document()
    _base_style(doc)
    _line(doc, issue.classification, size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    _line(doc, issue.masthead, size=36, bold=True, font=TITLE_FONT, red=True)
    _line(doc, issue.label, size=16)
    dated = f"{issue.date.year}年{issue.date.month}月{issue.date.day}日" if issue.date else ""
    _line(doc, f"{OFFICE}　　　　{dated}".strip(), size=14)
    if issue.title:
        _line(doc, issue.title, size=18, bold=True, font=TITLE_FONT)
    for number, item in enumerate(issue.items, start=1):
        heading = doc.add_heading(level=1)
        title = _run(heading.add_run(f"{number}. {item.title}"), TITLE_FONT, 18, bold=True)
        title.font.color.rgb = RGBColor(0, 0, 0)
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for text in (p for p in item.paragraphs if p):
            paragraph = doc.add_paragraph()
            paragraph.paragraph_format.first_line_indent = Pt(32)
            _run(paragraph.add_run(text), BODY_FONT, 16)
        if item.source:
            _line(doc, f"（{item.source}）", size=14, align=WD_ALIGN_PARAGRAPH.RIGHT)
    if issue.recipients:
        _line(doc, "报送：" + "、".join(issue.recipients), size=14, align=WD_ALIGN_PARAGRAPH.LEFT)
    out = BytesIO()
    doc.save(out)
    return out.getvalue()


def _base_style(doc: Any) -> None:
    normal = doc.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(16)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)


def _line(
    doc: Any,
    text: str,
    *,
    size: int,
    bold: bool = False,
    font: str = BODY_FONT,
    red: bool = False,
    align: Any = WD_ALIGN_PARAGRAPH.CENTER,
) -> None:
    paragraph = doc.add_paragraph()
    paragraph.alignment = align
    run = _run(paragraph.add_run(text), font, size, bold=bold)
    if red:
        run.font.color.rgb = RGBColor(0xC0, 0x00, 0x00)


def _run(run: Any, font: str, size: int, *, bold: bool = False) -> Any:
    run.font.name = font
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    return run


def _body_of(report: Any) -> dict[str, str]:
    if report is None:
        return {}
    return {
        "situation": report.situation,
        "analysis": report.analysis,
        "suggestions": report.suggestions,
    }


def _source(report: Any) -> str:
    if report is None:
        return ""
    who = report.lead_author_name or report.reporter_name or ""
    kind = REPORTER_KIND_LABELS.get(report.reporter_kind, "")
    return f"{kind}{who}反映".strip() if who else ""
