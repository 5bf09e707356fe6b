"""Chinese labels of the liaison-group panels. Codes of other services are copied here on
purpose (a service never imports another); an unknown (newer) code is shown as is."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from services.members.api.labels import PROPOSAL_STATUS_LABELS, label

ATTRIBUTION_LABELS: Mapping[str, str] = {
    "by_member": "本组委员参与",
    "group_authored": "本联络组提出",
    "in_township": "涉及本乡镇",
    "handled_by_township_government": "由本乡镇人民政府承办",
}

STATUS_LABELS: Mapping[str, str] = {**PROPOSAL_STATUS_LABELS, "draft": "退回修改"}

AUTHOR_ROLE_LABELS: Mapping[str, str] = {"lead": "第一提案人", "co": "联名提案人"}

UNIT_ROLE_LABELS: Mapping[str, str] = {
    "lead": "主办",
    "co": "会办",
    "separate": "分办",
    "sole": "独办",
}

TASK_PHASE_LABELS: Mapping[str, str] = {
    "assigned": "待签收",
    "accepted": "办理中",
    "return_requested": "申请退办中",
    "returned": "已退办",
    "co_opinion_submitted": "已提交会办意见",
    "replied": "已答复",
    "rehandling": "重新办理",
}

SATISFACTION_LABELS: Mapping[str, str] = {
    "satisfied": "满意",
    "basically_satisfied": "基本满意",
    "dissatisfied": "不满意",
}
SATISFIED = frozenset({"satisfied", "basically_satisfied"})

DISPOSITION_LABELS: Mapping[str, str] = {
    "to_public_opinion": "转为社情民意信息",
    "to_suggestion": "作为意见建议转送有关部门",
    "to_member_letter": "作为委员来信留存",
    "to_interim_proposal": "转为平时提案",
    "none": "仅告知提案人",
}

REPORT_STATUS_LABELS: Mapping[str, str] = {
    "submitted": "已报送",
    "in_editing": "编辑中",
    "returned": "已退回修改",
    "accepted": "拟采用",
    "archived": "存档不用",
    "published": "已刊发",
    "forwarded": "已转送有关部门",
    "reported_upward": "已向上级报送",
    "closed": "已办结",
}

ADOPTION_LEVEL_LABELS: Mapping[str, str] = {
    "county": "县政协《社情民意》刊用",
    "county_party_gov": "县委、县政府采用",
    "city": "市级采用",
    "province": "省级采用",
    "national": "全国政协采用",
}

POINT_KIND_LABELS: Mapping[str, str] = {
    "village": "村",
    "community": "社区",
    "enterprise": "企业",
    "school": "学校",
    "hospital": "医院",
    "market": "市场",
    "other": "其他",
}
POINT_STATUS_LABELS: Mapping[str, str] = {"active": "正常", "suspended": "已暂停"}

ISSUE_STATUS_LABELS: Mapping[str, str] = {
    "open": "待处理",
    "resolved_on_site": "当场解决",
    "escalated": "已转办",
}
ESCALATION_LABELS: Mapping[str, str] = {"opinion_report": "社情民意信息", "proposal": "提案"}

RECORD_STATUS_LABELS: Mapping[str, str] = {"recorded": "已登记", "verified": "已核实"}

ALERT_LABELS: Mapping[str, str] = {
    "visit_quota": "走访界别群众进度落后",
    "report_quota": "组长社情民意报送进度落后",
    "overdue_proposal": "提案超期未答复",
    "report_feedback": "社情民意待落实反馈",
    "unexcused_absence": "无故缺席会议",
}

LEAGUE_ORDER_LABELS: Mapping[str, str] = {
    "visits_per_member": "人均走访次数",
    "proposals_registered": "提案立案件数",
    "reports_adopted": "社情民意被采用篇数",
    "consultations_held": "在本乡镇开展协商次数",
    "average_score": "委员平均考评得分",
}


def labels(mapping: Mapping[str, str], codes: Iterable[str]) -> list[str]:
    return [label(mapping, code) for code in codes]


def optional(mapping: Mapping[str, str], code: str | None) -> str | None:
    return None if code is None else label(mapping, code)
