"""Request and response bodies of the proposals API.

Code-list fields (category, period, reason, disposition) are plain strings here: the
domain checks them and answers with the Chinese labels of the allowed values.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from services.proposals.domain import BODY_MAX_CHARS, NOTE_MAX_CHARS, TITLE_MAX_CHARS
from shared.http import Accepted

from .schemas_lifecycle import AuthorBodyIn
from .schemas_views import (
    AuthorBodyOut,
    CosignerOut,
    Labelled,
    ReplyOut,
    ReviewOpinionOut,
    TaskOut,
)

MemberId = Annotated[str, Field(min_length=1, max_length=64, description="委员编号")]
UnitName = Annotated[str, Field(min_length=1, max_length=100, description="单位名称")]
Code = Annotated[str, Field(max_length=32)]


class Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class BodyIn(Request):
    situation: str = Field(default="", max_length=BODY_MAX_CHARS, description="基本情况")
    analysis: str = Field(default="", max_length=BODY_MAX_CHARS, description="问题分析")
    suggestions: str = Field(max_length=BODY_MAX_CHARS, description="具体建议（必填）")


class SubmitIn(Request):
    author_kind: Code = Field(description="提案形式：individual 个人提案 / joint 联名提案")
    lead_author_id: str | None = Field(
        default=None, max_length=64, description="第一提案人委员编号；委员本人提交时可省略"
    )
    co_author_ids: list[MemberId] = Field(
        default_factory=list, max_length=50, description="联名提案人委员编号"
    )
    title: str = Field(max_length=TITLE_MAX_CHARS, description="案由，如“关于……的建议”")
    body: BodyIn = Field(description="提案内容：有情况、有分析、有建议")
    category: Code = Field(description="提案类别：economy/politics/culture/society/ecology")
    term_no: int = Field(ge=1, le=99, description="届次，如 10")
    session_no: int = Field(ge=1, le=20, description="会次，如 3")
    period: Code = Field(description="提案时段：plenary 大会提案 / interim 平时提案")
    suggested_units: list[UnitName] = Field(
        default_factory=list, max_length=20, description="建议承办单位"
    )
    author_body: AuthorBodyIn | None = Field(
        default=None, description="集体提案（党派、团体、界别、委员小组、专委会、联络组）的提案单位"
    )


class RegisterIn(Request):
    category: Code | None = Field(default=None, description="立案时更正提案类别（可省略）")


class DeclineIn(Request):
    reason: Code = Field(description="不予立案理由代码，如 personal_matter")
    disposition: Code = Field(description="处理方式代码，如 to_public_opinion")
    note: str | None = Field(default=None, max_length=NOTE_MAX_CHARS, description="说明")


class WithdrawIn(Request):
    reason: str | None = Field(default=None, max_length=NOTE_MAX_CHARS, description="撤案理由")


# --- responses ------------------------------------------------------------------------


class RegisterAccepted(Accepted):
    serial_no: str = Field(description="提案号，如 10-3-D001")


class AuthorOut(BaseModel):
    member_id: str
    name: str | None
    township_id: str | None
    role: str = Field(description="lead 第一提案人 / co 联名提案人")


class DecisionOut(BaseModel):
    """不予立案的理由与处理方式（仅提案人、提案委和政协机关可见）."""

    reason: Labelled
    disposition: Labelled
    note: str | None
    decided_at: datetime | None


class ProposalItem(BaseModel):
    proposal_id: str
    serial_no: str | None
    title: str
    category: Labelled
    author_kind: Labelled
    lead_author_id: str
    lead_author_name: str | None
    authors: list[AuthorOut]
    status: Labelled
    term_no: int
    session_no: int
    period: Labelled
    township_id: str | None = Field(description="第一提案人提交时所属联络组")
    submitted_at: datetime | None
    review_started_at: datetime | None
    registered_at: datetime | None
    withdrawn_at: datetime | None
    decision: DecisionOut | None = None
    author_body: AuthorBodyOut | None = None
    is_key: bool = False
    overdue: bool = Field(default=False, description="有承办任务超过期限（以 as_of 日期计）")


class BodyOut(BaseModel):
    situation: str
    analysis: str
    suggestions: str


class ProposalDetail(ProposalItem):
    body: BodyOut
    suggested_units: list[str]
    withdrawal_reason: str | None = None
    returned_reason: str | None = Field(default=None, description="退回修改的原因")
    key_leader_ids: list[str] = Field(default_factory=list, description="领衔督办领导")
    merged_into_id: str | None = None
    assigned_at: datetime | None = None
    replied_at: datetime | None = None
    concluded_at: datetime | None = None
    conclusion: Labelled | None = None
    cosigners: list[CosignerOut] = Field(default_factory=list)
    review_opinions: list[ReviewOpinionOut] = Field(default_factory=list)
    tasks: list[TaskOut] = Field(default_factory=list)
    replies: list[ReplyOut] = Field(default_factory=list)
    as_of: date | None = Field(default=None, description="按某日状态查看时的日期")


class ProposalPage(BaseModel):
    total: int
    page: int
    page_size: int
    items: list[ProposalItem]


class StatusCount(BaseModel):
    status: str
    label: str
    count: int


class TownshipProposals(BaseModel):
    township_id: str
    total: int = Field(description="归属本乡镇（提案人所属联络组）的提案总数")
    counts: list[StatusCount]
    page: ProposalPage
