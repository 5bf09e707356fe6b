"""Commands on training sessions: schedule (county, or a township's own study session) and
record a member's attendance (the member aggregate is read)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from services.members.application.activities_common import (
    accepted,
    acts_in,
    group_ref,
    member_ref,
    not_your_township,
    require_uuid,
)
from services.members.domain import liaison_group_decider, member_decider
from services.members.domain.activities.common import MemberRef
from services.members.domain.activities.training import (
    RecordTrainingAttendance,
    ScheduleTraining,
    TrainingState,
    decide_record_training_attendance,
    decide_schedule_training,
    training_decider,
)
from services.members.localtime import local_date, utc_now
from shared.auth import Forbidden, Principal
from shared.commands import Target
from shared.events import DomainEvent
from shared.http import Accepted
from shared.ids import uuid7
from shared.service import ServiceRuntime

Data = Mapping[str, Any]


def authorize_schedule(principal: Principal, township_id: str | None) -> None:
    if principal.is_admin:
        return
    if township_id is not None and township_id in principal.townships:
        return
    if principal.townships:
        raise Forbidden(
            "乡镇工作人员只能为本乡镇举办的学习培训排期（须填写本乡镇编号）；"
            "县级培训班由县政协机关排期。"
        )
    raise Forbidden("您的账号没有执行此操作的权限。")


def authorize_attendance(principal: Principal, training: TrainingState, member: MemberRef) -> None:
    """Admin; staff of the township holding the session or of the member's group."""
    if acts_in(principal, [training.township_id, member.township_id]):
        return
    if principal.townships:
        raise not_your_township("培训出勤", [member.township_id])
    raise Forbidden("培训出勤由县政协机关或委员所属联络组登记，您的账号无权登记。")


async def schedule_training(rt: ServiceRuntime, principal: Principal, data: Data) -> Accepted:
    township_id = data.get("township_id")
    authorize_schedule(principal, township_id)
    now = utc_now()
    training_id = uuid7()
    cmd = ScheduleTraining(actor=principal.actor, at=now, training_id=training_id, **data)
    targets = [Target(training_decider, training_id, new=True)]
    if township_id is not None:
        targets.append(Target(liaison_group_decider, township_id))

    def decide(states: list[Any]) -> list[DomainEvent]:
        group = group_ref(states[1], township_id) if township_id is not None else None
        return decide_schedule_training(cmd, states[0], group)

    result = await rt.commands.execute(
        "schedule_training", targets, decide, rt.context(principal, now)
    )
    return accepted(training_id, result)


async def record_attendance(
    rt: ServiceRuntime, principal: Principal, training_id: str, data: Data
) -> Accepted:
    if not (principal.is_admin or principal.townships):
        principal.require("county_admin")
    require_uuid(training_id, "培训班")
    member_id = str(data["member_id"])
    now = utc_now()
    cmd = RecordTrainingAttendance(
        actor=principal.actor,
        at=now,
        training_id=training_id,
        member_id=member_id,
        full_attendance=bool(data.get("full_attendance", True)),
        today=local_date(now),
    )

    def decide(states: list[Any]) -> list[DomainEvent]:
        training: TrainingState = states[0]
        member = member_ref(states[1], member_id)
        if training.scheduled and member.registered:
            authorize_attendance(principal, training, member)
        return decide_record_training_attendance(cmd, training, member)

    targets = [Target(training_decider, training_id), Target(member_decider, member_id)]
    result = await rt.commands.execute(
        "record_training_attendance", targets, decide, rt.context(principal, now)
    )
    return accepted(training_id, result)
