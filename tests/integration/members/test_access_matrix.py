"""Who may call what (issue item 7): every member-registry endpoint × every role.

county_admin sees and does everything; a township's staff see their own group fully and
other groups not at all; a member sees their own record and their group's aggregates.
Allowed calls may still answer 404/409/422 (state), never 401/403; denied calls answer
403 (401 without a token)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from services.members.localtime import local_date, utc_now
from tests.integration.members.helpers import Api, auth
from tests.integration.members.registry_helpers import meeting, read

ROLES = ["county_admin", "township_own", "township_other", "member_self", "member_other",
         "proposal_office", "no_token"]  # fmt: skip


@dataclass
class World:
    me: str
    other: str
    sector: str
    meeting: str
    seq: int

    def roles(self, who: str) -> tuple[str, ...] | None:
        return {
            "county_admin": ("county_admin",),
            "township_own": ("township:chengguan",),
            "township_other": ("township:xinzhuang",),
            "member_self": (f"member:{self.me}",),
            "member_other": (f"member:{self.other}",),
            "proposal_office": ("proposal_office",),
            "no_token": None,
        }[who]


# (key, method, url template, body, roles allowed besides county_admin)
READS: list[tuple[str, str, set[str]]] = [
    ("sectors", "/sectors", set(ROLES) - {"no_token"}),
    ("member_list", "/members?township_id=chengguan", {"township_own"}),
    ("member", "/members/{me}", {"township_own", "member_self"}),
    ("summary", "/liaison-groups/chengguan/summary", {"township_own", "member_self"}),
    ("attendance", "/members/{me}/attendance", {"township_own", "member_self"}),
    ("meeting", "/meetings/{meeting}", {"township_own", "member_self"}),
    ("meetings", "/meetings", {"township_own", "township_other", "member_self", "member_other"}),
]
WRITES: list[tuple[str, str, dict[str, Any], set[str]]] = [
    ("establish_sector", "/sectors", {"name": "体育界", "kind": "professional"}, set()),
    ("rename_sector", "/sectors/{sector}/rename", {"name": "农林界"}, set()),
    ("register", "/members", {"name": "赵六", "sector": "农业界", "political_affiliation": "cpc",
                              "township_id": "chengguan", "term_no": 10}, {"township_own"}),
    ("profile", "/members/{me}/profile", {"position": "站长"}, {"township_own", "member_self"}),
    ("sector_change", "/members/{me}/sector-changes", {"sector": "农林界"}, set()),
    ("affiliation", "/members/{me}/political-affiliation-changes",
     {"political_affiliation": "non_party"}, set()),
    ("terms", "/members/{me}/terms", {"term_no": 10, "member_type": "standing_member"}, set()),
    ("committee", "/members/{me}/special-committees", {"committee": "经济委"}, set()),
    ("schedule", "/meetings", {"kind": "liaison_group_meeting", "title": "活动",
                               "meeting_date": "2025-03-01", "township_id": "chengguan"},
     {"township_own"}),
    ("invite", "/meetings/{meeting}/invitations", {"member_ids": ["{me}"]}, {"township_own"}),
    ("leave", "/meetings/{meeting}/leave-requests", {"member_id": "{me}", "reason": "出差"},
     {"township_own", "member_self"}),
    ("decide_leave", "/meetings/{meeting}/leave-requests/{me}/decision", {"approve": True},
     {"township_own"}),
    ("attendance", "/meetings/{meeting}/attendance",
     {"records": [{"member_id": "{me}", "status": "present"}]}, {"township_own"}),
    ("close", "/meetings/{meeting}/close", {}, {"township_own"}),
    ("exit", "/members/{me}/exit", {"exit_reason": "resigned"}, set()),
    ("forget", "/members/{me}/forget", {}, set()),
]  # fmt: skip


def _fill(value: Any, world: World) -> Any:
    if isinstance(value, str):
        return value.format(me=world.me, sector=world.sector, meeting=world.meeting)
    if isinstance(value, list):
        return [_fill(v, world) for v in value]
    if isinstance(value, dict):
        return {k: _fill(v, world) for k, v in value.items()}
    return value


async def _world(api: Api) -> World:
    await api.establish("chengguan")
    await api.establish("xinzhuang")
    me = (await api.register("chengguan", phone="13812345678"))["id"]
    other = (await api.register("xinzhuang", name="王五"))["id"]
    today = local_date(utc_now()).isoformat()
    created = await meeting(api, meeting_date=today, invitee_ids=[me])
    await read(api, "/sectors", seq=created["seq"])
    return World(me, other, api.sectors["农业界"], created["id"], created["seq"])


def _expected(who: str, allowed: set[str]) -> str:
    if who == "county_admin" or who in allowed:
        return "allowed"
    return "unauthenticated" if who == "no_token" else "forbidden"


def _check(who: str, key: str, allowed: set[str], status: int, text: str) -> None:
    expected = _expected(who, allowed)
    if expected == "allowed":
        assert status not in (401, 403) and status < 500, (who, key, status, text)
    elif expected == "forbidden":
        assert status == 403, (who, key, status, text)
        assert "无权" in text or "权限" in text or "只能" in text or "仅限" in text, text
    else:
        assert status == 401, (who, key, status, text)


@pytest.mark.parametrize("who", ROLES)
async def test_access_matrix(api: Api, who: str) -> None:
    world = await _world(api)
    roles = world.roles(who)
    headers = auth(*roles) if roles is not None else {}
    for key, url, allowed in READS:
        r = await api.client.get(_fill(url, world), headers=headers)
        _check(who, key, allowed, r.status_code, r.text)
        if key == "meetings" and r.status_code == 200 and who in ("township_other", "member_other"):
            assert r.json() == []  # other groups' meetings stay invisible
    for key, url, body, allowed in WRITES:
        r = await api.client.post(_fill(url, world), json=_fill(body, world), headers=headers)
        _check(who, key, allowed, r.status_code, r.text)
