"""Queries over the read models (never the event store)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, or_, select

from services.consultation.api.schemas import (
    AdoptedSuggestionView,
    ConsultationDetail,
    ConsultationView,
    ParticipantView,
    SuggestionView,
    TownshipConsultation,
    TownshipPanel,
)
from services.consultation.domain.labels import (
    ADOPTION_LABELS,
    PENDING_SUGGESTION_LABEL,
    ROLE_LABELS,
    STATUS_LABELS,
    TYPE_LABELS,
)
from services.consultation.domain.values import (
    HELD_OR_LATER,
    Adoption,
    ConsultationStatus,
    ConsultationType,
    ParticipantRole,
)
from services.consultation.projections import ConsultationBoard, MemberDirectory
from shared.db import Database

HELD_VALUES = sorted(s.value for s in HELD_OR_LATER)


@dataclass(frozen=True)
class ListFilter:
    township_ids: list[str] | None  # None = every township and county-level ones
    status: ConsultationStatus | None = None
    type: ConsultationType | None = None
    limit: int = 100
    offset: int = 0


def consultation_view(row: Any) -> ConsultationView:
    return ConsultationView(**_consultation_fields(row))


def _consultation_fields(row: Any) -> dict[str, Any]:
    status = ConsultationStatus(row.status)
    kind = ConsultationType(row.type)
    return {
        "consultation_id": row.consultation_id,
        "type": kind,
        "type_label": TYPE_LABELS[kind],
        "topic": row.topic,
        "township_id": row.township_id,
        "organizer": row.organizer,
        "planned_date": row.planned_date,
        "held_on": row.held_on,
        "status": status,
        "status_label": STATUS_LABELS[status],
        "suggestions_count": row.suggestions_count,
        "adopted_count": row.adopted_count,
    }


def _suggestion_fields(row: Any) -> dict[str, Any]:
    label = (
        PENDING_SUGGESTION_LABEL
        if row.status == "pending"
        else ADOPTION_LABELS[Adoption(row.status)]
    )
    return {
        "suggestion_id": row.suggestion_id,
        "consultation_id": row.consultation_id,
        "text": row.text,
        "target_department": row.target_department,
        "status": row.status,
        "status_label": label,
        "adopted_by": row.adopted_by,
    }


async def list_consultations(
    db: Database, board: ConsultationBoard, wanted: ListFilter
) -> list[ConsultationView]:
    c = board.consultations
    stmt = select(c)
    if wanted.township_ids is not None:
        stmt = stmt.where(c.c.township_id.in_(wanted.township_ids))
    if wanted.status is not None:
        stmt = stmt.where(c.c.status == wanted.status.value)
    if wanted.type is not None:
        stmt = stmt.where(c.c.type == wanted.type.value)
    stmt = stmt.order_by(c.c.planned_date.desc(), c.c.consultation_id)
    stmt = stmt.limit(wanted.limit).offset(wanted.offset)
    async with db.read() as conn:
        return [consultation_view(r) for r in await conn.execute(stmt)]


async def get_consultation(
    db: Database, board: ConsultationBoard, directory: MemberDirectory, consultation_id: str
) -> ConsultationDetail | None:
    c, s, p, m = board.consultations, board.suggestions, board.participants, directory.members
    async with db.read() as conn:
        row = (await conn.execute(select(c).where(c.c.consultation_id == consultation_id))).first()
        if row is None:
            return None
        people = await conn.execute(
            select(p, m.c.member_name)
            .outerjoin(m, m.c.member_id == p.c.member_id)
            .where(p.c.consultation_id == consultation_id)
            .order_by(p.c.member_id)
        )
        participants = [_participant(r) for r in people]
        rows = await conn.execute(
            select(s).where(s.c.consultation_id == consultation_id).order_by(s.c.suggestion_id)
        )
        suggestions = [SuggestionView(**_suggestion_fields(r)) for r in rows]
    fields = _consultation_fields(row)
    return ConsultationDetail(**fields, participants=participants, suggestions=suggestions)


def _participant(row: Any) -> ParticipantView:
    role = ParticipantRole(row.role)
    return ParticipantView(
        member_id=row.member_id,
        member_name=row.member_name,
        role=role,
        role_label=ROLE_LABELS[role],
        township_id=row.township_id,
    )


def _held_in_or_by(board: ConsultationBoard, township_id: str) -> Select[Any]:
    """Held consultations in the township, or attended by its members (DOMAIN §6.2)."""
    c, p = board.consultations, board.participants
    ours = select(p.c.consultation_id).where(p.c.township_id == township_id)
    return select(c).where(
        c.c.status.in_(HELD_VALUES),
        or_(c.c.township_id == township_id, c.c.consultation_id.in_(ours)),
    )


async def township_panel(db: Database, board: ConsultationBoard, township_id: str) -> TownshipPanel:
    s = board.suggestions
    held = _held_in_or_by(board, township_id).subquery()
    consultations_stmt = select(held).order_by(held.c.held_on.desc(), held.c.consultation_id)
    adopted_stmt = (
        select(s, held.c.topic, held.c.held_on)
        .join(held, held.c.consultation_id == s.c.consultation_id)
        .where(s.c.status != "pending")
        .order_by(held.c.held_on.desc(), s.c.suggestion_id)
    )
    async with db.read() as conn:
        rows = (await conn.execute(consultations_stmt)).all()
        adopted_rows = (await conn.execute(adopted_stmt)).all()
    consultations = [
        TownshipConsultation(
            **_consultation_fields(r),
            attribution="township" if r.township_id == township_id else "participant",
        )
        for r in rows
    ]
    adopted = [
        AdoptedSuggestionView(**_suggestion_fields(r), topic=r.topic, held_on=r.held_on)
        for r in adopted_rows
    ]
    return TownshipPanel(
        township_id=township_id,
        held_count=len(consultations),
        suggestions_count=sum(x.suggestions_count for x in consultations),
        adopted_count=len(adopted),
        consultations=consultations,
        adopted_suggestions=adopted,
    )
