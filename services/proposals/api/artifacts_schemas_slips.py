"""Bodies of 一表一单一评议: assignment & supervision slips, feedback forms, appraisals."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel, Field

from .artifacts_schemas import (
    AnyId,
    Code,
    Coded,
    ProposalIdIn,
    Request,
    UnitIdIn,
    UnitNameIn,
)


class ProposalInfo(BaseModel):
    proposal_id: str
    serial_no: str | None
    title: str
    township_id: str | None


# --- assignment slip -------------------------------------------------------------------


class SlipUnitIn(Request):
    unit_id: UnitIdIn
    unit_name: UnitNameIn
    role: Code = Field(description="办理方式：lead 主办 / co 会办 / separate 分办 / sole 独办")


class AssignmentSlipIn(Request):
    proposal_id: ProposalIdIn
    units: list[SlipUnitIn] = Field(min_length=1, max_length=20, description="承办单位")
    deadline: date | None = Field(default=None, description="办理期限；省略则为交办后三个月")
    supervising_leader: str = Field(default="", max_length=50, description="督办领导")
    note: str = Field(default="", max_length=500, description="交办说明")


class SlipUnitOut(BaseModel):
    unit_id: str
    unit_name: str
    role: Coded


class AssignmentSlipOut(BaseModel):
    slip_id: str
    proposal: ProposalInfo
    revision: int = Field(description="第几版（改办后重新出具）")
    units: list[SlipUnitOut]
    deadline: date
    supervising_leader: str
    note: str
    issued_at: datetime | None


# --- supervision slip ------------------------------------------------------------------


class SupervisionSlipIn(Request):
    proposal_id: ProposalIdIn
    unit_id: UnitIdIn
    unit_name: UnitNameIn
    reason: Code = Field(description="督办事由：overdue/due_soon/key_proposal/slow_progress/other")
    requirements: str = Field(min_length=1, max_length=1000, description="督办要求")
    respond_by: date | None = Field(default=None, description="回复期限；省略则为 5 个工作日后")


class SupervisionAnswerIn(Request):
    response: str = Field(min_length=1, max_length=1000, description="承办单位的回复")


class SupervisionSlipOut(BaseModel):
    slip_id: str
    proposal: ProposalInfo
    unit_id: str
    unit_name: str
    reason: Coded
    requirements: str
    respond_by: date
    status: Coded
    response: str | None
    issued_at: datetime | None
    answered_at: datetime | None


# --- feedback form ---------------------------------------------------------------------


class FeedbackFormIn(Request):
    proposal_id: ProposalIdIn
    reply_id: AnyId
    unit_id: UnitIdIn
    unit_name: UnitNameIn
    author_id: str | None = Field(
        default=None, max_length=64, description="提案人；委员本人填写时可省略，代录时必填"
    )
    ratings: dict[str, str] = Field(
        description="评价：{评价项目: satisfied/basically_satisfied/dissatisfied}，"
        "默认项目 process 办理工作、result 办理结果",
    )
    comments: str = Field(default="", max_length=1000, description="意见建议")


class FeedbackFormOut(BaseModel):
    form_id: str
    proposal: ProposalInfo
    reply_id: str
    unit_id: str
    unit_name: str
    author_id: str
    ratings: dict[str, Coded]
    comments: str
    channel: Coded
    returned_at: datetime | None


# --- appraisal -------------------------------------------------------------------------


class AppraisedUnitIn(Request):
    unit_id: UnitIdIn
    unit_name: UnitNameIn


class AppraisalIn(Request):
    year: int = Field(ge=2000, le=2100, description="评议年度")
    title: str = Field(min_length=1, max_length=100, description="评议名称")
    held_on: date = Field(description="评议日期")
    units: list[AppraisedUnitIn] = Field(min_length=1, max_length=100, description="参评单位")


class BallotIn(Request):
    ballot_no: str = Field(min_length=1, max_length=20, description="测评票编号")
    choices: dict[str, str] = Field(
        description="{承办单位编号: very_satisfied/satisfied/basically_satisfied/"
        "dissatisfied/abstain}",
    )


class BallotsIn(Request):
    ballots: list[BallotIn] = Field(min_length=1, max_length=500, description="测评票")


class UnitResultOut(BaseModel):
    unit_id: str
    unit_name: str
    ballots: int
    counts: dict[str, int]
    shares: dict[str, float]
    satisfied_rate: float | None = Field(description="满意率：（非常满意+满意）/有效票")
    approval_rate: float | None = Field(description="基本满意以上率：/有效票")


class AppraisalOut(BaseModel):
    appraisal_id: str
    year: int
    title: str
    held_on: date
    units: list[dict[str, str]]
    ballots: int = Field(description="已录入测评票数")
    status: Coded
    published_at: datetime | None
    results: list[UnitResultOut]
