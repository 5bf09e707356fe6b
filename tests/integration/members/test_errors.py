"""User mistakes answer 4xx problem+json with a Chinese message a clerk can act on."""

from __future__ import annotations

from datetime import timedelta

from services.members.localtime import local_date, utc_now
from tests.integration.members.helpers import Api, auth, visit_body

UNKNOWN_MEMBER = "0190a6c2-7d1e-7c3a-9f1e-2b3c4d5e6f99"


async def test_bad_visit_input_is_422_in_chinese(api: Api) -> None:
    await api.establish("chengguan")
    member_id = (await api.register("chengguan"))["id"]

    tomorrow = local_date(utc_now()) + timedelta(days=1)
    r = await api.post_visit(member_id, visit_date=tomorrow.isoformat())
    assert r.status_code == 422
    assert r.headers["content-type"].startswith("application/problem+json")
    assert "晚于今天" in r.json()["detail"] and "请核对走访日期" in r.json()["detail"]

    r = await api.post_visit(member_id, role_tags=["cook"])
    assert r.status_code == 422 and "“三做”履职角色“cook”无效" in r.json()["detail"]
    assert "investigator（基层情况调查员）" in r.json()["detail"]
    r = await api.post_visit(member_id, role_tags=[])
    assert r.status_code == 422 and "请至少选择一项" in r.json()["detail"]
    r = await api.post_visit(member_id, visit_kind="party")
    assert r.status_code == 422 and "走访类型“party”无效" in r.json()["detail"]
    r = await api.post_visit(member_id, constituents=[])
    assert r.status_code == 422 and "须填写走访的界别群众" in r.json()["detail"]
    r = await api.post_visit(member_id, township_id="Bad Town")
    assert r.status_code == 422 and "township_id" in r.json()["detail"]
    assert "小写英文字母" in r.json()["detail"]

    body = visit_body()
    del body["mode"]
    r = await api.client.post(
        f"/members/{member_id}/visits", json=body, headers=auth("county_admin")
    )
    assert r.status_code == 422 and "缺少必填字段“mode”" in r.json()["detail"]
    r = await api.post_visit(member_id, photo="x.jpg")
    assert r.status_code == 422 and "不认识的字段“photo”" in r.json()["detail"]
    r = await api.post_visit(member_id, visit_date="2025-02-30")
    assert r.status_code == 422 and "visit_date" in r.json()["detail"]


async def test_bad_registration_input(api: Api) -> None:
    await api.establish("chengguan")
    r = await api.post_member("hekou")
    assert r.status_code == 422 and "联络组 hekou 不存在，请先设立联络组" in r.json()["detail"]
    r = await api.post_member("chengguan", political_affiliation="民主党派")
    assert r.status_code == 422 and "政治面貌“民主党派”无效" in r.json()["detail"]
    r = await api.post_member("chengguan", member_id="not-a-uuid")
    assert r.status_code == 422 and "应为小写、带连字符的 UUID" in r.json()["detail"]
    r = await api.post_member("chengguan", name="")
    assert (
        r.status_code == 422 and "name" in r.json()["detail"] and "不能为空" in r.json()["detail"]
    )
    r = await api.post_member("chengguan", term_no=0)
    assert r.status_code == 422 and "term_no" in r.json()["detail"]

    body = {"township_id": "chengguan", "name": "城关镇政协联络组", "township_name": "城关镇"}
    r = await api.client.post("/liaison-groups", json=body, headers=auth("county_admin"))
    assert r.status_code == 409 and "已设立，不能重复设立" in r.json()["detail"]
    body["township_id"] = "a.b"
    r = await api.client.post("/liaison-groups", json=body, headers=auth("county_admin"))
    assert r.status_code == 422 and "小写英文字母" in r.json()["detail"]


async def test_unknown_member_and_township_are_404(api: Api) -> None:
    await api.establish("chengguan")
    seq = [(await api.register("chengguan"))["seq"]]
    r = await api.get(f"/members/{UNKNOWN_MEMBER}", min_seq=seq)
    assert r.status_code == 404 and "不存在" in r.json()["detail"]
    r = await api.post_visit(UNKNOWN_MEMBER)
    assert r.status_code == 404 and UNKNOWN_MEMBER in r.json()["detail"]
    r = await api.post_visit("not.a.member")
    assert r.status_code == 404
    r = await api.post_visit(UNKNOWN_MEMBER, (f"member:{UNKNOWN_MEMBER}",))
    assert r.status_code == 404

    r = await api.get("/townships/hekou/dashboard")
    assert r.status_code == 404 and "尚未设立政协联络组" in r.json()["detail"]
    assert (await api.get("/townships/hekou/members")).status_code == 404
    # Township staff asking about another (even unknown) township learn nothing: 403.
    assert (await api.get("/townships/hekou/dashboard", ("township:chengguan",))).status_code == 403

    url = f"/members/{UNKNOWN_MEMBER}/liaison-group-changes"
    r = await api.client.post(
        url, json={"to_township_id": "chengguan"}, headers=auth("county_admin")
    )
    assert r.status_code == 404
    r = await api.get("/townships/chengguan/dashboard", year=1999)
    assert r.status_code == 422 and "year" in r.json()["detail"]
