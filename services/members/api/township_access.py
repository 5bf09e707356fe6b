"""Who sees a liaison group's panels (issue item 7), and the context every panel reads.

- `county_admin`: every group, every row; the county league table only for them.
- `township:<id>`: its own group fully; any other group not at all (403).
- `member:<id>` of the group (the group they belong to now): the group's aggregates
  (counters, totals, summary) but, in row lists, only the rows about themselves
  (`rows_scope = "self"`); the combined dashboard stays a staff view (403).
- anyone else (other members, proposal office, handling units …): 403.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal, TypeVar

from sqlalchemy import Row, select
from sqlalchemy.ext.asyncio import AsyncConnection

from services.members.api.member_queries import member_rows
from services.members.api.queries import directory_of, member_names, require_group
from services.members.api.township_paging import Paging
from services.members.projections import Directory
from shared.auth import Forbidden, Principal
from shared.projection import Projection
from shared.service import ServiceRuntime

P = TypeVar("P", bound=Projection)
T = TypeVar("T")
Scope = Literal["group", "self"]
SCOPE_LABELS: dict[str, str] = {"group": "本组全部记录", "self": "仅显示与您本人有关的记录"}
DENIED = "您无权查看该联络组的工作看板：仅县政协机关、本乡镇联络组工作人员和本组委员可以查看。"
COUNTY_ONLY = "联络组工作排名仅限县政协机关（county_admin）查看。"


@dataclass(frozen=True)
class Viewer:
    """Who looks at group `township_id`; `member_id` set = a member of the group, whose
    row lists are limited to rows about them."""

    township_id: str
    member_id: str | None = None

    @property
    def scope(self) -> Scope:
        return "group" if self.member_id is None else "self"

    def sees(self, member_ids: Iterable[str | None]) -> bool:
        return self.member_id is None or self.member_id in set(member_ids)


async def viewer_for(
    conn: AsyncConnection, d: Directory, principal: Principal, township_id: str
) -> Viewer:
    if principal.may_see_township(township_id):
        return Viewer(township_id)
    wanted = sorted(principal.scoped("member"))
    if wanted:
        m = d.members.c
        stmt = select(m.member_id).where(
            m.member_id.in_(wanted), m.township_id == township_id, m.active.is_(True)
        )
        member_id = (await conn.execute(stmt.order_by(m.member_id))).scalar()
        if member_id is not None:
            return Viewer(township_id, str(member_id))
    raise Forbidden(DENIED)


def require_county(principal: Principal) -> None:
    if not principal.is_admin:
        raise Forbidden(COUNTY_ONLY)


#: `rt.extras` key of the statements built once per runtime (`prepared`).
STATEMENTS = "township_statements"
S = TypeVar("S")


def prepared(rt: ServiceRuntime, key: str, build: Callable[[], S]) -> S:
    """The statement `key`, built by `build()` the first time it is asked for in this
    runtime: the larger queries of the panels are built once with bind parameters (their
    values are passed at each execution). Building a UNION of several GROUP BYs costs
    about a millisecond of the event loop's time, every request."""
    cache: dict[str, Any] = rt.extras.setdefault(STATEMENTS, {})
    if key not in cache:
        cache[key] = build()
    statement: S = cache[key]
    return statement


def projection_of(rt: ServiceRuntime, cls: type[P]) -> P:
    return next(p for p in rt.runner.projections if isinstance(p, cls))


@dataclass
class PanelContext:
    """One request's view of one group: who looks, which year, what "today" is."""

    rt: ServiceRuntime
    conn: AsyncConnection
    principal: Principal
    viewer: Viewer
    year: int
    as_of: date
    group: Row[Any]
    members: list[Row[Any]]  # the group's active members now (directory rows)
    paging: Paging = field(default_factory=Paging)  # one page of every detail list
    _names: dict[str, str] = field(default_factory=dict)
    #: Ids already looked up in `directory` and not found there (not asked for again).
    _unknown: set[str] = field(default_factory=set, init=False, repr=False)
    #: Results computed once per context (panels sharing data within one request). Not an
    #: init field: `dataclasses.replace` (another viewer or paging) starts empty.
    _once: dict[str, Any] = field(default_factory=dict, init=False, repr=False)

    @property
    def township_id(self) -> str:
        return self.viewer.township_id

    @property
    def member_ids(self) -> list[str]:
        return [m.member_id for m in self.members]

    def of(self, cls: type[P]) -> P:
        return projection_of(self.rt, cls)

    async def names(self, member_ids: Iterable[str | None]) -> dict[str, str]:
        """{member_id: name in `directory`} (at least) for `member_ids`: one query for
        those neither read nor learnt (`learn_names`) before in this context."""
        missing = {m for m in member_ids if m and m not in self._names} - self._unknown
        if missing:
            found = await member_names(self.conn, directory_of(self.rt), missing)
            self._names.update(found)
            self._unknown |= missing - found.keys()
        return self._names

    def learn_names(self, names: Mapping[str, str | None]) -> None:
        """Directory names read along with other rows (None: not in `directory`)."""
        for member_id, name in names.items():
            if name is None:
                self._unknown.add(member_id)
            else:
                self._names[member_id] = name

    async def once(self, key: str, make: Callable[[], Awaitable[T]]) -> T:
        """`make()` the first time `key` is asked for in this context, the same result after
        (the dashboard builds several panels from the same visits, proposals, reports …)."""
        if key not in self._once:
            self._once[key] = await make()
        result: T = self._once[key]
        return result

    def head(self) -> dict[str, Any]:
        """The fields every panel starts with."""
        scope = self.viewer.scope
        return {
            "township_id": self.township_id,
            "year": self.year,
            "rows_scope": scope,
            "rows_scope_label": SCOPE_LABELS[scope],
        }


async def open_context(
    rt: ServiceRuntime,
    conn: AsyncConnection,
    principal: Principal,
    township_id: str,
    year: int,
    as_of: date,
    paging: Paging | None = None,
) -> PanelContext:
    """Access first (403 says nothing about whether the group exists), then 404."""
    d = directory_of(rt)
    viewer = await viewer_for(conn, d, principal, township_id)
    group = await require_group(conn, d, township_id)
    members = await member_rows(conn, d, township_id=township_id)
    names = {m.member_id: m.name for m in members}  # the directory's names, as member_names
    return PanelContext(
        rt, conn, principal, viewer, year, as_of, group, members, paging or Paging(), names
    )
