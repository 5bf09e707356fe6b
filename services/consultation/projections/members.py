"""Member reference data (from the MEMBERS stream): who is a registered member, and where."""

from __future__ import annotations

from sqlalchemy import Column, String, bindparam, update

from services.consultation.projections.foreign import MemberLiaisonGroupChanged, MemberRegistered
from services.consultation.projections.registries import read_registry
from shared.db import upsert
from shared.events import RecordedEvent
from shared.projection import Projection, Write


class MemberDirectory(Projection):
    """`members_ref`: member_id → name and current liaison group (township)."""

    # Durable consumer names are per stream, shared by every service: keep ours unique.
    name = "consultation_members_ref"
    sources = ("MEMBERS",)
    registry = read_registry

    def define(self) -> None:
        self.members = self.table(
            "members_ref",
            Column("member_id", String(64), primary_key=True),
            Column("member_name", String(100), nullable=False),
            Column("township_id", String(32), nullable=True),
        )
        self.upsert_member = upsert(self.dialect, self.members, ["member_id"])
        self.move_member = (
            update(self.members)
            .where(self.members.c.member_id == bindparam("b_member_id"))
            .values(township_id=bindparam("b_township_id"))
        )
        self.on(MemberRegistered, self.registered)
        self.on(MemberLiaisonGroupChanged, self.moved)

    def registered(self, rec: RecordedEvent) -> list[Write]:
        event = rec.event
        assert isinstance(event, MemberRegistered)
        row = {
            "member_id": event.member_id,
            "member_name": event.member_name,
            "township_id": event.township_id,
        }
        return [(self.upsert_member, row)]

    def moved(self, rec: RecordedEvent) -> list[Write]:
        event = rec.event
        assert isinstance(event, MemberLiaisonGroupChanged)
        if event.new_township_id is None:
            return []
        params = {"b_member_id": event.member_id, "b_township_id": event.new_township_id}
        return [(self.move_member, params)]
