"""Decisions on 两访 visits (DOMAIN §5.2): command + member state → `visit_logged`."""

from __future__ import annotations

from typing import cast

from services.members.domain.commands import LogVisit
from services.members.domain.events import (
    ROLE_TAGS,
    VISIT_KINDS,
    VISIT_MODES,
    Constituent,
    IssueRaised,
    RoleTag,
    VisitKind,
    VisitLogged,
    VisitMode,
)
from services.members.domain.labels import ROLE_TAG_LABELS, VISIT_KIND_LABELS, VISIT_MODE_LABELS
from services.members.domain.rules import (
    MAX_CONSTITUENT_CATEGORY,
    MAX_CONSTITUENT_NAME,
    MAX_ISSUE_TEXT,
    MAX_ISSUES,
    MAX_PLACE,
    MAX_TOPIC,
    MAX_TOPICS,
)
from services.members.domain.rules import check_township_id as _check_township_id
from services.members.domain.rules import check_uuid as _check_uuid
from services.members.domain.rules import dedupe as _dedupe
from services.members.domain.rules import optional_text as _optional_text
from services.members.domain.rules import options as _options
from services.members.domain.rules import text as _text
from services.members.domain.state import MemberState
from services.members.domain.terms import require_active
from shared.domain import Invalid, Rejected
from shared.events import DomainEvent


def _require_active_member(state: MemberState, member_id: str, doing: str) -> None:
    require_active(state, member_id, doing)


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
