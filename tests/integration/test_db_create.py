"""Creating read-model tables: an index added in a later release reaches an existing table."""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, MetaData, String, Table, insert, inspect, select

from shared.db import Database, refresh_schema


def _tables(with_new_index: bool) -> tuple[MetaData, Table]:
    metadata = MetaData()
    table = Table(
        "visits_by_member",
        metadata,
        Column("visit_id", String(40), primary_key=True),
        Column("member_id", String(40), nullable=False),
        Column("year", Integer, nullable=False),
        Index("ix_visits_by_member_year", "year"),
    )
    if with_new_index:
        Index("ix_visits_by_member_member", table.c.member_id, table.c.year)
    return metadata, table


async def _index_names(db: Database) -> set[str]:
    async with db.read() as conn:
        await conn.run_sync(refresh_schema)
        indexes = await conn.run_sync(lambda c: inspect(c).get_indexes("visits_by_member"))
    return {str(ix["name"]) for ix in indexes}


async def test_create_adds_missing_indexes_to_existing_tables_and_keeps_rows(
    db_url: str,
) -> None:
    db = Database(db_url)
    try:
        old, table = _tables(with_new_index=False)
        await db.create(old)
        async with db.write() as conn:
            await conn.execute(insert(table), [{"visit_id": "v1", "member_id": "m1", "year": 2026}])
        assert await _index_names(db) == {"ix_visits_by_member_year"}

        new, table = _tables(with_new_index=True)
        await db.create(new)  # the next start of a release that declares one more index
        assert await _index_names(db) == {"ix_visits_by_member_year", "ix_visits_by_member_member"}
        await db.create(new)  # and again: nothing to do, no error
        async with db.read() as conn:
            assert (await conn.execute(select(table.c.visit_id))).scalars().all() == ["v1"]
    finally:
        await db.dispose()
