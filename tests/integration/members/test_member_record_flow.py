"""A member's whole record over HTTP: sector, registration with personal data, profile,
sector and affiliation changes, terms, special committees, exit — and who sees what."""

from __future__ import annotations

import httpx
from fastapi import FastAPI

from services.members.application.registry_runtime import CONFIG
from services.members.config_registry import RegistryConfig
from tests.integration.members.helpers import Api, auth, runtime
from tests.integration.members.registry_helpers import (
    ADDRESS,
    ID_NUMBER,
    PHONE,
    member_with_pii,
    ok,
    post,
    read,
)


async def _raw_member(api: Api, sector: str) -> httpx.Response:
    """Register without establishing the sector first (the helper would)."""
    body = {"name": "李四", "sector": sector, "political_affiliation": "cpc",
            "township_id": "chengguan", "term_no": 10}  # fmt: skip
    return await api.client.post("/members", json=body, headers=auth("county_admin"))


async def test_full_member_record_flow(api: Api) -> None:
    await api.establish("chengguan")
    edu = await ok(
        api, "/sectors", {"name": "教育界", "kind": "professional", "sort": 2}, status=201
    )
    member = await member_with_pii(api, member_type="standing_member", ethnicity="回族")
    member_id = member["id"]
    me, clerk = (f"member:{member_id}",), ("township:chengguan",)

    url = f"/members/{member_id}"
    own = await read(api, url, me, member["seq"])
    assert own["personal_data"] == {
        "phone": PHONE, "id_number": ID_NUMBER, "address": ADDRESS,
        "visibility": "full", "forgotten": False,
    }  # fmt: skip
    assert own["member_type_label"] == "常委" and own["is_standing_member"]
    assert own["gender_label"] == "女" and own["ethnicity"] == "回族"
    assert [(t["term_no"], t["member_type"]) for t in own["terms"]] == [(10, "standing_member")]
    masked = (await read(api, url, clerk))["personal_data"]
    assert masked["phone"] == "138****5678" and masked["id_number"] == "3301**********1234"
    assert masked["address"] == "城关镇****" and masked["visibility"] == "masked"

    await ok(api, f"{url}/profile", {"phone": "13900001111", "position": "校长"}, me)
    r = await post(api, f"{url}/profile", {"member_name": "张三丰"}, me)
    assert r.status_code == 403 and "不能修改姓名" in r.json()["detail"]
    await ok(api, f"{url}/sector-changes", {"sector": "教育界", "reason": "调入学校"})
    await ok(api, f"{url}/political-affiliation-changes", {"political_affiliation": "non_party"})
    await ok(api, f"{url}/special-committees", {"committee": "教科卫体委"})
    await ok(api, f"{url}/special-committees", {"committee": "经济委"})
    await ok(api, f"{url}/special-committees", {"committee": "经济委", "action": "leave"})
    last = await ok(api, f"{url}/terms", {"term_no": 11, "member_type": "vice_chair"})

    record = await read(api, url, seq=last["seq"])
    assert record["personal_data"]["phone"] == "13900001111" and record["position"] == "校长"
    assert (record["sector"], record["sector_id"]) == ("教育界", edu["id"])
    assert record["political_affiliation_label"] == "无党派人士"
    assert record["special_committees"] == ["教科卫体委"]
    assert [
        (t["term_no"], t["member_type"], t["left_at"] is not None) for t in record["terms"]
    ] == [
        (10, "standing_member", True),
        (11, "vice_chair", False),
    ]
    assert [c["kind"] for c in record["changes"]] == ["profile", "sector", "political_affiliation"]
    assert "phone" in record["changes"][0]["to_value"] and PHONE not in str(record["changes"])

    sectors = await read(api, "/sectors", clerk)
    assert {s["name"]: s["member_count"] for s in sectors} == {"农业界": 0, "教育界": 1}
    summary = await read(api, "/liaison-groups/chengguan/summary", me)
    assert summary["member_count"] == 1 and summary["by_sector"] == {"教育界": 1}

    done = await ok(api, f"{url}/exit", {"exit_reason": "transferred", "note": "调往市里"})
    gone = await read(api, url, seq=done["seq"])
    assert not gone["active"] and gone["exit_reason_label"] == "调离"
    assert gone["terms"][-1]["exit_reason"] == "transferred"
    assert await read(api, "/members", clerk) == []
    listed = await read(api, "/members?include_inactive=true", clerk)
    assert [m["member_id"] for m in listed] == [member_id]
    r = await post(api, f"{url}/exit", {"exit_reason": "resigned"})
    assert r.status_code == 409 and "已离任（调离），不能重复办理" in r.json()["detail"]


async def test_sector_rules_over_http(api: Api) -> None:
    await api.establish("chengguan")
    farm = await api.ensure_sector("农业界")
    r = await post(api, "/sectors", {"name": "农业界", "kind": "professional"})
    assert r.status_code == 409 and "已设立，不能重复设立" in r.json()["detail"]
    r = await _raw_member(api, "文艺界 ")
    assert r.status_code == 422 and "界别“文艺界”尚未设立" in r.json()["detail"]
    renamed = await ok(api, f"/sectors/{farm}/rename", {"name": "农林界"})
    r = await _raw_member(api, "农业界")
    assert r.status_code == 422 and "已更名为“农林界”" in r.json()["detail"], r.text
    member = await api.register("chengguan", sector_id=farm, sector=None)
    shown = await read(api, f"/members/{member['id']}", seq=max(member["seq"], renamed["seq"]))
    assert shown["sector"] == "农林界"
    await ok(api, f"/sectors/{farm}/retire")
    r = await _raw_member(api, "农林界")
    assert r.status_code == 409 and "已停用，不能再分配给委员" in r.json()["detail"]
    r = await post(api, "/sectors", {"name": "体育界", "kind": "club"})
    assert r.status_code == 422 and "界别类别“club”无效" in r.json()["detail"]
    r = await post(api, "/sectors/not-a-sector/rename", {"name": "x"})
    assert r.status_code == 404


async def test_free_text_sectors_when_configured(service: tuple[FastAPI, Api]) -> None:
    app, api = service
    runtime(app).extras[CONFIG] = RegistryConfig(require_established_sector=False)
    await api.establish("chengguan")
    r = await _raw_member(api, "文艺界")
    assert r.status_code == 201, r.text
    shown = await read(api, f"/members/{r.json()['id']}", seq=r.json()["seq"])
    assert (shown["sector"], shown["sector_id"]) == ("文艺界", None)
