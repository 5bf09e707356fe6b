"""Who may do what: county admin, township staff (own township only), the member itself."""

from __future__ import annotations

from tests.integration.members.helpers import Api, auth


async def _two_townships(api: Api) -> tuple[str, str]:
    await api.establish("chengguan")
    await api.establish("xinzhuang")
    a = await api.register("chengguan", name="张三")
    b = await api.register("xinzhuang", name="王五")
    return a["id"], b["id"]


async def test_township_staff_stay_in_their_township(api: Api) -> None:
    a_id, b_id = await _two_townships(api)
    staff_a = ("township:chengguan",)

    r = await api.get("/townships/xinzhuang/dashboard", staff_a)
    assert r.status_code == 403
    assert "本乡镇" in r.json()["detail"] and "xinzhuang" in r.json()["detail"]
    assert (await api.get("/townships/xinzhuang/members", staff_a)).status_code == 403

    r = await api.post_member("xinzhuang", staff_a)
    assert r.status_code == 403 and "本乡镇联络组" in r.json()["detail"]
    r = await api.post_member("chengguan", staff_a, name="赵六")
    assert r.status_code == 201, r.text

    r = await api.post_visit(b_id, staff_a)
    assert r.status_code == 403 and "不属于您所在的联络组" in r.json()["detail"]
    r = await api.post_visit(a_id, staff_a, township_id="xinzhuang")
    assert r.status_code == 403 and "本乡镇开展的走访" in r.json()["detail"]
    r = await api.post_visit(a_id, staff_a)
    assert r.status_code == 201, r.text
    board = await api.dashboard("chengguan", staff_a, min_seq=[r.json()["seq"]])
    assert board["visits"]["total"] == 1 and len(board["members"]) == 2


async def test_member_logs_only_own_visits_and_sees_only_self(api: Api) -> None:
    a_id, b_id = await _two_townships(api)
    member_a = (f"member:{a_id}",)

    own = await api.post_visit(a_id, member_a)
    assert own.status_code == 201, own.text
    r = await api.post_visit(b_id, member_a)
    assert r.status_code == 403 and "权限" in r.json()["detail"]

    seq = [own.json()["seq"]]
    assert (await api.get(f"/members/{a_id}", member_a, min_seq=seq)).status_code == 200
    r = await api.get(f"/members/{b_id}", member_a)
    assert r.status_code == 403 and "无权查看" in r.json()["detail"]
    assert (await api.get(f"/members/{b_id}", ("township:xinzhuang",))).status_code == 200
    assert (await api.get(f"/members/{b_id}", ("township:chengguan",))).status_code == 403
    assert (await api.get("/townships/chengguan/dashboard", member_a)).status_code == 403


async def test_admin_only_commands_and_authentication(api: Api) -> None:
    await api.establish("chengguan")
    member = await api.register("chengguan")
    body = {"township_id": "hekou", "name": "河口镇政协联络组", "township_name": "河口镇"}
    r = await api.client.post("/liaison-groups", json=body)
    assert r.status_code == 401 and "Authorization" in r.json()["detail"]
    for roles in (("township:hekou",), ("proposal_office",), (f"member:{member['id']}",)):
        r = await api.client.post("/liaison-groups", json=body, headers=auth(*roles))
        assert r.status_code == 403 and "权限" in r.json()["detail"]
    r = await api.post_member("chengguan", ("proposal_office",))
    assert r.status_code == 403
    url = f"/members/{member['id']}/liaison-group-changes"
    r = await api.client.post(url, json={"to_township_id": "chengguan"}, headers=auth("ops"))
    assert r.status_code == 403
