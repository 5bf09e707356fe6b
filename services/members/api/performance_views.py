"""Reads of the performance API: who may see what, and the response bodies."""

from __future__ import annotations

from services.members.api.performance_schemas import (
    ConstraintOut,
    EvaluationOut,
    GroupAverageOut,
    LeagueOut,
    LeagueRow,
    PerformanceOut,
    TownshipMemberScore,
    TownshipPerformanceOut,
    TriggerOut,
)
from services.members.api.queries import directory_of, require_group
from services.members.application.scoring_cards import (
    card_of,
    group_averages,
    groups_in,
    points_in,
    rank,
    township_members,
)
from services.members.application.scoring_config import scoring_config
from services.members.application.scoring_handlers import Evaluation
from services.members.application.scoring_reads import (
    FileData,
    load_constraints,
    load_file,
    performance_of,
)
from services.members.domain.appraisal import CONSTRAINT_RULE_LABELS
from services.members.scoring.score import num
from shared.auth import Forbidden, Principal
from shared.domain import NotFound
from shared.service import ServiceRuntime


def require_member_access(principal: Principal, member_id: str, groups: set[str]) -> None:
    """The member themself, the staff of a group the member belonged to, the county office."""
    if principal.is_admin or principal.member_id == member_id:
        return
    if groups & principal.townships:
        return
    raise Forbidden("委员履职档案仅限委员本人、所在联络组和县政协机关查看。")


async def member_performance(
    rt: ServiceRuntime, principal: Principal, member_id: str, year: int
) -> PerformanceOut:
    p = performance_of(rt)
    async with rt.db.read() as conn:
        data = await load_file(conn, p, [member_id], range(year, year + 1))
        info = data.members.get(member_id)
        if info is None:
            raise NotFound(
                f"委员（编号 {member_id}）不存在，请核对委员编号", code="member_not_found"
            )
        groups = groups_in(data, member_id, year)
        require_member_access(principal, member_id, groups | {info.township_id or ""})
        constraints = await load_constraints(conn, p, member_id, year)
    card = card_of(data, scoring_config(rt), member_id, year)
    return PerformanceOut(
        member_id=member_id,
        member_name=info.name,
        year=year,
        township_id=info.township_id,
        townships=sorted(groups),
        active=info.active,
        score=card,
        constraints=[
            ConstraintOut(
                rule=c.rule,
                rule_label=CONSTRAINT_RULE_LABELS.get(c.rule, c.rule),
                detail=c.detail,
                evidence=list(c.evidence),
                score=c.score,
                ruleset_version=c.ruleset_version,
                recorded_at=c.recorded_at,
            )
            for c in constraints
        ],
    )


def _township_rows(
    data: FileData, rt: ServiceRuntime, township_id: str, year: int
) -> list[TownshipMemberScore]:
    config = scoring_config(rt)
    rows: list[TownshipMemberScore] = []
    for member_id in township_members(data, township_id, year):
        info = data.members[member_id]
        card = card_of(data, config, member_id, year)
        points, count = points_in(card, township_id)
        rows.append(
            TownshipMemberScore(
                member_id=member_id,
                member_name=info.name,
                total=card.total,
                grade=card.grade,
                grade_label=card.grade_label,
                points_here=points,
                facts_here=count,
                current_township_id=info.township_id,
            )
        )
    rows.sort(key=lambda r: (-r.total, r.member_name or "", r.member_id))
    return rows


async def township_performance(
    rt: ServiceRuntime, principal: Principal, township_id: str, year: int
) -> TownshipPerformanceOut:
    principal.require_township(township_id)
    async with rt.db.read() as conn:
        await require_group(conn, directory_of(rt), township_id)
        data = await load_file(conn, performance_of(rt), None, range(year, year + 1))
    rows = _township_rows(data, rt, township_id, year)
    grades: dict[str, int] = {}
    for row in rows:
        grades[row.grade] = grades.get(row.grade, 0) + 1
    average = num(sum(r.total for r in rows) / len(rows)) if rows else None
    return TownshipPerformanceOut(
        township_id=township_id,
        year=year,
        ruleset_version=scoring_config(rt).for_year(year).version,
        members=rows,
        average=average,
        grades=grades,
    )


async def league(rt: ServiceRuntime, principal: Principal, year: int) -> LeagueOut:
    principal.require("county_admin")
    config = scoring_config(rt)
    async with rt.db.read() as conn:
        data = await load_file(conn, performance_of(rt), None, range(year, year + 1))
    ranked = rank(data, config, year)
    rows = [
        LeagueRow(
            rank=r.rank,
            member_id=r.member.member_id,
            member_name=r.member.name,
            township_id=r.township_id,
            total=r.card.total,
            grade=r.card.grade,
            grade_label=r.card.grade_label,
            subtotals={c.group: c.subtotal for c in r.card.categories},
        )
        for r in ranked
    ]
    groups = [
        GroupAverageOut(
            township_id=g.township_id, members=g.members, average=g.average, grades=g.grades
        )
        for g in group_averages(ranked)
    ]
    return LeagueOut(
        year=year, ruleset_version=config.for_year(year).version, rows=rows, groups=groups
    )


def evaluation_out(result: Evaluation) -> EvaluationOut:
    return EvaluationOut(
        year=result.year,
        ruleset_version=result.ruleset_version,
        evaluated_members=result.members,
        triggered=[
            TriggerOut(
                member_id=r.trigger.member_id,
                member_name=r.name,
                rule=r.trigger.rule,
                rule_label=CONSTRAINT_RULE_LABELS.get(r.trigger.rule, r.trigger.rule),
                detail=r.trigger.detail,
                evidence=list(r.trigger.evidence),
                score=r.trigger.score,
                new=r.new,
            )
            for r in result.results
        ],
        stream=result.stream,
        seq=result.seq,
    )
