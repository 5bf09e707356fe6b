"""Shared pieces of the duty-activity aggregates (DOMAIN §5.2, §5.5): the registry, the
command base, references to other aggregates (read only) and validation helpers.

Pure: no I/O, no clock. Other aggregates' states reach a decision as small frozen
references (`MemberRef`, `GroupRef`) built by the application layer, so these rules do not
depend on how the member aggregate stores its state.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from pydantic import AwareDatetime, BaseModel, ConfigDict

from shared.domain import Invalid, NotFound, Rejected
from shared.events import EventRegistry

CONTEXT = "members"

#: Every event of the duty-activity aggregates (one registry for this package).
registry = EventRegistry()

TOWNSHIP_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{1,31}$")

T = TypeVar("T")


class Command(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    actor: str
    at: AwareDatetime


@dataclass(frozen=True)
class MemberRef:
    """What a duty-activity decision may know about a member (read, never written)."""

    member_id: str
    registered: bool = False
    active: bool = False
    township_id: str | None = None
    name: str | None = None
    visit_ids: frozenset[str] = frozenset()


@dataclass(frozen=True)
class GroupRef:
    """What a decision may know about a liaison group (read, never written)."""

    township_id: str
    established: bool = False
    name: str | None = None


# --- validation helpers ------------------------------------------------------------------


def text(value: str, what: str, max_len: int) -> str:
    cleaned = value.strip()
    if not cleaned:
        raise Invalid(f"{what}不能为空，请填写{what}", code="required")
    if len(cleaned) > max_len:
        raise Invalid(
            f"{what}不能超过 {max_len} 个字（现为 {len(cleaned)} 个字），请精简后再提交",
            code="too_long",
        )
    return cleaned


def optional_text(value: str | None, what: str, max_len: int) -> str | None:
    if value is None or not value.strip():
        return None
    return text(value, what, max_len)


def texts(values: Iterable[str], what: str, max_len: int, max_items: int) -> tuple[str, ...]:
    result = dedupe(text(v, what, max_len) for v in values)
    if len(result) > max_items:
        raise Invalid(f"{what}最多填写 {max_items} 项，请精简后再提交", code="too_many")
    return result


def dedupe(values: Iterable[T]) -> tuple[T, ...]:
    """Drop repeated values, keeping the first occurrence's position."""
    return tuple(dict.fromkeys(values))


def options(labels: Mapping[str, str]) -> str:
    return "、".join(f"{code}（{label}）" for code, label in labels.items())


def choice(value: str, labels: Mapping[str, str], what: str) -> str:
    if value not in labels:
        raise Invalid(f"{what}“{value}”无效：可选 {options(labels)}", code="invalid_choice")
    return value


def check_uuid(value: str, what: str) -> str:
    try:
        if str(uuid.UUID(value)) == value:
            return value
    except ValueError:
        pass
    raise Invalid(
        f"{what}“{value}”格式不正确：应为小写、带连字符的 UUID"
        "（如 0190a6c2-7d1e-7c3a-9f1e-2b3c4d5e6f70）",
        code="invalid_id",
    )


def check_township_id(value: str, what: str = "乡镇编号") -> str:
    if TOWNSHIP_ID.fullmatch(value) is None:
        raise Invalid(
            f"{what}“{value}”格式不正确：应为 2–32 位小写英文字母、数字、下划线或连字符，"
            "且以字母或数字开头（如 chengguan）",
            code="invalid_township_id",
        )
    return value


# --- references to other aggregates ------------------------------------------------------


def require_member(ref: MemberRef, doing: str) -> MemberRef:
    """The member exists and is in office; else 404 / 409 with what to do."""
    if not ref.registered:
        raise NotFound(
            f"委员（编号 {ref.member_id}）不存在，不能{doing}；请核对委员编号",
            code="member_not_found",
        )
    if not ref.active:
        raise Rejected(f"委员 {ref.name} 已不在任，不能{doing}", code="member_inactive")
    return ref


def require_members(refs: Iterable[MemberRef], doing: str) -> dict[str, str | None]:
    """Every member exists and is in office: {member_id: liaison group at event time}."""
    return {ref.member_id: require_member(ref, doing).township_id for ref in refs}


def require_group(ref: GroupRef, what: str = "乡镇") -> GroupRef:
    check_township_id(ref.township_id, f"{what}编号")
    if not ref.established:
        raise NotFound(
            f"乡镇“{ref.township_id}”尚未设立政协联络组，请核对{what}编号",
            code="liaison_group_not_found",
        )
    return ref


def member_ids(values: Iterable[str], what: str, max_items: int) -> tuple[str, ...]:
    ids = dedupe(check_uuid(v, what) for v in values)
    if len(ids) > max_items:
        raise Invalid(f"{what}最多 {max_items} 人，请分次登记", code="too_many_members")
    return ids


def check_past(day: date, today: date, what: str) -> date:
    if day > today:
        raise Invalid(
            f"{what} {day.isoformat()} 晚于今天（{today.isoformat()}），"
            f"只能登记已经发生的事项；请核对{what}",
            code="date_in_future",
        )
    return day


def member_snapshot(
    wanted: Sequence[str], members: Sequence[MemberRef], doing: str
) -> dict[str, str | None]:
    known = {m.member_id: m for m in members}
    return require_members((known.get(m, MemberRef(m)) for m in wanted), doing)
