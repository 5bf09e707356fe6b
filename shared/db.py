"""Database access for read models: SQLite (aiosqlite) by default, PostgreSQL (asyncpg)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import MetaData, Table, event, inspect
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine
from sqlalchemy.sql.dml import Insert


def sqlite_url(path: Path) -> str:
    return f"sqlite+aiosqlite:///{path}"


class Database:
    """One service's database. On SQLite, write transactions are serialised in-process
    (SQLite has one writer; queuing here beats 'database is locked')."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine: AsyncEngine = _engine(url)
        self.write_lock = asyncio.Lock()

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @asynccontextmanager
    async def write(self) -> AsyncIterator[AsyncConnection]:
        """One write transaction (committed on exit, rolled back on error)."""
        async with self.write_lock, self.engine.begin() as conn:
            yield conn

    @asynccontextmanager
    async def read(self) -> AsyncIterator[AsyncConnection]:
        async with self.engine.connect() as conn:
            yield conn

    async def create(self, metadata: MetaData) -> None:
        """Create the tables that do not exist yet, and the indexes that tables which
        already existed lack (an index added to a read model in a later release arrives
        at the next start, without a rebuild; creating it on a big table takes a while)."""
        async with self.write() as conn:
            await conn.run_sync(_create_tables_and_indexes, metadata)

    async def drop(self, tables: Sequence[Table]) -> None:
        async with self.write() as conn:
            for table in tables:
                await conn.run_sync(_dropper(table))

    async def dispose(self) -> None:
        await self.engine.dispose()

    def upsert(
        self, table: Table, keys: Sequence[str], update: Sequence[str] | None = None
    ) -> Insert:
        """INSERT … ON CONFLICT (keys) DO UPDATE for the running dialect."""
        return upsert(self.dialect, table, keys, update)


def upsert(
    dialect: str, table: Table, keys: Sequence[str], update: Sequence[str] | None = None
) -> Insert:
    module: Any = postgresql if dialect == "postgresql" else sqlite
    stmt = module.insert(table)
    columns = update if update is not None else [c.name for c in table.c if c.name not in keys]
    if not columns:
        result: Insert = stmt.on_conflict_do_nothing(index_elements=list(keys))
        return result
    result = stmt.on_conflict_do_update(
        index_elements=list(keys), set_={c: stmt.excluded[c] for c in columns}
    )
    return result


def refresh_schema(sync_conn: Any) -> None:
    """Let SQLite notice schema changes other connections made before reflecting.

    SQLite answers its PRAGMAs (which SQLAlchemy's inspector and `create_all` use) from
    the connection's cached copy of the schema and re-reads it only when a statement
    opens a read transaction: a pooled connection idle since another one dropped or
    created a table or an index would report the old tables and indexes."""
    if sync_conn.dialect.name == "sqlite":
        sync_conn.exec_driver_sql("SELECT count(*) FROM sqlite_master").close()


def _create_tables_and_indexes(sync_conn: Any, metadata: MetaData) -> None:
    refresh_schema(sync_conn)
    metadata.create_all(sync_conn)
    inspector = inspect(sync_conn)
    for table in metadata.sorted_tables:
        if not table.indexes:
            continue
        present = {ix["name"] for ix in inspector.get_indexes(table.name, schema=table.schema)}
        for index in sorted(table.indexes, key=lambda ix: str(ix.name)):
            if index.name not in present:
                index.create(sync_conn)


def _dropper(table: Table) -> Callable[[Any], None]:
    def drop(sync_conn: Any) -> None:
        refresh_schema(sync_conn)  # checkfirst asks a PRAGMA
        table.drop(sync_conn, checkfirst=True)

    return drop


def _engine(url: str) -> AsyncEngine:
    if url.startswith("sqlite"):
        engine = create_async_engine(url, connect_args={"timeout": 30})

        @event.listens_for(engine.sync_engine, "connect")
        def _pragmas(dbapi_conn: Any, _record: Any) -> None:
            cursor = dbapi_conn.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

        return engine
    return create_async_engine(url, pool_size=10, max_overflow=10, pool_pre_ping=True)
