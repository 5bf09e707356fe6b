"""Chinese display labels for the members context (UI, error messages, exports)."""

from __future__ import annotations

from services.members.domain.events import (
    DEMOCRATIC_PARTY_PREFIX,
    RoleTag,
    VisitKind,
    VisitMode,
)

VISIT_KIND_LABELS: dict[VisitKind, str] = {
    "leader_visits_member": "主席会议成员走访基层委员",
    "member_visits_constituents": "委员走访界别群众",
}

ROLE_TAG_LABELS: dict[RoleTag, str] = {
    "investigator": "基层情况调查员",
    "policy_explainer": "党的政策宣讲员",
    "constituent_servant": "界别群众服务员",
}

VISIT_MODE_LABELS: dict[VisitMode, str] = {
    "door_to_door": "入户走访",
    "symposium": "座谈",
    "phone": "电话联系",
    "online": "线上交流",
    "site": "实地察看",
}

# Keys are the values of `SimplePoliticalAffiliation` (see `political_affiliation_label`).
POLITICAL_AFFILIATION_LABELS: dict[str, str] = {
    "cpc": "中共党员",
    "non_party": "无党派人士",
    "none": "群众",
}

# The eight democratic parties (short names), usable as `democratic_party:<name>`.
DEMOCRATIC_PARTIES: tuple[str, ...] = (
    "民革",
    "民盟",
    "民建",
    "民进",
    "农工党",
    "致公党",
    "九三学社",
    "台盟",
)

# Keyed by "<aggregate>.<event name>".
EVENT_LABELS: dict[str, str] = {
    "liaison_group.established": "设立联络组",
    "member.registered": "委员登记",
    "member.visit_logged": "登记走访",
    "member.liaison_group_changed": "变更所属联络组",
    "member.profile_updated": "更新委员信息",
    "member.sector_changed": "变更界别",
    "member.political_affiliation_changed": "变更政治面貌",
    "member.appointed": "委员任职",
    "member.member_type_changed": "变更任职类别",
    "member.term_ended": "届次任职结束",
    "member.joined_special_committee": "加入专门委员会",
    "member.left_special_committee": "退出专门委员会",
    "member.personal_data_forgotten": "删除个人信息",
    "sector.established": "设立界别",
    "sector.renamed": "界别更名",
    "sector.retired": "停用界别",
    "meeting.scheduled": "安排会议",
    "meeting.members_invited": "邀请委员参会",
    "meeting.leave_requested": "请假",
    "meeting.leave_approved": "批准请假",
    "meeting.leave_rejected": "不批准请假",
    "meeting.attendance_recorded": "登记出勤",
    "meeting.closed": "会议结束",
}


def political_affiliation_label(value: str) -> str:
    """`cpc` → 中共党员, `democratic_party:民盟` → 民盟; unknown values are returned as is."""
    if value.startswith(DEMOCRATIC_PARTY_PREFIX):
        return value[len(DEMOCRATIC_PARTY_PREFIX) :]
    return POLITICAL_AFFILIATION_LABELS.get(value, value)
