"""Decisions of the members context: command + state → events, or a Chinese rejection.

Pure: no I/O, no clock. `today` and `at` come in on the command.
Rejected (409) = not allowed in the current state; Invalid (422) = the input is wrong.
Visits are decided in `visits.py`, a member's record in `member_decide.py`, sectors in
`sector/`, meetings in `meeting/`; their functions are re-exported here.
"""

from __future__ import annotations

from services.members.domain.commands import (
    ChangeMemberLiaisonGroup,
    EstablishLiaisonGroup,
    RegisterMember,
)
from services.members.domain.events import LiaisonGroupEstablished, MemberLiaisonGroupChanged
from services.members.domain.events import MemberRegistered as MemberRegistered
from services.members.domain.profile import check_pii, clean_profile
from services.members.domain.rules import (
    MAX_GROUP_NAME,
    MAX_MEMBER_NAME,
    MAX_REASON,
    MAX_TOWNSHIP_NAME,
    MAX_WORK_UNIT,
    TOWNSHIP_ID_PATTERN,
    is_valid_township_id,
)
from services.members.domain.rules import check_township_id as _check_township_id
from services.members.domain.rules import check_uuid as _check_uuid
from services.members.domain.rules import dedupe as _dedupe
from services.members.domain.rules import optional_text as _optional_text
from services.members.domain.rules import options as _options
from services.members.domain.rules import text as _text
from services.members.domain.sector import INITIAL_SECTOR, SectorState, assignable_sector
from services.members.domain.state import LiaisonGroupState, MemberState
from services.members.domain.terms import (
    check_member_type,
    check_political_affiliation,
    check_term_no,
    is_valid_political_affiliation,
    require_active,
)
from services.members.domain.visits import decide_log_visit
from services.members.domain.vocab import STANDING_TYPES
from shared.domain import Invalid, Rejected
from shared.events import DomainEvent

__all__ = [
    "TOWNSHIP_ID_PATTERN",
    "_check_township_id",
    "_check_uuid",
    "_dedupe",
    "_optional_text",
    "_options",
    "_text",
    "decide_change_member_liaison_group",
    "decide_establish_liaison_group",
    "decide_log_visit",
    "decide_register_member",
    "is_valid_political_affiliation",
    "is_valid_township_id",
]


def _group_missing(township_id: str) -> Invalid:
    return Invalid(f"联络组 {township_id} 不存在，请先设立联络组", code="liaison_group_not_found")


def _group_exists(group: LiaisonGroupState, township_id: str) -> bool:
    return group.established and group.township_id == township_id


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


def _member_type(cmd: RegisterMember) -> str:
    if cmd.member_type is None:
        return "standing_member" if cmd.is_standing_member else "member"
    member_type = check_member_type(cmd.member_type)
    if cmd.is_standing_member and member_type not in STANDING_TYPES:
        raise Invalid(
            "任职类别为“委员”时不能同时标为常委；常委请将任职类别填为 standing_member",
            code="standing_member_conflict",
        )
    return member_type


def decide_register_member(
    cmd: RegisterMember,
    member_state: MemberState,
    group_state: LiaisonGroupState,
    sector_state: SectorState = INITIAL_SECTOR,
    *,
    require_established_sector: bool = True,
) -> list[DomainEvent]:
    """登记委员. The sector must be established (unless `require_established_sector` is
    off, for deployments that still use free-text sectors)."""
    if member_state.registered:
        raise Rejected(
            f"委员 {member_state.name}（编号 {member_state.member_id}）已登记，不能重复登记",
            code="member_already_registered",
        )
    member_id = _check_uuid(cmd.member_id, "委员编号")
    name = _text(cmd.name, "委员姓名", MAX_MEMBER_NAME)
    if cmd.sector is not None and not cmd.sector.strip() and cmd.sector_id is None:
        raise Invalid("界别不能为空，请填写界别", code="required")
    affiliation = check_political_affiliation(cmd.political_affiliation)
    term_no = check_term_no(cmd.term_no)
    member_type = _member_type(cmd)
    work_unit = _optional_text(cmd.work_unit, "工作单位及职务", MAX_WORK_UNIT)
    profile = clean_profile({"work_unit": work_unit, **cmd.profile}, cmd.at.date())
    township_id = _check_township_id(cmd.township_id, "所属联络组编号")
    if not _group_exists(group_state, township_id):
        raise _group_missing(township_id)
    sector_id, sector = assignable_sector(
        sector_state, cmd.sector, require_established=require_established_sector
    )
    check_pii(cmd.pii, cmd.pii_key_id, current_key_id=None, forgotten=False, member_name=name)
    profile.pop("member_name", None)
    return [
        MemberRegistered(
            member_id=member_id,
            member_name=name,
            sector=sector,
            sector_id=sector_id,
            political_affiliation=affiliation,
            township_id=township_id,
            term_no=term_no,
            is_standing_member=member_type in STANDING_TYPES,
            member_type=member_type,
            joined_at=cmd.joined_at or cmd.at.date(),
            **profile,
            pii=dict(cmd.pii),
            pii_key_id=cmd.pii_key_id if cmd.pii else None,
        )
    ]


def decide_change_member_liaison_group(
    cmd: ChangeMemberLiaisonGroup, member_state: MemberState, group_state: LiaisonGroupState
) -> list[DomainEvent]:
    require_active(member_state, cmd.member_id, "变更所属联络组")
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
            term_no=member_state.term_no,
        )
    ]
