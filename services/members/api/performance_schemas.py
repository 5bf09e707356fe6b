"""Request and response bodies of the performance file and appraisal API (Chinese docs)."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from services.members.scoring import ScoreCard, ScoringRuleset

IN = ConfigDict(extra="forbid")
Rule = Literal["revocation_proposed", "reminder_talk", "persuade_to_resign", "not_renominated_flag"]


class DecisionIn(BaseModel):
    model_config = IN

    decision: Literal["warn", "persuade_to_resign", "revoke"] = Field(
        description="处理决定：warn（警示提醒）、persuade_to_resign（劝辞）、revoke（撤销委员资格）"
    )
    reason: str = Field(min_length=1, max_length=500, description="决定理由（会议、文号等）")
    rule: Rule | None = Field(
        default=None, description="依据的约束规则（须已在本年度考评中触发）；可不填"
    )


class AdjustmentIn(BaseModel):
    model_config = IN

    points: float = Field(
        ge=-100, le=100, allow_inf_nan=False, description="调整分值：正数加分，负数减分"
    )
    reason: str = Field(min_length=1, max_length=500, description="调整理由")


class ConstraintOut(BaseModel):
    rule: str = Field(description="约束规则代码")
    rule_label: str = Field(description="约束规则")
    detail: str = Field(description="触发说明")
    evidence: list[str] = Field(description="依据的履职档案事项编号")
    score: float | None = Field(description="触发时的考评得分（与得分有关的规则）")
    ruleset_version: str = Field(description="考评规则版本")
    recorded_at: datetime = Field(description="触发时间")


class PerformanceOut(BaseModel):
    member_id: str
    member_name: str | None
    year: int = Field(description="考评年度")
    township_id: str | None = Field(description="现所属联络组")
    townships: list[str] = Field(description="本年度曾所属（或有事项计入）的联络组")
    active: bool = Field(description="是否在任")
    score: ScoreCard = Field(description="考评得分：总分、等次、分类小计（含上限）和逐项明细")
    constraints: list[ConstraintOut] = Field(description="本年度触发的约束规则")


class TownshipMemberScore(BaseModel):
    member_id: str
    member_name: str | None
    total: float = Field(description="年度总分（全年，含在其他联络组期间）")
    grade: str
    grade_label: str
    points_here: float = Field(description="在本联络组期间各事项得分之和（未计上限）")
    facts_here: int = Field(description="在本联络组期间的履职事项数")
    current_township_id: str | None = Field(description="现所属联络组")


class TownshipPerformanceOut(BaseModel):
    township_id: str
    year: int
    ruleset_version: str
    members: list[TownshipMemberScore]
    average: float | None = Field(description="本组委员平均分")
    grades: dict[str, int] = Field(description="各等次人数")


class LeagueRow(BaseModel):
    rank: int = Field(description="名次（同分同名次）")
    member_id: str
    member_name: str | None
    township_id: str | None = Field(description="年末所属联络组")
    total: float
    grade: str
    grade_label: str
    subtotals: dict[str, float] = Field(description="各类别小计")


class GroupAverageOut(BaseModel):
    township_id: str
    members: int
    average: float
    grades: dict[str, int]


class LeagueOut(BaseModel):
    year: int
    ruleset_version: str
    rows: list[LeagueRow]
    groups: list[GroupAverageOut] = Field(description="各联络组平均分（按年末所属联络组）")


class TriggerOut(BaseModel):
    member_id: str
    member_name: str | None
    rule: str
    rule_label: str
    detail: str
    evidence: list[str]
    score: float | None
    new: bool = Field(description="本次新记录（false：此前已记录，未重复记录）")


class EvaluationOut(BaseModel):
    year: int
    ruleset_version: str
    evaluated_members: int = Field(description="参加考评的在任委员数")
    triggered: list[TriggerOut]
    stream: str
    seq: int = Field(description="事件流序号：读取时可用 ?min_seq= 等待")


class RulesetOut(BaseModel):
    year: int
    ruleset: ScoringRuleset
