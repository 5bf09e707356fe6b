"""Closed vocabularies of the duty activities and their Chinese labels (DOMAIN §5.2, §5.5).

Events type these fields as `Literal`s; commands carry plain strings so that a decision
can reject a wrong value with a Chinese message listing the allowed ones.
"""

from __future__ import annotations

from typing import Literal

EscalationTarget = Literal["opinion_report", "proposal"]
TrainingKind = Literal["member_main_training", "cadre_capacity", "online_course", "study_session"]
LivelihoodKind = Literal[
    "three_to_countryside",
    "poverty_relief",
    "education_donation",
    "free_clinic",
    "legal_aid",
    "other",
]
OrganiserKind = Literal["committee", "liaison_group", "sector", "participating_org", "other"]
ContactKind = Literal["hometown_notable", "non_public_economy", "new_social_stratum"]
ContactMode = Literal["visit", "symposium", "phone", "online", "event"]
ExcellenceCategory = Literal[
    "excellent_member",
    "excellent_proposal",
    "excellent_opinion_report",
    "excellent_liaison_group",
    "advanced_handling_unit",
]
NomineeKind = Literal["member", "proposal", "opinion_report", "liaison_group", "handling_unit"]
AwardLevel = Literal["county", "city", "province", "national"]

ESCALATION_TARGET_LABELS: dict[str, str] = {
    "opinion_report": "社情民意信息",
    "proposal": "提案",
}

TRAINING_KIND_LABELS: dict[str, str] = {
    "member_main_training": "委员主体培训班",
    "cadre_capacity": "政协系统干部能力提升培训班",
    "online_course": "网络课程",
    "study_session": "学习会",
}

LIVELIHOOD_KIND_LABELS: dict[str, str] = {
    "three_to_countryside": "“三下乡”",
    "poverty_relief": "扶贫济困",
    "education_donation": "捐资助学",
    "free_clinic": "义诊",
    "legal_aid": "法律援助",
    "other": "其他民生实事",
}

ORGANISER_KIND_LABELS: dict[str, str] = {
    "committee": "县政协（机关或专委会）",
    "liaison_group": "乡镇政协联络组",
    "sector": "界别",
    "participating_org": "党派团体",
    "other": "其他",
}

CONTACT_KIND_LABELS: dict[str, str] = {
    "hometown_notable": "在外乡贤",
    "non_public_economy": "非公有制经济人士",
    "new_social_stratum": "新的社会阶层人士",
}

CONTACT_MODE_LABELS: dict[str, str] = {
    "visit": "登门拜访",
    "symposium": "座谈",
    "phone": "电话联系",
    "online": "线上交流",
    "event": "联谊活动",
}

EXCELLENCE_CATEGORY_LABELS: dict[str, str] = {
    "excellent_member": "优秀政协委员",
    "excellent_proposal": "优秀提案",
    "excellent_opinion_report": "优秀社情民意信息",
    "excellent_liaison_group": "优秀乡镇政协联络组",
    "advanced_handling_unit": "提案办理先进单位",
}

NOMINEE_KIND_OF: dict[str, NomineeKind] = {
    "excellent_member": "member",
    "excellent_proposal": "proposal",
    "excellent_opinion_report": "opinion_report",
    "excellent_liaison_group": "liaison_group",
    "advanced_handling_unit": "handling_unit",
}

AWARD_LEVEL_LABELS: dict[str, str] = {
    "county": "县级",
    "city": "市级",
    "province": "省级",
    "national": "全国",
}

#: Order of award levels (county lowest).
AWARD_LEVEL_RANK: dict[str, int] = {"county": 1, "city": 2, "province": 3, "national": 4}
