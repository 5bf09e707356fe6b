"""Chinese labels for the proposal code lists (shown to township clerks and members)."""

from __future__ import annotations

from collections.abc import Mapping

from .state import ProposalStatus

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


def status_label(status: str | None) -> str:
    """Label of a status; `None` (no such proposal yet) reads as 未提交."""
    if status is None:
        return "未提交"
    return STATUS_LABELS.get(status, status)


def choices_text(labels: Mapping[str, str]) -> str:
    """`标签（code）、…` — the allowed values, for error messages."""
    return "、".join(f"{label}（{code}）" for code, label in labels.items())
