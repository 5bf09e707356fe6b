"""Statistics of a session (DOMAIN §2.13), computed from `stats_facts.Facts` — pure.

Rules (also in docs/decisions/0013-proposal-statistics.md):
- received: submitted to the office (not back in draft), whatever happened next;
- registered: 立案 and still standing (not withdrawn, not merged into another) — the
  proposals of the compilation, and the base of 办复率 / 按期办复率;
- replied: every replying unit (主办/分办/独办) has issued its reply;
- on time: replied, and each replying unit's FIRST reply was issued by the deadline the
  events carried (set at 交办, moved by an approved extension);
- face to face: replied, with at least one contact recorded as 当面 (面商);
- answers: each replying unit's latest issued reply; its class is the result class and the
  lead author's latest evaluation of the unit's replies (办理结果) its satisfaction;
- participating members: members on the roll who (co-)authored a received proposal.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from services.proposals.domain.events import COLLECTIVE_KINDS
from services.proposals.domain.labels import CATEGORY_LABELS
from services.proposals.domain.model import REPLY_ROLES

from .stats_facts import Facts, ProposalFact, ReplyFact, Scope
from .stats_labels import COUNT_LABELS, RATES

STANDING_OUT = ("withdrawn", "merged")


@dataclass(frozen=True)
class Rate:
    code: str
    numerator: int
    denominator: int

    @property
    def value(self) -> float | None:
        if self.denominator == 0:
            return None
        return round(self.numerator / self.denominator, 4)


@dataclass(frozen=True)
class Share:
    code: str
    count: int
    total: int

    @property
    def value(self) -> float | None:
        return None if self.total == 0 else round(self.count / self.total, 4)


@dataclass(frozen=True)
class CategoryRow:
    code: str
    received: int
    registered: int
    share: Share


@dataclass(frozen=True)
class Tally:
    counts: dict[str, int]
    rates: list[Rate]


@dataclass(frozen=True)
class Statistics:
    scope: Scope
    tally: Tally
    result_classes: list[Share]
    categories: list[CategoryRow]
    townships: list[tuple[str, Tally]] = field(default_factory=list)


def is_registered(p: ProposalFact) -> bool:
    return p.registered and p.status not in STANDING_OUT


def answers(p: ProposalFact) -> list[tuple[str, str | None]]:
    """(result class, lead author's satisfaction) of each replying unit's latest reply."""
    replying = {t.task_id for t in p.tasks if t.role in REPLY_ROLES and not t.returned}
    latest: dict[str, ReplyFact] = {}
    judged: dict[str, str] = {}
    for reply in sorted(p.replies, key=lambda r: (r.task_id, r.round)):
        if reply.task_id not in replying:
            continue
        latest[reply.task_id] = reply
        if reply.lead_result is not None:
            judged[reply.task_id] = reply.lead_result
    return [(r.result_class, judged.get(task)) for task, r in sorted(latest.items())]


def on_time(p: ProposalFact) -> bool:
    tasks = [t for t in p.tasks if t.role in REPLY_ROLES and not t.returned]
    if not p.replied or not tasks:
        return False
    return all(
        t.first_replied_at is not None and t.first_replied_at <= t.deadline_at for t in tasks
    )


def face_to_face(p: ProposalFact) -> bool:
    return p.replied and any(t.face_to_face > 0 for t in p.tasks)


def tally(proposals: Sequence[ProposalFact], roll: Iterable[str]) -> Tally:
    registered = [p for p in proposals if is_registered(p)]
    replied = [p for p in registered if p.replied]
    verdicts = [s for p in registered for _, s in answers(p)]
    judged = [s for s in verdicts if s is not None]
    on_roll = set(roll)
    authors = {a.member_id for p in proposals for a in p.authors}
    counts = {
        "received": len(proposals),
        "registered": len(registered),
        "not_registered": sum(p.status == "not_registered" for p in proposals),
        "converted_to_opinion": sum(p.disposition == "to_public_opinion" for p in proposals),
        "merged": sum(p.status == "merged" for p in proposals),
        "withdrawn": sum(p.status == "withdrawn" for p in proposals),
        "replied": len(replied),
        "on_time": sum(on_time(p) for p in replied),
        "face_to_face": sum(face_to_face(p) for p in replied),
        "concluded": sum(p.status == "concluded" for p in registered),
        "key": sum(p.is_key for p in registered),
        "collective": sum(p.author_kind in COLLECTIVE_KINDS for p in proposals),
        "individual": sum(p.author_kind not in COLLECTIVE_KINDS for p in proposals),
        "answers": len(verdicts),
        "evaluated": len(judged),
        "satisfied": judged.count("satisfied"),
        "basically_satisfied": judged.count("basically_satisfied"),
        "dissatisfied": judged.count("dissatisfied"),
        "satisfied_or_basic": judged.count("satisfied") + judged.count("basically_satisfied"),
        "participating_members": len(authors & on_roll),
        "members": len(on_roll),
    }
    assert list(counts) == list(COUNT_LABELS)
    rates = [Rate(code, counts[num], counts[den]) for code, (_, num, den) in RATES.items()]
    return Tally(counts, rates)


def result_classes(proposals: Sequence[ProposalFact], classes: Mapping[str, str]) -> list[Share]:
    """A/B/C(/D) share of the answers (configured classes first, then any others)."""
    found = [c for p in proposals if is_registered(p) for c, _ in answers(p)]
    codes = [*classes, *sorted(set(found) - set(classes))]
    return [Share(code, found.count(code), len(found)) for code in codes]


def categories(proposals: Sequence[ProposalFact]) -> list[CategoryRow]:
    registered = [p for p in proposals if is_registered(p)]
    codes = [*CATEGORY_LABELS, *sorted({p.category for p in proposals} - set(CATEGORY_LABELS))]
    rows = []
    for code in codes:
        count = sum(p.category == code for p in registered)
        rows.append(
            CategoryRow(
                code=code,
                received=sum(p.category == code for p in proposals),
                registered=count,
                share=Share(code, count, len(registered)),
            )
        )
    return rows


def townships_of(facts: Facts) -> list[str]:
    found = {t for _, t in facts.members}
    for p in facts.proposals:
        found.update(a.township_id for a in p.authors if a.township_id)
        if p.author_kind == "liaison_group" and p.township_id:
            found.add(p.township_id)
    return sorted(found)


def township_tally(facts: Facts, township_id: str) -> Tally:
    proposals = [p for p in facts.proposals if p.attributed_to(township_id)]
    return tally(proposals, (m for m, t in facts.members if t == township_id))


def compute(facts: Facts, scope: Scope, classes: Mapping[str, str]) -> Statistics:
    """The statistics of `scope`; the overall view also breaks down by township."""
    proposals = list(facts.proposals)
    roll = [m for m, t in facts.members if scope.township_id in (None, t)]
    by_township = (
        [(t, township_tally(facts, t)) for t in townships_of(facts)]
        if scope.township_id is None
        else []
    )
    return Statistics(
        scope=scope,
        tally=tally(proposals, roll),
        result_classes=result_classes(proposals, classes),
        categories=categories(proposals),
        townships=by_township,
    )
