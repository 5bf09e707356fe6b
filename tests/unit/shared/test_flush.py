"""Batched writes keep the order of writes within each table, and barriers where a
statement reads other tables."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, Integer, MetaData, String, Table, bindparam, func, insert, select
from sqlalchemy import update as sql_update
from sqlalchemy.ext.asyncio import create_async_engine

from shared.projection import Write, flush

meta = MetaData()
items = Table("items", meta, Column("id", Integer, primary_key=True), Column("v", String(10)))
totals = Table("totals", meta, Column("id", Integer, primary_key=True), Column("n", Integer))

ins_item = insert(items)
set_item = sql_update(items).where(items.c.id == bindparam("b_id")).values(v=bindparam("b_v"))
ins_total = insert(totals)
count_items = sql_update(totals).values(n=select(func.count()).select_from(items).scalar_subquery())


async def run(writes: list[Write]) -> tuple[list[Any], list[Any]]:
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(meta.create_all)
        await flush(conn, writes)
        got_items = (await conn.execute(select(items).order_by(items.c.id))).all()
        got_totals = (await conn.execute(select(totals))).all()
    await engine.dispose()
    return [tuple(r) for r in got_items], [tuple(r) for r in got_totals]


async def test_order_within_a_table_is_kept() -> None:
    writes: list[Write] = [
        (ins_item, {"id": 1, "v": "a"}),
        (ins_total, {"id": 1, "n": 0}),
        (set_item, {"b_id": 1, "b_v": "b"}),
        (ins_item, {"id": 2, "v": "c"}),  # must not jump ahead of the update of item 1
        (set_item, {"b_id": 2, "b_v": "d"}),
    ]
    got_items, _ = await run(writes)
    assert got_items == [(1, "b"), (2, "d")]


async def test_statement_reading_another_table_is_a_barrier() -> None:
    writes: list[Write] = [
        (ins_total, {"id": 1, "n": 0}),
        (ins_item, {"id": 1, "v": "a"}),
        (count_items, {}),
        (ins_item, {"id": 2, "v": "b"}),  # after the count: must not be counted by it
    ]
    _, got_totals = await run(writes)
    assert got_totals == [(1, 1)]
