"""Validation of a member's profile fields and of encrypted personal data (pure)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from services.members.domain.rules import (
    MAX_MEMBER_NAME,
    MAX_WORK_UNIT,
    not_after,
    optional_text,
    options,
    text,
)
from services.members.domain.vocab import GENDER_LABELS, PII_FIELD_LABELS, PROFILE_FIELD_LABELS
from shared.domain import Invalid, Rejected

MAX_ETHNICITY = 16
MAX_POSITION = 50
MAX_ENTERPRISE = 100
MAX_CIPHERTEXT = 4096
EARLIEST_BIRTH = date(1900, 1, 1)

TEXT_LIMITS = {
    "ethnicity": MAX_ETHNICITY,
    "work_unit": MAX_WORK_UNIT,
    "position": MAX_POSITION,
    "enterprise_name": MAX_ENTERPRISE,
}
FLAGS = ("is_non_public_economy", "is_new_social_stratum")


def _gender(value: Any) -> str | None:
    if value is None or value in GENDER_LABELS:
        return value if value is None else str(value)
    raise Invalid(
        f"性别“{value}”无效：可选 {options(GENDER_LABELS.items())}", code="invalid_gender"
    )


def _birth_date(value: Any, today: date) -> date | None:
    if value is None:
        return None
    if not isinstance(value, date):
        raise Invalid("出生日期格式不正确，应为 YYYY-MM-DD", code="invalid_birth_date")
    if value < EARLIEST_BIRTH:
        raise Invalid(
            f"出生日期 {value.isoformat()} 过早，请核对出生日期", code="invalid_birth_date"
        )
    return not_after(value, today, "出生日期")


def _field(key: str, value: Any, today: date) -> Any:
    label = PROFILE_FIELD_LABELS[key]
    if key == "member_name":
        return text(str(value or ""), "委员姓名", MAX_MEMBER_NAME)
    if key == "gender":
        return _gender(value)
    if key == "birth_date":
        return _birth_date(value, today)
    if key in FLAGS:
        if not isinstance(value, bool):
            raise Invalid(f"“{label}”应为是或否（true/false）", code="invalid_flag")
        return value
    return optional_text(None if value is None else str(value), label, TEXT_LIMITS[key])


def clean_profile(values: Mapping[str, Any], today: date) -> dict[str, Any]:
    """Validated profile fields (only those given)."""
    unknown = sorted(set(values) - set(PROFILE_FIELD_LABELS))
    if unknown:
        raise Invalid(
            f"不认识的委员信息字段“{unknown[0]}”：可填 {'、'.join(PROFILE_FIELD_LABELS)}",
            code="unknown_profile_field",
        )
    return {key: _field(key, value, today) for key, value in values.items()}


def check_pii(
    pii: Mapping[str, str | None],
    key_id: str | None,
    *,
    current_key_id: str | None,
    forgotten: bool,
    member_name: str,
) -> None:
    """Encrypted personal data: known fields, plausible ciphertexts, the member's key."""
    for field, blob in pii.items():
        if field not in PII_FIELD_LABELS:
            raise Invalid(
                f"个人信息字段“{field}”无效：可选 {options(PII_FIELD_LABELS.items())}",
                code="invalid_pii_field",
            )
        if blob is not None and not 0 < len(blob) <= MAX_CIPHERTEXT:
            raise Invalid(f"{PII_FIELD_LABELS[field]}的密文无效", code="invalid_ciphertext")
    if not any(blob is not None for blob in pii.values()):
        return
    if forgotten:
        raise Rejected(
            f"委员 {member_name} 的个人信息已删除，不能再登记个人信息",
            code="personal_data_forgotten",
        )
    if key_id is None:
        raise Invalid("个人信息缺少数据密钥编号，请重新提交", code="pii_key_missing")
    if current_key_id is not None and key_id != current_key_id:
        raise Rejected("委员的数据密钥刚被修改，请刷新后重试", code="pii_key_mismatch")
