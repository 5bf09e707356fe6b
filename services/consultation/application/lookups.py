"""Checks against read models: member reference data (from MEMBERS), suggestion ids in use."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select

from services.consultation.domain.values import Participant, Suggestion
from services.consultation.projections.consultations import ConsultationBoard
from services.consultation.projections.members import MemberDirectory
from shared.db import Database
from shared.domain import Invalid


@dataclass(frozen=True)
class MemberRef:
    member_id: str
    member_name: str
    township_id: str | None


async def lookup_members(
    db: Database, directory: MemberDirectory, member_ids: Iterable[str]
) -> dict[str, MemberRef]:
    wanted = sorted(set(member_ids))
    if not wanted:
        return {}
    table = directory.members
    async with db.read() as conn:
        rows = await conn.execute(select(table).where(table.c.member_id.in_(wanted)))
        return {r.member_id: MemberRef(r.member_id, r.member_name, r.township_id) for r in rows}


def referenced_members(
    participants: Iterable[Participant], suggestions: Iterable[Suggestion]
) -> list[str]:
    ids = [p.member_id for p in participants]
    for suggestion in suggestions:
        ids.extend(suggestion.proposer_ids)
    return list(dict.fromkeys(ids))


def require_registered(member_ids: Iterable[str], known: dict[str, MemberRef]) -> None:
    unknown = [m for m in member_ids if m not in known]
    if unknown:
        listed = "、".join(unknown[:5]) + ("等" if len(unknown) > 5 else "")
        raise Invalid(
            f"委员{listed}未登记（或登记信息尚未同步），请核对委员编号；"
            "刚登记的委员可稍后重试，或在请求中带上 min_seq=MEMBERS:<序号>",
            code="unknown_member",
        )


def with_townships(
    participants: Iterable[Participant], known: dict[str, MemberRef]
) -> list[Participant]:
    """Fill each participant's township from the member's liaison group when not given."""
    filled: list[Participant] = []
    for p in participants:
        ref = known.get(p.member_id)
        if p.township_id is None and ref is not None and ref.township_id is not None:
            p = p.model_copy(update={"township_id": ref.township_id})
        filled.append(p)
    return filled


async def suggestion_ids_in_use(
    db: Database, board: ConsultationBoard, suggestions: Iterable[Suggestion], consultation_id: str
) -> list[str]:
    """Client-chosen suggestion ids that another consultation already uses."""
    wanted = sorted({s.suggestion_id for s in suggestions})
    if not wanted:
        return []
    table = board.suggestions
    stmt = select(table.c.suggestion_id).where(
        table.c.suggestion_id.in_(wanted), table.c.consultation_id != consultation_id
    )
    async with db.read() as conn:
        return sorted(r[0] for r in await conn.execute(stmt))


def require_unused(suggestion_ids: list[str]) -> None:
    if suggestion_ids:
        raise Invalid(
            f"建议编号{'、'.join(suggestion_ids[:5])}已被其他协商活动使用，"
            "请不填建议编号（系统自动生成）或换用新的编号",
            code="suggestion_id_in_use",
        )
