"""Handlers of the `directory` read model for a member's record events (a mixin of
`Directory`): profile, sector and affiliation changes, terms, committees, forgetting."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import Table, bindparam, update
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlalchemy.sql import Executable

from services.members.domain import (
    MemberAppointed,
    MemberJoinedSpecialCommittee,
    MemberLeftSpecialCommittee,
    MemberPersonalDataForgotten,
    MemberPoliticalAffiliationChanged,
    MemberProfileUpdated,
    MemberSectorChanged,
    MemberTermEnded,
    MemberTypeChanged,
)
from services.members.domain.vocab import STANDING_TYPES
from shared.events import RecordedEvent
from shared.projection import Write

PROFILE_COLUMNS = {"member_name": "name"}


def change_row(
    rec: RecordedEvent, kind: str, old: str | None, new: str | None, reason: str | None = None
) -> dict[str, Any]:
    return {
        "event_id": rec.meta.event_id,
        "member_id": rec.aggregate_id,
        "kind": kind,
        "from_value": old,
        "to_value": new,
        "reason": reason,
        "changed_at": rec.time,
    }


class MemberRecordHandlers:
    if TYPE_CHECKING:
        members: Table
        terms: Table
        put_change: Executable
        put_term: Executable
        put_committee: Executable
        drop_committee: Executable

        def on(self, event_cls: Any, handler: Any) -> None: ...
        def on_async(self, event_cls: Any, handler: Any) -> None: ...

    def define_records(self) -> None:
        m, t = self.members, self.terms
        by_member = m.c.member_id == bindparam("b_member_id")
        self.set_sector = (
            update(m)
            .where(by_member)
            .values(sector_id=bindparam("b_sector_id"), sector=bindparam("b_sector"))
        )
        self.set_affiliation = (
            update(m).where(by_member).values(political_affiliation=bindparam("b_value"))
        )
        self.set_type = (
            update(m)
            .where(by_member)
            .values(
                term_no=bindparam("b_term_no"),
                member_type=bindparam("b_member_type"),
                is_standing_member=bindparam("b_standing"),
                active=True,
                exit_reason=None,
                left_at=None,
            )
        )
        self.exit_member = (
            update(m)
            .where(by_member)
            .values(active=False, exit_reason=bindparam("b_reason"), left_at=bindparam("b_left_at"))
        )
        self.forget = (
            update(m)
            .where(by_member)
            .values(phone_ct=None, id_number_ct=None, address_ct=None, pii_forgotten=True)
        )
        by_term = (t.c.member_id == bindparam("b_member_id")) & (
            t.c.term_no == bindparam("b_term_no")
        )
        self.set_term_type = update(t).where(by_term).values(member_type=bindparam("b_member_type"))
        self.end_term = (
            update(t)
            .where(by_term)
            .values(left_at=bindparam("b_left_at"), exit_reason=bindparam("b_reason"))
        )
        self.on_async(MemberProfileUpdated, self.profile_updated)
        self.on(MemberSectorChanged, self.sector_changed)
        self.on(MemberPoliticalAffiliationChanged, self.affiliation_changed)
        self.on(MemberAppointed, self.appointed)
        self.on(MemberTypeChanged, self.type_changed)
        self.on(MemberTermEnded, self.term_ended)
        self.on(MemberJoinedSpecialCommittee, self.committee_joined)
        self.on(MemberLeftSpecialCommittee, self.committee_left)
        self.on(MemberPersonalDataForgotten, self.forgotten)

    async def profile_updated(self, conn: AsyncConnection, rec: RecordedEvent) -> None:
        e = rec.event
        assert isinstance(e, MemberProfileUpdated)
        values: dict[str, Any] = {PROFILE_COLUMNS.get(f, f): getattr(e, f) for f in e.changed}
        values.update({f"{field}_ct": blob for field, blob in e.pii.items()})
        values.update({f"{field}_ct": None for field in e.pii_cleared})
        if e.pii_key_id:
            values["pii_key_id"] = e.pii_key_id
        stmt = update(self.members).where(self.members.c.member_id == e.member_id).values(values)
        await conn.execute(stmt)
        fields = ",".join([*e.changed, *e.pii, *e.pii_cleared])
        await conn.execute(self.put_change, change_row(rec, "profile", None, fields))

    def sector_changed(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, MemberSectorChanged)
        params = {"b_member_id": e.member_id, "b_sector_id": e.sector_id, "b_sector": e.sector}
        change = change_row(rec, "sector", e.from_sector, e.sector, e.reason)
        return [(self.set_sector, params), (self.put_change, change)]

    def affiliation_changed(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, MemberPoliticalAffiliationChanged)
        params = {"b_member_id": e.member_id, "b_value": e.political_affiliation}
        change = change_row(
            rec, "political_affiliation", e.from_affiliation, e.political_affiliation, e.reason
        )
        return [(self.set_affiliation, params), (self.put_change, change)]

    def _member_type(self, member_id: str, term_no: int, member_type: str) -> Write:
        params = {
            "b_member_id": member_id,
            "b_term_no": term_no,
            "b_member_type": member_type,
            "b_standing": member_type in STANDING_TYPES,
        }
        return (self.set_type, params)

    def appointed(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, MemberAppointed)
        term = {
            "member_id": e.member_id,
            "term_no": e.term_no,
            "member_type": e.member_type,
            "joined_at": e.joined_at,
            "left_at": None,
            "exit_reason": None,
        }
        return [(self.put_term, term), self._member_type(e.member_id, e.term_no, e.member_type)]

    def type_changed(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, MemberTypeChanged)
        term = {"b_member_id": e.member_id, "b_term_no": e.term_no, "b_member_type": e.member_type}
        change = change_row(rec, "member_type", e.from_type, e.member_type)
        return [
            (self.set_term_type, term),
            self._member_type(e.member_id, e.term_no, e.member_type),
            (self.put_change, change),
        ]

    def term_ended(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, MemberTermEnded)
        params = {
            "b_member_id": e.member_id,
            "b_term_no": e.term_no,
            "b_left_at": e.left_at,
            "b_reason": e.exit_reason,
        }
        writes: list[Write] = [(self.end_term, params)]
        if e.exit_reason is not None:
            writes.append((self.exit_member, dict(params)))
        return writes

    def committee_joined(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, MemberJoinedSpecialCommittee)
        row = {"member_id": e.member_id, "committee": e.committee, "joined_at": rec.time}
        return [(self.put_committee, row)]

    def committee_left(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, MemberLeftSpecialCommittee)
        return [(self.drop_committee, {"b_member_id": e.member_id, "b_committee": e.committee})]

    def forgotten(self, rec: RecordedEvent) -> list[Write]:
        e = rec.event
        assert isinstance(e, MemberPersonalDataForgotten)
        return [(self.forget, {"b_member_id": e.member_id})]
