"""`calendar_days`: the official holidays and adjusted working days of every year."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import BigInteger, Column, Date, Integer, Row, String, bindparam, delete, select
from sqlalchemy.ext.asyncio import AsyncConnection

from services.proposals.domain.artifacts.work_calendar import (
    CalendarDayAdded,
    CalendarDayRemoved,
)
from shared.db import upsert
from shared.events import RecordedEvent
from shared.projection import Projection, Write

from .registries import read_registry


class CalendarDays(Projection):
    name = "calendar_days"
    sources = ("PROPOSALS",)
    registry = read_registry

    def define(self) -> None:
        self.days = self.table(
            "calendar_days",
            Column("day", Date, primary_key=True),
            Column("year", Integer, nullable=False, index=True),
            Column("kind", String(16), nullable=False),  # holiday | workday
            Column("label", String(40), nullable=False),
            Column("last_seq", BigInteger, nullable=False),
        )
        self.upsert_day = upsert(self.dialect, self.days, ["day"])
        self.delete_day = delete(self.days).where(self.days.c.day == bindparam("b_day"))
        self.on(CalendarDayAdded, self.added)
        self.on(CalendarDayRemoved, self.removed)

    def added(self, recorded: RecordedEvent) -> list[Write]:
        e = recorded.event
        assert isinstance(e, CalendarDayAdded)
        row = {
            "day": e.day,
            "year": e.year,
            "kind": e.kind,
            "label": e.label,
            "last_seq": recorded.seq,
        }
        return [(self.upsert_day, row)]

    def removed(self, recorded: RecordedEvent) -> list[Write]:
        e = recorded.event
        assert isinstance(e, CalendarDayRemoved)
        return [(self.delete_day, {"b_day": e.day})]

    async def all_days(self, conn: AsyncConnection) -> Sequence[Row[Any, Any]]:
        t = self.days
        return (await conn.execute(select(t.c.day, t.c.kind).order_by(t.c.day))).all()

    async def year(self, conn: AsyncConnection, year: int) -> Sequence[Row[Any]]:
        t = self.days
        stmt = select(t).where(t.c.year == year).order_by(t.c.day)
        return (await conn.execute(stmt)).all()
