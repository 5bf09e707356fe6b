"""Helpers of the duty-activity command handlers: read-only references to the member and
liaison-group aggregates, id checks before an id becomes part of a NATS subject, and the
principal checks shared by the areas."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from services.members.domain import (
    LiaisonGroupState,
    MemberState,
    liaison_group_decider,
    member_decider,
)
from services.members.domain.activities.common import TOWNSHIP_ID, GroupRef, MemberRef
from shared.auth import Forbidden, Principal
from shared.commands import CommandResult, Target
from shared.domain import NotFound
from shared.http import Accepted


def accepted(aggregate_id: str, result: CommandResult) -> Accepted:
    return Accepted(
        id=aggregate_id, stream=result.stream, seq=result.last_seq, event_ids=result.event_ids
    )


def is_uuid(value: str) -> bool:
    try:
        return str(uuid.UUID(value)) == value
    except ValueError:
        return False


def require_uuid(value: str, what: str) -> str:
    """An id from a path: anything but a canonical UUID names nothing (404)."""
    if not is_uuid(value):
        raise NotFound(f"{what}（编号 {value}）不存在，请核对编号", code="not_found")
    return value


def require_slug(value: str, what: str = "乡镇") -> str:
    if TOWNSHIP_ID.fullmatch(value) is None:
        raise NotFound(f"{what}“{value}”不存在，请核对编号", code="not_found")
    return value


# --- read-only references ----------------------------------------------------------------


def member_ref(state: MemberState, member_id: str) -> MemberRef:
    return MemberRef(
        member_id=member_id,
        registered=state.registered,
        active=state.active,
        township_id=state.township_id,
        name=state.name,
        visit_ids=state.visit_ids,
    )


def group_ref(state: LiaisonGroupState, township_id: str) -> GroupRef:
    return GroupRef(township_id=township_id, established=state.established, name=state.group_name)


def member_targets(member_ids: Iterable[str]) -> list[Target]:
    """Read-only targets for members named in a body (ids already validated as UUIDs)."""
    return [Target(member_decider, m) for m in dict.fromkeys(member_ids)]


def group_targets(township_ids: Iterable[str]) -> list[Target]:
    return [Target(liaison_group_decider, t) for t in dict.fromkeys(township_ids)]


def refs_of(
    states: Sequence[Any], targets: Sequence[Target]
) -> tuple[list[GroupRef], list[MemberRef]]:
    """Split loaded states of read-only targets into group and member references."""
    groups: list[GroupRef] = []
    members: list[MemberRef] = []
    for state, target in zip(states, targets, strict=True):
        if target.decider is member_decider:
            members.append(member_ref(state, target.aggregate_id))
        elif target.decider is liaison_group_decider:
            groups.append(group_ref(state, target.aggregate_id))
    return groups, members


# --- principal checks --------------------------------------------------------------------


def is_self(principal: Principal, member_id: str | None) -> bool:
    return member_id is not None and f"member:{member_id}" in principal.roles


def acts_in(principal: Principal, townships: Iterable[str | None]) -> bool:
    """Admin, or staff of one of the townships."""
    return principal.is_admin or any(t in principal.townships for t in townships if t)


def require_staff_or_member(principal: Principal) -> None:
    """The roles that take part in duty activities at all: admin, township staff, members."""
    if not (principal.is_admin or principal.townships or principal.member_id):
        raise Forbidden("您的账号没有执行此操作的权限。")


def not_your_township(what: str, townships: Iterable[str | None]) -> Forbidden:
    named = "、".join(f"“{t}”" for t in townships if t) or "（未指定）"
    return Forbidden(f"您只能办理本乡镇的{what}，该事项属于乡镇{named}。")
