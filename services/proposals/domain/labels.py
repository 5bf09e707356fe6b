"""Chinese labels for the proposal code lists (shown to township clerks and members)."""

from __future__ import annotations

from collections.abc import Mapping

from .model import ProposalStatus

STATUS_LABELS: Mapping[str, str] = {
    ProposalStatus.DRAFT: "草稿",
    ProposalStatus.COSIGNING: "联名征集中",
    ProposalStatus.SUBMITTED: "已提交",
    ProposalStatus.UNDER_REVIEW: "审查中",
    ProposalStatus.REGISTERED: "已立案",
    ProposalStatus.NOT_REGISTERED: "不予立案",
    ProposalStatus.MERGED: "已并案",
    ProposalStatus.WITHDRAWN: "已撤案",
    ProposalStatus.ASSIGNED: "已交办",
    ProposalStatus.IN_HANDLING: "办理中",
    ProposalStatus.REPLIED: "已答复",
    ProposalStatus.REHANDLING: "重新办理",
    ProposalStatus.CONCLUDED: "已办结",
}

AUTHOR_KIND_LABELS: Mapping[str, str] = {
    "individual": "个人提案",
    "joint": "联名提案",
    "party_org": "党派提案",
    "people_org": "团体提案",
    "sector": "界别提案",
    "member_group": "委员小组（联组）提案",
    "special_committee": "专门委员会提案",
    "liaison_group": "联络组提案",
}

CATEGORY_LABELS: Mapping[str, str] = {
    "economy": "经济建设",
    "politics": "政治建设",
    "culture": "文化建设",
    "society": "社会建设",
    "ecology": "生态文明建设",
}

PERIOD_LABELS: Mapping[str, str] = {
    "plenary": "大会提案",
    "interim": "平时提案",
}

# 不予立案理由 (DOMAIN §2.4.2): national list + local additions.
REASON_LABELS: Mapping[str, str] = {
    "state_secret": "涉及党和国家秘密",
    "prohibited": "属于国家明令禁止的内容",
    "cpc_internal_personnel": "中共党员对党内组织人事有意见",
    "party_internal": "民主党派成员反映本组织内部问题",
    "in_litigation": "已进入民事、刑事、行政诉讼或仲裁程序",
    "academic": "属于学术研讨",
    "personal_matter": "为本人或亲属解决个人问题",
    "promotion": "宣传推介具体作品或产品",
    "named_accusation": "指名举报",
    "vague_no_suggestion": "内容空泛、没有具体建议",
    "multiple_issues": "一案多事，不符合“一事一案”要求",
    "out_of_jurisdiction": "不属于本级职权范围",
}

# 未立案提案的处理方式 (DOMAIN §2.4.3).
DISPOSITION_LABELS: Mapping[str, str] = {
    "to_public_opinion": "转为社情民意信息",
    "to_suggestion": "作为意见建议转送有关部门",
    "to_member_letter": "作为委员来信留存",
    "to_interim_proposal": "转为平时提案",
    "none": "仅告知提案人",
}


COSIGN_STATUS_LABELS: Mapping[str, str] = {
    "invited": "待签名",
    "signed": "已签名",
    "declined": "已拒绝",
    "cancelled": "已撤回邀请",
    "dropped": "未签名（提交时移除）",
}

# 承办方式 (DOMAIN §2.5.2)
ROLE_LABELS: Mapping[str, str] = {
    "lead": "主办",
    "co": "会办",
    "separate": "分办",
    "sole": "独办",
}

# 办理任务的阶段 (task inbox)
TASK_PHASE_LABELS: Mapping[str, str] = {
    "assigned": "待签收",
    "accepted": "办理中",
    "return_requested": "申请退办中",
    "returned": "已退办",
    "co_opinion_submitted": "已提交会办意见",
    "reply_drafting": "答复起草中",
    "reply_cosigning": "答复会签中",
    "reply_cosigned": "已会签",
    "reply_in_review": "答复审核中",
    "replied": "已答复",
    "rehandling": "重新办理",
    "concluded": "已办结",
}

REPLY_STATUS_LABELS: Mapping[str, str] = {
    "drafting": "起草中",
    "cosigning": "会签中",
    "in_review": "审核中",
    "issued": "已答复",
}

SATISFACTION_LABELS: Mapping[str, str] = {
    "satisfied": "满意",
    "basically_satisfied": "基本满意",
    "dissatisfied": "不满意",
}

CHANNEL_LABELS: Mapping[str, str] = {"online": "网上评价", "paper": "纸质评价表"}

CONTACT_KIND_LABELS: Mapping[str, str] = {
    "pre": "办前面商",
    "mid": "办中沟通",
    "post": "办后回访",
}

CONTACT_MODE_LABELS: Mapping[str, str] = {
    "face_to_face": "当面",
    "phone": "电话",
    "online": "网络",
}

# 双向评议: 承办单位对提案质量的评价
QUALITY_LABELS: Mapping[str, str] = {
    "excellent": "优秀",
    "good": "良好",
    "fair": "一般",
    "poor": "较差",
}

REHANDLING_REASON_LABELS: Mapping[str, str] = {
    "dissatisfied": "提案者不满意",
    "basically_satisfied": "提案者基本满意",
    "committee": "提案委员会商请重新办理",
}

CONCLUSION_LABELS: Mapping[str, str] = {
    "evaluations": "评价完成（或评价期限届满）后办结",
    "committee": "提案委员会决定办结",
}


def status_label(status: str | None) -> str:
    """Label of a status; `None` (no such proposal yet) reads as 未提交."""
    if status is None:
        return "未提交"
    return STATUS_LABELS.get(status, status)


def choices_text(labels: Mapping[str, str]) -> str:
    """`标签（code）、…` — the allowed values, for error messages."""
    return "、".join(f"{label}（{code}）" for code, label in labels.items())
