"""Read model `directory`: liaison groups and their current members (from MEMBERS)."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Integer,
    String,
    Text,
    bindparam,
    update,
)

from services.members.domain import (
    LiaisonGroupEstablished,
    MemberLiaisonGroupChanged,
    MemberRegistered,
)
from services.members.projections.registry import read_registry
from shared.db import upsert
from shared.events import RecordedEvent
from shared.projection import Projection, Write

ID = String(64)


class Directory(Projection):
    """Who is in which liaison group now (a member's group follows its latest change)."""

    name = "directory"
    sources = ("MEMBERS",)
    registry = read_registry

    def define(self) -> None:
        self.groups = self.table(
            "liaison_groups",
            Column("township_id", ID, primary_key=True),
            Column("group_name", Text, nullable=False),
            Column("township_name", Text, nullable=False),
            Column("established_at", DateTime(timezone=True), nullable=False),
        )
        self.members = self.table(
            "members",
            Column("member_id", ID, primary_key=True),
            Column("name", Text, nullable=False),
            Column("sector", Text, nullable=False),
            Column("political_affiliation", Text, nullable=False),
            Column("township_id", ID, nullable=False, index=True),
            Column("term_no", Integer, nullable=False),
            Column("is_standing_member", Boolean, nullable=False),
            Column("work_unit", Text),
            Column("registered_at", DateTime(timezone=True), nullable=False),
        )
        self.put_group = upsert(self.dialect, self.groups, ["township_id"])
        self.put_member = upsert(self.dialect, self.members, ["member_id"])
        self.move_member = (
            update(self.members)
            .where(self.members.c.member_id == bindparam("b_member_id"))
            .values(township_id=bindparam("b_township_id"))
        )
        self.on(LiaisonGroupEstablished, self.group_established)
        self.on(MemberRegistered, self.member_registered)
        self.on(MemberLiaisonGroupChanged, self.group_changed)

    def group_established(self, rec: RecordedEvent) -> list[Write]:
        event = rec.event
        assert isinstance(event, LiaisonGroupEstablished)
        row = {
            "township_id": event.township_id,
            "group_name": event.group_name,
            "township_name": event.township_name,
            "established_at": rec.meta.time,
        }
        return [(self.put_group, row)]

    def member_registered(self, rec: RecordedEvent) -> list[Write]:
        event = rec.event
        assert isinstance(event, MemberRegistered)
        row = {
            "member_id": event.member_id,
            "name": event.member_name,
            "sector": event.sector,
            "political_affiliation": event.political_affiliation,
            "township_id": event.township_id,
            "term_no": event.term_no,
            "is_standing_member": event.is_standing_member,
            "work_unit": event.work_unit,
            "registered_at": rec.meta.time,
        }
        return [(self.put_member, row)]

    def group_changed(self, rec: RecordedEvent) -> list[Write]:
        event = rec.event
        assert isinstance(event, MemberLiaisonGroupChanged)
        params = {"b_member_id": event.member_id, "b_township_id": event.to_township_id}
        return [(self.move_member, params)]
