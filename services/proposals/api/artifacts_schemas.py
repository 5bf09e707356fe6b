"""Request and response bodies shared by the artifact routes, plus calendar, topic guide,
lead and similar-title bodies. Code-list fields are plain strings: the domain checks them
and answers with the Chinese labels of the allowed values."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import Path
from pydantic import BaseModel, ConfigDict, Field

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$"
Code = Annotated[str, Field(max_length=32)]
AnyId = Annotated[str, Field(pattern=ID_PATTERN, description="编号")]
ProposalIdIn = Annotated[str, Field(pattern=ID_PATTERN, description="提案编号")]
UnitIdIn = Annotated[str, Field(pattern=ID_PATTERN, description="承办单位编号")]
UnitNameIn = Annotated[str, Field(min_length=1, max_length=100, description="承办单位名称")]
PathId = Annotated[str, Path(pattern=ID_PATTERN, description="编号")]
TermNo = Annotated[int, Path(ge=1, le=99, description="届次")]
SessionNo = Annotated[int, Path(ge=1, le=20, description="会次")]
Year = Annotated[int, Path(ge=2000, le=2100, description="年度")]


class Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Coded(BaseModel):
    code: str
    label: str


def coded(code: str, labels: Mapping[str, str]) -> Coded:
    return Coded(code=code, label=labels.get(code, code))


def utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes; the projections store UTC."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


# --- calendar ------------------------------------------------------------------------------


class CalendarDayIn(Request):
    day: date = Field(description="日期，YYYY-MM-DD")
    label: str = Field(default="", max_length=20, description="说明，如“春节”“国庆节调休上班”")


class AddDaysIn(Request):
    kind: Code = Field(description="holiday 法定节假日 / workday 调休上班日（周六或周日）")
    days: list[CalendarDayIn] = Field(min_length=1, max_length=60, description="日期列表")


class RemoveDaysIn(Request):
    days: list[date] = Field(min_length=1, max_length=60, description="要删除的日期")


class CalendarDayOut(BaseModel):
    day: date
    weekday: int = Field(description="星期几：1=星期一 … 7=星期日")
    kind: Coded
    label: str


class CalendarYear(BaseModel):
    year: int
    holidays: int = Field(description="法定节假日天数")
    adjusted_workdays: int = Field(description="调休上班日天数")
    days: list[CalendarDayOut]


class WorkdaysOut(BaseModel):
    start: date
    end: date
    workdays: int = Field(description="start 之后（不含）至 end（含）之间的工作日数")


class DeadlineOut(BaseModel):
    start: date
    workdays: int
    deadline: date = Field(description="start 之后第 workdays 个工作日")


# --- topic guides --------------------------------------------------------------------------


class GuideItemIn(Request):
    title: str = Field(min_length=1, max_length=100, description="参考题目")
    description: str = Field(default="", max_length=1000, description="题目说明")
    category: Code = Field(description="类别：economy/politics/culture/society/ecology")


class GuideItemOut(BaseModel):
    item_id: str
    title: str
    description: str
    category: Coded


class GuideOut(BaseModel):
    term_no: int
    session_no: int
    status: Coded
    published_at: datetime | None
    items: list[GuideItemOut] = Field(default_factory=list)


# --- leads ---------------------------------------------------------------------------------


class LeadIn(Request):
    channel: Code = Field(
        description="来源渠道：phone 电话 / email 电子邮件 / letter 信函 / online"
    )
    content: str = Field(min_length=1, max_length=2000, description="线索内容")
    contact_name: str = Field(default="", max_length=50, description="提供人（可匿名）")
    contact: str = Field(default="", max_length=100, description="联系方式（对外显示时打码）")
    township_id: str | None = Field(
        default=None,
        pattern=r"^[a-z0-9][a-z0-9_-]{1,31}$",
        description="线索涉及的乡镇；乡镇联络组登记时为本乡镇，可省略",
    )


class ForwardLeadIn(Request):
    member_ids: list[AnyId] = Field(
        default_factory=list, max_length=200, description="转交的委员；留空表示全体委员"
    )
    note: str = Field(default="", max_length=500, description="转交说明")


class DeclineLeadIn(Request):
    reason: str = Field(min_length=1, max_length=500, description="不予采用的理由")


class LeadOut(BaseModel):
    lead_id: str
    township_id: str | None
    channel: Coded
    content: str
    contact_name: str
    contact: str = Field(description="联系方式；仅提案委和政协机关在详情中看到完整号码")
    status: Coded
    to_all_members: bool
    note: str | None
    decline_reason: str | None
    received_at: datetime | None
    triaged_at: datetime | None


# --- similar titles ------------------------------------------------------------------------


class SimilarOut(BaseModel):
    proposal_id: str
    serial_no: str | None
    title: str
    status: Coded
    score: float = Field(description="标题相似度（字符二元组 Jaccard，0–1）")


class SimilarPage(BaseModel):
    threshold: float
    items: list[SimilarOut]
