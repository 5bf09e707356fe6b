"""Chinese labels of the 社情民意 code lists (shown to editors, clerks and members)."""

from __future__ import annotations

from collections.abc import Mapping

from .bulletin_state import IssueStatus
from .point_state import PointStatus
from .state import ReportStatus

REPORT_STATUS_LABELS: Mapping[str, str] = {
    ReportStatus.SUBMITTED: "已报送",
    ReportStatus.IN_EDITING: "编辑中",
    ReportStatus.RETURNED: "已退回修改",
    ReportStatus.ACCEPTED: "拟采用",
    ReportStatus.ARCHIVED: "存档不用",
    ReportStatus.PUBLISHED: "已刊发",
    ReportStatus.FORWARDED: "已转送有关部门",
    ReportStatus.REPORTED_UPWARD: "已向上级报送",
    ReportStatus.CLOSED: "已办结",
}

REPORTER_KIND_LABELS: Mapping[str, str] = {
    "member": "政协委员",
    "party_org": "民主党派组织",
    "people_org": "人民团体",
    "special_committee": "政协专门委员会",
    "liaison_group": "乡镇政协联络组",
    "sector": "界别",
    "info_officer": "特邀信息员",
    "direct_report_point": "社情民意直报点",
    "opinion_liaison": "社情民意联络员",
}

INFO_NATURE_LABELS: Mapping[str, str] = {
    "overall_situation": "全局性情况",
    "emerging_issue": "苗头性问题",
    "constructive_opinion": "建设性意见",
    "targeted_suggestion": "针对性建议",
}

CATEGORY_LABELS: Mapping[str, str] = {
    "economy": "经济建设",
    "politics": "政治建设",
    "culture": "文化建设",
    "society": "社会建设",
    "ecology": "生态文明建设",
    "other": "其他",
}

URGENCY_LABELS: Mapping[str, str] = {"normal": "一般", "urgent": "紧急"}

SOURCE_CHANNEL_LABELS: Mapping[str, str] = {
    "plenary_or_meeting": "全会、常委会、协商会发言",
    "inspection_research": "视察调研",
    "from_proposal": "提案转化",
    "visit": "走访",
    "mailbox": "联络箱、主席信箱",
    "online_platform": "网络平台",
    "letter_call_visit": "来信来电来访",
}

USE_MODE_LABELS: Mapping[str, str] = {
    "single_article": "单篇采用",
    "compiled": "综合编发",
    "forwarded_original": "原稿转送",
}

ADOPTION_LEVEL_LABELS: Mapping[str, str] = {
    "county": "县政协《社情民意》刊用",
    "county_party_gov": "县委、县政府采用",
    "city": "市级采用",
    "province": "省级采用",
    "national": "全国政协采用",
}

UPWARD_LEVEL_LABELS: Mapping[str, str] = {
    "city": "市政协",
    "province": "省政协",
    "national": "全国政协",
}

INSTRUCTION_LEVEL_LABELS: Mapping[str, str] = {
    "county_leader": "县领导",
    "city_leader": "市领导",
    "provincial_leader": "省领导",
    "national_leader": "中央领导",
}

ISSUE_STATUS_LABELS: Mapping[str, str] = {
    IssueStatus.PLANNING: "策划中",
    IssueStatus.COMPILING: "编辑中",
    IssueStatus.IN_APPROVAL: "待审批",
    IssueStatus.APPROVED: "已审批",
    IssueStatus.PUBLISHED: "已印发",
    IssueStatus.DISTRIBUTED: "已分送",
}

SERIES_LABELS: Mapping[str, str] = {"sqmy": "社情民意", "sqmy_special": "社情民意专报"}

ITEM_MODE_LABELS: Mapping[str, str] = {"single": "单篇", "compiled": "综合"}

POINT_KIND_LABELS: Mapping[str, str] = {
    "village": "村",
    "community": "社区",
    "enterprise": "企业",
    "school": "学校",
    "hospital": "医院",
    "market": "市场",
    "other": "其他",
}

POINT_STATUS_LABELS: Mapping[str, str] = {
    PointStatus.ACTIVE: "正常",
    PointStatus.SUSPENDED: "已暂停",
}


def report_status_label(status: str | None) -> str:
    return "未报送" if status is None else REPORT_STATUS_LABELS.get(status, status)


def issue_status_label(status: str | None) -> str:
    return "未创建" if status is None else ISSUE_STATUS_LABELS.get(status, status)


def choices_text(labels: Mapping[str, str]) -> str:
    """`标签（code）、…` — the allowed values, for error messages."""
    return "、".join(f"{label}（{code}）" for code, label in labels.items())
