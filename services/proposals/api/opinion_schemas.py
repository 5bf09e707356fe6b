"""Request bodies of the 社情民意 API (responses: `opinion_responses`).

Code-list fields are plain strings here: the domain checks them and answers with the
Chinese labels of the allowed values.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from services.proposals.domain.opinion.rules import (
    BODY_MAX_CHARS,
    NAME_MAX_CHARS,
    TEXT_MAX_CHARS,
    TITLE_MAX_CHARS,
)

ID_PATTERN = r"^[A-Za-z0-9_-]{1,64}$"
SLUG_PATTERN = r"^[a-z0-9][a-z0-9_-]{1,31}$"
MemberId = Annotated[str, Field(pattern=ID_PATTERN, description="委员编号")]
TownshipSlug = Annotated[str, Field(pattern=SLUG_PATTERN, description="乡镇编号")]
Name = Annotated[str, Field(min_length=1, max_length=NAME_MAX_CHARS)]
Code = Annotated[str, Field(max_length=32)]
Text = Annotated[str, Field(max_length=TEXT_MAX_CHARS)]


class Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BodyIn(Request):
    situation: str = Field(default="", max_length=BODY_MAX_CHARS, description="基本情况")
    analysis: str = Field(default="", max_length=BODY_MAX_CHARS, description="分析")
    suggestions: str = Field(default="", max_length=BODY_MAX_CHARS, description="具体建议")


class SubmitReportIn(Request):
    reporter_kind: Code = Field(
        default="member",
        description="报送主体：member 委员 / liaison_group 乡镇联络组 / direct_report_point "
        "直报点 / party_org / people_org / special_committee / sector / info_officer / "
        "opinion_liaison",
    )
    author_ids: list[MemberId] = Field(
        default_factory=list, max_length=20, description="作者（委员编号）；委员本人报送时可省略"
    )
    reporter_name: str | None = Field(
        default=None, max_length=NAME_MAX_CHARS, description="报送单位或报送人姓名"
    )
    contact_phone: str | None = Field(default=None, max_length=20, description="联系电话")
    title: str = Field(max_length=TITLE_MAX_CHARS, description="标题（一事一报）")
    body: BodyIn = Field(description="正文：有情况、有分析、有建议")
    info_nature: Code = Field(
        description="信息性质：overall_situation / emerging_issue / constructive_opinion / "
        "targeted_suggestion"
    )
    category: Code = Field(description="类别：economy/politics/culture/society/ecology/other")
    urgency: Code = Field(default="normal", description="紧急程度：normal 一般 / urgent 紧急")
    source_channel: Code = Field(description="信息来源，如 visit 走访、mailbox 联络箱")
    township_ids: list[TownshipSlug] = Field(
        default_factory=list, max_length=20, description="涉及乡镇"
    )
    direct_report_point_id: str | None = Field(
        default=None, pattern=ID_PATTERN, description="直报点编号（以直报点名义报送时）"
    )
    liaison_group_id: str | None = Field(
        default=None, max_length=32, description="联络组（乡镇编号），以联络组名义报送时"
    )
    series_id: str | None = Field(default=None, max_length=64, description="跟踪连续报系列")


class EditIn(Request):
    edited_title: str | None = Field(default=None, max_length=TITLE_MAX_CHARS)
    edited_body: BodyIn | None = None
    editor_notes: Text | None = Field(default=None, description="编辑意见")


class ReasonIn(Request):
    reason: Text = Field(description="理由")


class ResubmitIn(Request):
    title: str | None = Field(default=None, max_length=TITLE_MAX_CHARS)
    body: BodyIn | None = None


class AcceptIn(Request):
    use_mode: Code = Field(description="采用方式：single_article / compiled / forwarded_original")


class ForwardIn(Request):
    departments: list[Name] = Field(max_length=20, description="转送部门")


class UpwardIn(Request):
    level: Code = Field(description="报送层级：city 市政协 / province 省政协 / national 全国政协")
    recipient: str | None = Field(default=None, max_length=NAME_MAX_CHARS, description="接收单位")


class AdoptionIn(Request):
    level: Code = Field(description="采用层级：county/county_party_gov/city/province/national")
    adopting_body: str = Field(max_length=NAME_MAX_CHARS, description="采用单位")
    vehicle: str | None = Field(default=None, max_length=NAME_MAX_CHARS, description="刊物/载体")
    mode: Code = Field(description="采用方式：single_article / compiled / forwarded_original")
    adopted_on: date = Field(description="采用日期")


class InstructionIn(Request):
    leader: str = Field(max_length=50, description="批示领导")
    level: Code = Field(description="领导层级：county_leader/city_leader/provincial_leader/…")
    text: Text = Field(description="批示内容")
    instructed_on: date = Field(description="批示日期")
    principal: bool = Field(default=False, description="是否主要领导")


class FeedbackIn(Request):
    department: str = Field(max_length=NAME_MAX_CHARS, description="反馈单位")
    text: Text = Field(description="落实情况")
    received_on: date = Field(description="收到日期")


class NoteIn(Request):
    note: Text | None = Field(default=None, description="说明")


class CreateIssueIn(Request):
    series: Code = Field(default="sqmy", description="刊物系列：sqmy 社情民意 / sqmy_special 专报")
    year: int = Field(ge=2000, le=2100, description="年份")
    title: str | None = Field(default=None, max_length=TITLE_MAX_CHARS, description="本期标题")
    classification: str = Field(default="内部", max_length=20, description="密级")


class AddItemIn(Request):
    report_id: str = Field(pattern=ID_PATTERN, description="社情民意信息编号")
    order: int | None = Field(default=None, ge=1, le=999, description="排序号，省略则排在最后")
    edited_title: str | None = Field(
        default=None, max_length=TITLE_MAX_CHARS, description="编发标题"
    )
    mode: Code = Field(default="single", description="编发方式：single 单篇 / compiled 综合")


class PublishIn(Request):
    recipients: list[Name] = Field(max_length=50, description="报送对象，如 县委主要领导")


class EstablishPointIn(Request):
    point_name: Name = Field(description="直报点名称")
    kind: Code = Field(description="类型：village/community/enterprise/school/hospital/…")
    township_id: TownshipSlug
    address: str | None = Field(default=None, max_length=200, description="地址")
    contact_person: str = Field(max_length=50, description="联系人")
    contact_phone: str = Field(max_length=20, description="联系电话")
    linked_member_ids: list[MemberId] = Field(
        default_factory=list, max_length=20, description="联系委员"
    )


class ContactIn(Request):
    contact_person: str = Field(max_length=50, description="联系人")
    contact_phone: str = Field(max_length=20, description="联系电话")
