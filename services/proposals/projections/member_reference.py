"""`member_reference`: who is a registered member and which liaison group they belong to.

Read from the MEMBERS stream; used when a proposal is submitted to look up the authors'
townships and names (a local copy, so submitting never calls the members service).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from sqlalchemy import Column, Integer, String, bindparam, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from shared.db import upsert
from shared.events import RecordedEvent
from shared.projection import Projection, Write

from .foreign import MemberLiaisonGroupChanged, MemberProfileUpdated, MemberRegistered
from .registries import read_registry


@dataclass(frozen=True)
class MemberRef:
    member_id: str
    name: str
    township_id: str


class MemberReference(Projection):
    name = "member_reference"
    sources = ("MEMBERS",)
    registry = read_registry

    def define(self) -> None:
        self.members = self.table(
            "members_ref",
            Column("member_id", String(64), primary_key=True),
            Column("name", String(100), nullable=False),
            Column("township_id", String(32), nullable=False, index=True),
            Column("sector", String(100), nullable=False),
            Column("term_no", Integer, nullable=False),
            Column("work_unit", String(200), nullable=True),
        )
        self.upsert_member = upsert(self.dialect, self.members, ["member_id"])
        self.move_member = (
            update(self.members)
            .where(self.members.c.member_id == bindparam("b_member_id"))
            .values(township_id=bindparam("b_township_id"))
        )
        self.set_work_unit = (
            update(self.members)
            .where(self.members.c.member_id == bindparam("b_member_id"))
            .values(work_unit=bindparam("b_work_unit"))
        )
        self.on(MemberRegistered, self.registered)
        self.on(MemberLiaisonGroupChanged, self.group_changed)
        self.on(MemberProfileUpdated, self.profile_updated)

    def registered(self, recorded: RecordedEvent) -> list[Write]:
        event = recorded.event
        assert isinstance(event, MemberRegistered)
        row = {
            "member_id": event.member_id,
            "name": event.member_name,
            "township_id": event.township_id,
            "sector": event.sector,
            "term_no": event.term_no,
            "work_unit": event.work_unit,
        }
        return [(self.upsert_member, row)]

    def group_changed(self, recorded: RecordedEvent) -> list[Write]:
        event = recorded.event
        assert isinstance(event, MemberLiaisonGroupChanged)
        params = {"b_member_id": event.member_id, "b_township_id": event.to_township_id}
        return [(self.move_member, params)]

    def profile_updated(self, recorded: RecordedEvent) -> list[Write]:
        event = recorded.event
        assert isinstance(event, MemberProfileUpdated)
        if "work_unit" not in event.changed:
            return []
        params = {"b_member_id": event.member_id, "b_work_unit": event.work_unit}
        return [(self.set_work_unit, params)]

    async def work_unit_of(self, conn: AsyncConnection, member_id: str) -> str | None:
        t = self.members
        stmt = select(t.c.work_unit).where(t.c.member_id == member_id)
        return (await conn.execute(stmt)).scalar_one_or_none()

    async def lookup(
        self, conn: AsyncConnection, member_ids: Iterable[str]
    ) -> dict[str, MemberRef]:
        """The known members among `member_ids` (unknown ids are simply absent)."""
        wanted = sorted(set(member_ids))
        if not wanted:
            return {}
        t = self.members
        stmt = select(t.c.member_id, t.c.name, t.c.township_id).where(t.c.member_id.in_(wanted))
        rows = (await conn.execute(stmt)).all()
        return {r.member_id: MemberRef(r.member_id, r.name, r.township_id) for r in rows}


def townships_of(refs: Mapping[str, MemberRef]) -> dict[str, str]:
    return {member_id: ref.township_id for member_id, ref in refs.items()}


def names_of(refs: Mapping[str, MemberRef]) -> dict[str, str]:
    return {member_id: ref.name for member_id, ref in refs.items() if ref.name}
