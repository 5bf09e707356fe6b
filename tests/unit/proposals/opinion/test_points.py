"""Direct report points (社情民意直报点): establish, change contact, suspend."""

from __future__ import annotations

from typing import Any

import pytest

from services.proposals.domain.opinion import (
    ChangePointContact,
    DirectReportPointContactChanged,
    DirectReportPointEstablished,
    DirectReportPointSuspended,
    EstablishPoint,
    PointState,
    PointStatus,
    SuspendPoint,
    decide_change_point_contact,
    decide_establish_point,
    decide_suspend_point,
)
from shared.domain import DomainError

from .builders import AT, point_after


def establish(**overrides: Any) -> EstablishPoint:
    data: dict[str, Any] = {
        "point_id": "p1",
        "actor": "editor-1",
        "at": AT,
        "point_name": " 东街社区直报点 ",
        "kind": "community",
        "township_id": "chengguan",
        "contact_person": "赵六",
        "contact_phone": "13800000000",
        "linked_member_ids": ["m1"],
        "known_member_ids": ["m1"],
    }
    data.update(overrides)
    return EstablishPoint(**data)


def established() -> PointState:
    return point_after(decide_establish_point(establish(), PointState()))


def test_establish_change_contact_and_suspend() -> None:
    events = decide_establish_point(establish(), PointState())
    assert events == [
        DirectReportPointEstablished(
            point_id="p1",
            township_id="chengguan",
            point_name="东街社区直报点",
            kind="community",
            address=None,
            contact_person="赵六",
            contact_phone="13800000000",
            linked_member_ids=("m1",),
            established_at=AT,
        )
    ]
    state = point_after(events)
    assert state.active and state.point_name == "东街社区直报点"
    change = ChangePointContact(
        point_id="p1", actor="clerk", at=AT, contact_person="钱七", contact_phone="13900000000"
    )
    changed = decide_change_point_contact(change, state)
    assert changed == [
        DirectReportPointContactChanged(
            point_id="p1",
            township_id="chengguan",
            contact_person="钱七",
            contact_phone="13900000000",
            changed_at=AT,
        )
    ]
    suspended = decide_suspend_point(
        SuspendPoint(point_id="p1", actor="e", at=AT, reason="社区合并"),
        point_after(events + changed),
    )
    assert suspended == [
        DirectReportPointSuspended(
            point_id="p1", township_id="chengguan", reason="社区合并", suspended_at=AT
        )
    ]
    final = point_after(events + changed + suspended)
    assert final.status == PointStatus.SUSPENDED and final.contact_person == "钱七"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"kind": "castle"}, "直报点类型“castle”无效"),
        ({"township_id": "城关"}, "所在乡镇“城关”格式不正确"),
        ({"point_name": " "}, "请填写直报点名称"),
        ({"contact_person": ""}, "请填写联系人"),
        ({"contact_phone": "call me"}, "联系电话“call me”格式不正确"),
        ({"linked_member_ids": ["m9"]}, "联系委员不是已登记的委员：m9，请核对委员编号"),
    ],
)
def test_bad_point_input(overrides: dict[str, Any], message: str) -> None:
    with pytest.raises(DomainError) as err:
        decide_establish_point(establish(**overrides), PointState())
    assert err.value.kind == "invalid" and err.value.message.startswith(message)


def test_point_rejections() -> None:
    state = established()
    with pytest.raises(DomainError) as err:
        decide_establish_point(establish(), state)
    assert err.value.message == "直报点“东街社区直报点”已设立，不能重复设立"
    same = ChangePointContact(
        point_id="p1", actor="e", at=AT, contact_person="赵六", contact_phone="13800000000"
    )
    with pytest.raises(DomainError) as err:
        decide_change_point_contact(same, state)
    assert err.value.message == "联系人和电话与现有登记相同，无需更换"
    suspend = SuspendPoint(point_id="p1", actor="e", at=AT, reason="合并")
    gone = point_after(
        [*decide_establish_point(establish(), PointState()), *decide_suspend_point(suspend, state)]
    )
    with pytest.raises(DomainError) as err:
        decide_suspend_point(suspend, gone)
    assert err.value.message == "直报点“东街社区直报点”已暂停，不能暂停"
    with pytest.raises(DomainError) as err:
        decide_suspend_point(suspend, PointState())
    assert (err.value.kind, err.value.message) == (
        "not_found",
        "未找到该社情民意直报点，请核对直报点编号",
    )
