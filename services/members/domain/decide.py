"""Decisions of the members context: command + state → events, or a Chinese rejection.

Pure: no I/O, no clock. `today` and `at` come in on the command.
Rejected (409) = not allowed in the current state; Invalid (422) = the input is wrong.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from typing import TypeVar, cast

from services.members.domain.commands import (
    ChangeMemberLiaisonGroup,
    EstablishLiaisonGroup,
    LogVisit,
    RegisterMember,
)
from services.members.domain.events import (
    DEMOCRATIC_PARTY_PREFIX,
    ROLE_TAGS,
    SIMPLE_POLITICAL_AFFILIATIONS,
    VISIT_KINDS,
    VISIT_MODES,
    Constituent,
    IssueRaised,
    LiaisonGroupEstablished,
    MemberLiaisonGroupChanged,
    MemberRegistered,
    RoleTag,
    VisitKind,
    VisitLogged,
    VisitMode,
)
from services.members.domain.labels import (
    DEMOCRATIC_PARTIES,
    POLITICAL_AFFILIATION_LABELS,
    ROLE_TAG_LABELS,
    VISIT_KIND_LABELS,
    VISIT_MODE_LABELS,
)
from services.members.domain.state import LiaisonGroupState, MemberState
from shared.domain import Invalid, Rejected
from shared.events import DomainEvent

TOWNSHIP_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{1,31}$")

MAX_GROUP_NAME = 50
MAX_TOWNSHIP_NAME = 32
MAX_MEMBER_NAME = 50
MAX_SECTOR = 32
MAX_WORK_UNIT = 100
MAX_PARTY_NAME = 20
MAX_PLACE = 100
MAX_TOPIC = 50
MAX_TOPICS = 20
MAX_ISSUE_TEXT = 500
MAX_ISSUES = 50
MAX_CONSTITUENT_CATEGORY = 32
MAX_CONSTITUENT_NAME = 50
MAX_REASON = 200

T = TypeVar("T")


# --- validation helpers ------------------------------------------------------------------


def is_valid_township_id(value: str) -> bool:
    return TOWNSHIP_ID_PATTERN.fullmatch(value) is not None


def is_valid_political_affiliation(value: str) -> bool:
    if value in SIMPLE_POLITICAL_AFFILIATIONS:
        return True
    if value.startswith(DEMOCRATIC_PARTY_PREFIX):
        return value[len(DEMOCRATIC_PARTY_PREFIX) :] in DEMOCRATIC_PARTIES
    return False


def _check_township_id(value: str, what: str = "乡镇编号") -> str:
    if not is_valid_township_id(value):
        raise Invalid(
            f"{what}“{value}”格式不正确：应为 2–32 位小写英文字母、数字、下划线或连字符，"
            "且以字母或数字开头（如 chengguan）",
            code="invalid_township_id",
        )
    return value


def _is_canonical_uuid(value: str) -> bool:
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False


def _check_uuid(value: str, what: str) -> str:
    if not _is_canonical_uuid(value):
        raise Invalid(
            f"{what}“{value}”格式不正确：应为小写、带连字符的 UUID"
            "（如 0190a6c2-7d1e-7c3a-9f1e-2b3c4d5e6f70）",
            code="invalid_id",
        )
    return value


def _text(value: str, what: str, max_len: int) -> str:
    text = value.strip()
    if not text:
        raise Invalid(f"{what}不能为空，请填写{what}", code="required")
    if len(text) > max_len:
        raise Invalid(
            f"{what}不能超过 {max_len} 个字（现为 {len(text)} 个字），请精简后再提交",
            code="too_long",
        )
    return text


def _optional_text(value: str | None, what: str, max_len: int) -> str | None:
    if value is None or not value.strip():
        return None
    return _text(value, what, max_len)


def _dedupe(values: Iterable[T]) -> tuple[T, ...]:
    """Drop repeated values, keeping the first occurrence's position."""
    return tuple(dict.fromkeys(values))


def _options(labels: Iterable[tuple[str, str]]) -> str:
    return "、".join(f"{code}（{label}）" for code, label in labels)


def _group_missing(township_id: str) -> Invalid:
    return Invalid(f"联络组 {township_id} 不存在，请先设立联络组", code="liaison_group_not_found")


def _group_exists(group: LiaisonGroupState, township_id: str) -> bool:
    return group.established and group.township_id == township_id


def _require_active_member(state: MemberState, member_id: str, doing: str) -> None:
    if not state.registered:
        raise Rejected(
            f"委员未登记（编号 {member_id}），不能{doing}；请先登记委员",
            code="member_not_registered",
        )
    if not state.active:
        raise Rejected(f"委员 {state.name} 已不在任，不能{doing}", code="member_inactive")


