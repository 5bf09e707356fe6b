"""The service as deployed: health, readiness over both streams, OpenAPI, metrics."""

from __future__ import annotations

import httpx

from services.proposals.app import definition

from .helpers import Members, office, submitted


async def test_health_readiness_openapi_and_metrics(
    client: httpx.AsyncClient, members: Members
) -> None:
    assert (await client.get("/healthz")).json() == {"status": "ok"}
    await members.register("m1", "张三", "chengguan")
    pid = await submitted(client, members, "m1")
    await client.post(f"/proposals/{pid}/register", headers=office())

    ready = await client.get("/readyz")
    assert ready.status_code == 200, ready.text
    # the service has more read models since (lifecycle, reports, artifacts): a superset
    assert set(ready.json()["lag"]) >= {"member_reference/MEMBERS", "proposal_list/PROPOSALS"}

    spec = (await client.get("/openapi.json")).json()
    assert spec["info"]["title"] == "县政协提案服务"
    assert spec["paths"]["/proposals/{proposal_id}/register"]["post"]["summary"].startswith("立案")
    assert "/townships/{township_id}/proposals" in spec["paths"]
    text = (await client.get("/metrics")).text
    assert 'command="register_proposal",outcome="ok",service="proposals"' in text


def test_definition_keeps_one_registry_per_purpose() -> None:
    d = definition()
    assert d.context == "proposals"
    assert all(cls.context == "proposals" for cls in d.registry.classes.values())
    for proj in d.projections("sqlite"):
        assert proj.registry.resolve("cn.cppcc.proposals.proposal.submitted.v1") is not None
        assert proj.registry.resolve("cn.cppcc.members.member.registered.v1") is not None
