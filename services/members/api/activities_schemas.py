"""Request bodies of the duty-activity API. Unknown fields are refused and lengths bounded;
closed vocabularies are checked by the domain, whose Chinese messages list the options."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from services.members.domain.activities.common import TOWNSHIP_ID


def _township_id(value: str) -> str:
    if TOWNSHIP_ID.fullmatch(value) is None:
        raise PydanticCustomError(
            "invalid_township_id",
            "应为 2–32 位小写英文字母、数字、下划线或连字符，且以字母或数字开头（如 chengguan）",
        )
    return value


def _member_id(value: str) -> str:
    try:
        if str(uuid.UUID(value)) == value:
            return value
    except ValueError:
        pass
    raise PydanticCustomError(
        "invalid_member_id", "应为小写、带连字符的 UUID（如 0190a6c2-7d1e-7c3a-9f1e-2b3c4d5e6f70）"
    )


TownshipId = Annotated[
    str, Field(max_length=32, description="乡镇编号（联络组编号），如 chengguan"),
    AfterValidator(_township_id),
]  # fmt: skip
MemberId = Annotated[
    str, Field(max_length=36, description="委员编号（UUID）"), AfterValidator(_member_id)
]
Code = Annotated[str, Field(min_length=1, max_length=40)]
Topic = Annotated[str, Field(max_length=100)]
Note = Annotated[str | None, Field(default=None, max_length=200, description="备注或意见")]


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid")


# --- visits ------------------------------------------------------------------------------


class VerifyVisitIn(Body):
    note: Note = None


class EscalateIssueIn(Body):
    target: Code = Field(description="转为：opinion_report（社情民意信息）或 proposal（提案）")
    title: str | None = Field(
        default=None, max_length=100, description="草稿标题；不填则由问题内容生成"
    )


# --- constituent links -------------------------------------------------------------------


class EstablishLinkIn(Body):
    member_id: MemberId
    category: str = Field(min_length=1, max_length=32, description="界别群众类别，如 种植大户")
    name: str | None = Field(default=None, max_length=50, description="姓名或单位（可不填）")
    contact: str | None = Field(
        default=None, max_length=30, description="联系电话；只保存脱敏后的号码（如 138****5678）"
    )
    note: Note = None


class EndLinkIn(Body):
    reason: str | None = Field(default=None, max_length=200, description="结束联系的原因")


# --- training ----------------------------------------------------------------------------


class ScheduleTrainingIn(Body):
    kind: Code = Field(
        description="培训类型：member_main_training（委员主体培训班）、cadre_capacity"
        "（干部能力提升培训班）、online_course（网络课程）、study_session（学习会）"
    )
    title: str = Field(min_length=1, max_length=100, description="培训名称")
    start_date: date = Field(description="开始日期")
    end_date: date = Field(description="结束日期")
    location: str = Field(min_length=1, max_length=100, description="培训地点")
    curriculum: list[Topic] = Field(default_factory=list, max_length=30, description="课程")
    organiser: str | None = Field(default=None, max_length=100, description="主办单位")
    township_id: TownshipId | None = Field(
        default=None, description="举办乡镇；县级培训不填（面向全体委员）"
    )


class AttendanceIn(Body):
    member_id: MemberId
    full_attendance: bool = Field(default=True, description="是否全程参加")


# --- livelihood activities ---------------------------------------------------------------


class LivelihoodIn(Body):
    kind: Code = Field(
        description="类型：three_to_countryside（三下乡）、poverty_relief（扶贫济困）、"
        "education_donation（捐资助学）、free_clinic（义诊）、legal_aid（法律援助）、other"
    )
    title: str = Field(min_length=1, max_length=100, description="活动名称")
    township_ids: list[TownshipId] = Field(min_length=1, max_length=20, description="开展乡镇")
    activity_date: date = Field(description="活动日期（不能晚于今天）")
    organiser_kind: Code = Field(
        description="组织方：committee、liaison_group、sector、participating_org、other"
    )
    organiser_name: str = Field(min_length=1, max_length=100, description="组织方名称")
    participant_member_ids: list[MemberId] = Field(
        min_length=1, max_length=100, description="参加活动的委员"
    )
    beneficiaries_count: int = Field(default=0, ge=0, le=10_000_000, description="受益人数")
    beneficiaries_description: str | None = Field(default=None, max_length=500)
    donation_amount_yuan: Decimal | None = Field(
        default=None, ge=0, description="捐赠金额（元，最多两位小数）"
    )
    donation_in_kind: str | None = Field(default=None, max_length=500, description="捐赠物资")
    description: str | None = Field(default=None, max_length=500, description="活动情况")


class VerifyLivelihoodIn(Body):
    note: Note = None


# --- outreach ----------------------------------------------------------------------------


class EnterpriseVisitIn(Body):
    visited_member_ids: list[MemberId] = Field(
        min_length=1, max_length=50, description="被走访的委员（委员企业负责人）"
    )
    visitor_member_ids: list[MemberId] = Field(
        default_factory=list, max_length=50, description="参加走访的委员（如主席会议成员）"
    )
    enterprise_name: str | None = Field(default=None, max_length=100, description="企业名称")
    township_id: TownshipId = Field(description="企业所在乡镇")
    visit_date: date = Field(description="走访日期（不能晚于今天）")
    topics: list[Annotated[str, Field(max_length=50)]] = Field(default_factory=list, max_length=20)
    notes: str | None = Field(default=None, max_length=1000, description="走访情况")


class LiaisonContactIn(Body):
    contact_kind: Code = Field(
        description="联系对象：hometown_notable（在外乡贤）、non_public_economy（非公有制经济"
        "人士）、new_social_stratum（新的社会阶层人士）"
    )
    contact_name: str = Field(min_length=1, max_length=50, description="联系对象姓名")
    organisation: str | None = Field(default=None, max_length=100, description="单位或企业")
    member_ids: list[MemberId] = Field(min_length=1, max_length=50, description="参加联系的委员")
    township_id: TownshipId = Field(description="联系对象所在（或家乡）乡镇")
    contact_date: date = Field(description="联系日期（不能晚于今天）")
    mode: Code = Field(description="方式：visit、symposium、phone、online、event")
    topics: list[Annotated[str, Field(max_length=50)]] = Field(default_factory=list, max_length=20)
    notes: str | None = Field(default=None, max_length=1000, description="联系情况")


# --- excellence --------------------------------------------------------------------------


class NominateIn(Body):
    category: Code = Field(
        description="类别：excellent_member、excellent_proposal、excellent_opinion_report、"
        "excellent_liaison_group、advanced_handling_unit"
    )
    nominee_id: str = Field(
        min_length=1, max_length=64, description="被推荐对象编号：委员编号、乡镇编号、提案编号等"
    )
    nominee_name: str | None = Field(
        default=None,
        max_length=200,
        description="名称（提案或信息标题、单位名称；委员和联络组不填）",
    )
    member_ids: list[MemberId] = Field(
        default_factory=list, max_length=20, description="署名委员（优秀提案、优秀信息）"
    )
    township_id: TownshipId | None = Field(default=None, description="所属乡镇（可不填）")
    reason: str = Field(min_length=1, max_length=1000, description="推荐理由")


class AwardIn(Body):
    level: Code = Field(description="表彰级别：county、city、province、national")
    award_title: str | None = Field(default=None, max_length=200, description="表彰名称")
