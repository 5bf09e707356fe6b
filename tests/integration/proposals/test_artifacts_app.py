"""The artifacts as wired into the proposals service: registries, read models, routes."""

from __future__ import annotations

import httpx

from services.proposals.app import definition
from services.proposals.domain.artifacts import registry as artifacts_registry
from services.proposals.projections.artifacts import artifact_projections


def test_the_service_writes_and_reads_the_artifact_events() -> None:
    d = definition()
    ours = artifact_projections("sqlite")
    assert {p.name for p in ours} <= {p.name for p in d.projections("sqlite")}
    for cls in artifacts_registry.classes.values():
        assert d.registry.resolve(cls.ce_type()) is cls
        assert all(p.registry.resolve(cls.ce_type()) is cls for p in ours)


async def test_openapi_lists_the_artifact_routes_in_chinese(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/openapi.json")).json()
    paths = spec["paths"]
    for path in (
        "/calendar/{year}",
        "/topic-guides/{term_no}/{session_no}",
        "/proposal-leads",
        "/proposals/similar",
        "/assignment-slips",
        "/supervision-slips/{slip_id}/answer",
        "/feedback-forms",
        "/handling-unit-appraisals/{appraisal_id}/ballots",
        "/key-proposal-supervisions/{supervision_id}/report",
        "/handling-consultations",
        "/followup-reviews/{review_id}/conclude",
        "/awards",
    ):
        assert path in paths, path
    assert paths["/proposals/similar"]["get"]["summary"].startswith("重复提案提醒")
    assert "一表一单一评议" in paths["/assignment-slips"]["post"]["tags"]
