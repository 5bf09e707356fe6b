"""Request and response bodies for a member's record, personal data and sectors."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field, model_validator
from pydantic_core import PydanticCustomError

from services.members.api.schemas import Body, MemberId, MemberOut, TownshipId

PHONE = re.compile(r"^(1\d{10}|0\d{2,3}-?\d{7,8})$")
ID_NUMBER = re.compile(r"^\d{17}[\dX]$")


def _phone(value: str) -> str:
    if not PHONE.fullmatch(value):
        raise PydanticCustomError(
            "invalid_phone", "应为 11 位手机号（如 13812345678）或带区号的固定电话"
        )
    return value


def _id_number(value: str) -> str:
    value = value.upper()
    if not ID_NUMBER.fullmatch(value):
        raise PydanticCustomError("invalid_id_number", "应为 18 位居民身份证号码（末位可为 X）")
    return value


Phone = Annotated[
    str, Field(max_length=20, description="联系电话（个人信息，加密保存）"), AfterValidator(_phone)
]
IdNumber = Annotated[
    str,
    Field(max_length=18, description="身份证号（个人信息，加密保存）"),
    AfterValidator(_id_number),
]
Address = Annotated[
    str, Field(min_length=1, max_length=200, description="住址（个人信息，加密保存）")
]
Gender = Literal["male", "female"]
MemberType = Literal["member", "standing_member", "chair", "vice_chair", "secretary_general"]


class ProfileFields(Body):
    gender: Gender | None = Field(default=None, description="性别：male（男）、female（女）")
    ethnicity: str | None = Field(default=None, max_length=16, description="民族，如 汉族")
    birth_date: date | None = Field(default=None, description="出生日期")
    position: str | None = Field(default=None, max_length=50, description="职务")
    is_non_public_economy: bool | None = Field(default=None, description="是否非公有制经济人士")
    is_new_social_stratum: bool | None = Field(default=None, description="是否新的社会阶层人士")
    enterprise_name: str | None = Field(default=None, max_length=100, description="委员企业名称")
    phone: Phone | None = None
    id_number: IdNumber | None = None
    address: Address | None = None


class RegisterMemberIn(ProfileFields):
    member_id: MemberId | None = Field(
        default=None, description="委员编号（UUID）；不填则由系统生成"
    )
    name: str = Field(min_length=1, max_length=50, description="委员姓名")
    sector: str | None = Field(default=None, max_length=32, description="界别名称，如 农业界")
    sector_id: MemberId | None = Field(default=None, description="界别编号（与界别名称二选一）")
    political_affiliation: str = Field(
        min_length=1,
        max_length=40,
        description="政治面貌：cpc（中共党员）、non_party（无党派人士）、none（群众）"
        "或 democratic_party:<党派简称>，如 democratic_party:民盟",
    )
    township_id: TownshipId = Field(description="所属联络组（乡镇编号）")
    term_no: int = Field(ge=1, le=99, description="届次，如第十届填 10")
    is_standing_member: bool = Field(default=False, description="是否常委")
    member_type: MemberType | None = Field(
        default=None, description="本届任职类别（默认 委员/常委）"
    )
    joined_at: date | None = Field(default=None, description="本届任职日期（默认今天）")
    work_unit: str | None = Field(default=None, max_length=100, description="工作单位及职务")

    @model_validator(mode="after")
    def _sector_given(self) -> RegisterMemberIn:
        if self.sector is None and self.sector_id is None:
            raise PydanticCustomError(
                "sector_required", "请填写界别名称（sector）或界别编号（sector_id）"
            )
        return self


class UpdateProfileIn(ProfileFields):
    """只提交要修改的字段；填 null 表示清空该项。"""

    member_name: str | None = Field(default=None, min_length=1, max_length=50, description="姓名")
    work_unit: str | None = Field(default=None, max_length=100, description="工作单位")


class ChangeSectorIn(Body):
    sector: str | None = Field(default=None, max_length=32, description="新界别名称")
    sector_id: MemberId | None = Field(default=None, description="新界别编号（与名称二选一）")
    reason: str | None = Field(default=None, max_length=200, description="变更原因")

    @model_validator(mode="after")
    def _sector_given(self) -> ChangeSectorIn:
        if self.sector is None and self.sector_id is None:
            raise PydanticCustomError(
                "sector_required", "请填写界别名称（sector）或界别编号（sector_id）"
            )
        return self


class ChangeAffiliationIn(Body):
    political_affiliation: str = Field(min_length=1, max_length=40, description="新的政治面貌")
    reason: str | None = Field(default=None, max_length=200, description="变更原因")


class AppointIn(Body):
    term_no: int = Field(
        ge=1, le=99, description="届次；填本届则变更任职类别，填新一届则转入新一届"
    )
    member_type: MemberType = Field(
        description="任职类别：member、standing_member、chair、vice_chair、secretary_general"
    )
    joined_at: date | None = Field(default=None, description="任职日期（默认今天）")


class ExitIn(Body):
    exit_reason: Literal[
        "resigned", "persuaded_to_resign", "revoked", "deceased", "transferred"
    ] = Field(
        description="离任原因：resigned（辞职）、persuaded_to_resign（劝辞）、revoked（撤销资格）、"
        "deceased（去世）、transferred（调离）"
    )
    left_at: date | None = Field(default=None, description="离任日期（默认今天）")
    note: str | None = Field(default=None, max_length=200, description="说明")


class CommitteeIn(Body):
    committee: str = Field(min_length=1, max_length=32, description="专门委员会名称，如 经济委")
    action: Literal["join", "leave"] = Field(
        default="join", description="join（加入）或 leave（退出）"
    )


class EstablishSectorIn(Body):
    name: str = Field(min_length=1, max_length=32, description="界别名称，如 农业界")
    kind: str = Field(
        max_length=40,
        description="类别：party、non_party、people_org、professional、ethnic_religious、special_invited",
    )
    sort: int = Field(default=0, ge=0, le=9999, description="排序号")
    name_en: str | None = Field(default=None, max_length=64, description="英文名称")


class RenameSectorIn(Body):
    name: str = Field(min_length=1, max_length=32, description="新名称")


# --- responses ---------------------------------------------------------------------------


class PersonalDataOut(BaseModel):
    """个人信息：本人和县政协机关看到原文，所属联络组看到打码后的值；删除后显示“（已删除）”。"""

    phone: str | None
    id_number: str | None
    address: str | None
    visibility: Literal["full", "masked"]
    forgotten: bool


class TermOut(BaseModel):
    term_no: int
    member_type: str
    member_type_label: str
    joined_at: date | None
    left_at: date | None
    exit_reason: str | None
    exit_reason_label: str | None


class ChangeOut(BaseModel):
    kind: str
    from_value: str | None
    to_value: str | None
    reason: str | None
    changed_at: datetime


class MemberListItem(MemberOut):
    personal_data: PersonalDataOut | None = None


class MemberDetailOut(MemberListItem):
    exit_reason: str | None
    exit_reason_label: str | None
    left_at: date | None
    gender: str | None
    gender_label: str | None
    ethnicity: str | None
    birth_date: date | None
    position: str | None
    is_non_public_economy: bool
    is_new_social_stratum: bool
    enterprise_name: str | None
    special_committees: list[str]
    terms: list[TermOut]
    changes: list[ChangeOut]


class SectorOut(BaseModel):
    sector_id: str
    name: str
    kind: str
    kind_label: str
    sort: int
    name_en: str | None
    retired: bool
    member_count: int


class GroupSummaryOut(BaseModel):
    """联络组汇总（不含个人明细）。"""

    township_id: str
    group_name: str
    member_count: int
    standing_member_count: int
    by_sector: dict[str, int]
    by_political_affiliation: dict[str, int]
    by_member_type: dict[str, int]
    by_gender: dict[str, int]
