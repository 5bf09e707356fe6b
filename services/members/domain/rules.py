"""Validation helpers shared by the members context's decide functions (pure).

Each helper returns the cleaned value or raises `Invalid` with a Chinese message that
says what is wrong and what to do.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from datetime import date
from typing import TypeVar

from shared.domain import Invalid

TOWNSHIP_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{1,31}$")

MAX_GROUP_NAME = 50
MAX_TOWNSHIP_NAME = 32
MAX_MEMBER_NAME = 50
MAX_SECTOR = 32
MAX_WORK_UNIT = 100
MAX_PARTY_NAME = 20
MAX_PLACE = 100
MAX_TOPIC = 50
MAX_TOPICS = 20
MAX_ISSUE_TEXT = 500
MAX_ISSUES = 50
MAX_CONSTITUENT_CATEGORY = 32
MAX_CONSTITUENT_NAME = 50
MAX_REASON = 200

T = TypeVar("T")


def is_valid_township_id(value: str) -> bool:
    return TOWNSHIP_ID_PATTERN.fullmatch(value) is not None


def check_township_id(value: str, what: str = "乡镇编号") -> str:
    if not is_valid_township_id(value):
        raise Invalid(
            f"{what}“{value}”格式不正确：应为 2–32 位小写英文字母、数字、下划线或连字符，"
            "且以字母或数字开头（如 chengguan）",
            code="invalid_township_id",
        )
    return value


def is_canonical_uuid(value: str) -> bool:
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False


def check_uuid(value: str, what: str) -> str:
    if not is_canonical_uuid(value):
        raise Invalid(
            f"{what}“{value}”格式不正确：应为小写、带连字符的 UUID"
            "（如 0190a6c2-7d1e-7c3a-9f1e-2b3c4d5e6f70）",
            code="invalid_id",
        )
    return value


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


def dedupe(values: Iterable[T]) -> tuple[T, ...]:
    """Drop repeated values, keeping the first occurrence's position."""
    return tuple(dict.fromkeys(values))


def options(labels: Iterable[tuple[str, str]]) -> str:
    return "、".join(f"{code}（{label}）" for code, label in labels)


def not_after(value: date, limit: date, what: str) -> date:
    if value > limit:
        raise Invalid(
            f"{what} {value.isoformat()} 晚于今天（{limit.isoformat()}），请核对{what}",
            code="date_in_future",
        )
    return value
