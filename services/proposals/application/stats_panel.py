"""What the township proposals panel shows beyond the proposal list (DOMAIN §6.3): per
proposal its handling units, due date, overdue flag, result classes and the lead author's
satisfaction; per township the counters (submitted, registered, declined → converted,
replied, on time, satisfied)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection

from shared.service import ServiceRuntime

from . import lifecycle_views as lv
from .stats import answers, tally
from .stats_facts import Scope, TaskFact, load_facts

PANEL_COUNTERS = (
    "received",
    "registered",
    "not_registered",
    "converted_to_opinion",
    "replied",
    "on_time",
    "satisfied",
    "satisfied_or_basic",
)


@dataclass(frozen=True)
class PanelRow:
    tasks: tuple[TaskFact, ...] = ()
    due_on: date | None = None
    overdue: bool = False
    result_classes: tuple[str, ...] = ()
    satisfaction: tuple[str | None, ...] = ()


@dataclass(frozen=True)
class Panel:
    rows: dict[str, PanelRow] = field(default_factory=dict)
    counters: dict[str, int] = field(default_factory=dict)


async def _due_dates(
    conn: AsyncConnection, reads: lv.Reads, ids: Sequence[str]
) -> dict[str, date | None]:
    """Earliest due date of an open task; else the last reply due date; else none."""
    t = reads.tasks.tasks
    stmt = select(t.c.proposal_id, t.c.role, t.c.phase, t.c.replied, t.c.due_on, t.c.co_opinion)
    rows = (await conn.execute(stmt.where(t.c.proposal_id.in_(list(ids))))).all()
    open_due: dict[str, list[date]] = {}
    reply_due: dict[str, list[date]] = {}
    for r in rows:
        if r.phase == "returned":
            continue
        done = r.replied or (r.role == "co" and r.co_opinion is not None)
        if not done and r.phase != "concluded":
            open_due.setdefault(r.proposal_id, []).append(r.due_on)
        if r.role != "co":
            reply_due.setdefault(r.proposal_id, []).append(r.due_on)

    def pick(pid: str) -> date | None:
        if pid in open_due:
            return min(open_due[pid])
        dues = reply_due.get(pid)
        return max(dues) if dues else None

    return {pid: pick(pid) for pid in ids}


async def panel(
    rt: ServiceRuntime, township_id: str, proposal_ids: Sequence[str], as_of: date
) -> Panel:
    reads = lv.Reads.of(rt)
    async with rt.db.read() as conn:
        facts = await load_facts(rt, conn, Scope(township_id=township_id))
        due = await _due_dates(conn, reads, proposal_ids) if proposal_ids else {}
        late = await lv.overdue_ids(conn, reads, list(proposal_ids), as_of)
    by_id = {p.proposal_id: p for p in facts.proposals}
    rows: dict[str, PanelRow] = {}
    for pid in proposal_ids:
        fact = by_id.get(pid)
        found = answers(fact) if fact else []
        rows[pid] = PanelRow(
            tasks=tuple(t for t in fact.tasks if not t.returned) if fact else (),
            due_on=due.get(pid),
            overdue=pid in late,
            result_classes=tuple(c for c, _ in found),
            satisfaction=tuple(s for _, s in found),
        )
    roll = [m for m, t in facts.members if t == township_id]
    counts = tally(facts.proposals, roll).counts
    return Panel(rows=rows, counters={c: counts[c] for c in PANEL_COUNTERS})
