"""承办单位 as reference data: aggregate `handling_unit` (register / rename / deactivate).

The id is a slug chosen by the county office (it appears in `handling_unit:<id>` tokens).
A deactivated unit keeps its tasks but receives no new ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import ClassVar, Literal, cast

from pydantic import AwareDatetime, BaseModel, ConfigDict

from shared.domain import Decider, Invalid, NotFound, Rejected
from shared.events import DomainEvent

from .events import CONTEXT, registry

HANDLING_UNIT = "handling_unit"
SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{1,31}$")
NAME_MAX_CHARS = 100

UnitKind = Literal[
    "government_department",
    "township_government",
    "court",
    "procuratorate",
    "people_org",
    "party_org",
    "enterprise",
    "other",
]
UNIT_KIND_LABELS: dict[str, str] = {
    "government_department": "政府部门",
    "township_government": "乡镇人民政府",
    "court": "人民法院",
    "procuratorate": "人民检察院",
    "people_org": "人民团体",
    "party_org": "党委部门",
    "enterprise": "企事业单位",
    "other": "其他单位",
}


class HandlingUnitEvent(DomainEvent):
    context: ClassVar[str] = CONTEXT
    aggregate: ClassVar[str] = HANDLING_UNIT

    unit_id: str
    township_id: str | None


@registry.register
class HandlingUnitRegistered(HandlingUnitEvent):
    name: ClassVar[str] = "registered"

    unit_name: str
    kind: UnitKind
    registered_at: datetime


@registry.register
class HandlingUnitRenamed(HandlingUnitEvent):
    name: ClassVar[str] = "renamed"

    old_name: str
    unit_name: str
    renamed_at: datetime


@registry.register
class HandlingUnitDeactivated(HandlingUnitEvent):
    name: ClassVar[str] = "deactivated"

    unit_name: str
    reason: str | None
    deactivated_at: datetime


@dataclass(frozen=True)
class HandlingUnitState:
    unit_id: str = ""
    name: str = ""
    kind: str = ""
    township_id: str | None = None
    active: bool = False
    registered: bool = False


def evolve_unit(state: HandlingUnitState, event: DomainEvent) -> HandlingUnitState:
    match event:
        case HandlingUnitRegistered():
            return HandlingUnitState(
                event.unit_id, event.unit_name, event.kind, event.township_id, True, True
            )
        case HandlingUnitRenamed():
            return replace(state, name=event.unit_name)
        case HandlingUnitDeactivated():
            return replace(state, active=False)
        case _:
            return state


unit_decider: Decider[HandlingUnitState] = Decider(
    CONTEXT, HANDLING_UNIT, HandlingUnitState(), evolve_unit
)


class UnitCommand(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    unit_id: str
    actor: str
    at: AwareDatetime


class RegisterHandlingUnit(UnitCommand):
    name: str
    kind: str
    township_id: str | None = None


class RenameHandlingUnit(UnitCommand):
    name: str


class DeactivateHandlingUnit(UnitCommand):
    reason: str | None = None


def decide_register_unit(cmd: RegisterHandlingUnit, state: HandlingUnitState) -> list[DomainEvent]:
    if state.registered:
        raise Rejected(
            f"承办单位编号“{cmd.unit_id}”已被“{state.name}”使用，请换一个编号",
            code="unit_exists",
        )
    if not SLUG.match(cmd.unit_id):
        raise Invalid(
            "承办单位编号只能由小写字母、数字、-、_ 组成（2–32 位，以字母或数字开头），"
            "如 zhujianju",
            code="invalid_unit_id",
        )
    if cmd.kind not in UNIT_KIND_LABELS:
        choices = "、".join(f"{v}（{k}）" for k, v in UNIT_KIND_LABELS.items())
        raise Invalid(
            f"单位类型“{cmd.kind}”无效，请从以下选项中选择：{choices}", code="invalid_kind"
        )
    township = (cmd.township_id or "").strip() or None
    if cmd.kind == "township_government" and township is None:
        raise Invalid("乡镇人民政府须填写所在乡镇编号（township_id）", code="township_required")
    if township is not None and not SLUG.match(township):
        raise Invalid(f"乡镇编号“{township}”格式不正确", code="invalid_township_id")
    return [
        HandlingUnitRegistered(
            unit_id=cmd.unit_id,
            township_id=township,
            unit_name=_name(cmd.name),
            kind=cast(UnitKind, cmd.kind),
            registered_at=cmd.at.astimezone(UTC),
        )
    ]


def decide_rename_unit(cmd: RenameHandlingUnit, state: HandlingUnitState) -> list[DomainEvent]:
    _require(state)
    name = _name(cmd.name)
    if name == state.name:
        return []
    return [
        HandlingUnitRenamed(
            unit_id=state.unit_id,
            township_id=state.township_id,
            old_name=state.name,
            unit_name=name,
            renamed_at=cmd.at.astimezone(UTC),
        )
    ]


def decide_deactivate_unit(
    cmd: DeactivateHandlingUnit, state: HandlingUnitState
) -> list[DomainEvent]:
    _require(state)
    if not state.active:
        raise Rejected(f"承办单位“{state.name}”已停用", code="unit_inactive")
    reason = (cmd.reason or "").strip()[:500] or None
    return [
        HandlingUnitDeactivated(
            unit_id=state.unit_id,
            township_id=state.township_id,
            unit_name=state.name,
            reason=reason,
            deactivated_at=cmd.at.astimezone(UTC),
        )
    ]


def _require(state: HandlingUnitState) -> None:
    if not state.registered:
        raise NotFound("未找到该承办单位，请核对承办单位编号", code="unit_not_found")


def _name(raw: str) -> str:
    name = raw.strip()
    if not name:
        raise Invalid("请填写承办单位名称", code="unit_name_required")
    if len(name) > NAME_MAX_CHARS:
        raise Invalid(f"承办单位名称不能超过{NAME_MAX_CHARS}个字", code="unit_name_too_long")
    return name
