"""Aggregate `excellence` (id = the campaign year, e.g. "2025"): 争先创优 — nominations
and awards by category (DOMAIN §5.5, seed item 13)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import ClassVar, cast

from pydantic import Field

from services.members.domain.activities.common import (
    CONTEXT,
    Command,
    GroupRef,
    MemberRef,
    check_township_id,
    choice,
    member_ids,
    member_snapshot,
    optional_text,
    registry,
    require_group,
    require_member,
    text,
)
from services.members.domain.activities.vocabulary import (
    AWARD_LEVEL_LABELS,
    EXCELLENCE_CATEGORY_LABELS,
    NOMINEE_KIND_OF,
    AwardLevel,
    ExcellenceCategory,
    NomineeKind,
)
from shared.domain import Decider, Invalid, NotFound, Rejected
from shared.events import DomainEvent

EXCELLENCE = "excellence"
MIN_YEAR = 2000
MAX_REASON = 1000
MAX_NAME = 200
MAX_REF = 64
MAX_CREDITED = 20


class _Nominee(DomainEvent):
    """Fields shared by both events: what and whom the nomination is about."""

    context: ClassVar[str] = CONTEXT
    aggregate: ClassVar[str] = EXCELLENCE

    year: int
    nomination_id: str
    category: ExcellenceCategory
    nominee_kind: NomineeKind
    nominee_id: str
    nominee_name: str
    member_ids: tuple[str, ...] = ()
    member_township_ids: dict[str, str | None] = Field(default_factory=dict)
    township_id: str | None = None


@registry.register
class ExcellenceNominated(_Nominee):
    """争先创优推荐. member_ids = the members it credits (the member, or the authors)."""

    name: ClassVar[str] = "nominated"
    version: ClassVar[int] = 1

    reason: str


@registry.register
class ExcellenceAwarded(_Nominee):
    """争先创优表彰 at a level (county/city/province/national)."""

    name: ClassVar[str] = "awarded"
    version: ClassVar[int] = 1

    level: AwardLevel
    award_title: str | None = None


EXCELLENCE_EVENTS: tuple[type[DomainEvent], ...] = (ExcellenceNominated, ExcellenceAwarded)


@dataclass(frozen=True)
class Nomination:
    event: ExcellenceNominated
    levels: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ExcellenceState:
    nominations: tuple[Nomination, ...] = ()

    def find(self, nomination_id: str) -> Nomination | None:
        return next((n for n in self.nominations if n.event.nomination_id == nomination_id), None)

    def nominated(self, category: str, nominee_id: str) -> bool:
        return any(
            n.event.category == category and n.event.nominee_id == nominee_id
            for n in self.nominations
        )


INITIAL_EXCELLENCE = ExcellenceState()


def evolve_excellence(state: ExcellenceState, event: DomainEvent) -> ExcellenceState:
    if isinstance(event, ExcellenceNominated):
        if state.find(event.nomination_id) is not None:
            return state
        return replace(state, nominations=(*state.nominations, Nomination(event)))
    if isinstance(event, ExcellenceAwarded):
        nominations = tuple(
            replace(n, levels=n.levels | {event.level})
            if n.event.nomination_id == event.nomination_id
            else n
            for n in state.nominations
        )
        return replace(state, nominations=nominations)
    return state


excellence_decider: Decider[ExcellenceState] = Decider(
    CONTEXT, EXCELLENCE, INITIAL_EXCELLENCE, evolve_excellence
)


class NominateExcellence(Command):
    """`nominee_id`: the member / liaison group (township id) / proposal / opinion report /
    handling unit; `nominee_name` is needed where the system cannot look it up."""

    year: int
    nomination_id: str
    category: str
    nominee_id: str
    nominee_name: str | None = None
    member_ids: list[str] = Field(default_factory=list)
    township_id: str | None = None
    reason: str
    today: date


class AwardExcellence(Command):
    year: int
    nomination_id: str
    level: str
    award_title: str | None = None


@dataclass(frozen=True)
class NomineeRefs:
    """Read-only states the nomination may need: the nominee member or group, and the
    members credited (authors of a proposal / report)."""

    member: MemberRef | None = None
    group: GroupRef | None = None
    credited: tuple[MemberRef, ...] = ()


@dataclass(frozen=True)
class _Resolved:
    name: str
    member_ids: tuple[str, ...]
    townships: dict[str, str | None]
    township_id: str | None


def check_year(year: int, today: date) -> int:
    if not MIN_YEAR <= year <= today.year:
        raise Invalid(
            f"争先创优年度 {year} 无效：应在 {MIN_YEAR} 年到今年（{today.year}）之间",
            code="invalid_year",
        )
    return year


def _resolve(cmd: NominateExcellence, kind: NomineeKind, refs: NomineeRefs) -> _Resolved:
    if kind == "member":
        member = require_member(refs.member or MemberRef(cmd.nominee_id), "被推荐")
        snapshot = {member.member_id: member.township_id}
        return _Resolved(member.name or "", (member.member_id,), snapshot, member.township_id)
    if kind == "liaison_group":
        group = require_group(refs.group or GroupRef(cmd.nominee_id), "被推荐联络组")
        return _Resolved(group.name or group.township_id, (), {}, group.township_id)
    name = text(cmd.nominee_name or "", "被推荐对象名称（提案或信息标题、单位名称）", MAX_NAME)
    ids = member_ids(cmd.member_ids, "署名委员编号", MAX_CREDITED)
    snapshot = member_snapshot(ids, refs.credited, "作为署名委员")
    township = cmd.township_id or next(iter(snapshot.values()), None)
    return _Resolved(name, ids, snapshot, township and check_township_id(township))


def decide_nominate_excellence(
    cmd: NominateExcellence, state: ExcellenceState, refs: NomineeRefs
) -> list[DomainEvent]:
    year = check_year(cmd.year, cmd.today)
    category = cast(
        ExcellenceCategory, choice(cmd.category, EXCELLENCE_CATEGORY_LABELS, "评选类别")
    )
    nominee_id = text(cmd.nominee_id, "被推荐对象编号", MAX_REF)
    label = EXCELLENCE_CATEGORY_LABELS[category]
    if state.nominated(category, nominee_id):
        raise Rejected(
            f"{year} 年度“{label}”已推荐过该对象（编号 {nominee_id}），不能重复推荐",
            code="already_nominated",
        )
    kind = NOMINEE_KIND_OF[category]
    resolved = _resolve(cmd, kind, refs)
    return [
        ExcellenceNominated(
            year=year,
            nomination_id=cmd.nomination_id,
            category=category,
            nominee_kind=kind,
            nominee_id=nominee_id,
            nominee_name=resolved.name,
            member_ids=resolved.member_ids,
            member_township_ids=resolved.townships,
            township_id=resolved.township_id,
            reason=text(cmd.reason, "推荐理由", MAX_REASON),
        )
    ]


def decide_award_excellence(cmd: AwardExcellence, state: ExcellenceState) -> list[DomainEvent]:
    nomination = state.find(cmd.nomination_id)
    if nomination is None:
        raise NotFound(
            f"{cmd.year} 年度争先创优没有编号为 {cmd.nomination_id} 的推荐，请核对",
            code="nomination_not_found",
        )
    level = cast(AwardLevel, choice(cmd.level, AWARD_LEVEL_LABELS, "表彰级别"))
    event = nomination.event
    if level in nomination.levels:
        raise Rejected(
            f"“{event.nominee_name}”已获{AWARD_LEVEL_LABELS[level]}"
            f"“{EXCELLENCE_CATEGORY_LABELS[event.category]}”表彰，不能重复表彰",
            code="already_awarded",
        )
    data = event.model_dump(exclude={"reason"})
    title = optional_text(cmd.award_title, "表彰名称", MAX_NAME)
    return [ExcellenceAwarded(**data, level=level, award_title=title)]


def credited_ids(cmd: NominateExcellence) -> Sequence[str]:
    """Members whose state the nomination needs (the application loads them read-only)."""
    if NOMINEE_KIND_OF.get(cmd.category) == "member":
        return [cmd.nominee_id]
    if NOMINEE_KIND_OF.get(cmd.category) == "liaison_group":
        return []
    return list(dict.fromkeys(cmd.member_ids))
