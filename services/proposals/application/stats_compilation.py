"""提案汇编: the registered proposals of a session in serial-number order, one row each,
as text ready for a spreadsheet (Chinese labels, names rather than ids)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from services.proposals.domain.labels import (
    CATEGORY_LABELS,
    ROLE_LABELS,
    SATISFACTION_LABELS,
    status_label,
)
from services.proposals.domain.state import PERIOD_SERIAL_CODES

from .stats import answers, is_registered
from .stats_facts import ProposalFact

# Column headings of the compilation, in order.
COMPILATION_HEADINGS: tuple[str, ...] = (
    "提案号",
    "案由",
    "提案人",
    "类别",
    "状态",
    "承办单位",
    "答复类别",
    "满意度",
)
NOT_YET = "—"
UNJUDGED = "未评价"
_SEQ = re.compile(r"(\d+)$")


@dataclass(frozen=True)
class CompilationRow:
    serial_no: str
    title: str
    authors: str
    category: str
    status: str
    units: str
    result_class: str
    satisfaction: str

    def cells(self) -> tuple[str, ...]:
        return (
            self.serial_no,
            self.title,
            self.authors,
            self.category,
            self.status,
            self.units,
            self.result_class,
            self.satisfaction,
        )


def serial_key(p: ProposalFact) -> tuple[int, int, str]:
    """Plenary numbers (D…) before interim ones (P…), each by its number."""
    serial = p.serial_no or ""
    periods = list(PERIOD_SERIAL_CODES)
    period = periods.index(p.period) if p.period in periods else len(periods)
    found = _SEQ.search(serial)
    return period, int(found.group(1)) if found else 0, serial


def authors_text(p: ProposalFact) -> str:
    names = "、".join(a.name or a.member_id for a in p.authors)
    if p.author_body_name:
        return f"{p.author_body_name}（{names}）" if names else p.author_body_name
    return names


def units_text(p: ProposalFact) -> str:
    tasks = sorted((t for t in p.tasks if not t.returned), key=lambda t: int(t.task_id[1:]))
    named = [f"{t.unit_name}（{ROLE_LABELS.get(t.role, t.role)}）" for t in tasks]
    return "、".join(named) or NOT_YET


def compilation(proposals: Sequence[ProposalFact]) -> list[CompilationRow]:
    rows = []
    for p in sorted((p for p in proposals if is_registered(p)), key=serial_key):
        found = answers(p)
        classes = "、".join(f"{c}类" for c, _ in found) or NOT_YET
        verdicts = [SATISFACTION_LABELS.get(s, s) if s else UNJUDGED for _, s in found]
        rows.append(
            CompilationRow(
                serial_no=p.serial_no or "",
                title=p.title,
                authors=authors_text(p),
                category=CATEGORY_LABELS.get(p.category, p.category),
                status=status_label(p.status),
                units=units_text(p),
                result_class=classes,
                satisfaction="、".join(verdicts) or NOT_YET,
            )
        )
    return rows
