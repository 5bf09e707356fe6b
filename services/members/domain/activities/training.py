"""Aggregate `training` (id = training_id): 委员主体培训班, 干部能力提升培训班, online
courses and study sessions (DOMAIN §5.5, seed items 2/13/14) and members' attendance."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from typing import ClassVar, cast

from pydantic import Field

from services.members.domain.activities.common import (
    CONTEXT,
    Command,
    GroupRef,
    MemberRef,
    choice,
    optional_text,
    registry,
    require_group,
    require_member,
    text,
    texts,
)
from services.members.domain.activities.vocabulary import TRAINING_KIND_LABELS, TrainingKind
from shared.domain import Decider, Invalid, NotFound, Rejected
from shared.events import DomainEvent

TRAINING = "training"
MAX_TITLE = 100
MAX_LOCATION = 100
MAX_TOPIC = 100
MAX_TOPICS = 30
MAX_ORGANISER = 100
MAX_DAYS = 60


@registry.register
class TrainingScheduled(DomainEvent):
    """培训班已排期. township_id None = county-level (open to every member)."""

    context: ClassVar[str] = CONTEXT
    aggregate: ClassVar[str] = TRAINING
    name: ClassVar[str] = "scheduled"
    version: ClassVar[int] = 1

    training_id: str
    kind: TrainingKind
    title: str
    start_date: date
    end_date: date
    location: str
    curriculum: tuple[str, ...] = ()
    organiser: str | None = None
    township_id: str | None = None


@registry.register
class TrainingAttended(DomainEvent):
    """委员参加培训. township_id = the member's liaison group at event time."""

    context: ClassVar[str] = CONTEXT
    aggregate: ClassVar[str] = TRAINING
    name: ClassVar[str] = "attended"
    version: ClassVar[int] = 1

    training_id: str
    member_id: str
    full_attendance: bool
    township_id: str | None
    kind: TrainingKind
    start_date: date
    end_date: date
    training_township_id: str | None = None


TRAINING_EVENTS: tuple[type[DomainEvent], ...] = (TrainingScheduled, TrainingAttended)


@dataclass(frozen=True)
class TrainingState:
    scheduled: bool = False
    kind: str = ""
    title: str = ""
    start_date: date | None = None
    end_date: date | None = None
    township_id: str | None = None
    attendees: frozenset[str] = frozenset()


INITIAL_TRAINING = TrainingState()


def evolve_training(state: TrainingState, event: DomainEvent) -> TrainingState:
    if isinstance(event, TrainingScheduled):
        return replace(
            state,
            scheduled=True,
            kind=event.kind,
            title=event.title,
            start_date=event.start_date,
            end_date=event.end_date,
            township_id=event.township_id,
        )
    if isinstance(event, TrainingAttended):
        return replace(state, attendees=state.attendees | {event.member_id})
    return state


training_decider: Decider[TrainingState] = Decider(
    CONTEXT, TRAINING, INITIAL_TRAINING, evolve_training
)


class ScheduleTraining(Command):
    training_id: str
    kind: str
    title: str
    start_date: date
    end_date: date
    location: str
    curriculum: list[str] = Field(default_factory=list)
    organiser: str | None = None
    township_id: str | None = None


class RecordTrainingAttendance(Command):
    training_id: str
    member_id: str
    full_attendance: bool = True
    today: date


def decide_schedule_training(
    cmd: ScheduleTraining, state: TrainingState, group: GroupRef | None
) -> list[DomainEvent]:
    """`group` is the liaison group of `cmd.township_id` (None for a county-level session)."""
    if state.scheduled:
        raise Rejected(f"培训班“{state.title}”已排期，不能重复排期", code="training_exists")
    kind = cast(TrainingKind, choice(cmd.kind, TRAINING_KIND_LABELS, "培训类型"))
    if cmd.end_date < cmd.start_date:
        raise Invalid(
            f"结束日期 {cmd.end_date.isoformat()} 早于开始日期 {cmd.start_date.isoformat()}，"
            "请核对培训日期",
            code="invalid_dates",
        )
    if (cmd.end_date - cmd.start_date).days >= MAX_DAYS:
        raise Invalid(f"一期培训最长 {MAX_DAYS} 天，请核对培训日期", code="training_too_long")
    township_id = require_group(group, "举办乡镇").township_id if group is not None else None
    return [
        TrainingScheduled(
            training_id=cmd.training_id,
            kind=kind,
            title=text(cmd.title, "培训名称", MAX_TITLE),
            start_date=cmd.start_date,
            end_date=cmd.end_date,
            location=text(cmd.location, "培训地点", MAX_LOCATION),
            curriculum=texts(cmd.curriculum, "课程", MAX_TOPIC, MAX_TOPICS),
            organiser=optional_text(cmd.organiser, "主办单位", MAX_ORGANISER),
            township_id=township_id,
        )
    ]


def decide_record_training_attendance(
    cmd: RecordTrainingAttendance, state: TrainingState, member: MemberRef
) -> list[DomainEvent]:
    if not state.scheduled or state.start_date is None or state.end_date is None:
        raise NotFound(
            f"培训班（编号 {cmd.training_id}）不存在，请核对培训班编号",
            code="training_not_found",
        )
    require_member(member, "登记培训出勤")
    if cmd.today < state.start_date:
        raise Rejected(
            f"培训班“{state.title}”于 {state.start_date.isoformat()} 开班，尚未开始，"
            "不能登记出勤；请开班后再登记",
            code="training_not_started",
        )
    if member.member_id in state.attendees:
        raise Rejected(
            f"委员 {member.name} 参加“{state.title}”的出勤已登记，不能重复登记",
            code="attendance_already_recorded",
        )
    return [
        TrainingAttended(
            training_id=cmd.training_id,
            member_id=member.member_id,
            full_attendance=cmd.full_attendance,
            township_id=member.township_id,
            kind=cast(TrainingKind, state.kind),
            start_date=state.start_date,
            end_date=state.end_date,
            training_township_id=state.township_id,
        )
    ]
