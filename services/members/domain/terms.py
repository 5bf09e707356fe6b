"""Term memberships (届次任职) and exits, plus the member checks other decisions share."""

from __future__ import annotations

from services.members.domain.events import DEMOCRATIC_PARTY_PREFIX, SIMPLE_POLITICAL_AFFILIATIONS
from services.members.domain.labels import DEMOCRATIC_PARTIES, POLITICAL_AFFILIATION_LABELS
from services.members.domain.member_commands import AppointMember, ExitMember
from services.members.domain.member_events import (
    MemberAppointed,
    MemberTermEnded,
    MemberTypeChanged,
)
from services.members.domain.rules import MAX_REASON, not_after, optional_text, options
from services.members.domain.state import MemberState
from services.members.domain.vocab import (
    EXIT_REASON_LABELS,
    EXIT_REASONS,
    MEMBER_TYPE_LABELS,
    MEMBER_TYPES,
    ExitReason,
    MemberType,
)
from shared.domain import Invalid, Rejected
from shared.events import DomainEvent

MAX_TERM_NO = 99


def is_valid_political_affiliation(value: str) -> bool:
    if value in SIMPLE_POLITICAL_AFFILIATIONS:
        return True
    if value.startswith(DEMOCRATIC_PARTY_PREFIX):
        return value[len(DEMOCRATIC_PARTY_PREFIX) :] in DEMOCRATIC_PARTIES
    return False


def check_political_affiliation(value: str) -> str:
    affiliation = value.strip()
    if not is_valid_political_affiliation(affiliation):
        parties = "、".join(DEMOCRATIC_PARTIES)
        raise Invalid(
            f"政治面貌“{value}”无效：可选 {options(POLITICAL_AFFILIATION_LABELS.items())}，"
            f"或 democratic_party:<党派简称>"
            f"（党派简称为 {parties} 之一，如 democratic_party:民盟）",
            code="invalid_political_affiliation",
        )
    return affiliation


def check_term_no(term_no: int) -> int:
    if not 1 <= term_no <= MAX_TERM_NO:
        raise Invalid(f"届次应为正整数（如第十届填 10），现为 {term_no}", code="invalid_term_no")
    return term_no


def check_member_type(value: str) -> MemberType:
    for member_type in MEMBER_TYPES:
        if member_type == value:
            return member_type
    raise Invalid(
        f"任职类别“{value}”无效：可选 {options(MEMBER_TYPE_LABELS.items())}",
        code="invalid_member_type",
    )


def _exit_reason(value: str) -> ExitReason:
    for reason in EXIT_REASONS:
        if reason == value:
            return reason
    raise Invalid(
        f"离任原因“{value}”无效：可选 {options(EXIT_REASON_LABELS.items())}",
        code="invalid_exit_reason",
    )


def require_registered(state: MemberState, member_id: str, doing: str) -> MemberState:
    if not state.registered:
        raise Rejected(
            f"委员未登记（编号 {member_id}），不能{doing}；请先登记委员",
            code="member_not_registered",
        )
    return state


def require_active(state: MemberState, member_id: str, doing: str) -> MemberState:
    require_registered(state, member_id, doing)
    if not state.active:
        raise Rejected(f"委员 {state.name} 已不在任，不能{doing}", code="member_inactive")
    return state


def _type_change(cmd: AppointMember, state: MemberState, member_type: MemberType) -> DomainEvent:
    open_term = state.open_term
    assert open_term is not None
    if open_term.member_type == member_type:
        raise Rejected(
            f"委员 {state.name} 在第 {cmd.term_no} 届已任{MEMBER_TYPE_LABELS[member_type]}，"
            "无需变更",
            code="member_type_unchanged",
        )
    return MemberTypeChanged(
        member_id=cmd.member_id,
        township_id=state.township_id,
        term_no=cmd.term_no,
        from_type=check_member_type(open_term.member_type),
        member_type=member_type,
        on=cmd.joined_at,
    )


def decide_appoint_member(cmd: AppointMember, state: MemberState) -> list[DomainEvent]:
    """A later term ends the open one (normally) and opens the new one; the open term's
    number changes the member type in it (e.g. 委员 → 常委)."""
    require_registered(state, cmd.member_id, "任职")
    if state.exit_reason == "deceased":
        raise Rejected(f"委员 {state.name} 已去世，不能任职", code="member_deceased")
    term_no = check_term_no(cmd.term_no)
    member_type = check_member_type(cmd.member_type)
    open_term = state.open_term
    if open_term is not None and open_term.term_no == term_no:
        return [_type_change(cmd, state, member_type)]
    latest = max((t.term_no for t in state.terms), default=0)
    if term_no <= latest:
        raise Rejected(
            f"委员 {state.name} 第 {term_no} 届的任职已结束或早于最近一届（第 {latest} 届），"
            "不能再任职；请核对届次",
            code="term_closed",
        )
    events: list[DomainEvent] = []
    if open_term is not None:
        events.append(
            MemberTermEnded(
                member_id=cmd.member_id,
                township_id=state.township_id,
                term_no=open_term.term_no,
                left_at=cmd.joined_at,
            )
        )
    events.append(
        MemberAppointed(
            member_id=cmd.member_id,
            township_id=state.township_id,
            term_no=term_no,
            member_type=member_type,
            joined_at=cmd.joined_at,
        )
    )
    return events


def decide_exit_member(cmd: ExitMember, state: MemberState) -> list[DomainEvent]:
    require_registered(state, cmd.member_id, "办理离任")
    if not state.active:
        reason = EXIT_REASON_LABELS.get(state.exit_reason, "离任")  # type: ignore[call-overload]
        raise Rejected(
            f"委员 {state.name} 已离任（{reason}），不能重复办理", code="member_inactive"
        )
    exit_reason = _exit_reason(cmd.exit_reason)
    left_at = not_after(cmd.left_at, cmd.today, "离任日期")
    open_term = state.open_term
    if open_term is not None and open_term.joined_at and left_at < open_term.joined_at:
        raise Invalid(
            f"离任日期 {left_at.isoformat()} 早于本届任职日期 {open_term.joined_at.isoformat()}，"
            "请核对离任日期",
            code="left_before_joined",
        )
    return [
        MemberTermEnded(
            member_id=cmd.member_id,
            township_id=state.township_id,
            term_no=open_term.term_no if open_term else state.term_no or 0,
            left_at=left_at,
            exit_reason=exit_reason,
            note=optional_text(cmd.note, "说明", MAX_REASON),
        )
    ]
