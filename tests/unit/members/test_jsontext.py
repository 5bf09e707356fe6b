"""The JSON pieces the fast handlers write equal `json.dumps`'s text, byte for byte."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from services.members.projections.activities_rows import dumps
from services.members.projections.jsontext import (
    dumps_sorted,
    json_opt,
    json_str,
    json_str_tuple,
    json_strs,
)

# Any text, lone surrogates and control characters included.
TEXT = st.text(st.characters(codec=None), max_size=12)


@given(TEXT, st.none() | TEXT, st.lists(TEXT, max_size=4))
def test_pieces_equal_json_dumps(value: str, optional: str | None, values: list[str]) -> None:
    assert json_str(value) == json.dumps(value, ensure_ascii=False)
    assert json_opt(optional) == json.dumps(optional, ensure_ascii=False)
    assert json_strs(values) == json.dumps(values, ensure_ascii=False)
    assert json_strs(iter(values)) == json.dumps(values, ensure_ascii=False)
    assert json_str_tuple(tuple(values)) == json.dumps(values, ensure_ascii=False)


@given(
    st.dictionaries(
        TEXT,
        st.none() | st.booleans() | st.integers() | TEXT | st.lists(TEXT, max_size=3),
        max_size=6,
    )
)
def test_dumps_sorted_equals_json_dumps(data: dict[str, Any]) -> None:
    expected = json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
    assert dumps_sorted(data) == expected
    assert dumps(data) == expected


def test_dumps_sorted_writes_other_values_with_str() -> None:
    data = {"b": Decimal("20000.50"), "a": {"z": 1, "y": [None, "中文"]}}
    assert dumps_sorted(data) == json.dumps(data, ensure_ascii=False, sort_keys=True, default=str)
    assert dumps_sorted(data) == '{"a": {"y": [null, "中文"], "z": 1}, "b": "20000.50"}'
