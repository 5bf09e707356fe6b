"""The members panel's "current-year score & grade" (DOMAIN §5.4, §6.3) and the league's
average score: read from the yearly appraisal of this service (`application.scoring_*`,
computed on read from the `performance` read model with the county's rule set).

`member_scores` is the one hook the panels call; without the `performance` projection it
answers no score (`score = null`, `scores_available = false`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncConnection

from services.members.application.scoring_cards import card_of
from services.members.application.scoring_config import scoring_config
from services.members.application.scoring_reads import load_file
from services.members.projections.performance import Performance
from shared.service import ServiceRuntime


@dataclass(frozen=True)
class MemberScore:
    score: float | None
    grade: str | None = None
    grade_label: str | None = None


async def member_scores(
    rt: ServiceRuntime, conn: AsyncConnection, member_ids: Sequence[str], year: int
) -> dict[str, MemberScore]:
    """{member_id: this year's score card total and grade} for the members the appraisal
    knows; {} when the appraisal read model is not running."""
    performance = next((p for p in rt.runner.projections if isinstance(p, Performance)), None)
    if performance is None or not member_ids:
        return {}
    data = await load_file(conn, performance, list(member_ids), range(year, year + 1))
    config = scoring_config(rt)
    scores: dict[str, MemberScore] = {}
    for member_id in member_ids:
        if member_id in data.members:
            card = card_of(data, config, member_id, year)
            scores[member_id] = MemberScore(card.total, card.grade, card.grade_label)
    return scores
