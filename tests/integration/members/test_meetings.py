"""Meetings over HTTP: a township's group meeting with leave and attendance, a county
meeting across groups, and who sees which invitations."""

from __future__ import annotations

from typing import Any

from services.members.localtime import local_date, utc_now
from tests.integration.members.helpers import Api
from tests.integration.members.registry_helpers import meeting, ok, post, read

CLERK, OTHER_CLERK = ("township:chengguan",), ("township:xinzhuang",)


async def _people(api: Api) -> tuple[str, str, str]:
    await api.establish("chengguan")
    await api.establish("xinzhuang")
    a = (await api.register("chengguan", name="张三"))["id"]
    b = (await api.register("chengguan", name="李四"))["id"]
    c = (await api.register("xinzhuang", name="王五"))["id"]
    return a, b, c


async def test_group_meeting_with_leave_and_attendance(api: Api) -> None:
    a, b, c = await _people(api)
    today = local_date(utc_now()).isoformat()
    created = await meeting(api, CLERK, meeting_date=today, invitee_ids=[a, b])
    url = f"/meetings/{created['id']}"

    r = await post(api, f"{url}/invitations", {"member_ids": [c]}, CLERK)
    assert r.status_code == 403 and "只能邀请本联络组的委员" in r.json()["detail"]
    r = await post(api, f"{url}/attendance", {"records": [{"member_id": b, "status": "present"}]},
                   OTHER_CLERK)  # fmt: skip
    assert r.status_code == 403 and "本乡镇的联络组活动" in r.json()["detail"]
    await ok(api, f"{url}/leave-requests", {"reason": "外出培训"}, (f"member:{a}",))
    r = await post(api, f"{url}/leave-requests", {"reason": "外出培训"}, (f"member:{a}",))
    assert r.status_code == 409 and "等待审批" in r.json()["detail"]
    r = await post(api, f"{url}/leave-requests", {"member_id": b, "reason": "x"}, (f"member:{a}",))
    assert r.status_code == 403
    await ok(api, f"{url}/leave-requests/{a}/decision", {"approve": True, "note": "同意"}, CLERK)
    await ok(api, f"{url}/attendance", {"records": [{"member_id": b, "status": "late"}]}, CLERK)
    closed = await ok(api, f"{url}/close", roles=CLERK)

    detail = await read(api, url, CLERK, closed["seq"])
    assert detail["closed"] and detail["kind_label"] == "联络组活动"
    assert detail["attendance_counts"] == {"leave_approved": 1, "late": 1}
    rows = {i["member_name"]: i for i in detail["invitations"]}
    assert rows["张三"]["attendance_label"] == "请假" and rows["张三"]["automatic"]
    assert (
        rows["张三"]["leave_status_label"] == "已批准"
        and rows["张三"]["leave_reason"] == "外出培训"
    )
    assert rows["李四"]["attendance"] == "late"
    own = await read(api, f"/members/{a}/attendance", (f"member:{a}",))
    assert own["counts"] == {"liaison_group_meeting": {"leave_approved": 1}}
    r = await post(api, f"{url}/attendance", {"records": [{"member_id": b, "status": "present"}]},
                   CLERK)  # fmt: skip
    assert r.status_code == 409 and "已结束" in r.json()["detail"]


async def test_county_meeting_visibility_across_groups(api: Api) -> None:
    a, b, c = await _people(api)
    r = await post(api, "/meetings", {"kind": "plenary_session", "title": "十届五次全体会议",
                                      "meeting_date": "2025-01-10"}, CLERK)  # fmt: skip
    assert r.status_code == 403
    plenary: dict[str, Any] = {
        "kind": "plenary_session",
        "title": "十届五次全体会议",
        "township_id": None,
    }
    created = await meeting(api, meeting_date="2025-01-10", invitee_ids=[a, c], **plenary)
    url = f"/meetings/{created['id']}"
    await ok(api, f"{url}/leave-requests", {"reason": "生病"}, (f"member:{c}",))
    await ok(api, f"{url}/leave-requests/{c}/decision", {"approve": False, "note": "会议重要"})
    r = await post(
        api, f"{url}/attendance", {"records": [{"member_id": c, "status": "leave_approved"}]}
    )
    assert r.status_code == 422 and "没有获批的请假" in r.json()["detail"]
    records = [
        {"member_id": a, "status": "present"},
        {"member_id": c, "status": "absent_unexcused"},
    ]
    last = await ok(api, f"{url}/attendance", {"records": records})

    seen = await read(api, "/meetings?year=2025", OTHER_CLERK, last["seq"])
    assert [m["meeting_id"] for m in seen] == [created["id"]]
    assert seen[0]["invited_count"] == 1 and seen[0]["attendance_counts"] == {"absent_unexcused": 1}
    detail = await read(api, url, OTHER_CLERK)
    assert [i["member_name"] for i in detail["invitations"]] == ["王五"]
    assert await read(api, "/meetings?year=2025", (f"member:{b}",)) == []
    r = await api.get(url, (f"member:{b}",))
    assert r.status_code == 403 and "无权查看该会议" in r.json()["detail"]
    stats = await read(api, f"/members/{c}/attendance?year=2025", OTHER_CLERK)
    assert stats["counts"] == {"plenary_session": {"absent_unexcused": 1}}
    r = await api.get(f"/members/{c}/attendance", CLERK)
    assert r.status_code == 403
    admin_view = await read(api, url)
    assert admin_view["invited_count"] == 2
    r = await api.get("/meetings/0190a6c5-0000-7000-8000-00000000ffff")
    assert r.status_code == 404 and "会议" in r.json()["detail"]
