"""Writes through the SQLite executemany plans leave exactly what SQLAlchemy leaves."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any, cast

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    bindparam,
    insert,
    select,
    update,
)
from sqlalchemy.dialects import sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine

from shared import sqlitebulk
from shared.projection import flush

meta = MetaData()
visits = Table(
    "visits",
    meta,
    Column("id", String(20), primary_key=True),
    Column("on_date", Date),
    Column("at", DateTime(timezone=True)),
    Column("done", Boolean),
    Column("n", Integer, nullable=False),
    Column("kind", String(10)),
)
with_default = Table(
    "with_default",
    meta,
    Column("id", Integer, primary_key=True),
    Column("n", Integer, default=5),
)

_up = sqlite.insert(visits)
upsert = _up.on_conflict_do_update(
    index_elements=["id"], set_={"n": visits.c.n + _up.excluded.n, "at": _up.excluded.at}
)
mark = (
    update(visits)
    .where(visits.c.id == bindparam("b_id"))
    .where(visits.c.kind == "visit")  # a constant in the statement
    .values(done=bindparam("b_done"), on_date=bindparam("b_date"))
)
AT = datetime(2026, 3, 1, 8, 30, tzinfo=UTC)


async def _engine_with_tables() -> Any:
    engine = create_async_engine("sqlite+aiosqlite://")
    async with engine.begin() as conn:
        await conn.run_sync(meta.create_all)
    return engine


async def _rows(conn: AsyncConnection) -> list[tuple[Any, ...]]:
    result = await conn.execute(select(visits).order_by(visits.c.id))
    return [tuple(r) for r in result]


async def _via_sqlalchemy(writes: list[tuple[Any, dict[str, Any]]]) -> list[tuple[Any, ...]]:
    engine = await _engine_with_tables()
    async with engine.begin() as conn:
        for stmt, params in writes:
            await conn.execute(stmt, params)
        rows = await _rows(conn)
    await engine.dispose()
    return rows


async def _via_flush(writes: list[tuple[Any, dict[str, Any]]]) -> list[tuple[Any, ...]]:
    engine = await _engine_with_tables()
    async with engine.begin() as conn:
        await flush(conn, writes)
        rows = await _rows(conn)
    await engine.dispose()
    return rows


def _visit(i: int, n: int) -> dict[str, Any]:
    return {
        "id": f"v{i}",
        "on_date": date(2026, 1, 1) + timedelta(days=i),
        "at": AT + timedelta(minutes=i),
        "done": i % 2 == 0,
        "n": n,
        "kind": "visit" if i % 3 else "other",
    }


async def test_types_constants_and_upserts_come_out_the_same() -> None:
    writes: list[tuple[Any, dict[str, Any]]] = [(upsert, _visit(i, 1)) for i in range(6)]
    writes += [(upsert, _visit(i, 10)) for i in range(3)]
    for i in range(5):
        writes.append((mark, {"b_id": f"v{i}", "b_done": True, "b_date": date(2027, 1, i + 1)}))
    assert await _via_flush(writes) == await _via_sqlalchemy(writes)


async def test_the_plan_is_used_and_needs_no_sqlalchemy_round_trip() -> None:
    engine = await _engine_with_tables()
    async with engine.begin() as conn:
        prepared = sqlitebulk.prepare(conn.dialect, upsert, [_visit(1, 1), _visit(2, 1)])
        assert prepared is not None
        sql, rows = prepared
        assert sql.startswith("INSERT INTO visits") and len(rows) == 2
        assert rows[0][1] == "2026-01-02" and rows[0][3] == 0  # date as text, bool as 0/1
        assert sqlitebulk.known(upsert)
    await engine.dispose()


async def test_statements_it_cannot_express_go_through_sqlalchemy() -> None:
    engine = await _engine_with_tables()
    async with engine.begin() as conn:
        # A column default SQLAlchemy computes at execution: no plan.
        assert (
            sqlitebulk.prepare(conn.dialect, insert(with_default), [{"id": 1}, {"id": 2}]) is None
        )
        # Rows whose keys differ from the first: no plan (SQLAlchemy reports it).
        assert sqlitebulk.prepare(conn.dialect, upsert, [_visit(1, 1), {"id": "x"}]) is None
        # flush still writes them, through SQLAlchemy.
        await flush(conn, [(insert(with_default), {"id": 1}), (insert(with_default), {"id": 2})])
        got = (await conn.execute(select(with_default).order_by(with_default.c.id))).all()
        assert [tuple(r) for r in got] == [(1, 5), (2, 5)]
    await engine.dispose()


_write = st.one_of(
    st.tuples(st.just("upsert"), st.integers(0, 5), st.integers(1, 9)),
    st.tuples(st.just("mark"), st.integers(0, 5), st.booleans()),
)


@settings(max_examples=40, deadline=None)
@given(st.lists(_write, max_size=40))
async def test_any_sequence_of_writes_matches_sqlalchemy(ops: list[tuple[str, int, Any]]) -> None:
    writes: list[tuple[Any, dict[str, Any]]] = []
    for kind, i, value in ops:
        if kind == "upsert":
            writes.append((upsert, _visit(i, value)))
        else:
            writes.append((mark, {"b_id": f"v{i}", "b_done": value, "b_date": None}))
    assert await _via_flush(writes) == await _via_sqlalchemy(writes)


@settings(max_examples=200, deadline=None)
@given(
    st.datetimes(timezones=st.one_of(st.none(), st.timezones())),
    st.dates(),
)
def test_fast_date_and_datetime_text_equals_sqlalchemys(moment: datetime, day: date) -> None:
    dialect = sqlite.dialect()
    stamp, plain_day = DateTime(timezone=True), Date()
    for type_, value in ((stamp, moment), (plain_day, day), (stamp, day)):
        original = type_.dialect_impl(dialect).bind_processor(dialect)
        assert original is not None
        fast = sqlitebulk._faster(type_, dialect, original)
        assert fast(value) == original(value)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(range(4)), min_size=1, max_size=12))
def test_rows_sharing_a_datetime_get_its_text_and_others_their_own(picks: list[int]) -> None:
    # The datetime processor remembers the last value it converted (the rows of one event
    # share its time): a run of the same object, equal copies and other moments all come
    # out as SQLAlchemy writes them, in any order.
    dialect = sqlite.dialect()
    moments = [AT, AT + timedelta(microseconds=1), AT.replace(), AT - timedelta(days=400)]
    plan = sqlitebulk.plan_for(insert(visits), ("id", "at", "n"), dialect)
    assert plan is not None
    rows = plan.rows([{"id": str(i), "at": moments[k], "n": i} for i, k in enumerate(picks)])
    original = DateTime(timezone=True).dialect_impl(dialect).bind_processor(dialect)
    assert original is not None
    assert [row[plan.names.index("at")] for row in rows] == [original(moments[k]) for k in picks]


def test_a_plan_lays_rows_out_in_placeholder_order_with_none_kept() -> None:
    dialect = sqlite.dialect()
    plan = sqlitebulk.plan_for(
        insert(visits), ("id", "on_date", "at", "done", "n", "kind"), dialect
    )
    assert plan is not None
    row = {"kind": "v", "n": 3, "done": None, "at": None, "on_date": date(2026, 3, 1), "id": "a"}
    (laid_out,) = plan.rows([row])
    expected = {"id": "a", "on_date": "2026-03-01", "at": None, "done": None, "n": 3, "kind": "v"}
    assert laid_out == tuple(expected[name] for name in plan.names)
    single = sqlitebulk.plan_for(update(visits).values(n=bindparam("b_n")), ("b_n",), dialect)
    assert single is not None and single.rows([{"b_n": 7}]) == [(7,)]


@settings(max_examples=40, deadline=None)
@given(st.lists(_write, min_size=1, max_size=40), st.integers(1, 5))
async def test_many_rows_in_one_insert_match_sqlalchemy_in_any_piece_size(
    ops: list[tuple[str, int, Any]], piece: int
) -> None:
    # Runs of the upsert go out as INSERT … VALUES (…), (…), … in pieces of `piece` rows
    # (small here, so that rows of one key land in one piece and in different ones).
    writes: list[tuple[Any, dict[str, Any]]] = []
    for kind, i, value in ops:
        if kind == "upsert":
            writes.append((upsert, _visit(i, value)))
        else:
            writes.append((mark, {"b_id": f"v{i}", "b_done": value, "b_date": None}))
    saved = sqlitebulk.MULTIROW_MIN, sqlitebulk.MULTIROW_MAX
    sqlitebulk.MULTIROW_MIN, sqlitebulk.MULTIROW_MAX = 2, piece
    try:
        assert await _via_flush(writes) == await _via_sqlalchemy(writes)
    finally:
        sqlitebulk.MULTIROW_MIN, sqlitebulk.MULTIROW_MAX = saved


def test_an_insert_of_many_rows_takes_one_statement_per_piece() -> None:
    import sqlite3

    dialect = sqlite.dialect()
    plan = sqlitebulk.plan_for(upsert, tuple(_visit(0, 1)), dialect)
    assert plan is not None
    rows = plan.rows([_visit(i % 7, 1) for i in range(2500)])
    raw = sqlite3.connect(":memory:")
    raw.execute(
        "CREATE TABLE visits (id TEXT PRIMARY KEY, on_date DATE, at DATETIME,"
        " done BOOLEAN, n INTEGER NOT NULL, kind TEXT)"
    )
    statements: list[str] = []
    raw.set_trace_callback(statements.append)
    sqlitebulk._execute(raw, plan.sql, rows)
    raw.set_trace_callback(None)
    inserts = [s for s in statements if s.startswith("INSERT")]
    assert len(inserts) == 3  # 1000 + 1000 + 500 rows
    assert raw.execute("SELECT count(*), sum(n) FROM visits").fetchone() == (7, 2500)
    # A few rows, or a statement that is not a plain INSERT … VALUES: executemany.
    statements.clear()
    raw.set_trace_callback(statements.append)
    sqlitebulk._execute(raw, plan.sql, rows[:3])
    assert len([s for s in statements if s.startswith("INSERT")]) == 3
    # A row the table refuses fails the statement, as executemany would.
    plain = sqlitebulk.plan_for(insert(visits), tuple(_visit(0, 1)), dialect)
    assert plain is not None
    try:
        sqlitebulk._execute(raw, plain.sql, plain.rows([_visit(100 + i % 9, 1) for i in range(20)]))
    except sqlite3.IntegrityError:
        pass
    else:
        raise AssertionError("duplicate keys were accepted")
    raw.close()


async def test_a_lane_commits_all_of_a_transaction_or_none(tmp_path: Any) -> None:
    import sqlite3

    engine = create_async_engine(f"sqlite+aiosqlite:///{tmp_path / 'lane.db'}")
    async with engine.begin() as conn:
        await conn.run_sync(meta.create_all)
    dialect = engine.dialect
    lane = await sqlitebulk.Lane.open(engine)
    assert lane is not None
    plain = sqlitebulk.plan_for(insert(visits), tuple(_visit(0, 1)), dialect)
    assert plain is not None
    try:
        await lane.commit([(plain.sql, plain.rows([_visit(i, 1) for i in range(20)]))])
        # A refused row: the whole transaction is rolled back, the lane stays usable.
        refused = [_visit(100 + i, 1) for i in range(20)] + [_visit(3, 1)]
        try:
            await lane.commit([(plain.sql, plain.rows(refused))])
        except sqlite3.IntegrityError:
            pass
        else:
            raise AssertionError("a duplicate key was accepted")
        await lane.commit([(plain.sql, plain.rows([_visit(200, 1)]))])
    finally:
        await lane.close()
    async with engine.connect() as conn:  # another connection sees exactly the commits
        ids = (await conn.execute(select(visits.c.id))).scalars().all()
    assert sorted(ids) == sorted([f"v{i}" for i in range(20)] + ["v200"])
    await engine.dispose()
    # Not SQLite: no lane (the caller writes through SQLAlchemy).
    from sqlalchemy.ext.asyncio import AsyncEngine

    class PostgresLike:
        class dialect:
            name = "postgresql"

    assert await sqlitebulk.Lane.open(cast(AsyncEngine, PostgresLike())) is None
