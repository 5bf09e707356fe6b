"""Request DTOs (strict, with limits and Chinese descriptions) and response views."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from services.consultation.domain.values import (
    TOPIC_MAX_LENGTH,
    Adoption,
    ConsultationStatus,
    ConsultationType,
    ParticipantRole,
)
from shared.http import Accepted

TOWNSHIP = r"^[a-z0-9][a-z0-9_-]{1,31}$"
MEMBER_ID = r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$"
UUID = r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"
MemberId = Annotated[str, Field(pattern=MEMBER_ID)]


class Body(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


# --- requests ----------------------------------------------------------------------------


class ScheduleBody(Body):
    type: ConsultationType = Field(
        description="协商类型，如 thematic（专题协商）、grassroots（基层协商）"
    )
    topic: str = Field(min_length=1, max_length=TOPIC_MAX_LENGTH, description="协商议题")
    township_id: str | None = Field(
        default=None, pattern=TOWNSHIP, description="举办乡镇编号；县级协商活动不填"
    )
    organizer: str = Field(
        min_length=1, max_length=100, description="承办单位（专门委员会、乡镇政协联络组或界别）"
    )
    planned_date: date = Field(description="计划举行日期，YYYY-MM-DD")


class ParticipantBody(Body):
    member_id: MemberId = Field(description="参加委员的编号")
    role: ParticipantRole = Field(
        default=ParticipantRole.PARTICIPANT,
        description="参加方式：speaker 发言、participant 参加、written 书面发言",
    )
    township_id: str | None = Field(
        default=None, pattern=TOWNSHIP, description="委员所属乡镇；不填则按委员登记信息自动填写"
    )


class SuggestionBody(Body):
    suggestion_id: str | None = Field(
        default=None, pattern=UUID, description="建议编号（UUID）；不填则由系统生成"
    )
    text: str = Field(min_length=1, max_length=2000, description="建议内容")
    proposer_ids: list[MemberId] = Field(
        default_factory=list, max_length=50, description="提出建议的委员编号"
    )
    target_department: str | None = Field(
        default=None, max_length=100, description="建议送达的部门"
    )


class HoldBody(Body):
    held_on: date = Field(description="实际举行日期，不能晚于今天")
    participants: list[ParticipantBody] = Field(
        min_length=1, max_length=500, description="参加协商的委员（至少一名）"
    )
    suggestions: list[SuggestionBody] = Field(
        default_factory=list, max_length=200, description="协商中提出的建议"
    )
    minutes_summary: str | None = Field(default=None, max_length=5000, description="会议纪要摘要")


class AdoptBody(Body):
    adopted_by: str = Field(min_length=1, max_length=100, description="采纳建议的部门或单位")
    adoption: Adoption = Field(
        default=Adoption.ADOPTED,
        description="采纳程度：adopted 已采纳、partially_adopted 部分采纳、planned 列入计划",
    )
    note: str | None = Field(default=None, max_length=1000, description="采纳情况说明")


class PostponeBody(Body):
    new_planned_date: date = Field(description="延期后的举行日期，须晚于原定日期")
    reason: str = Field(min_length=1, max_length=500, description="延期原因")


class CancelBody(Body):
    reason: str = Field(min_length=1, max_length=500, description="取消原因")


# --- responses ---------------------------------------------------------------------------


class HoldAccepted(Accepted):
    suggestion_ids: list[str] = Field(
        default_factory=list, description="各条建议的编号（按提交顺序）"
    )


class ConsultationView(BaseModel):
    consultation_id: str
    type: ConsultationType
    type_label: str
    topic: str
    township_id: str | None
    organizer: str
    planned_date: date
    held_on: date | None
    status: ConsultationStatus
    status_label: str
    suggestions_count: int
    adopted_count: int


class ParticipantView(BaseModel):
    member_id: str
    member_name: str | None
    role: ParticipantRole
    role_label: str
    township_id: str | None


class SuggestionView(BaseModel):
    suggestion_id: str
    consultation_id: str
    text: str
    target_department: str | None
    status: str
    status_label: str
    adopted_by: str | None


class ConsultationDetail(ConsultationView):
    participants: list[ParticipantView]
    suggestions: list[SuggestionView]


class TownshipConsultation(ConsultationView):
    attribution: str = Field(description="township 本乡镇举办；participant 本乡镇委员参加")


class AdoptedSuggestionView(SuggestionView):
    topic: str
    held_on: date | None


class TownshipPanel(BaseModel):
    township_id: str
    held_count: int
    suggestions_count: int
    adopted_count: int
    consultations: list[TownshipConsultation]
    adopted_suggestions: list[AdoptedSuggestionView]
