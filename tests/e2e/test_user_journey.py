"""The user journey through the real processes that `make run` starts."""

from __future__ import annotations

import time
from datetime import date, timedelta
from typing import Any

import httpx

from tests.e2e.conftest import System


def _ok(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    return body


def poll(fetch: Any, accept: Any, timeout: float = 20.0) -> Any:
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = fetch()
        if accept(last):
            return last
        time.sleep(0.05)
    raise AssertionError(f"not reached before the deadline; last: {last}")


def _sector(members_url: str, headers: dict[str, str], name: str) -> None:
    """Members join established sectors only (409: established by an earlier test)."""
    r = httpx.post(
        f"{members_url}/sectors", headers=headers, json={"name": name, "kind": "professional"}
    )
    assert r.status_code in (201, 409), r.text


def test_member_proposal_consultation_visit_reach_dashboard_and_inbox(system: System) -> None:
    m, p, c, n = (system.urls[s] for s in ("members", "proposals", "consultation", "notifications"))
    admin = system.token("政协办", "county_admin")
    office = system.token("提案委", "proposal_office")
    for tid, name in (("chengguan", "城关镇"), ("xinzhen", "新镇")):
        _ok(
            httpx.post(
                f"{m}/liaison-groups",
                headers=admin,
                json={"township_id": tid, "name": f"{name}政协联络组", "township_name": name},
            ),
            201,
        )
    _sector(m, admin, "农业界")
    member = _ok(
        httpx.post(
            f"{m}/members",
            headers=admin,
            json={
                "name": "张三",
                "sector": "农业界",
                "political_affiliation": "non_party",
                "township_id": "chengguan",
                "term_no": 10,
            },
        ),
        201,
    )
    member_id, members_seq = member["id"], member["seq"]
    me = system.token("张三", f"member:{member_id}")

    proposal = _ok(
        httpx.post(
            f"{p}/proposals",
            params={"min_seq": f"MEMBERS:{members_seq}"},
            headers=me,
            json={
                "author_kind": "individual",
                "lead_author_id": member_id,
                "co_author_ids": [],
                "title": "关于加快农村道路硬化的建议",
                "body": {
                    "situation": "部分村组道路仍为土路。",
                    "analysis": "雨季出行困难。",
                    "suggestions": "将村组道路硬化纳入年度计划。",
                },
                "category": "economy",
                "term_no": 10,
                "session_no": 3,
                "period": "plenary",
                "suggested_units": ["县交通运输局"],
            },
        ),
        201,
    )
    registered = _ok(
        httpx.post(f"{p}/proposals/{proposal['id']}/register", headers=office, json={}), 202
    )
    assert registered["serial_no"] == "10-3-D001"

    consultation = _ok(
        httpx.post(
            f"{c}/consultations",
            headers=admin,
            json={
                "type": "grassroots",
                "topic": "村级养老服务站建设",
                "township_id": "chengguan",
                "organizer": "城关镇政协联络组",
                "planned_date": str(date.today()),
            },
        ),
        201,
    )
    held = _ok(
        httpx.post(
            f"{c}/consultations/{consultation['id']}/hold",
            params={"min_seq": f"MEMBERS:{members_seq}"},
            headers=admin,
            json={
                "held_on": str(date.today() - timedelta(days=1)),
                "participants": [{"member_id": member_id, "role": "speaker"}],
                "suggestions": [
                    {"text": "每村设立一个日间照料中心。", "proposer_ids": [member_id]}
                ],
            },
        ),
        202,
    )
    suggestion_id = held["suggestion_ids"][0]
    adopted = _ok(
        httpx.post(
            f"{c}/consultations/{consultation['id']}/suggestions/{suggestion_id}/adopt",
            headers=admin,
            json={"adopted_by": "县民政局", "adoption": "adopted"},
        ),
        202,
    )

    visit = _ok(
        httpx.post(
            f"{m}/members/{member_id}/visits",
            headers=me,
            json={
                "visit_kind": "member_visits_constituents",
                "visit_date": str(date.today()),
                "mode": "door_to_door",
                "role_tags": ["investigator", "constituent_servant"],
                "constituents": [{"category": "种植户", "count": 5}],
                "issues_raised": [{"text": "灌溉水渠需要维修"}],
            },
        ),
        201,
    )

    dashboard = _ok(
        httpx.get(
            f"{m}/townships/chengguan/dashboard",
            headers=admin,
            params=[
                ("min_seq", f"MEMBERS:{visit['seq']}"),
                ("min_seq", f"PROPOSALS:{registered['seq']}"),
                ("min_seq", f"CONSULTATION:{adopted['seq']}"),
            ],
        ),
        200,
    )
    assert [x["name"] for x in dashboard["members"]] == ["张三"]
    assert dashboard["visits"]["total"] == 1
    assert dashboard["proposals"]["by_status"] == {"registered": 1}
    assert dashboard["proposals"]["items"][0]["serial_no"] == "10-3-D001"
    assert dashboard["consultations"]["total"] == 1
    assert dashboard["adopted_suggestions"]["items"][0]["adopted_by"] == "县民政局"

    inbox = poll(
        lambda: httpx.get(f"{n}/inbox", headers=me).json(),
        lambda body: any("立案" in item["title"] + item["body"] for item in body["items"]),
    )
    assert any("10-3-D001" in item["body"] for item in inbox["items"])


def test_township_scope_bad_input_and_unknown_ids(system: System) -> None:
    m, p = system.urls["members"], system.urls["proposals"]
    admin = system.token("政协办", "county_admin")
    created = [
        _ok(
            httpx.post(
                f"{m}/liaison-groups",
                headers=admin,
                json={"township_id": tid, "name": f"{name}政协联络组", "township_name": name},
            ),
            201,
        )
        for tid, name in (("dongcheng", "东城镇"), ("xicheng", "西城镇"))
    ]
    seen = {"min_seq": max(c["seq"] for c in created)}  # read our own writes
    clerk = system.token("东城镇联络组", "township:dongcheng")
    own = httpx.get(f"{m}/townships/dongcheng/dashboard", headers=clerk, params=seen)
    assert own.status_code == 200, own.text
    denied = httpx.get(f"{m}/townships/xicheng/dashboard", headers=clerk)
    assert denied.status_code == 403
    assert denied.headers["content-type"].startswith("application/problem+json")
    assert "本乡镇" in denied.json()["detail"] or "无权" in denied.json()["detail"]

    _sector(m, admin, "农业界")
    bad = httpx.post(
        f"{m}/members",
        headers=admin,
        json={
            "name": "",
            "sector": "农业界",
            "political_affiliation": "non_party",
            "township_id": "dongcheng",
            "term_no": 10,
        },
    )
    assert bad.status_code == 422 and "name" in bad.json()["detail"]
    future = httpx.post(
        f"{m}/liaison-groups",
        headers=admin,
        json={"township_id": "Bad Id!", "name": "x", "township_name": "x"},
    )
    assert future.status_code == 422

    missing = httpx.get(f"{p}/proposals/0193e5c0-0000-7000-8000-000000000000", headers=admin)
    assert missing.status_code == 404 and missing.json()["detail"]
    assert httpx.get(f"{m}/townships/nowhere/dashboard", headers=admin).status_code == 404
    assert httpx.get(f"{m}/townships/dongcheng/dashboard").status_code == 401


def test_cli_status_and_verify_rebuild_against_the_running_system(system: System) -> None:
    status = system.cli("status")
    assert status.returncode == 0, status.stderr
    assert "MEMBERS" in status.stdout and "township_dashboard" in status.stdout
    # Every read model's tables were built for the running code (ADR 0015).
    dashboard_line = next(
        line for line in status.stdout.splitlines() if "township_dashboard" in line
    )
    assert dashboard_line.endswith("当前"), status.stdout
    assert "已变更" not in status.stdout
    verify = system.cli("rebuild", "members", "--verify")
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert "DIFFERENT" not in verify.stdout and "EQUAL" in verify.stdout
