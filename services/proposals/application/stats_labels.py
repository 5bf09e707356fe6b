"""Chinese names of the statistics (DOMAIN §2.13) and how each rate is formed.

A rate is `numerator / denominator`, both counts of the same tally; with a zero
denominator it has no value (shown as “—”).
Definitions: docs/decisions/0013-proposal-statistics.md.
"""

from __future__ import annotations

from collections.abc import Mapping

# Counts, in the order the office reads them.
COUNT_LABELS: Mapping[str, str] = {
    "received": "收到提案",
    "registered": "立案",
    "not_registered": "不予立案",
    "converted_to_opinion": "其中转为社情民意信息",
    "merged": "并入其他提案",
    "withdrawn": "撤案",
    "replied": "已办复",
    "on_time": "按期办复",
    "face_to_face": "面商办理",
    "concluded": "已办结",
    "key": "重点提案",
    "collective": "集体提案",
    "individual": "委员个人和联名提案",
    "answers": "答复份数",
    "evaluated": "已评价答复",
    "satisfied": "满意",
    "basically_satisfied": "基本满意",
    "dissatisfied": "不满意",
    "satisfied_or_basic": "满意和基本满意",
    "participating_members": "参与提案委员",
    "members": "委员总数",
}

# code → (label, numerator count, denominator count)
RATES: Mapping[str, tuple[str, str, str]] = {
    "registration_rate": ("立案率", "registered", "received"),
    "reply_rate": ("办复率", "replied", "registered"),
    "on_time_reply_rate": ("按期办复率", "on_time", "registered"),
    "face_to_face_rate": ("面商率", "face_to_face", "replied"),
    "satisfaction_rate": ("满意率", "satisfied", "evaluated"),
    "basic_satisfaction_rate": ("基本满意率", "basically_satisfied", "evaluated"),
    "satisfied_or_basic_rate": ("满意和基本满意率", "satisfied_or_basic", "evaluated"),
    "collective_share": ("集体提案占比", "collective", "received"),
    "individual_share": ("委员个人和联名提案占比", "individual", "received"),
    "member_participation_rate": ("参与提案委员占比", "participating_members", "members"),
}

# Columns of the by-township table (exports): counts and rates by code.
TOWNSHIP_COLUMNS: tuple[str, ...] = (
    "received",
    "registered",
    "registration_rate",
    "replied",
    "reply_rate",
    "on_time_reply_rate",
    "satisfied_or_basic_rate",
    "participating_members",
    "members",
    "member_participation_rate",
)

SECTION_LABELS: Mapping[str, str] = {
    "overall": "总体情况",
    "result_class": "办理结果类别",
    "category": "按类别",
    "township": "按乡镇",
}

CATEGORY_COLUMNS: Mapping[str, str] = {
    "received": "收到提案",
    "registered": "立案",
    "share": "占立案总数",
}


def label_of(code: str) -> str:
    """The Chinese name of a count or a rate code."""
    if code in RATES:
        return RATES[code][0]
    return COUNT_LABELS.get(code, code)


def percent(rate: float | None) -> str:
    """`66.7%`; no value (zero denominator) reads as `—`."""
    return "—" if rate is None else f"{rate * 100:.1f}%"


_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1–99 in Chinese numerals (10 → 十, 13 → 十三, 20 → 二十); others as digits."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else f"{_DIGITS[tens]}十")
    return head + (_DIGITS[ones] if ones else "")


def session_label(term_no: int, session_no: int) -> str:
    """`十届三次会议`."""
    return f"{chinese_number(term_no)}届{chinese_number(session_no)}次会议"
