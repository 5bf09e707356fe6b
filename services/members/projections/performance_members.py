"""`performance` handlers for the members service's own events (stream MEMBERS): the member
roll and group history, terms, attendance, verified visits, training, livelihood
activities, excellence awards, and the appraisal's constraints, decisions, adjustments."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Table
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql import Executable

from services.members.domain import (
    MemberAppointed,
    MemberLiaisonGroupChanged,
    MemberProfileUpdated,
    MemberRegistered,
    MemberTermEnded,
)
from services.members.domain.activities.excellence import ExcellenceAwarded
from services.members.domain.activities.livelihood import LivelihoodActivityVerified
from services.members.domain.activities.training import TrainingAttended
from services.members.domain.activities.visit import VisitIssueEscalated, VisitVerified
from services.members.domain.appraisal import (
    MemberConstraintTriggered,
    MemberPersuadedToResign,
    MemberQualificationRevoked,
    MemberScoreAdjusted,
    MemberWarned,
)
from services.members.domain.meeting import AttendanceRecorded
from services.members.projections.performance_rows import day, fact_row
from shared.events import RecordedEvent
from shared.projection import Write

PENALTY_KIND: dict[type[Any], str] = {
    MemberWarned: "warned",
    MemberPersuadedToResign: "persuaded_to_resign",
    MemberQualificationRevoked: "qualification_revoked",
}


class MemberFactHandlers:
    """Mixin of `Performance`: the statements are built in its `define()`."""

    facts: Table
    put_fact: Executable
    replace_fact: Executable
    put_spell: Executable
    put_member: Executable
    set_member: Executable
    set_name: Executable
    set_active: Executable
    put_term: Executable
    end_term: Executable
    put_escalation: Executable
    put_constraint: Executable

    async def link_output(self, conn: AsyncConnection, draft_id: str) -> None:
        raise NotImplementedError

    # --- roll, history, terms --------------------------------------------------------

    def member_registered(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, MemberRegistered)
        spell = {"member_id": e.member_id, "seq": rec.seq, "since": rec.time}
        member = {
            "member_id": e.member_id,
            "name": e.member_name,
            "township_id": e.township_id,
            "registered_at": rec.time,
            "active": True,
        }
        term = {
            "member_id": e.member_id,
            "term_no": e.term_no,
            "joined_on": day(e.joined_at, rec),
            "left_on": None,
            "exit_reason": None,
        }
        return [
            (self.put_spell, {**spell, "township_id": e.township_id}),
            (self.put_member, member),
            (self.put_term, term),
        ]

    def group_changed(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, MemberLiaisonGroupChanged)
        spell = {"member_id": e.member_id, "seq": rec.seq, "since": rec.time}
        return [
            (self.put_spell, {**spell, "township_id": e.to_township_id}),
            (self.set_member, {"b_id": e.member_id, "b_township": e.to_township_id}),
        ]

    def profile_updated(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, MemberProfileUpdated)
        if "member_name" not in e.changed:
            return []
        return [(self.set_name, {"b_id": e.member_id, "b_name": e.member_name})]

    def appointed(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, MemberAppointed)
        term = {
            "member_id": e.member_id,
            "term_no": e.term_no,
            "joined_on": e.joined_at,
            "left_on": None,
            "exit_reason": None,
        }
        return [(self.put_term, term), (self.set_active, {"b_id": e.member_id, "b_active": True})]

    def term_ended(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, MemberTermEnded)
        params = {
            "b_id": e.member_id,
            "b_term": e.term_no,
            "b_left": e.left_at,
            "b_reason": e.exit_reason,
        }
        writes: list[Write] = [(self.end_term, params)]
        if e.exit_reason is not None:
            writes.append((self.set_active, {"b_id": e.member_id, "b_active": False}))
        return writes

    # --- facts -----------------------------------------------------------------------

    def attendance(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, AttendanceRecorded)
        row = fact_row(
            rec,
            f"attendance:{e.meeting_id}:{e.member_id}",
            e.member_id,
            "attendance",
            e.status,
            e.meeting_date,
            detail=e.kind,
            ref_id=e.meeting_id,
            township_id=e.township_id,
        )
        return [(self.replace_fact, row)]

    def visit_verified(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, VisitVerified)
        visitors = dict.fromkeys(e.visitor_ids or (e.member_id,))
        return [
            (
                self.put_fact,
                fact_row(
                    rec,
                    f"visit:{e.visit_id}:verified:{member_id}",
                    member_id,
                    "visit",
                    "verified",
                    e.visit_date,
                    detail=e.visit_kind,
                    ref_id=e.visit_id,
                    township_id=e.township_id if member_id == e.member_id else None,
                ),
            )
            for member_id in visitors
        ]

    async def escalated(self, conn: AsyncConnection, rec: RecordedEvent) -> None:
        e = rec.event
        assert isinstance(e, VisitIssueEscalated)
        row = {
            "draft_id": e.draft_id,
            "visit_id": e.visit_id,
            "member_id": e.member_id,
            "township_id": e.township_id,
            "target": e.target,
        }
        await conn.execute(self.put_escalation, row)
        await self.link_output(conn, e.draft_id)

    def training(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, TrainingAttended)
        row = fact_row(
            rec,
            f"training:{e.training_id}:{e.member_id}",
            e.member_id,
            "activity",
            "training",
            e.start_date,
            detail=e.kind,
            role="full" if e.full_attendance else "partial",
            ref_id=e.training_id,
            township_id=e.township_id,
        )
        return [(self.put_fact, row)]

    def livelihood(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, LivelihoodActivityVerified)
        return [
            (
                self.put_fact,
                fact_row(
                    rec,
                    f"livelihood:{e.activity_id}:{member_id}",
                    member_id,
                    "livelihood",
                    "participated",
                    e.activity_date,
                    detail=e.kind,
                    ref_id=e.activity_id,
                    township_id=e.participant_township_ids.get(member_id),
                ),
            )
            for member_id in dict.fromkeys(e.participant_member_ids)
        ]

    def excellence(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, ExcellenceAwarded)
        on = day(None, rec)
        return [
            (
                self.put_fact,
                fact_row(
                    rec,
                    f"excellence:{e.nomination_id}:{e.level}:{member_id}",
                    member_id,
                    "award",
                    "excellence",
                    on,
                    year=e.year,
                    detail=e.level,
                    role=e.category,
                    ref_id=e.nomination_id,
                    township_id=e.member_township_ids.get(member_id),
                ),
            )
            for member_id in dict.fromkeys(e.member_ids)
        ]

    # --- appraisal ---------------------------------------------------------------------

    def constraint(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, MemberConstraintTriggered)
        row = {
            "member_id": e.member_id,
            "year": e.year,
            "rule": e.rule,
            "evidence": json.dumps(list(e.evidence)),
            "score": e.score,
            "detail": e.detail,
            "ruleset_version": e.ruleset_version,
            "township_id": e.township_id,
            "recorded_at": rec.time,
            "seq": rec.seq,
        }
        return [(self.put_constraint, row)]

    def decision(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, MemberWarned | MemberPersuadedToResign | MemberQualificationRevoked)
        kind = PENALTY_KIND[type(e)]
        row = fact_row(
            rec,
            f"appraisal:{e.year}:{e.member_id}:{kind}",
            e.member_id,
            "penalty",
            kind,
            day(None, rec),
            year=e.year,
            detail=e.rule,
            township_id=e.township_id,
            note=e.reason,
        )
        return [(self.put_fact, row)]

    def adjusted(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, MemberScoreAdjusted)
        row = fact_row(
            rec,
            f"adjustment:{e.adjustment_id}",
            e.member_id,
            "adjustment",
            "adjusted",
            day(None, rec),
            year=e.year,
            township_id=e.township_id,
            fixed_points=e.points,
            note=e.reason,
        )
        return [(self.put_fact, row)]
