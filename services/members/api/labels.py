"""Chinese labels for codes shown on the dashboard that come from other services' events
(copied here on purpose: a service never imports another) and for attribution reasons."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

PROPOSAL_STATUS_LABELS: Mapping[str, str] = {
    "submitted": "已提交",
    "under_review": "审查中",
    "registered": "已立案",
    "not_registered": "不予立案",
    "withdrawn": "已撤案",
    "merged": "已并案",
    "assigned": "已交办",
    "in_handling": "办理中",
    "replied": "已答复",
    "rehandling": "重新办理",
    "concluded": "已办结",
}

PROPOSAL_CATEGORY_LABELS: Mapping[str, str] = {
    "economy": "经济建设",
    "politics": "政治建设",
    "culture": "文化建设",
    "society": "社会建设",
    "ecology": "生态文明建设",
}

CONSULTATION_TYPE_LABELS: Mapping[str, str] = {
    "plenary": "全体会议协商",
    "standing_committee_thematic": "专题议政性常委会议",
    "thematic": "专题协商会",
    "counterpart": "对口协商会",
    "sector": "界别协商会",
    "proposal_handling": "提案办理协商会",
    "symposium": "协商座谈会",
    "grassroots": "基层协商",
    "online": "网络议政",
}

ADOPTION_LABELS: Mapping[str, str] = {
    "adopted": "已采纳",
    "partially_adopted": "部分采纳",
    "planned": "列入计划",
}

REASON_LABELS: Mapping[str, str] = {
    "by_member": "本组委员参与",
    "in_township": "在本乡镇开展",
    "lead_author": "本组委员领衔",
    "co_author": "本组委员联名",
}


def label(labels: Mapping[Any, str], code: str) -> str:
    """The Chinese label of a code; an unknown (newer) code is shown as is."""
    return labels.get(code, code)
