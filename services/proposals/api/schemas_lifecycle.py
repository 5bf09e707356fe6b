"""Request bodies of the lifecycle commands (Chinese descriptions; codes checked by the
domain, which answers with the Chinese labels of the allowed values)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from services.proposals.domain import BODY_MAX_CHARS, NOTE_MAX_CHARS, TITLE_MAX_CHARS

SLUG = r"^[a-z0-9][a-z0-9_-]{1,31}$"
ID = r"^[A-Za-z0-9_-]{1,64}$"
Code = Annotated[str, Field(max_length=32)]
Note = Annotated[str | None, Field(max_length=NOTE_MAX_CHARS, description="说明")]
Reason = Annotated[str, Field(min_length=1, max_length=NOTE_MAX_CHARS, description="理由")]
UnitId = Annotated[str, Field(pattern=SLUG, description="承办单位编号，如 zhujianju")]
MemberId = Annotated[str, Field(min_length=1, max_length=64, description="委员编号")]


class Request(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AuthorBodyIn(Request):
    id: str = Field(min_length=1, max_length=64, description="提案单位编号（联络组提案填乡镇编号）")
    name: str = Field(min_length=1, max_length=100, description="提案单位名称，如 民盟县委")


class DraftBodyIn(Request):
    situation: str = Field(default="", max_length=BODY_MAX_CHARS, description="基本情况")
    analysis: str = Field(default="", max_length=BODY_MAX_CHARS, description="问题分析")
    suggestions: str = Field(default="", max_length=BODY_MAX_CHARS, description="具体建议")


class DraftContentIn(Request):
    author_kind: Code = Field(description="提案形式，如 individual / joint / party_org")
    author_body: AuthorBodyIn | None = Field(default=None, description="集体提案的提案单位")
    title: str = Field(max_length=TITLE_MAX_CHARS, description="案由，如“关于……的建议”")
    body: DraftBodyIn = Field(description="提案内容（草稿可暂缺建议）")
    category: Code = Field(description="提案类别：economy/politics/culture/society/ecology")
    period: Code = Field(description="提案时段：plenary 大会提案 / interim 平时提案")
    suggested_units: list[Annotated[str, Field(min_length=1, max_length=100)]] = Field(
        default_factory=list, max_length=20, description="建议承办单位"
    )


class DraftIn(DraftContentIn):
    lead_author_id: str | None = Field(
        default=None, max_length=64, description="第一提案人委员编号；委员本人起草时可省略"
    )
    term_no: int = Field(ge=1, le=99, description="届次")
    session_no: int = Field(ge=1, le=20, description="会次")


class InviteIn(Request):
    member_ids: list[MemberId] = Field(min_length=1, max_length=50, description="受邀联名委员")
    deadline_on: date | None = Field(default=None, description="联名截止日期（默认 7 天后）")


class DeclineCosignIn(Request):
    reason: Note = None


class ReasonIn(Request):
    reason: Reason


class OpinionIn(Request):
    stage: Code = Field(description="审查环节，如 first_review 初审")
    opinion: str = Field(min_length=1, max_length=2000, description="审查意见")


class MergeIn(Request):
    secondary_ids: list[Annotated[str, Field(pattern=ID)]] = Field(
        min_length=1, max_length=50, description="并入本提案的其他提案编号"
    )


class KeyIn(Request):
    supervising_leader_ids: list[Annotated[str, Field(min_length=1, max_length=64)]] = Field(
        min_length=1, max_length=10, description="领衔督办领导"
    )
    note: Note = None


class UnitIn(Request):
    unit_id: UnitId
    name: str = Field(min_length=1, max_length=100, description="单位名称，如 县住房和城乡建设局")
    kind: Code = Field(description="单位类型，如 government_department / township_government")
    township_id: str | None = Field(default=None, pattern=SLUG, description="乡镇人民政府所在乡镇")


class RenameIn(Request):
    name: str = Field(min_length=1, max_length=100, description="新名称")


class DeactivateIn(Request):
    reason: Note = None


class UnitAssignmentIn(Request):
    unit_id: UnitId
    role: Code = Field(description="承办方式：lead 主办 / co 会办 / separate 分办 / sole 独办")


class AssignIn(Request):
    units: list[UnitAssignmentIn] = Field(min_length=1, max_length=20, description="承办单位")


class ReturnRequestIn(Request):
    reason: Reason
    suggested_units: list[Annotated[str, Field(min_length=1, max_length=100)]] = Field(
        default_factory=list, max_length=10, description="建议改由哪些单位承办"
    )


class ReturnApprovalIn(Request):
    reassign_to: list[UnitAssignmentIn] = Field(
        default_factory=list, max_length=10, description="改交的承办单位（可为空）"
    )
    note: Note = None


class CoOpinionIn(Request):
    opinion: str = Field(min_length=1, max_length=2000, description="会办意见")


class ReplyIn(Request):
    doc_no: str = Field(min_length=1, max_length=100, description="答复文号")
    body: str = Field(min_length=1, max_length=10_000, description="答复正文（逐条答复建议）")
    result_class: Code = Field(description="办理结果类别，如 A / B / C")
    contact_person: str = Field(min_length=1, max_length=50, description="联系人")
    contact_phone: str = Field(min_length=1, max_length=30, description="联系电话")
    signed_by: str = Field(min_length=1, max_length=50, description="审签领导")


class CosignIn(Request):
    note: Note = None


class ReplyApprovalIn(Request):
    result_class: Code | None = Field(default=None, description="调整办理结果类别（可省略）")
    note: Note = None


class ExtensionRequestIn(Request):
    months: int = Field(default=1, ge=1, le=6, description="申请延期月数")
    reason: Reason


class ExtensionGrantIn(Request):
    months: int | None = Field(default=None, ge=1, le=6, description="同意延期月数（默认 1）")


class ContactIn(Request):
    kind: Code = Field(description="沟通环节：pre 办前面商 / mid 办中沟通 / post 办后回访")
    mode: Code = Field(description="沟通方式：face_to_face 当面 / phone 电话 / online 网络")
    contacted_on: date = Field(description="沟通日期")
    note: Note = None


class QualityIn(Request):
    quality: Code = Field(
        description="提案质量：excellent 优秀 / good 良好 / fair 一般 / poor 较差"
    )
    comment: Note = None


class EvaluationIn(Request):
    result_satisfaction: Code = Field(
        description="办理结果：satisfied 满意 / basically_satisfied 基本满意 / dissatisfied 不满意"
    )
    process_satisfaction: Code | None = Field(default=None, description="办理工作满意度")
    comment: Note = None
    channel: Code = Field(default="online", description="online 网上评价 / paper 纸质评价表")
    evaluator_id: str | None = Field(
        default=None, max_length=64, description="评价人委员编号；本人评价时可省略"
    )


class NoteIn(Request):
    note: Note = None
