"""Rebuild equals live for the member-registry read models (`directory`, `meetings`),
with every table filled — on SQLite and PostgreSQL."""

from __future__ import annotations

from fastapi import FastAPI
from nats.aio.client import Client as NATS

from shared.runner import compare_tables
from shared.streams import last_sequence
from tests.integration.members.helpers import Api, runtime
from tests.integration.members.registry_helpers import meeting, member_with_pii, ok, read


async def _seed(api: Api) -> int:
    await api.establish("chengguan")
    await api.establish("xinzhuang")
    a = (await member_with_pii(api, name="张三"))["id"]
    b = (await api.register("xinzhuang", name="李四", sector="教育界"))["id"]
    arts = await ok(api, "/sectors", {"name": "文艺界", "kind": "professional"}, status=201)
    await ok(api, f"/sectors/{arts['id']}/rename", {"name": "文化艺术界"})
    await ok(api, f"/members/{b}/sector-changes", {"sector_id": arts["id"]})
    await ok(api, f"/sectors/{api.sectors['农业界']}/retire")
    await ok(api, f"/members/{a}/profile", {"phone": "13900001111", "ethnicity": "汉族"})
    await ok(api, f"/members/{a}/political-affiliation-changes", {"political_affiliation": "none"})
    await ok(api, f"/members/{a}/terms", {"term_no": 10, "member_type": "standing_member"})
    await ok(api, f"/members/{a}/special-committees", {"committee": "经济委"})
    await ok(api, f"/members/{b}/special-committees", {"committee": "文史委"})
    await ok(api, f"/members/{b}/special-committees", {"committee": "文史委", "action": "leave"})
    await ok(api, f"/members/{b}/liaison-group-changes", {"to_township_id": "chengguan"})
    await ok(api, f"/members/{b}/exit", {"exit_reason": "resigned"})
    await ok(api, f"/members/{a}/forget")
    created = await meeting(api, meeting_date="2025-02-01", invitee_ids=[a])
    url = f"/meetings/{created['id']}"
    await ok(api, f"{url}/leave-requests", {"reason": "出差"}, (f"member:{a}",))
    await ok(api, f"{url}/leave-requests/{a}/decision", {"approve": True})
    return int((await ok(api, f"{url}/close"))["seq"])


async def test_registry_rebuild_equals_live(service_on_db: tuple[FastAPI, Api], nc: NATS) -> None:
    app, api = service_on_db
    seq = await _seed(api)
    await read(api, "/sectors", seq=seq)
    rt = runtime(app)
    for projection in rt.runner.projections:
        if projection.name not in ("directory", "meetings"):
            continue
        clone = projection.clone("rb_")
        await rt.runner.rebuild(clone, up_to={"MEMBERS": await last_sequence(nc, "MEMBERS")})
        report = await compare_tables(rt.db, projection, clone)
        assert all(a == b and d == 0 for a, b, d in report.values()), (projection.name, report)
        assert all(a > 0 for a, _, _ in report.values()), (projection.name, report)