# --- liaison group -----------------------------------------------------------------------


def decide_establish_liaison_group(
    cmd: EstablishLiaisonGroup, state: LiaisonGroupState
) -> list[DomainEvent]:
    if state.established:
        raise Rejected(
            f"联络组 {state.township_id}（{state.group_name}）已设立，不能重复设立",
            code="liaison_group_already_established",
        )
    township_id = _check_township_id(cmd.township_id)
    group_name = _text(cmd.name, "联络组名称", MAX_GROUP_NAME)
    township_name = _text(cmd.township_name, "乡镇名称", MAX_TOWNSHIP_NAME)
    return [
        LiaisonGroupEstablished(
            township_id=township_id, group_name=group_name, township_name=township_name
        )
    ]


# --- member ------------------------------------------------------------------------------


def decide_register_member(
    cmd: RegisterMember, member_state: MemberState, group_state: LiaisonGroupState
) -> list[DomainEvent]:
    if member_state.registered:
        raise Rejected(
            f"委员 {member_state.name}（编号 {member_state.member_id}）已登记，不能重复登记",
            code="member_already_registered",
        )
    member_id = _check_uuid(cmd.member_id, "委员编号")
    name = _text(cmd.name, "委员姓名", MAX_MEMBER_NAME)
    sector = _text(cmd.sector, "界别", MAX_SECTOR)
    affiliation = cmd.political_affiliation.strip()
    if not is_valid_political_affiliation(affiliation):
        parties = "、".join(DEMOCRATIC_PARTIES)
        raise Invalid(
            f"政治面貌“{cmd.political_affiliation}”无效：可选 "
            f"{_options(POLITICAL_AFFILIATION_LABELS.items())}，"
            f"或 democratic_party:<党派简称>"
            f"（党派简称为 {parties} 之一，如 democratic_party:民盟）",
            code="invalid_political_affiliation",
        )
    if cmd.term_no < 1:
        raise Invalid(
            f"届次应为正整数（如第十届填 10），现为 {cmd.term_no}", code="invalid_term_no"
        )
    work_unit = _optional_text(cmd.work_unit, "工作单位及职务", MAX_WORK_UNIT)
    township_id = _check_township_id(cmd.township_id, "所属联络组编号")
    if not _group_exists(group_state, township_id):
        raise _group_missing(township_id)
    return [
        MemberRegistered(
            member_id=member_id,
            member_name=name,
            sector=sector,
            political_affiliation=affiliation,
            township_id=township_id,
            term_no=cmd.term_no,
            is_standing_member=cmd.is_standing_member,
            work_unit=work_unit,
        )
    ]


def _visit_kind(value: str) -> VisitKind:
    if value not in VISIT_KINDS:
        raise Invalid(
            f"走访类型“{value}”无效：可选 {_options(VISIT_KIND_LABELS.items())}",
            code="invalid_visit_kind",
        )
    return value


def _visit_mode(value: str) -> VisitMode:
    if value not in VISIT_MODES:
        raise Invalid(
            f"走访方式“{value}”无效：可选 {_options(VISIT_MODE_LABELS.items())}",
            code="invalid_visit_mode",
        )
    return value


def _role_tags(values: list[str]) -> tuple[RoleTag, ...]:
    if not values:
        raise Invalid(
            f"请至少选择一项“三做”履职角色：{_options(ROLE_TAG_LABELS.items())}",
            code="role_tags_required",
        )
    for value in values:
        if value not in ROLE_TAGS:
            raise Invalid(
                f"“三做”履职角色“{value}”无效：可选 {_options(ROLE_TAG_LABELS.items())}",
                code="invalid_role_tag",
            )
    return cast(tuple[RoleTag, ...], _dedupe(values))


def _constituents(values: list[Constituent]) -> tuple[Constituent, ...]:
    result: list[Constituent] = []
    for item in values:
        category = _text(item.category, "界别群众类别", MAX_CONSTITUENT_CATEGORY)
        if item.count < 1:
            raise Invalid(
                f"界别群众“{category}”的人数应至少为 1，现为 {item.count}；请填写实际走访人数",
                code="invalid_constituent_count",
            )
        name = _optional_text(item.name, "界别群众姓名或单位", MAX_CONSTITUENT_NAME)
        result.append(Constituent(category=category, count=item.count, name=name))
    return tuple(result)


def _issues(values: list[IssueRaised]) -> tuple[IssueRaised, ...]:
    if len(values) > MAX_ISSUES:
        raise Invalid(
            f"一次走访最多登记 {MAX_ISSUES} 条反映问题，请合并后再提交", code="too_many_issues"
        )
    return tuple(
        IssueRaised(
            text=_text(item.text, "反映的问题", MAX_ISSUE_TEXT),
            resolved_on_site=item.resolved_on_site,
        )
        for item in values
    )


