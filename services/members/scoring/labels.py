"""Chinese labels of the facts, rules and constraint rules (explanations in score cards)."""

from __future__ import annotations

from services.members.domain.activities.vocabulary import (
    AWARD_LEVEL_LABELS,
    EXCELLENCE_CATEGORY_LABELS,
    LIVELIHOOD_KIND_LABELS,
    TRAINING_KIND_LABELS,
)
from services.members.domain.appraisal.labels import (
    CONSTRAINT_RULE_LABELS as CONSTRAINT_RULE_LABELS,
)
from services.members.domain.appraisal.labels import DECISION_LABELS as DECISION_LABELS
from services.members.domain.labels import VISIT_KIND_LABELS
from services.members.domain.meeting import MEETING_KIND_LABELS
from services.members.scoring.facts import VOID_CONVERTED, VOID_WITHDRAWN

CATEGORY_LABELS: dict[str, str] = {
    "attendance": "会议出勤",
    "proposal": "提案",
    "opinion_report": "社情民意信息",
    "activity": "履职活动",
    "visit": "两访三做",
    "livelihood": "民生实事",
    "award": "表彰奖励",
    "penalty": "约束与处理",
    "adjustment": "分数调整",
}

KIND_LABELS: dict[str, str] = {
    "present": "出席",
    "late": "迟到",
    "left_early": "早退",
    "leave_approved": "请假",
    "absent_unexcused": "无故缺席",
    "submitted": "提交",
    "registered": "立案",
    "key": "确定为重点提案",
    "excellent": "评为优秀提案",
    "adopted": "被采用",
    "instructed": "获领导批示",
    "consultation": "参加协商活动",
    "speech": "协商发言",
    "training": "参加培训",
    "inspection": "参加视察调研",
    "verified": "走访经联络组核实",
    "output_adopted": "走访反映的问题形成成果并被采用",
    "participated": "参加民生实事",
    "excellence": "争先创优表彰",
    "warned": "警示提醒",
    "persuaded_to_resign": "劝辞",
    "qualification_revoked": "撤销委员资格",
    "adjusted": "人工调整",
}

CONSULTATION_TYPE_LABELS: dict[str, str] = {
    "plenary": "全体会议协商",
    "standing_committee_thematic": "专题议政性常委会议",
    "thematic": "专题协商",
    "counterpart": "对口协商",
    "sector": "界别协商",
    "proposal_handling": "提案办理协商",
    "symposium": "协商座谈会",
    "grassroots": "基层协商",
    "online": "网络议政",
}

ADOPTION_LEVEL_LABELS: dict[str, str] = {
    "county": "县政协《社情民意》刊用",
    "county_party_gov": "县委、县政府采用",
    "city": "市级采用",
    "province": "省级采用",
    "national": "全国政协采用",
}

INSTRUCTION_LEVEL_LABELS: dict[str, str] = {
    "county_leader": "县领导批示",
    "city_leader": "市领导批示",
    "provincial_leader": "省领导批示",
    "national_leader": "国家领导批示",
}

ROLE_LABELS: dict[str, str] = {
    "lead": "第一提案人",
    "co": "联名提案人",
    "oral": "口头发言",
    "written": "书面发言",
    "full": "全程参加",
    "partial": "部分参加",
    **EXCELLENCE_CATEGORY_LABELS,
}

DETAIL_LABELS: dict[str, str] = {
    **{str(k): v for k, v in MEETING_KIND_LABELS.items()},
    **CONSULTATION_TYPE_LABELS,
    **ADOPTION_LEVEL_LABELS,
    **INSTRUCTION_LEVEL_LABELS,
    **{k: f"{v}表彰" for k, v in AWARD_LEVEL_LABELS.items()},
    **{str(k): v for k, v in VISIT_KIND_LABELS.items()},
    **LIVELIHOOD_KIND_LABELS,
    **TRAINING_KIND_LABELS,
    "from_proposal": "由提案转来",
    "revocation_proposed": "依据：无故缺席全体会议",
    "reminder_talk": "依据：年度得分过低",
    "persuade_to_resign": "依据：连续多年得分过低",
    "not_renominated_flag": "依据：提案过少",
}

VOID_LABELS: dict[str, str] = {
    VOID_CONVERTED: "该提案已转为社情民意信息，按社情民意信息计分，本项不再计入提案",
    VOID_WITHDRAWN: "该提案已撤案，不计分",
}


def label(labels: dict[str, str], code: str | None) -> str:
    if code is None:
        return ""
    return labels.get(code, code)


def describe(category: str, kind: str, detail: str | None, role: str | None) -> str:
    """E.g. `会议出勤·出席（全体会议）` or `提案·立案（第一提案人）`."""
    head = f"{label(CATEGORY_LABELS, category)}·{label(KIND_LABELS, kind)}"
    extras = [x for x in (label(DETAIL_LABELS, detail), label(ROLE_LABELS, role)) if x]
    return f"{head}（{'，'.join(extras)}）" if extras else head
