"""Input checks shared by the 社情民意 deciders (Chinese messages)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime

from shared.domain import Invalid

from .events import ReportBody
from .labels import choices_text

TITLE_MAX_CHARS = 100
BODY_MAX_CHARS = 3000  # hard limit; ≤1500 is advised (DOMAIN §3.1)
TEXT_MAX_CHARS = 1000
NAME_MAX_CHARS = 100
LIST_MAX_ITEMS = 20
SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{1,31}$")
PHONE = re.compile(r"^[0-9+\-() ]{5,20}$")


def choice(value: str, labels: Mapping[str, str], what: str) -> str:
    if value in labels:
        return value
    if not value.strip():
        raise Invalid(f"请选择{what}，可选：{choices_text(labels)}", code="invalid_choice")
    raise Invalid(
        f"{what}“{value}”无效，请从以下选项中选择：{choices_text(labels)}", code="invalid_choice"
    )


def title(raw: str) -> str:
    text = raw.strip()
    if not text:
        raise Invalid("标题不能为空，请用一句话概括反映的问题", code="title_required")
    if len(text) > TITLE_MAX_CHARS:
        raise Invalid(
            f"标题不能超过{TITLE_MAX_CHARS}个字，当前为{len(text)}个字，请精简",
            code="title_too_long",
        )
    if "；" in text or ";" in text or text.count("关于") > 1:
        raise Invalid(
            "一事一报：每篇社情民意信息只反映一个问题，请把不同问题分开报送",
            code="one_issue_per_report",
        )
    return text


def body(raw: ReportBody, *, strict: bool = True) -> ReportBody:
    cleaned = ReportBody(
        situation=raw.situation.strip(),
        analysis=raw.analysis.strip(),
        suggestions=raw.suggestions.strip(),
    )
    if strict and not cleaned.situation:
        raise Invalid("请写明反映的情况（有情况、有分析、有建议）", code="situation_required")
    if strict and not cleaned.suggestions:
        raise Invalid("请写明具体建议（有情况、有分析、有建议）", code="suggestions_required")
    if cleaned.length() > BODY_MAX_CHARS:
        raise Invalid(
            f"正文（情况、分析、建议）合计不能超过{BODY_MAX_CHARS}个字，"
            f"当前为{cleaned.length()}个字，请精简（建议不超过1500字）",
            code="body_too_long",
        )
    return cleaned


def required_text(raw: str, what: str, limit: int = TEXT_MAX_CHARS) -> str:
    text = raw.strip()
    if not text:
        raise Invalid(f"请填写{what}", code="text_required")
    return _limited(text, what, limit)


def optional_text(raw: str | None, what: str, limit: int = TEXT_MAX_CHARS) -> str | None:
    text = (raw or "").strip()
    return _limited(text, what, limit) if text else None


def _limited(text: str, what: str, limit: int) -> str:
    if len(text) > limit:
        raise Invalid(
            f"{what}不能超过{limit}个字，当前为{len(text)}个字，请精简", code="text_too_long"
        )
    return text


def township_slug(raw: str, what: str = "乡镇编号") -> str:
    value = raw.strip()
    if not SLUG.match(value):
        raise Invalid(
            f"{what}“{raw}”格式不正确，应为小写字母、数字、下划线或连字符（2–32位）",
            code="invalid_township",
        )
    return value


def distinct(items: Iterable[str], what: str) -> tuple[str, ...]:
    values = tuple(i.strip() for i in items)
    if any(not v for v in values):
        raise Invalid(f"{what}不能为空白，请删除空白项", code="blank_item")
    if len(values) > LIST_MAX_ITEMS:
        raise Invalid(f"{what}最多{LIST_MAX_ITEMS}项，请精简", code="too_many_items")
    seen: list[str] = []
    for value in values:
        if value in seen:
            raise Invalid(f"{what}重复：{value}，请删除重复项", code="duplicate_item")
        seen.append(value)
    return values


def phone(raw: str) -> str:
    value = raw.strip()
    if not PHONE.match(value):
        raise Invalid(f"联系电话“{raw}”格式不正确，请填写5–20位数字", code="invalid_phone")
    return value


def utc(at: datetime) -> datetime:
    return at.astimezone(UTC)
