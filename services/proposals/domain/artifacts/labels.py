"""Chinese labels of the artifact code lists (shown to office staff, units and members)."""

from __future__ import annotations

from collections.abc import Mapping

DAY_KIND_LABELS: Mapping[str, str] = {"holiday": "法定节假日", "workday": "调休上班日"}

LEAD_CHANNEL_LABELS: Mapping[str, str] = {
    "phone": "电话",
    "email": "电子邮件",
    "letter": "信函",
    "online": "网上征集",
}
LEAD_STATUS_LABELS: Mapping[str, str] = {
    "received": "待处理",
    "forwarded": "已转委员参考",
    "declined": "不予采用",
}

HANDLING_ROLE_LABELS: Mapping[str, str] = {
    "lead": "主办",
    "co": "会办",
    "separate": "分办",
    "sole": "独办",
}
SUPERVISION_REASON_LABELS: Mapping[str, str] = {
    "overdue": "逾期未办复",
    "due_soon": "临近办理期限",
    "key_proposal": "重点提案督办",
    "slow_progress": "办理进度滞后",
    "other": "其他",
}
SATISFACTION_LABELS: Mapping[str, str] = {
    "satisfied": "满意",
    "basically_satisfied": "基本满意",
    "dissatisfied": "不满意",
}
FORM_CHANNEL_LABELS: Mapping[str, str] = {"online": "网上填写", "paper": "纸质表录入"}

APPRAISAL_CHOICE_LABELS: Mapping[str, str] = {
    "very_satisfied": "非常满意",
    "satisfied": "满意",
    "basically_satisfied": "基本满意",
    "dissatisfied": "不满意",
    "abstain": "弃权",
}

SUPERVISION_MODE_LABELS: Mapping[str, str] = {
    "symposium": "协商座谈",
    "research": "专题调研",
    "site_inspection": "实地视察",
    "progress_dispatch": "调度办理情况",
    "supervision_meeting": "督办会议",
    "unit_visit": "走访承办单位",
}
CONSULTATION_FORMAT_LABELS: Mapping[str, str] = {
    "thematic": "专题协商",
    "counterpart": "对口协商",
    "handling": "提案办理协商",
}
FOLLOWUP_STATUS_LABELS: Mapping[str, str] = {
    "done": "已落实",
    "in_progress": "正在落实",
    "not_started": "尚未落实",
    "abandoned": "不再落实",
}
