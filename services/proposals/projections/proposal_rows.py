"""Update statements keyed by one or more columns, built once and reused by handlers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Table, and_, bindparam, update
from sqlalchemy.sql.dml import Update

from shared.projection import Write


def keyed_update(table: Table, keys: Sequence[str], *columns: str, **expressions: Any) -> Update:
    """`UPDATE table SET col = :b_col … WHERE k = :k_<k> …`; `expressions` give a column an
    SQL expression instead of a parameter (e.g. `contacts = contacts + 1`)."""
    values: dict[str, Any] = {c: bindparam(f"b_{c}") for c in columns}
    values.update(expressions)
    where = and_(*(table.c[k] == bindparam(f"k_{k}") for k in keys))
    return update(table).where(where).values(**values)


def keyed(stmt: Update, keys: Mapping[str, Any], **values: Any) -> list[Write]:
    params = {f"b_{k}": v for k, v in values.items()}
    params.update({f"k_{k}": v for k, v in keys.items()})
    return [(stmt, params)]
