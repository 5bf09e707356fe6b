"""Crypto-shredding: forgetting a member makes their personal data unreadable through
every endpoint and after a rebuild, while everything else stays; plaintext is never
stored in the event stream or the read models."""

from __future__ import annotations

from fastapi import FastAPI
from nats.aio.client import Client as NATS
from sqlalchemy import select

from services.members.api.member_queries import member_row
from services.members.api.personal_data import personal_data
from services.members.application.registry_runtime import keystore_of
from services.members.projections import Directory
from shared.auth import Principal
from shared.eventstore import direct_get_batches
from shared.runner import compare_tables
from shared.service import ServiceRuntime
from shared.streams import last_sequence
from tests.integration.members.helpers import Api, runtime
from tests.integration.members.registry_helpers import (
    DELETED,
    PII,
    member_with_pii,
    ok,
    post,
    read,
)

GONE = {"phone": DELETED, "id_number": DELETED, "address": DELETED}


async def _plaintext_in_stream(nc: NATS) -> bool:
    async for chunk in direct_get_batches(nc, "MEMBERS", ">"):
        for raw in chunk:
            if any(value.encode() in raw.data for value in PII.values()):
                return True
    return False


async def _plaintext_in_read_models(rt: ServiceRuntime) -> bool:
    async with rt.db.read() as conn:
        for projection in rt.runner.projections:
            for table in projection.tables.values():
                for row in await conn.execute(select(table)):
                    text = " ".join(str(v) for v in row)
                    if any(value in text for value in PII.values()):
                        return True
    return False


async def test_forgetting_a_member(service: tuple[FastAPI, Api], nc: NATS) -> None:
    app, api = service
    rt = runtime(app)
    await api.establish("chengguan")
    member_id = (await member_with_pii(api))["id"]
    visit = await api.visit(member_id)
    me, clerk = (f"member:{member_id}",), ("township:chengguan",)
    url = f"/members/{member_id}"
    before = await read(api, url, seq=visit["seq"])
    assert before["personal_data"]["phone"] == PII["phone"]
    assert not await _plaintext_in_stream(nc)
    assert not await _plaintext_in_read_models(rt)

    for roles in (clerk, me, ("proposal_office",)):
        r = await post(api, f"{url}/forget", roles=roles)
        assert r.status_code == 403
    done = await ok(api, f"{url}/forget")
    r = await post(api, f"{url}/forget")
    assert r.status_code == 409 and "个人信息已删除，无需重复删除" in r.json()["detail"]
    r = await post(api, f"{url}/profile", {"phone": "13900000000"})
    assert r.status_code == 409 and "个人信息已删除" in r.json()["detail"]

    for roles in (("county_admin",), me, clerk):
        shown = (await read(api, url, roles, done["seq"]))["personal_data"]
        assert {k: shown[k] for k in GONE} == GONE and shown["forgotten"]
    for roles in (("county_admin",), clerk):
        [listed] = await read(api, "/members", roles)
        assert {k: listed["personal_data"][k] for k in GONE} == GONE

    # everything else stays
    kept = await read(api, url)
    assert kept["name"] == "张三" and kept["active"] and kept["gender"] == "female"
    board = await api.dashboard("chengguan")
    assert board["visits"]["total"] == 1 and board["members"][0]["name"] == "张三"

    await _rebuilt_directory_still_forgets(rt, nc, member_id)


async def _rebuilt_directory_still_forgets(rt: ServiceRuntime, nc: NATS, member_id: str) -> None:
    live = next(p for p in rt.runner.projections if isinstance(p, Directory))
    clone = live.clone("rb_")
    assert isinstance(clone, Directory)
    await rt.runner.rebuild(clone, up_to={"MEMBERS": await last_sequence(nc, "MEMBERS")})
    report = await compare_tables(rt.db, live, clone)
    assert all(a == b and d == 0 for a, b, d in report.values()), report
    admin = Principal("admin", frozenset({"county_admin"}))
    async with rt.db.read() as conn:
        row = await member_row(conn, clone, member_id)
    assert row is not None and row.phone_ct is None and row.pii_forgotten
    shown = await personal_data(keystore_of(rt), admin, row)
    assert shown is not None and shown.phone == DELETED and shown.forgotten


async def test_key_is_destroyed_and_old_ciphertext_stays_unreadable(
    service: tuple[FastAPI, Api],
) -> None:
    """Even a replay that forgot the `forgotten` flag could not decrypt: the key is gone."""
    app, api = service
    rt = runtime(app)
    await api.establish("chengguan")
    member = await member_with_pii(api)
    member_id = member["id"]
    await read(api, f"/members/{member_id}", seq=member["seq"])
    d = next(p for p in rt.runner.projections if isinstance(p, Directory))
    async with rt.db.read() as conn:
        row = await member_row(conn, d, member_id)
    assert row is not None and row.pii_key_id and row.phone_ct
    store = keystore_of(rt)
    assert await store.get(row.pii_key_id) is not None
    await ok(api, f"/members/{member_id}/forget")
    assert await store.get(row.pii_key_id) is None
    admin = Principal("admin", frozenset({"county_admin"}))
    # the ciphertext row as it was before forgetting: unreadable without the key
    shown = await personal_data(store, admin, row)
    assert shown is not None and shown.phone == DELETED and not shown.forgotten


async def test_forgetting_a_member_without_personal_data(api: Api) -> None:
    await api.establish("chengguan")
    member = await api.register("chengguan")
    await ok(api, f"/members/{member['id']}/forget")
    r = await post(api, f"/members/{member['id']}/profile", {"address": "新地址"})
    assert r.status_code == 409 and "个人信息已删除，不能再登记个人信息" in r.json()["detail"]
    r = await post(api, "/members/0190a6c2-7d1e-7c3a-9f1e-2b3c4d5e6f99/forget")
    assert r.status_code == 404
