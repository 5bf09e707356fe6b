"""Read model `directory`: liaison groups, sectors and members with their records
(terms, special committees, change history) — from MEMBERS.

A member's group follows its latest change. Personal data is stored only as ciphertext.
"""

from __future__ import annotations

from sqlalchemy import bindparam, delete, update

from services.members.domain import (
    LiaisonGroupEstablished,
    MemberLiaisonGroupChanged,
    MemberRegistered,
)
from services.members.domain.sector import SectorEstablished, SectorRenamed, SectorRetired
from services.members.domain.vocab import STANDING_TYPES
from services.members.projections.directory_records import MemberRecordHandlers, change_row
from services.members.projections.directory_tables import (
    change_columns,
    committee_columns,
    group_columns,
    member_columns,
    sector_columns,
    term_columns,
)
from services.members.projections.registry import read_registry
from shared.db import upsert
from shared.events import RecordedEvent
from shared.projection import Projection, Write


class Directory(MemberRecordHandlers, Projection):
    """Who is in which liaison group and sector now, and each member's record."""

    name = "directory"
    sources = ("MEMBERS",)
    registry = read_registry

    def define(self) -> None:
        self.groups = self.table("liaison_groups", *group_columns())
        self.members = self.table("members", *member_columns())
        self.sectors = self.table("sectors", *sector_columns())
        self.terms = self.table("member_terms", *term_columns())
        self.committees = self.table("member_committees", *committee_columns())
        self.changes = self.table("member_changes", *change_columns())
        self._core_statements()
        self.define_records()
        self.on(LiaisonGroupEstablished, self.group_established)
        self.on(MemberRegistered, self.member_registered)
        self.on(MemberLiaisonGroupChanged, self.group_changed)
        self.on(SectorEstablished, self.sector_established)
        self.on(SectorRenamed, self.sector_renamed)
        self.on(SectorRetired, self.sector_retired)

    def _core_statements(self) -> None:
        m, s = self.members, self.sectors
        self.put_group = upsert(self.dialect, self.groups, ["township_id"])
        self.put_member = upsert(self.dialect, m, ["member_id"])
        self.put_sector = upsert(self.dialect, s, ["sector_id"])
        self.put_term = upsert(self.dialect, self.terms, ["member_id", "term_no"])
        self.put_change = upsert(self.dialect, self.changes, ["event_id"])
        self.put_committee = upsert(self.dialect, self.committees, ["member_id", "committee"])
        self.drop_committee = delete(self.committees).where(
            self.committees.c.member_id == bindparam("b_member_id"),
            self.committees.c.committee == bindparam("b_committee"),
        )
        by_member = m.c.member_id == bindparam("b_member_id")
        self.move_member = update(m).where(by_member).values(township_id=bindparam("b_township_id"))
        by_sector = s.c.sector_id == bindparam("b_sector_id")
        self.rename_sector = update(s).where(by_sector).values(name=bindparam("b_name"))
        self.retire_sector = update(s).where(by_sector).values(retired=True)
        self.rename_members_sector = (
            update(m)
            .where(m.c.sector_id == bindparam("b_sector_id"))
            .values(sector=bindparam("b_name"))
        )

    def group_established(self, rec: RecordedEvent) -> list[Write]:
        event = rec.event
        assert isinstance(event, LiaisonGroupEstablished)
        row = {
            "township_id": event.township_id,
            "group_name": event.group_name,
            "township_name": event.township_name,
            "established_at": rec.time,
        }
        return [(self.put_group, row)]

    def member_registered(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, MemberRegistered)
        member_type = e.member_type or ("standing_member" if e.is_standing_member else "member")
        row = {
            "member_id": e.member_id,
            "name": e.member_name,
            "sector": e.sector,
            "political_affiliation": e.political_affiliation,
            "township_id": e.township_id,
            "term_no": e.term_no,
            "is_standing_member": e.is_standing_member or member_type in STANDING_TYPES,
            "work_unit": e.work_unit,
            "registered_at": rec.time,
            "sector_id": e.sector_id,
            "member_type": member_type,
            "active": True,
            "exit_reason": None,
            "left_at": None,
            "gender": e.gender,
            "ethnicity": e.ethnicity,
            "birth_date": e.birth_date,
            "position": e.position,
            "is_non_public_economy": e.is_non_public_economy,
            "is_new_social_stratum": e.is_new_social_stratum,
            "enterprise_name": e.enterprise_name,
            "pii_key_id": e.pii_key_id if e.pii else None,
            "phone_ct": e.pii.get("phone"),
            "id_number_ct": e.pii.get("id_number"),
            "address_ct": e.pii.get("address"),
            "pii_forgotten": False,
        }
        term = {
            "member_id": e.member_id,
            "term_no": e.term_no,
            "member_type": member_type,
            "joined_at": e.joined_at,
            "left_at": None,
            "exit_reason": None,
        }
        return [(self.put_member, row), (self.put_term, term)]

    def group_changed(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, MemberLiaisonGroupChanged)
        params = {"b_member_id": e.member_id, "b_township_id": e.to_township_id}
        change = change_row(rec, "liaison_group", e.from_township_id, e.to_township_id, e.reason)
        return [(self.move_member, params), (self.put_change, change)]

    def sector_established(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, SectorEstablished)
        row = {
            "sector_id": e.sector_id,
            "name": e.sector_name,
            "kind": e.kind,
            "sort": e.sort,
            "name_en": e.name_en,
            "retired": False,
            "established_at": rec.time,
        }
        return [(self.put_sector, row)]

    def sector_renamed(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, SectorRenamed)
        params = {"b_sector_id": e.sector_id, "b_name": e.sector_name}
        return [(self.rename_sector, params), (self.rename_members_sector, dict(params))]

    def sector_retired(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, SectorRetired)
        return [(self.retire_sector, {"b_sector_id": e.sector_id})]
