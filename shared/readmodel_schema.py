"""Has a projection's read model changed since its tables were built?

Tables are created once and then only written to, so a release that changes a
projection's tables (a column more, another type, another unique key) or what its
handlers write (`Projection.version`) would otherwise meet tables of the old shape: the
handlers fail and every event ends as a dead letter, or the rows silently keep the old
meaning. So each projection has a *fingerprint* — its `version` and the shape of its
tables — stored in `projection_schemas` whenever its tables are built (first start, a
rebuild). At start, a projection whose stored fingerprint differs from the code's is
rebuilt before it runs (`ProjectionRunner.setup`).

Secondary (non-unique) indexes are left out: an index a release adds is created at the
next start without a rebuild (`Database.create`). A database from before fingerprints
has none stored: its tables are trusted as they are and the fingerprint is recorded.
"""

from __future__ import annotations

import hashlib
from typing import Any

from sqlalchemy import Column, DateTime, String, Table, UniqueConstraint, select
from sqlalchemy.ext.asyncio import AsyncConnection

from shared.db import upsert
from shared.projection import Projection, bookkeeping, utcnow

schemas = Table(
    "projection_schemas",
    bookkeeping,
    Column("projection", String(100), primary_key=True),
    Column("fingerprint", String(64), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)


def fingerprint(projection: Projection, dialect: Any) -> str:
    """A digest of the projection's `version` and its tables' columns (name, type as the
    database gets it, nullability, primary key, server default) and unique keys; table
    names without the rebuild prefix, so a clone has the same fingerprint."""
    lines = [f"version {projection.version}"]
    for key in sorted(projection.tables):
        table = projection.tables[key]
        lines.append(f"table {key}")
        for column in table.columns:
            line = f"column {column.name} {column.type.compile(dialect=dialect)}"
            line += " null" if column.nullable else " not-null"
            if column.primary_key:
                line += " pk"
            if column.server_default is not None:
                line += f" default {getattr(column.server_default, 'arg', column.server_default)}"
            lines.append(line)
        uniques = [
            ",".join(str(c.name) for c in constraint.columns)
            for constraint in table.constraints
            if isinstance(constraint, UniqueConstraint)
        ]
        uniques += [
            ",".join(str(expr) for expr in index.expressions)
            for index in table.indexes
            if index.unique
        ]
        lines += [f"unique {u}" for u in sorted(uniques)]
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


async def stored_fingerprint(conn: AsyncConnection, projection: str) -> str | None:
    result = await conn.execute(
        select(schemas.c.fingerprint).where(schemas.c.projection == projection)
    )
    value = result.scalar_one_or_none()
    return None if value is None else str(value)


async def store_fingerprint(
    conn: AsyncConnection, dialect: str, projection: str, value: str
) -> None:
    row = {"projection": projection, "fingerprint": value, "updated_at": utcnow()}
    await conn.execute(upsert(dialect, schemas, ["projection"]), row)
