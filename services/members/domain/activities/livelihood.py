"""Aggregate `livelihood_activity` (id = activity_id): 民生实事 — “三下乡”、扶贫济困、
捐资助学、义诊、法律援助 … recorded, then verified (DOMAIN §5.5, seed item 10)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from typing import ClassVar, cast

from pydantic import BaseModel, ConfigDict, Field

from services.members.domain.activities.common import (
    CONTEXT,
    Command,
    GroupRef,
    MemberRef,
    check_past,
    choice,
    dedupe,
    member_ids,
    member_snapshot,
    optional_text,
    registry,
    require_group,
    text,
)
from services.members.domain.activities.vocabulary import (
    LIVELIHOOD_KIND_LABELS,
    ORGANISER_KIND_LABELS,
    LivelihoodKind,
    OrganiserKind,
)
from shared.domain import Decider, Invalid, NotFound, Rejected
from shared.events import DomainEvent

LIVELIHOOD_ACTIVITY = "livelihood_activity"
MAX_TITLE = 100
MAX_TEXT = 500
MAX_NAME = 100
MAX_TOWNSHIPS = 20
MAX_PARTICIPANTS = 100
MAX_AMOUNT = Decimal("10000000000")


class Organiser(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: OrganiserKind
    name: str


class Beneficiaries(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    count: int = 0
    description: str | None = None


class Donation(BaseModel):
    """Money in yuan (two decimals at most) and goods in kind."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    amount_yuan: Decimal | None = None
    in_kind: str | None = None


@registry.register
class LivelihoodActivityRecorded(DomainEvent):
    """民生实事已登记. township_id = the first of township_ids; participant_township_ids =
    each participant's liaison group at event time."""

    context: ClassVar[str] = CONTEXT
    aggregate: ClassVar[str] = LIVELIHOOD_ACTIVITY
    name: ClassVar[str] = "recorded"
    version: ClassVar[int] = 1

    activity_id: str
    kind: LivelihoodKind
    title: str
    township_id: str
    township_ids: tuple[str, ...]
    activity_date: date
    organiser: Organiser
    participant_member_ids: tuple[str, ...]
    participant_township_ids: dict[str, str | None] = Field(default_factory=dict)
    beneficiaries: Beneficiaries = Beneficiaries()
    donation: Donation | None = None
    description: str | None = None


@registry.register
class LivelihoodActivityVerified(DomainEvent):
    """民生实事经核实 (carries what scoring needs: kind, date, participants)."""

    context: ClassVar[str] = CONTEXT
    aggregate: ClassVar[str] = LIVELIHOOD_ACTIVITY
    name: ClassVar[str] = "verified"
    version: ClassVar[int] = 1

    activity_id: str
    kind: LivelihoodKind
    township_id: str
    township_ids: tuple[str, ...]
    activity_date: date
    participant_member_ids: tuple[str, ...]
    participant_township_ids: dict[str, str | None] = Field(default_factory=dict)
    note: str | None = None


LIVELIHOOD_EVENTS: tuple[type[DomainEvent], ...] = (
    LivelihoodActivityRecorded,
    LivelihoodActivityVerified,
)


@dataclass(frozen=True)
class LivelihoodState:
    recorded: bool = False
    verified: bool = False
    last: LivelihoodActivityRecorded | None = None


INITIAL_LIVELIHOOD = LivelihoodState()


def evolve_livelihood(state: LivelihoodState, event: DomainEvent) -> LivelihoodState:
    if isinstance(event, LivelihoodActivityRecorded):
        return replace(state, recorded=True, last=event)
    if isinstance(event, LivelihoodActivityVerified):
        return replace(state, verified=True)
    return state


livelihood_decider: Decider[LivelihoodState] = Decider(
    CONTEXT, LIVELIHOOD_ACTIVITY, INITIAL_LIVELIHOOD, evolve_livelihood
)


class RecordLivelihoodActivity(Command):
    activity_id: str
    kind: str
    title: str
    township_ids: list[str]
    activity_date: date
    organiser_kind: str
    organiser_name: str
    participant_member_ids: list[str]
    beneficiaries_count: int = 0
    beneficiaries_description: str | None = None
    donation_amount_yuan: Decimal | None = None
    donation_in_kind: str | None = None
    description: str | None = None
    today: date


class VerifyLivelihoodActivity(Command):
    activity_id: str
    note: str | None = None


