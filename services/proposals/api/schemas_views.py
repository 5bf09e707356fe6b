"""Response bodies of the lifecycle: co-signers, review opinions, tasks, replies,
evaluations, units' inboxes, handling units and the audit history."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, Field

from shared.http import Accepted


class Labelled(BaseModel):
    code: str
    label: str


class AuthorBodyOut(BaseModel):
    id: str
    name: str


class CosignerOut(BaseModel):
    member_id: str
    name: str | None
    township_id: str | None
    status: Labelled
    deadline_on: date
    answered_at: datetime | None


class ReviewOpinionOut(BaseModel):
    stage: Labelled
    opinion: str
    recorded_at: datetime | None


class TaskOut(BaseModel):
    task_id: str
    unit_id: str
    unit_name: str
    role: Labelled = Field(description="承办方式：主办/会办/分办/独办")
    phase: Labelled
    round: int = Field(description="办理轮次（重新办理后加一）")
    assigned_at: datetime | None
    accepted_at: datetime | None
    due_on: date = Field(description="答复（会办单位：会办意见）截止日期")
    return_due_on: date | None = Field(description="退办申请截止日期")
    replied: bool
    result_class: str | None
    overdue: bool
    extension_pending: bool
    contacts: int = Field(description="已记录的面商/沟通次数")
    co_opinion: str | None = Field(default=None, description="会办意见（仅机关和承办单位可见）")


class EvaluationOut(BaseModel):
    evaluator_id: str
    by_lead_author: bool
    process_satisfaction: Labelled
    result_satisfaction: Labelled
    comment: str | None
    channel: Labelled
    evaluated_at: datetime | None


class ReplyOut(BaseModel):
    reply_id: str
    task_id: str
    unit_id: str
    unit_name: str
    role: Labelled
    round: int
    status: Labelled
    doc_no: str
    body: str
    result_class: Labelled
    contact_person: str
    contact_phone: str
    signed_by: str
    cosigned_unit_ids: list[str]
    issued_at: datetime | None
    evaluation_due_on: date | None
    lapsed: bool
    rehandled: bool
    evaluations: list[EvaluationOut]


class UnitTaskItem(BaseModel):
    proposal_id: str
    task_id: str
    serial_no: str | None
    title: str
    category: Labelled
    role: Labelled
    phase: Labelled
    round: int
    is_key: bool
    assigned_at: datetime | None
    due_on: date
    return_due_on: date
    replied: bool
    overdue: bool
    extension_pending: bool


class UnitTaskPage(BaseModel):
    unit_id: str
    unit_name: str
    as_of: date
    total: int
    page: int
    page_size: int
    items: list[UnitTaskItem]


class HandlingUnitOut(BaseModel):
    unit_id: str
    name: str
    kind: Labelled
    township_id: str | None
    active: bool
    registered_at: datetime | None


class HistoryEntry(BaseModel):
    seq: int
    event: str = Field(description="事件名，如 registered")
    label: str = Field(description="事件的中文说明")
    actor: str = Field(description="操作人（登录凭证的主体）")
    time: datetime
    data: dict[str, Any]


class ProposalHistory(BaseModel):
    proposal_id: str
    events: list[HistoryEntry]


class AssignAccepted(Accepted):
    warnings: list[str] = Field(default_factory=list, description="提醒（不阻止交办）")
