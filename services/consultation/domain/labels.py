"""Chinese labels for the consultation context's codes (dashboards, messages)."""

from __future__ import annotations

from services.consultation.domain.values import (
    Adoption,
    ConsultationStatus,
    ConsultationType,
    ParticipantRole,
)

STATUS_LABELS: dict[ConsultationStatus, str] = {
    ConsultationStatus.PLANNED: "已安排",
    ConsultationStatus.PREPARING: "准备中",
    ConsultationStatus.NOTIFIED: "已通知",
    ConsultationStatus.MATERIALS_DISTRIBUTED: "材料已分发",
    ConsultationStatus.HELD: "已举行",
    ConsultationStatus.MINUTES_ISSUED: "纪要已印发",
    ConsultationStatus.OUTCOME_SUBMITTED: "成果已报送",
    ConsultationStatus.OUTCOME_INSTRUCTED: "成果已批示",
    ConsultationStatus.OUTCOME_ASSIGNED: "成果已交办",
    ConsultationStatus.FEEDBACK_RECEIVED: "已收到落实反馈",
    ConsultationStatus.FOLLOWED_UP: "已回头看",
    ConsultationStatus.CLOSED: "已办结",
    ConsultationStatus.POSTPONED: "已延期",
    ConsultationStatus.CANCELLED: "已取消",
}

TYPE_LABELS: dict[ConsultationType, str] = {
    ConsultationType.PLENARY: "全体会议协商",
    ConsultationType.STANDING_COMMITTEE_THEMATIC: "专题议政性常委会议",
    ConsultationType.THEMATIC: "专题协商会",
    ConsultationType.COUNTERPART: "对口协商会",
    ConsultationType.SECTOR: "界别协商会",
    ConsultationType.PROPOSAL_HANDLING: "提案办理协商会",
    ConsultationType.SYMPOSIUM: "协商座谈会",
    ConsultationType.GRASSROOTS: "基层协商",
    ConsultationType.ONLINE: "网络议政",
}

ADOPTION_LABELS: dict[Adoption, str] = {
    Adoption.ADOPTED: "已采纳",
    Adoption.PARTIALLY_ADOPTED: "部分采纳",
    Adoption.PLANNED: "列入计划",
}

#: Label of a suggestion that no department has responded to yet (§4.4 `pending`).
PENDING_SUGGESTION_LABEL = "待反馈"

ROLE_LABELS: dict[ParticipantRole, str] = {
    ParticipantRole.SPEAKER: "发言",
    ParticipantRole.PARTICIPANT: "参加",
    ParticipantRole.WRITTEN: "书面发言",
}
