"""Bodies of key-proposal supervision, handling consultations, 回头看 and awards."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import AwareDatetime, BaseModel, Field

from .artifacts_schemas import Code, Coded, ProposalIdIn, Request, UnitIdIn, UnitNameIn
from .artifacts_schemas_slips import ProposalInfo

# --- key-proposal supervision ------------------------------------------------------------


class SupervisionPlanIn(Request):
    proposal_id: ProposalIdIn
    supervising_leader: str = Field(min_length=1, max_length=50, description="督办领导")
    modes: list[Code] = Field(
        min_length=1,
        max_length=6,
        description="督办方式：symposium/research/site_inspection/progress_dispatch/"
        "supervision_meeting/unit_visit",
    )
    planned_on: date = Field(description="计划督办日期")
    plan: str = Field(default="", max_length=2000, description="督办安排")


class SupervisionActivityIn(Request):
    mode: Code = Field(description="督办方式")
    held_on: date = Field(description="活动日期")
    participants: list[str] = Field(min_length=1, max_length=50, description="参加人员")
    findings: str = Field(min_length=1, max_length=2000, description="发现的问题和意见")


class SupervisionReportIn(Request):
    report: str = Field(min_length=1, max_length=5000, description="督办情况报告")


class SupervisionActivityOut(BaseModel):
    mode: Coded
    held_on: date
    participants: list[str]
    findings: str


class KeySupervisionOut(BaseModel):
    supervision_id: str
    proposal: ProposalInfo
    supervising_leader: str
    modes: list[Coded]
    planned_on: date
    plan: str
    status: Coded
    activities: list[SupervisionActivityOut]
    report: str | None
    reported_at: datetime | None


# --- handling consultation ---------------------------------------------------------------


class ParticipantIn(Request):
    name: str = Field(min_length=1, max_length=50, description="姓名")
    affiliation: str = Field(default="", max_length=100, description="单位或身份")


class ConsultationIn(Request):
    proposal_ids: list[ProposalIdIn] = Field(min_length=1, max_length=50, description="提案")
    format: Code = Field(description="协商形式：thematic 专题 / counterpart 对口 / handling 办理")
    held_at: AwareDatetime = Field(description="协商时间（ISO 8601，含时区）")
    participants: list[ParticipantIn] = Field(min_length=1, max_length=100)
    minutes: str = Field(min_length=1, max_length=5000, description="协商纪要")
    agreements: list[str] = Field(default_factory=list, max_length=20, description="达成的共识")


class ParticipantOut(BaseModel):
    name: str
    affiliation: str


class ConsultationOut(BaseModel):
    consultation_id: str
    format: Coded
    held_at: datetime | None
    proposals: list[ProposalInfo]
    participants: list[ParticipantOut]
    minutes: str
    agreements: list[str]


# --- 回头看 ---------------------------------------------------------------------------------


class FollowupIn(Request):
    year: int = Field(ge=2000, le=2100, description="年度")
    title: str = Field(min_length=1, max_length=100, description="名称")
    scope: str = Field(min_length=1, max_length=2000, description="范围，如“B、C类答复及重点提案”")


class FollowupItemIn(Request):
    proposal_id: ProposalIdIn
    promised_action: str = Field(min_length=1, max_length=2000, description="承办单位承诺事项")
    status: Code = Field(description="落实情况：done/in_progress/not_started/abandoned")
    evidence: str = Field(default="", max_length=2000, description="佐证材料")


class FollowupConcludeIn(Request):
    report: str = Field(min_length=1, max_length=10_000, description="“回头看”报告")


class FollowupItemOut(BaseModel):
    proposal: ProposalInfo
    promised_action: str
    status: Coded
    evidence: str
    assessed_at: datetime | None


class FollowupOut(BaseModel):
    review_id: str
    year: int
    title: str
    scope: str
    status: Coded
    report: str | None
    status_counts: dict[str, int] | None
    started_at: datetime | None
    concluded_at: datetime | None
    items: list[FollowupItemOut]


# --- awards ----------------------------------------------------------------------------------


class ExcellentIn(Request):
    year: int = Field(ge=2000, le=2100, description="年度")
    proposal_id: ProposalIdIn
    level: Code = Field(description="表彰级别：county 县级 / city 市级 / province 省级 / national")
    citation: str = Field(default="", max_length=500, description="表彰说明")


class CommendIn(Request):
    year: int = Field(ge=2000, le=2100, description="年度")
    unit_id: UnitIdIn
    unit_name: UnitNameIn
    level: Code = Field(description="表彰级别")
    citation: str = Field(default="", max_length=500, description="表彰说明")


class AwardOut(BaseModel):
    year: int
    kind: Coded
    subject_id: str = Field(description="提案编号或承办单位编号")
    subject_name: str = Field(description="提案案由或承办单位名称")
    serial_no: str | None
    township_id: str | None
    author_ids: list[str]
    level: Coded
    citation: str
    awarded_at: datetime | None