def _donation(cmd: RecordLivelihoodActivity) -> Donation | None:
    amount = cmd.donation_amount_yuan
    if amount is not None:
        if amount < 0 or amount >= MAX_AMOUNT:
            raise Invalid("捐赠金额应在 0 到 100 亿元之间，请核对金额", code="invalid_amount")
        if amount != amount.quantize(Decimal("0.01")):
            raise Invalid("捐赠金额最多保留两位小数（单位：元）", code="invalid_amount")
    in_kind = optional_text(cmd.donation_in_kind, "捐赠物资", MAX_TEXT)
    if amount is None and in_kind is None:
        return None
    return Donation(amount_yuan=amount, in_kind=in_kind)


def _townships(cmd: RecordLivelihoodActivity, groups: Sequence[GroupRef]) -> tuple[str, ...]:
    if not cmd.township_ids:
        raise Invalid("请至少填写一个开展活动的乡镇", code="townships_required")
    if len(cmd.township_ids) > MAX_TOWNSHIPS:
        raise Invalid(f"开展活动的乡镇最多 {MAX_TOWNSHIPS} 个", code="too_many_townships")
    known = {g.township_id: g for g in groups}
    wanted = dedupe(cmd.township_ids)
    return tuple(
        require_group(known.get(t, GroupRef(t)), "开展活动的乡镇").township_id for t in wanted
    )


def _participants(
    cmd: RecordLivelihoodActivity, members: Sequence[MemberRef]
) -> dict[str, str | None]:
    wanted = member_ids(cmd.participant_member_ids, "参加活动的委员编号", MAX_PARTICIPANTS)
    if not wanted:
        raise Invalid("请至少填写一名参加活动的委员", code="participants_required")
    return member_snapshot(wanted, members, "登记为民生实事参加人")


def decide_record_livelihood_activity(
    cmd: RecordLivelihoodActivity,
    state: LivelihoodState,
    groups: Sequence[GroupRef],
    members: Sequence[MemberRef],
) -> list[DomainEvent]:
    if state.recorded:
        raise Rejected(f"民生实事 {cmd.activity_id} 已登记，不能重复登记", code="duplicate")
    kind = cast(LivelihoodKind, choice(cmd.kind, LIVELIHOOD_KIND_LABELS, "民生实事类型"))
    organiser_kind = cast(
        OrganiserKind, choice(cmd.organiser_kind, ORGANISER_KIND_LABELS, "组织方类型")
    )
    check_past(cmd.activity_date, cmd.today, "活动日期")
    if cmd.beneficiaries_count < 0:
        raise Invalid("受益人数不能为负数", code="invalid_count")
    townships = _townships(cmd, groups)
    participants = _participants(cmd, members)
    return [
        LivelihoodActivityRecorded(
            activity_id=cmd.activity_id,
            kind=kind,
            title=text(cmd.title, "活动名称", MAX_TITLE),
            township_id=townships[0],
            township_ids=townships,
            activity_date=cmd.activity_date,
            organiser=Organiser(
                kind=organiser_kind, name=text(cmd.organiser_name, "组织方名称", MAX_NAME)
            ),
            participant_member_ids=tuple(participants),
            participant_township_ids=participants,
            beneficiaries=Beneficiaries(
                count=cmd.beneficiaries_count,
                description=optional_text(cmd.beneficiaries_description, "受益对象", MAX_TEXT),
            ),
            donation=_donation(cmd),
            description=optional_text(cmd.description, "活动情况", MAX_TEXT),
        )
    ]


def decide_verify_livelihood_activity(
    cmd: VerifyLivelihoodActivity, state: LivelihoodState
) -> list[DomainEvent]:
    recorded = state.last
    if not state.recorded or recorded is None:
        raise NotFound(
            f"民生实事（编号 {cmd.activity_id}）不存在，请核对编号", code="activity_not_found"
        )
    if state.verified:
        raise Rejected(f"民生实事“{recorded.title}”已核实，不能重复核实", code="already_verified")
    return [
        LivelihoodActivityVerified(
            activity_id=cmd.activity_id,
            kind=recorded.kind,
            township_id=recorded.township_id,
            township_ids=recorded.township_ids,
            activity_date=recorded.activity_date,
            participant_member_ids=recorded.participant_member_ids,
            participant_township_ids=recorded.participant_township_ids,
            note=optional_text(cmd.note, "核实意见", 200),
        )
    ]
