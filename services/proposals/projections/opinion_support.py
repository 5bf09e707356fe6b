"""Helpers shared by the 社情民意 projections: keyed update statements built once."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, bindparam, update
from sqlalchemy.sql.dml import Update

from shared.projection import Write


def keyed_update(table: Table, key: str, *columns: str, **expressions: Any) -> Update:
    """`UPDATE table SET col = :b_col … WHERE key = :b_<key>`; `expressions` override
    the value of a column with an SQL expression (e.g. COALESCE with the old value)."""
    values: dict[str, Any] = {c: bindparam(f"b_{c}") for c in columns}
    values.update(expressions)
    return update(table).where(table.c[key] == bindparam(f"b_{key}")).values(**values)


def keyed(stmt: Update, key: str, key_value: str, **values: Any) -> list[Write]:
    params = {f"b_{k}": v for k, v in values.items()}
    params[f"b_{key}"] = key_value
    return [(stmt, params)]
