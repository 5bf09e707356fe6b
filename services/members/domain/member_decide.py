"""Decisions on a member's record: profile, sector, political affiliation, term
memberships and exits, special committees, forgetting personal data (pure)."""

from __future__ import annotations

from typing import Any

from services.members.domain.member_commands import (
    ChangeMemberSector,
    ChangePoliticalAffiliation,
    ForgetPersonalData,
    JoinSpecialCommittee,
    LeaveSpecialCommittee,
    UpdateMemberProfile,
)
from services.members.domain.member_events import (
    MemberJoinedSpecialCommittee,
    MemberLeftSpecialCommittee,
    MemberPersonalDataForgotten,
    MemberPoliticalAffiliationChanged,
    MemberProfileUpdated,
    MemberSectorChanged,
)
from services.members.domain.profile import check_pii, clean_profile
from services.members.domain.rules import MAX_REASON, optional_text, text
from services.members.domain.sector import SectorState, assignable_sector
from services.members.domain.state import MemberState
from services.members.domain.terms import (
    check_political_affiliation,
    decide_appoint_member,
    decide_exit_member,
    require_active,
    require_registered,
)
from shared.domain import Rejected
from shared.events import DomainEvent

MAX_COMMITTEE = 32

__all__ = [
    "decide_appoint_member",
    "decide_change_member_sector",
    "decide_change_political_affiliation",
    "decide_exit_member",
    "decide_forget_personal_data",
    "decide_join_special_committee",
    "decide_leave_special_committee",
    "decide_update_member_profile",
]


def _current(state: MemberState, key: str) -> Any:
    return getattr(state, "name" if key == "member_name" else key)


def decide_update_member_profile(cmd: UpdateMemberProfile, state: MemberState) -> list[DomainEvent]:
    require_registered(state, cmd.member_id, "更新委员信息")
    cleaned = clean_profile(cmd.profile, cmd.today)
    changed = {k: v for k, v in cleaned.items() if v != _current(state, k)}
    name = state.name or ""
    check_pii(
        cmd.pii,
        cmd.pii_key_id,
        current_key_id=state.pii_key_id,
        forgotten=state.pii_forgotten,
        member_name=name,
    )
    pii = {f: blob for f, blob in cmd.pii.items() if blob is not None}
    cleared = tuple(f for f, blob in cmd.pii.items() if blob is None and f in state.pii_fields)
    if not changed and not pii and not cleared:
        raise Rejected(f"委员 {name} 的信息没有变化，无需更新", code="nothing_changed")
    return [
        MemberProfileUpdated(
            member_id=cmd.member_id,
            township_id=state.township_id,
            changed=tuple(changed),
            **changed,
            pii=pii,
            pii_cleared=cleared,
            pii_key_id=cmd.pii_key_id if pii else None,
        )
    ]


def decide_change_member_sector(
    cmd: ChangeMemberSector,
    state: MemberState,
    sector: SectorState,
    *,
    require_established_sector: bool = True,
) -> list[DomainEvent]:
    require_active(state, cmd.member_id, "变更界别")
    sector_id, sector_name = assignable_sector(
        sector, cmd.sector, require_established=require_established_sector
    )
    if (sector_id, sector_name) == (state.sector_id, state.sector):
        raise Rejected(
            f"委员 {state.name} 的界别已是“{sector_name}”，无需变更", code="sector_unchanged"
        )
    return [
        MemberSectorChanged(
            member_id=cmd.member_id,
            township_id=state.township_id,
            from_sector_id=state.sector_id,
            from_sector=state.sector,
            sector_id=sector_id,
            sector=sector_name,
            reason=optional_text(cmd.reason, "变更原因", MAX_REASON),
        )
    ]


def decide_change_political_affiliation(
    cmd: ChangePoliticalAffiliation, state: MemberState
) -> list[DomainEvent]:
    require_active(state, cmd.member_id, "变更政治面貌")
    affiliation = check_political_affiliation(cmd.political_affiliation)
    if affiliation == state.political_affiliation:
        raise Rejected(
            f"委员 {state.name} 的政治面貌已是“{affiliation}”，无需变更",
            code="political_affiliation_unchanged",
        )
    return [
        MemberPoliticalAffiliationChanged(
            member_id=cmd.member_id,
            township_id=state.township_id,
            from_affiliation=state.political_affiliation,
            political_affiliation=affiliation,
            reason=optional_text(cmd.reason, "变更原因", MAX_REASON),
        )
    ]


def decide_join_special_committee(
    cmd: JoinSpecialCommittee, state: MemberState
) -> list[DomainEvent]:
    require_active(state, cmd.member_id, "加入专门委员会")
    committee = text(cmd.committee, "专门委员会名称", MAX_COMMITTEE)
    if committee in state.special_committees:
        raise Rejected(
            f"委员 {state.name} 已是“{committee}”成员，无需重复加入", code="already_in_committee"
        )
    return [
        MemberJoinedSpecialCommittee(
            member_id=cmd.member_id, township_id=state.township_id, committee=committee
        )
    ]


def decide_leave_special_committee(
    cmd: LeaveSpecialCommittee, state: MemberState
) -> list[DomainEvent]:
    require_registered(state, cmd.member_id, "退出专门委员会")
    committee = text(cmd.committee, "专门委员会名称", MAX_COMMITTEE)
    if committee not in state.special_committees:
        raise Rejected(
            f"委员 {state.name} 不是“{committee}”成员，无法退出；请核对专门委员会名称",
            code="not_in_committee",
        )
    return [
        MemberLeftSpecialCommittee(
            member_id=cmd.member_id, township_id=state.township_id, committee=committee
        )
    ]


def decide_forget_personal_data(cmd: ForgetPersonalData, state: MemberState) -> list[DomainEvent]:
    require_registered(state, cmd.member_id, "删除个人信息")
    if state.pii_forgotten:
        raise Rejected(
            f"委员 {state.name} 的个人信息已删除，无需重复删除", code="personal_data_forgotten"
        )
    if cmd.pii_key_id != state.pii_key_id:
        raise Rejected("委员的数据密钥刚被修改，请刷新后重试", code="pii_key_mismatch")
    return [
        MemberPersonalDataForgotten(
            member_id=cmd.member_id, township_id=state.township_id, pii_key_id=state.pii_key_id
        )
    ]
