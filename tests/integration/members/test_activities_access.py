"""Access matrix over the duty-activity endpoints × roles: county_admin, township:own,
township:other, member:self, member:other, no token. One app and one seeded world per
module; every command case creates its own fresh target first."""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from shared.natsserver import EmbeddedNats
from tests.integration.members.test_activities_support import Acts, auth, running, settings_for

pytestmark = pytest.mark.asyncio(loop_scope="module")

ROLES = ["county_admin", "township:own", "township:other", "member:self", "member:other", "none"]
_counter = itertools.count(1)


@dataclass
class World:
    acts: Acts
    ids: dict[str, str]

    def roles(self, role: str) -> tuple[str, ...]:
        return {
            "county_admin": ("county_admin",),
            "township:own": ("township:chengguan",),
            "township:other": ("township:xinzhuang",),
            "member:self": (f"member:{self.ids['a']}",),
            "member:other": (f"member:{self.ids['b']}",),
            "none": (),
        }[role]


def _training(**more: Any) -> dict[str, Any]:
    body = {"kind": "study_session", "title": "学习会", "location": "会议室"}
    return body | {"start_date": "2025-05-10", "end_date": "2025-05-10"} | more


def _livelihood(a: str) -> dict[str, Any]:
    return {
        "kind": "three_to_countryside",
        "title": "文化下乡",
        "township_ids": ["chengguan"],
        "activity_date": "2025-05-01",
        "organiser_kind": "liaison_group",
        "organiser_name": "城关镇政协联络组",
        "participant_member_ids": [a],
    }


def _outreach(a: str) -> tuple[dict[str, Any], dict[str, Any]]:
    enterprise = {"visited_member_ids": [a], "township_id": "chengguan", "visit_date": "2025-05-02"}
    contact = {
        "contact_kind": "non_public_economy",
        "contact_name": "周总",
        "member_ids": [a],
        "township_id": "chengguan",
        "contact_date": "2025-05-02",
        "mode": "visit",
    }
    return enterprise, contact


async def _seed(acts: Acts) -> dict[str, str]:
    for township in ("chengguan", "xinzhuang"):
        await acts.group(township)
    a, b = await acts.member("chengguan", "张三"), await acts.member("xinzhuang", "李四")
    ids = {"a": a, "b": b, "c": await acts.member("chengguan", "王五")}
    ids["visit"] = await acts.visit(a, "chengguan")
    ids["link"] = (await acts.ok("/constituent-links", {"member_id": a, "category": "个体户"}))[
        "id"
    ]
    ids["county"] = (await acts.ok("/trainings", _training()))["id"]
    ids["local"] = (await acts.ok("/trainings", _training(township_id="chengguan")))["id"]
    await acts.ok(f"/trainings/{ids['local']}/attendance", {"member_id": a})
    ids["livelihood"] = (await acts.ok("/livelihood-activities", _livelihood(a)))["id"]
    enterprise, contact = _outreach(a)
    ids["enterprise"] = (await acts.ok("/enterprise-visits", enterprise))["id"]
    ids["contact"] = (await acts.ok("/liaison-contacts", contact))["id"]
    nomination = {"category": "excellent_member", "nominee_id": a, "reason": "积极"}
    ids["nomination"] = (await acts.ok("/excellence/2025/nominations", nomination))["id"]
    return ids