def _topics(values: list[str]) -> tuple[str, ...]:
    topics = _dedupe(_text(topic, "走访主题", MAX_TOPIC) for topic in values)
    if len(topics) > MAX_TOPICS:
        raise Invalid(
            f"一次走访最多登记 {MAX_TOPICS} 个主题，请精简后再提交", code="too_many_topics"
        )
    return topics


def decide_log_visit(cmd: LogVisit, state: MemberState) -> list[DomainEvent]:
    _require_active_member(state, cmd.member_id, "登记走访")
    if cmd.visit_id in state.visit_ids:
        raise Rejected(f"走访记录 {cmd.visit_id} 已登记过，不能重复登记", code="duplicate_visit")
    visit_id = _check_uuid(cmd.visit_id, "走访记录编号")
    kind = _visit_kind(cmd.visit_kind)
    mode = _visit_mode(cmd.mode)
    role_tags = _role_tags(cmd.role_tags)
    if cmd.visit_date > cmd.today:
        raise Invalid(
            f"走访日期 {cmd.visit_date.isoformat()} 晚于今天（{cmd.today.isoformat()}），"
            "不能登记尚未发生的走访；请核对走访日期",
            code="visit_date_in_future",
        )
    township_id = _check_township_id(cmd.township_id, "走访所在乡镇编号")

    visitor_ids = _dedupe(_check_uuid(v, "走访人编号") for v in cmd.visitor_ids)
    if cmd.member_id not in visitor_ids:
        raise Invalid(
            f"走访人中必须包含登记走访的委员本人（{state.name}，编号 {cmd.member_id}），"
            "请把本人加入走访人",
            code="visitor_missing_self",
        )
    visited_ids = _dedupe(_check_uuid(v, "被走访委员编号") for v in cmd.visited_member_ids)
    kind_label = VISIT_KIND_LABELS[kind]
    if kind == "leader_visits_member":
        if not visited_ids:
            raise Invalid(
                f"“{kind_label}”须填写被走访的委员，请至少选择一名委员",
                code="visited_members_required",
            )
        if set(visited_ids) & set(visitor_ids):
            raise Invalid(
                "被走访的委员不能同时是走访人，请检查走访人和被走访委员名单",
                code="visitor_is_visited",
            )
        if cmd.constituents:
            raise Invalid(
                f"“{kind_label}”不填写界别群众；如走访的是界别群众，"
                f"请将走访类型改为“{VISIT_KIND_LABELS['member_visits_constituents']}”",
                code="constituents_not_allowed",
            )
        constituents: tuple[Constituent, ...] = ()
    else:
        if not cmd.constituents:
            raise Invalid(
                f"“{kind_label}”须填写走访的界别群众（类别和人数），请至少填写一项",
                code="constituents_required",
            )
        if visited_ids:
            raise Invalid(
                f"“{kind_label}”不填写被走访委员；如走访的是委员，"
                f"请将走访类型改为“{VISIT_KIND_LABELS['leader_visits_member']}”",
                code="visited_members_not_allowed",
            )
        constituents = _constituents(cmd.constituents)

    return [
        VisitLogged(
            member_id=cmd.member_id,
            visit_id=visit_id,
            visit_kind=kind,
            visitor_ids=visitor_ids,
            visited_member_ids=visited_ids,
            constituents=constituents,
            township_id=township_id,
            member_township_id=state.township_id,
            place=_optional_text(cmd.place, "走访地点", MAX_PLACE),
            visit_date=cmd.visit_date,
            mode=mode,
            role_tags=role_tags,
            topics=_topics(cmd.topics),
            issues_raised=_issues(cmd.issues_raised),
        )
    ]


def decide_change_member_liaison_group(
    cmd: ChangeMemberLiaisonGroup, member_state: MemberState, group_state: LiaisonGroupState
) -> list[DomainEvent]:
    _require_active_member(member_state, cmd.member_id, "变更所属联络组")
    to_township_id = _check_township_id(cmd.to_township_id, "新联络组编号")
    if not _group_exists(group_state, to_township_id):
        raise _group_missing(to_township_id)
    if member_state.township_id == to_township_id:
        raise Rejected(
            f"委员 {member_state.name} 已属于联络组 {to_township_id}，无需变更",
            code="liaison_group_unchanged",
        )
    return [
        MemberLiaisonGroupChanged(
            member_id=cmd.member_id,
            from_township_id=member_state.township_id,
            to_township_id=to_township_id,
            township_id=to_township_id,
            reason=_optional_text(cmd.reason, "变更原因", MAX_REASON),
        )
    ]
