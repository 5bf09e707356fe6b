"""Chinese labels of other contexts' codes, kept locally (a service never imports another).

Wording matches the owning services' labels so a clerk sees one vocabulary.
Sources: DOMAIN §2.4.2 (not-registered reasons), §2.4.3 (dispositions),
§4.4 (suggestion adoption), §5.2 (visit kinds).
"""

from __future__ import annotations

NOT_REGISTERED_REASON_LABELS: dict[str, str] = {
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

DISPOSITION_LABELS: dict[str, str] = {
    "to_public_opinion": "转为社情民意信息",
    "to_suggestion": "作为意见建议转送有关部门",
    "to_member_letter": "作为委员来信留存",
    "to_interim_proposal": "转为平时提案",
    "none": "仅告知提案人",
}

ADOPTION_LABELS: dict[str, str] = {
    "adopted": "已采纳",
    "partially_adopted": "部分采纳",
    "planned": "列入计划",
}

VISIT_KIND_LABELS: dict[str, str] = {
    "leader_visits_member": "主席会议成员走访基层委员",
    "member_visits_constituents": "委员走访界别群众",
    "member_enterprise_visit": "走访委员和委员企业",
    "liaison_contact": "联系在外乡贤",
}


def label(labels: dict[str, str], code: object, default: str = "") -> str:
    """Chinese label of `code`; an unknown code is shown as is, a missing one as `default`."""
    if code is None or code == "":
        return default
    text = str(code)
    return labels.get(text, text)