def _after(url: str, world: World) -> str:
    """Read our own writes: add ?min_seq= to the URL (keeping its own query)."""
    return f"{url}{'&' if '?' in url else '?'}min_seq={world.acts.seq}"


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def world(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[World]:
    root: Path = tmp_path_factory.mktemp("activities-access")
    server = EmbeddedNats(root / "nats")
    server.start()
    try:
        async with running(settings_for(server.url, root)) as acts:
            yield World(acts, await _seed(acts))
    finally:
        server.stop()


# --- reads -------------------------------------------------------------------------------

ALL = (200, 200, 200, 200, 200, 401)
INVOLVED = (200, 200, 403, 200, 403, 401)
READS: dict[str, tuple[Callable[[dict[str, str]], str], tuple[int, ...]]] = {
    "visit": (lambda i: f"/visits/{i['visit']}", INVOLVED),
    "link summary": (lambda i: f"/constituent-links/members/{i['a']}", INVOLVED),
    "county training": (lambda i: f"/trainings/{i['county']}", ALL),
    "township training": (lambda i: f"/trainings/{i['local']}", INVOLVED),
    "livelihood": (lambda i: f"/livelihood-activities/{i['livelihood']}", INVOLVED),
    "enterprise visit": (lambda i: f"/enterprise-visits/{i['enterprise']}", INVOLVED),
    "liaison contact": (lambda i: f"/liaison-contacts/{i['contact']}", INVOLVED),
    "nomination": (lambda i: f"/excellence/nominations/{i['nomination']}", INVOLVED),
    "visits of own township": (
        lambda i: "/visits?township_id=chengguan",
        (200, 200, 403, 403, 403, 401),
    ),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(READS))
async def test_read_access(world: World, name: str, role: str) -> None:
    url, expected = READS[name]
    r = await world.acts.client.get(_after(url(world.ids), world), headers=auth(*world.roles(role)))
    assert r.status_code == expected[ROLES.index(role)], (name, role, r.text)


LISTS = {
    "/visits": "visit",
    "/constituent-links": "link",
    "/trainings": "local",
    "/livelihood-activities": "livelihood",
    "/enterprise-visits": "enterprise",
    "/liaison-contacts": "contact",
    "/excellence": "nomination",
}
SEES = (True, True, False, True, False, None)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url", list(LISTS))
async def test_list_visibility(world: World, url: str, role: str) -> None:
    r = await world.acts.client.get(_after(url, world), headers=auth(*world.roles(role)))
    sees = SEES[ROLES.index(role)]
    if sees is None:
        assert r.status_code == 401
        return
    assert r.status_code == 200, r.text
    assert (world.ids[LISTS[url]] in {x["record_id"] for x in r.json()}) is sees, (url, role)


async def test_other_roles_cannot_read(world: World) -> None:
    for url in ("/visits", f"/visits/{world.ids['visit']}", "/trainings"):
        r = await world.acts.client.get(_after(url, world), headers=auth("proposal_office"))
        assert r.status_code == 403 and "无权查看" in r.json()["detail"], url


# --- commands ----------------------------------------------------------------------------

Setup = Callable[[World], Awaitable[tuple[str, dict[str, Any]]]]


async def _verify(w: World) -> tuple[str, dict[str, Any]]:
    return f"/visits/{await w.acts.visit(w.ids['a'], 'chengguan')}/verify", {}


async def _escalate(w: World) -> tuple[str, dict[str, Any]]:
    visit = await w.acts.visit(w.ids["a"], "chengguan")
    return f"/visits/{visit}/issues/0/escalate", {"target": "proposal"}


async def _link(w: World) -> tuple[str, dict[str, Any]]:
    return "/constituent-links", {"member_id": w.ids["a"], "category": f"群众{next(_counter)}"}


async def _end_link(w: World) -> tuple[str, dict[str, Any]]:
    url, body = await _link(w)
    return f"/constituent-links/{(await w.acts.ok(url, body))['id']}/end", {}


async def _county_training(w: World) -> tuple[str, dict[str, Any]]:
    return "/trainings", _training()


async def _own_training(w: World) -> tuple[str, dict[str, Any]]:
    return "/trainings", _training(township_id="chengguan")


async def _attendance(w: World) -> tuple[str, dict[str, Any]]:
    training = await w.acts.ok("/trainings", _training())
    return f"/trainings/{training['id']}/attendance", {"member_id": w.ids["a"]}


async def _livelihood_record(w: World) -> tuple[str, dict[str, Any]]:
    return "/livelihood-activities", _livelihood(w.ids["a"])


async def _livelihood_verify(w: World) -> tuple[str, dict[str, Any]]:
    activity = await w.acts.ok("/livelihood-activities", _livelihood(w.ids["a"]))
    return f"/livelihood-activities/{activity['id']}/verify", {}


async def _enterprise(w: World) -> tuple[str, dict[str, Any]]:
    return "/enterprise-visits", _outreach(w.ids["a"])[0]


async def _contact(w: World) -> tuple[str, dict[str, Any]]:
    return "/liaison-contacts", _outreach(w.ids["a"])[1]


async def _nominate(w: World) -> tuple[str, dict[str, Any]]:
    year = 2000 + next(_counter)  # a fresh campaign year: one nomination per nominee and year
    body = {"category": "excellent_member", "nominee_id": w.ids["a"], "reason": "积极"}
    return f"/excellence/{year}/nominations", body


async def _award(w: World) -> tuple[str, dict[str, Any]]:
    url, body = await _nominate(w)
    nomination = await w.acts.ok(url, body | {"nominee_id": w.ids["c"]})
    return f"{url}/{nomination['id']}/awards", {"level": "county"}


OWN_AND_SELF = (201, 201, 403, 201, 403, 401)
STAFF = (202, 202, 403, 403, 403, 401)
COMMANDS: dict[str, tuple[Setup, tuple[int, ...]]] = {
    "verify visit": (_verify, STAFF),
    "escalate issue": (_escalate, (202, 202, 403, 202, 403, 401)),
    "establish link": (_link, OWN_AND_SELF),
    "end link": (_end_link, (202, 202, 403, 202, 403, 401)),
    "schedule county training": (_county_training, (201, 403, 403, 403, 403, 401)),
    "schedule township training": (_own_training, (201, 201, 403, 403, 403, 401)),
    "record attendance": (_attendance, STAFF),
    "record livelihood": (_livelihood_record, OWN_AND_SELF),
    "verify livelihood": (_livelihood_verify, STAFF),
    "record enterprise visit": (_enterprise, OWN_AND_SELF),
    "record liaison contact": (_contact, OWN_AND_SELF),
    "nominate": (_nominate, (201, 201, 403, 403, 403, 401)),
    "award": (_award, (202, 403, 403, 403, 403, 401)),
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", list(COMMANDS))
async def test_command_access(world: World, name: str, role: str) -> None:
    setup, expected = COMMANDS[name]
    url, body = await setup(world)
    r = await world.acts.post(url, body, world.roles(role))
    assert r.status_code == expected[ROLES.index(role)], (name, role, r.text)
    if r.status_code in (401, 403):
        assert r.headers["content-type"].startswith("application/problem+json")
