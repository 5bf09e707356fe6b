"""Closed vocabularies of member records (DOMAIN §5.1) and their Chinese labels."""

from __future__ import annotations

from typing import Literal, get_args

MemberType = Literal["member", "standing_member", "chair", "vice_chair", "secretary_general"]
ExitReason = Literal["resigned", "persuaded_to_resign", "revoked", "deceased", "transferred"]
Gender = Literal["male", "female"]
PiiField = Literal["phone", "id_number", "address"]

MEMBER_TYPES: tuple[MemberType, ...] = get_args(MemberType)
EXIT_REASONS: tuple[ExitReason, ...] = get_args(ExitReason)
GENDERS: tuple[Gender, ...] = get_args(Gender)
PII_FIELDS: tuple[PiiField, ...] = get_args(PiiField)

# 主席、副主席、秘书长 are members of the standing committee too.
STANDING_TYPES: frozenset[str] = frozenset(MEMBER_TYPES) - {"member"}

MEMBER_TYPE_LABELS: dict[MemberType, str] = {
    "member": "委员",
    "standing_member": "常委",
    "chair": "主席",
    "vice_chair": "副主席",
    "secretary_general": "秘书长",
}

EXIT_REASON_LABELS: dict[ExitReason, str] = {
    "resigned": "辞去委员职务",
    "persuaded_to_resign": "劝辞",
    "revoked": "撤销委员资格",
    "deceased": "去世",
    "transferred": "调离",
}

GENDER_LABELS: dict[Gender, str] = {"male": "男", "female": "女"}

PII_FIELD_LABELS: dict[PiiField, str] = {
    "phone": "联系电话",
    "id_number": "身份证号",
    "address": "住址",
}

PROFILE_FIELD_LABELS: dict[str, str] = {
    "member_name": "姓名",
    "gender": "性别",
    "ethnicity": "民族",
    "birth_date": "出生日期",
    "work_unit": "工作单位",
    "position": "职务",
    "is_non_public_economy": "非公有制经济人士",
    "is_new_social_stratum": "新的社会阶层人士",
    "enterprise_name": "委员企业名称",
}
